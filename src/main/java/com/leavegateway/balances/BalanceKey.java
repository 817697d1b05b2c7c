package com.leavegateway.balances;

import com.leavegateway.feishu.BalanceQuery;
import com.leavegateway.web.EmployeeScopedKey;

/**
 * One cache entry: one employee's balances for one (idType, asOfDate, timeZone,
 * includeOffboard).
 */
record BalanceKey(BalanceQuery query, String employeeId) implements EmployeeScopedKey {
}
