package com.leavegateway.feishu;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One employee in {@code data.employment_leave_balance_list} of leave_balances: Feishu's
 * fields, named in camel case (snake_case on the wire).
 */
record EmploymentLeaveBalance(String employmentId, @Nullable List<FeishuI18n> employmentName, @Nullable String asOfDate,
		@Nullable List<LeaveBalance> leaveBalanceList) {

	/**
	 * One leave type's balance. Every quantity is a decimal string; the offboarding
	 * fields come only with {@code include_offboard=true}.
	 */
	record LeaveBalance(String leaveTypeId, @Nullable List<FeishuI18n> leaveTypeName,
			@Nullable String historicalCyclesLeft, @Nullable String thisCycleTotal, @Nullable String thisCycleTaken,
			@Nullable String leaveBalance, @Nullable Integer leaveDurationUnit, @Nullable String historyCycleAccrual,
			@Nullable String balanceInCurrentCycle, @Nullable String taken, @Nullable String takenHistoryCycle,
			@Nullable String offboardingBalance, @Nullable String takenCurrentDate,
			@Nullable String offboardingGranted) {
	}

}
