/**
 * Leave balances: {@code GET /api/v1/leave-balances} for many employees (or all) and
 * {@code GET /api/v1/employees/{employeeId}/leave-balances} for one, as exact decimals
 * with the caller's language.
 */
@NullMarked
package com.leavegateway.balances;

import org.jspecify.annotations.NullMarked;
