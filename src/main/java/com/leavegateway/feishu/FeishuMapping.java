package com.leavegateway.feishu;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.Balance;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.Grant;
import com.leavegateway.leave.GrantSource;
import com.leavegateway.leave.LeaveUnit;

/**
 * Feishu's wire records to the gateway's own: names only, values exact. A value that does
 * not fit makes the answer unusable (502) rather than guessed.
 */
final class FeishuMapping {

	private FeishuMapping() {
	}

	/**
	 * One employee of leave_balances. Offboarding fields only when asked for: the
	 * caller's contract, whatever Feishu happens to send.
	 */
	static Employee employee(EmploymentLeaveBalance feishu, BalanceQuery query, Instant fetchedAt) {
		FeishuApi api = FeishuApi.LEAVE_BALANCES;
		LocalDate asOfDate = FeishuValues.date(api, feishu.asOfDate());
		List<EmploymentLeaveBalance.LeaveBalance> balances = (feishu.leaveBalanceList() != null)
				? feishu.leaveBalanceList() : List.of();
		return new Employee(feishu.employmentId(), null, FeishuValues.texts(feishu.employmentName()),
				(asOfDate != null) ? asOfDate : query.asOfDate(),
				balances.stream().map((balance) -> balance(balance, query.includeOffboard())).toList(), fetchedAt);
	}

	private static Balance balance(EmploymentLeaveBalance.LeaveBalance feishu, boolean offboard) {
		FeishuApi api = FeishuApi.LEAVE_BALANCES;
		if (feishu == null || feishu.leaveTypeId() == null) {
			throw FeishuValues.badResponse(api, "balance without leave type");
		}
		return new Balance(feishu.leaveTypeId(), null, FeishuValues.texts(feishu.leaveTypeName()),
				unit(api, feishu.leaveDurationUnit()), FeishuValues.decimal(api, feishu.leaveBalance()),
				FeishuValues.decimal(api, feishu.historicalCyclesLeft()),
				FeishuValues.decimal(api, feishu.thisCycleTotal()), FeishuValues.decimal(api, feishu.thisCycleTaken()),
				FeishuValues.decimal(api, feishu.balanceInCurrentCycle()),
				FeishuValues.decimal(api, feishu.takenHistoryCycle()),
				offboard ? FeishuValues.decimal(api, feishu.historyCycleAccrual()) : null,
				offboard ? FeishuValues.decimal(api, feishu.taken()) : null,
				offboard ? FeishuValues.decimal(api, feishu.takenCurrentDate()) : null,
				offboard ? FeishuValues.decimal(api, feishu.offboardingBalance()) : null,
				offboard ? FeishuValues.decimal(api, feishu.offboardingGranted()) : null);
	}

	/** One record of leave_employ_expire_records as a grant. */
	static Grant grant(ExpireRecord record) {
		FeishuApi api = FeishuApi.LEAVE_EXPIRE_RECORDS;
		String subType = record.leaveSubTypeId();
		return new Grant(record.id(), record.leaveTypeId(), (subType == null || subType.isEmpty()) ? null : subType,
				FeishuValues.decimal(api, record.grantingQuantity()),
				FeishuValues.decimal(api, record.leftGrantingQuantity()), unit(api, record.grantingUnit()),
				FeishuValues.date(api, record.effectiveDate()), FeishuValues.date(api, record.expirationDate()), null,
				FeishuValues.texts(record.reason()), source(record.accrualSource()),
				Boolean.TRUE.equals(record.isUpdateByExternal()),
				record.sectionType() != null && record.sectionType() == 2);
	}

	/** Feishu says 1 for days, 2 for hours. */
	private static LeaveUnit unit(FeishuApi api, @Nullable Integer code) {
		if (code != null && code == 1) {
			return LeaveUnit.DAY;
		}
		if (code != null && code == 2) {
			return LeaveUnit.HOUR;
		}
		throw FeishuValues.badResponse(api, "unknown leave unit");
	}

	/** Feishu's accrual_source 1 to 6. */
	private static GrantSource source(@Nullable Integer accrualSource) {
		GrantSource[] sources = GrantSource.values();
		if (accrualSource == null || accrualSource < 1 || accrualSource > sources.length) {
			throw FeishuValues.badResponse(FeishuApi.LEAVE_EXPIRE_RECORDS, "unknown accrual source");
		}
		return sources[accrualSource - 1];
	}

}
