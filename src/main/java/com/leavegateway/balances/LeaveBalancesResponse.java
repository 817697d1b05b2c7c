package com.leavegateway.balances;

import java.time.LocalDate;
import java.util.List;

import com.leavegateway.leave.Employee;
import com.leavegateway.leave.UserIdType;

/**
 * Answer of {@code GET /api/v1/leave-balances}.
 *
 * @param asOfDate The date asked for (today in the requested time zone when none was
 * given).
 * @param idType The id type of every id in the answer.
 * @param employees The employees found, in the order asked.
 * @param notFound Ids Feishu returned nothing for.
 */
record LeaveBalancesResponse(LocalDate asOfDate, UserIdType idType, List<Employee> employees, List<String> notFound) {
}
