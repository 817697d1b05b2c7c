package com.leavegateway.feishu;

import java.util.List;

import com.leavegateway.leave.Employee;

/**
 * What leave_balances gave for a list of ids: the employees found, and those Feishu
 * refused or failed on, each alone. Ids in neither are unknown to Feishu.
 *
 * @param employees The employees found.
 * @param failed The employees Feishu refused or failed on.
 */
public record LeaveBalances(List<Employee> employees, List<FailedEmployee> failed) {
}
