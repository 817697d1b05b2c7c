package com.leavegateway.balances;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.cache.EmployeeScopedKey;

/**
 * One cache entry: one employee's balances for one (idType, asOfDate, timeZone,
 * includeOffboard).
 */
record BalanceKey(BalanceQuery query, String employeeId) implements EmployeeScopedKey {
}
