package com.leavegateway.grants;

import java.time.LocalDate;
import java.util.List;

import com.leavegateway.leave.Grant;

/**
 * Answer of {@code GET
 * /api/v1/employees/{employeeId}/leave-types/{leaveTypeId}/expiring-grants}.
 *
 * @param employeeId The employee asked for.
 * @param leaveTypeId The leave type asked for.
 * @param from First expiration date of the window.
 * @param to Last expiration date of the window.
 * @param grants The grants expiring in the window, soonest first.
 */
record ExpiringGrantsResponse(String employeeId, String leaveTypeId, LocalDate from, LocalDate to, List<Grant> grants) {
}
