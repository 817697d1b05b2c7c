package com.leavegateway.leave;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What a balance lookup asks for besides the employees: always explicit, so that an
 * answer has a date.
 *
 * @param idType The id type of the employee ids.
 * @param asOfDate The date of the balances.
 * @param timeZone The zone "today" and Feishu's time_zone are taken in.
 * @param includeOffboard Whether the offboarding-proration fields are wanted.
 */
public record BalanceQuery(UserIdType idType, LocalDate asOfDate, ZoneId timeZone, boolean includeOffboard) {
}
