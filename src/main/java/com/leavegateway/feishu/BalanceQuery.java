package com.leavegateway.feishu;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What a leave_balances call asks for besides the employees: always explicit, so that an
 * answer has a date.
 */
public record BalanceQuery(UserIdType idType, LocalDate asOfDate, ZoneId timeZone, boolean includeOffboard) {
}
