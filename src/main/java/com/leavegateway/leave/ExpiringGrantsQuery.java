package com.leavegateway.leave;

import java.time.LocalDate;

/**
 * One employee's grants of one leave type that expire in [from, to];
 * {@code timeOffsetMinutes} east of UTC.
 *
 * @param idType The id type of {@code employeeId}.
 * @param employeeId The employee.
 * @param leaveTypeId The leave type (digits).
 * @param from First expiration date of the window.
 * @param to Last expiration date of the window.
 * @param timeOffsetMinutes The caller's offset from UTC at the start of the window.
 */
public record ExpiringGrantsQuery(UserIdType idType, String employeeId, String leaveTypeId, LocalDate from,
		LocalDate to, int timeOffsetMinutes) {
}
