package com.leavegateway.feishu;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One employee in {@code data.employment_leave_balance_list} of leave_balances, named as
 * Feishu names it.
 */
record EmploymentLeaveBalance(@JsonProperty("employment_id") String employmentId,
		@JsonProperty("employment_name") @Nullable List<FeishuI18n> employmentName,
		@JsonProperty("as_of_date") @Nullable String asOfDate,
		@JsonProperty("leave_balance_list") @Nullable List<LeaveBalance> leaveBalanceList) {

	/**
	 * One leave type's balance. Every quantity is a decimal string; the offboarding
	 * fields come only with {@code include_offboard=true}.
	 */
	record LeaveBalance(@JsonProperty("leave_type_id") String leaveTypeId,
			@JsonProperty("leave_type_name") @Nullable List<FeishuI18n> leaveTypeName,
			@JsonProperty("historical_cycles_left") @Nullable String historicalCyclesLeft,
			@JsonProperty("this_cycle_total") @Nullable String thisCycleTotal,
			@JsonProperty("this_cycle_taken") @Nullable String thisCycleTaken,
			@JsonProperty("leave_balance") @Nullable String leaveBalance,
			@JsonProperty("leave_duration_unit") @Nullable Integer leaveDurationUnit,
			@JsonProperty("history_cycle_accrual") @Nullable String historyCycleAccrual,
			@JsonProperty("balance_in_current_cycle") @Nullable String balanceInCurrentCycle,
			@JsonProperty("taken") @Nullable String taken,
			@JsonProperty("taken_history_cycle") @Nullable String takenHistoryCycle,
			@JsonProperty("offboarding_balance") @Nullable String offboardingBalance,
			@JsonProperty("taken_current_date") @Nullable String takenCurrentDate,
			@JsonProperty("offboarding_granted") @Nullable String offboardingGranted) {
	}

}
