package com.leavegateway.balances;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.leavegateway.feishu.EmploymentLeaveBalance;
import com.leavegateway.feishu.FeishuApi;
import com.leavegateway.feishu.FeishuValues;

/** Feishu's leave_balances records to the gateway's; names only, values exact. */
final class FeishuBalanceMapping {

	private static final FeishuApi API = FeishuApi.LEAVE_BALANCES;

	private FeishuBalanceMapping() {
	}

	/**
	 * Offboarding fields only when asked for: the caller's contract, whatever Feishu
	 * happens to send.
	 */
	static Employee employee(EmploymentLeaveBalance feishu, LocalDate requestedDate, boolean includeOffboard,
			Instant fetchedAt) {
		LocalDate asOfDate = FeishuValues.date(API, feishu.asOfDate());
		List<EmploymentLeaveBalance.LeaveBalance> balances = (feishu.leaveBalanceList() != null)
				? feishu.leaveBalanceList() : List.of();
		return new Employee(feishu.employmentId(), null, FeishuValues.texts(feishu.employmentName()),
				(asOfDate != null) ? asOfDate : requestedDate,
				balances.stream().map((balance) -> balance(balance, includeOffboard)).toList(), fetchedAt);
	}

	private static Balance balance(EmploymentLeaveBalance.LeaveBalance feishu, boolean includeOffboard) {
		if (feishu == null || feishu.leaveTypeId() == null) {
			throw FeishuValues.badResponse(API, "balance without leave type");
		}
		return new Balance(feishu.leaveTypeId(), null, FeishuValues.texts(feishu.leaveTypeName()),
				LeaveUnit.fromFeishu(API, feishu.leaveDurationUnit()), FeishuValues.decimal(API, feishu.leaveBalance()),
				FeishuValues.decimal(API, feishu.historicalCyclesLeft()),
				FeishuValues.decimal(API, feishu.thisCycleTotal()), FeishuValues.decimal(API, feishu.thisCycleTaken()),
				FeishuValues.decimal(API, feishu.balanceInCurrentCycle()),
				FeishuValues.decimal(API, feishu.takenHistoryCycle()),
				includeOffboard ? FeishuValues.decimal(API, feishu.historyCycleAccrual()) : null,
				includeOffboard ? FeishuValues.decimal(API, feishu.taken()) : null,
				includeOffboard ? FeishuValues.decimal(API, feishu.takenCurrentDate()) : null,
				includeOffboard ? FeishuValues.decimal(API, feishu.offboardingBalance()) : null,
				includeOffboard ? FeishuValues.decimal(API, feishu.offboardingGranted()) : null);
	}

}
