package com.leavegateway.feishu;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** {@code data} of one leave_balances page. */
record LeaveBalancesPage(
		@JsonProperty("employment_leave_balance_list") @Nullable List<EmploymentLeaveBalance> employmentLeaveBalanceList,
		@JsonProperty("has_more") @Nullable Boolean hasMore, @JsonProperty("page_token") @Nullable String pageToken) {
}
