package com.leavegateway.grants;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.Grant;
import com.leavegateway.leave.LeaveUnit;

/**
 * Answer of {@code GET /api/v1/employees/{employeeId}/expiring-grants}: every leave type
 * of the employee.
 *
 * @param employeeId The employee asked for.
 * @param from First expiration date of the window.
 * @param to Last expiration date of the window.
 * @param grants The grants of every leave type expiring in the window, soonest first.
 * @param remainingByLeaveType What remains of those grants, per leave type and unit.
 */
record EmployeeExpiringGrantsResponse(String employeeId, LocalDate from, LocalDate to, List<Grant> grants,
		List<LeaveTypeRemaining> remainingByLeaveType) {

	/**
	 * The total left of one leave type's grants that expire in the window.
	 *
	 * @param leaveTypeId The leave type.
	 * @param leaveTypeName Its name in the caller's language.
	 * @param unit DAY or HOUR.
	 * @param remaining Sum of the remaining quantities.
	 * @param grants How many grants make up the sum.
	 */
	record LeaveTypeRemaining(String leaveTypeId, @Nullable String leaveTypeName, LeaveUnit unit, BigDecimal remaining,
			int grants) {
	}

}
