package com.leavegateway.feishu;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** {@code data} of one leave_balances page. */
record LeaveBalancesPage(@Nullable List<EmploymentLeaveBalance> employmentLeaveBalanceList, @Nullable Boolean hasMore,
		@Nullable String pageToken) {
}
