package com.leavegateway.leave;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One leave type's balance of one employee, exact as Feishu computed it. The last five
 * fields come only with {@code includeOffboard=true}.
 *
 * @param leaveTypeId Feishu's leave type id (digits).
 * @param leaveTypeName The leave type's name in the caller's language.
 * @param leaveTypeNames The leave type's names by language tag.
 * @param unit DAY or HOUR; UNKNOWN when Feishu sent a unit it does not document.
 * @param unitCode With UNKNOWN only: Feishu's leave_duration_unit as sent.
 * @param balance Balance as of the date (Feishu leave_balance).
 * @param carriedOver Left over from earlier cycles (historical_cycles_left).
 * @param grantedThisCycle Granted in the current cycle (this_cycle_total).
 * @param takenThisCycle Taken against the current cycle (this_cycle_taken).
 * @param balanceThisCycle Balance of the current cycle (balance_in_current_cycle).
 * @param takenHistoryCycles Taken against earlier cycles (taken_history_cycle).
 * @param grantedHistoryCycles Granted in earlier cycles (history_cycle_accrual).
 * @param taken Taken in all (taken).
 * @param takenToDate Taken up to the date (taken_current_date).
 * @param offboardingBalance Balance prorated for offboarding (offboarding_balance).
 * @param offboardingGranted Granted this cycle prorated for offboarding
 * (offboarding_granted).
 */
public record Balance(String leaveTypeId, @Nullable String leaveTypeName, Map<String, String> leaveTypeNames,
		LeaveUnit unit, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer unitCode,
		@Nullable BigDecimal balance, @Nullable BigDecimal carriedOver, @Nullable BigDecimal grantedThisCycle,
		@Nullable BigDecimal takenThisCycle, @Nullable BigDecimal balanceThisCycle,
		@Nullable BigDecimal takenHistoryCycles,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable BigDecimal grantedHistoryCycles,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable BigDecimal taken,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable BigDecimal takenToDate,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable BigDecimal offboardingBalance,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable BigDecimal offboardingGranted) {

	Balance localized(@Nullable String acceptLanguage) {
		return new Balance(this.leaveTypeId, Languages.pick(this.leaveTypeNames, acceptLanguage), this.leaveTypeNames,
				this.unit, this.unitCode, this.balance, this.carriedOver, this.grantedThisCycle, this.takenThisCycle,
				this.balanceThisCycle, this.takenHistoryCycles, this.grantedHistoryCycles, this.taken, this.takenToDate,
				this.offboardingBalance, this.offboardingGranted);
	}

}
