package com.leavegateway.feishu;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.leavegateway.leave.Balance;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.Grant;
import com.leavegateway.leave.GrantSource;
import com.leavegateway.leave.LeaveUnit;

/**
 * Feishu's wire records to the gateway's own: names only, values exact. A value that does
 * not fit makes the answer unusable (502) rather than guessed, except an enumeration
 * value Feishu does not document (a new unit or accrual source): that is UNKNOWN with the
 * raw number beside it, logged once per value, so that Feishu adding a value breaks
 * nobody's answer.
 */
final class FeishuMapping {

	private static final Logger logger = LoggerFactory.getLogger(FeishuMapping.class);

	/** The undocumented values already logged, as "field=value". */
	private static final Set<String> reported = ConcurrentHashMap.newKeySet();

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
		LeaveUnit unit = unit(api, feishu.leaveDurationUnit(), "leave_duration_unit");
		return new Balance(feishu.leaveTypeId(), null, FeishuValues.texts(feishu.leaveTypeName()), unit,
				unknown(unit, feishu.leaveDurationUnit()), FeishuValues.decimal(api, feishu.leaveBalance()),
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
		LeaveUnit unit = unit(api, record.grantingUnit(), "granting_unit");
		GrantSource source = source(record.accrualSource());
		return new Grant(record.id(), record.leaveTypeId(), (subType == null || subType.isEmpty()) ? null : subType,
				FeishuValues.decimal(api, record.grantingQuantity()),
				FeishuValues.decimal(api, record.leftGrantingQuantity()), unit, unknown(unit, record.grantingUnit()),
				FeishuValues.date(api, record.effectiveDate()), FeishuValues.date(api, record.expirationDate()), null,
				FeishuValues.texts(record.reason()), source, unknown(source, record.accrualSource()),
				Boolean.TRUE.equals(record.isUpdateByExternal()),
				record.sectionType() != null && record.sectionType() == 2);
	}

	/**
	 * Feishu says 1 for days, 2 for hours; another number is UNKNOWN. No unit at all
	 * leaves the quantities meaningless: the answer is unusable.
	 */
	private static LeaveUnit unit(FeishuApi api, @Nullable Integer code, String field) {
		if (code == null) {
			throw FeishuValues.badResponse(api, "no leave unit");
		}
		return switch (code) {
			case 1 -> LeaveUnit.DAY;
			case 2 -> LeaveUnit.HOUR;
			default -> reportUnknown(field, code, LeaveUnit.UNKNOWN);
		};
	}

	/** Feishu's accrual_source 1 to 6; another number, or none, is UNKNOWN. */
	private static GrantSource source(@Nullable Integer accrualSource) {
		if (accrualSource == null || accrualSource < 1 || accrualSource >= GrantSource.UNKNOWN.ordinal() + 1) {
			return reportUnknown("accrual_source", accrualSource, GrantSource.UNKNOWN);
		}
		return GrantSource.values()[accrualSource - 1];
	}

	/** The raw value beside an UNKNOWN, null beside a known value. */
	private static @Nullable Integer unknown(Enum<?> mapped, @Nullable Integer raw) {
		return (mapped == LeaveUnit.UNKNOWN || mapped == GrantSource.UNKNOWN) ? raw : null;
	}

	private static <T> T reportUnknown(String field, @Nullable Integer value, T unknown) {
		if (reported.add(field + "=" + value)) {
			logger.warn("Feishu sent {} {}, which its documentation does not list; answered as UNKNOWN", field, value);
		}
		return unknown;
	}

}
