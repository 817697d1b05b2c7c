package com.leavegateway.balances;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.UserIdType;
import com.leavegateway.problem.ProblemCode;

/**
 * Answer of {@code GET /api/v1/leave-balances}.
 *
 * @param asOfDate The date asked for (today in the requested time zone when none was
 * given).
 * @param idType The id type of every id in the answer.
 * @param employees The employees found, in the order asked.
 * @param notFound Ids Feishu returned nothing for.
 * @param failed Employees Feishu refused or failed on, each with the code the
 * single-employee endpoint would answer; the others are answered all the same.
 * @param nextCursor Only on a page of the listing of every employee (with limit) that is
 * not the last: send it as cursor for the next page.
 */
record LeaveBalancesResponse(LocalDate asOfDate, UserIdType idType, List<Employee> employees, List<String> notFound,
		List<FailedEmployee> failed, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String nextCursor) {

	/** An answer that is no page of a paged listing. */
	LeaveBalancesResponse(LocalDate asOfDate, UserIdType idType, List<Employee> employees, List<String> notFound,
			List<FailedEmployee> failed) {
		this(asOfDate, idType, employees, notFound, failed, null);
	}

	/**
	 * One employee Feishu refused or failed on.
	 *
	 * @param employeeId The id as asked.
	 * @param code UPSTREAM_FORBIDDEN for a permission refusal, otherwise UPSTREAM_ERROR.
	 * @param feishuCode Feishu's error code.
	 * @param feishuMsg Feishu's message.
	 */
	@Schema(name = "FailedEmployee")
	record FailedEmployee(@Schema(example = "7383310440851843102") String employeeId,
			@Schema(example = "UPSTREAM_FORBIDDEN", allowableValues = {
					"UPSTREAM_FORBIDDEN", "UPSTREAM_ERROR" }) String code,
			@Schema(example = "1160035") int feishuCode,
			@Schema(example = "No permission to access the employee data") String feishuMsg){

		static FailedEmployee of(String employeeId, FeishuErrorException error) {
			return new FailedEmployee(employeeId, ProblemCode.of(error).name(), error.code(), error.feishuMessage());
		}

	}

}
