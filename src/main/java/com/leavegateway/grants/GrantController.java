package com.leavegateway.grants;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.leavegateway.cache.CacheStatus;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.web.Futures;
import com.leavegateway.grants.GrantParameters.GrantWindow;
import com.leavegateway.web.ApiExamples;
import com.leavegateway.problem.AnswersProblems;
import com.leavegateway.web.AsyncAnswers;
import com.leavegateway.web.RequestParameters;

import static com.leavegateway.problem.ProblemCode.COORDINATION_UNAVAILABLE;
import static com.leavegateway.problem.ProblemCode.EMPLOYEE_NOT_FOUND;
import static com.leavegateway.problem.ProblemCode.INVALID_PARAMETER;
import static com.leavegateway.problem.ProblemCode.LEAVE_TYPE_NOT_FOUND;
import static com.leavegateway.problem.ProblemCode.NOT_ACCEPTABLE;
import static com.leavegateway.problem.ProblemCode.QUOTA_EXHAUSTED;
import static com.leavegateway.problem.ProblemCode.UNAUTHORIZED;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_AUTH_FAILED;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_ERROR;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_FORBIDDEN;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_RATE_LIMITED;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_TIMEOUT;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_UNAVAILABLE;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_UNREACHABLE;

/** Grants of leave that expire soon. */
@RestController
@RequestMapping("/api/v1/employees/{employeeId}")
@Tag(name = "Expiring grants", description = "Grants of leave that expire in a date window, with what remains of them")
class GrantController {

	private static final String EMPLOYEE_ID = "The employee's id in idType.";

	private static final String LANGUAGE = "Language of reason and leaveTypeName (e.g. en-US); zh-CN when absent or "
			+ "unknown.";

	private final GrantService grants;

	GrantController(GrantService grants) {
		this.grants = grants;
	}

	/** Grants of one leave type that expire in [from, to], soonest first. */
	@Operation(summary = "Expiring grants of one leave type")
	@ApiResponse(responseCode = "200", description = "OK",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = ExpiringGrantsResponse.class)))
	// produces: a caller that accepts no JSON gets its 406 before Feishu is asked, not
	// after.
	@AnswersProblems({ INVALID_PARAMETER, UNAUTHORIZED, NOT_ACCEPTABLE, QUOTA_EXHAUSTED, COORDINATION_UNAVAILABLE,
			UPSTREAM_RATE_LIMITED, UPSTREAM_ERROR, UPSTREAM_FORBIDDEN, UPSTREAM_AUTH_FAILED, UPSTREAM_UNREACHABLE,
			UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT, EMPLOYEE_NOT_FOUND, LEAVE_TYPE_NOT_FOUND })
	@GetMapping(path = "/leave-types/{leaveTypeId}/expiring-grants", produces = MediaType.APPLICATION_JSON_VALUE)
	Object expiringGrants(
			@Parameter(description = EMPLOYEE_ID, example = ApiExamples.EMPLOYEE_ID) @PathVariable String employeeId,
			@Parameter(description = "Feishu leave type id (digits), as in the balances.",
					example = ApiExamples.LEAVE_TYPE_ID) @PathVariable String leaveTypeId,
			@ParameterObject GrantParameters parameters,
			@Parameter(description = LANGUAGE, example = "en-US") @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE,
					required = false) @Nullable String acceptLanguage,
			@Parameter(description = RequestCacheControl.DESCRIPTION) @RequestHeader(name = HttpHeaders.CACHE_CONTROL,
					required = false) @Nullable String cacheControl) {
		String employee = RequestParameters.employeeId(employeeId);
		String leaveType = RequestParameters.leaveTypeId(leaveTypeId);
		GrantWindow window = this.grants.window(parameters);
		RequestCacheControl request = RequestCacheControl.parse(cacheControl);
		CompletableFuture<GrantCache.Answer> answer = this.grants.expiringGrants(employee, leaveType, window,
				this.grants.urgency(), request);
		return AsyncAnswers.of(Futures.map(answer,
				(grants) -> ResponseEntity.ok()
					.header(CacheStatus.HEADER, GrantService.status(request, List.of(answer)).headerValue())
					.body(new ExpiringGrantsResponse(employee, leaveType, window.from(), window.to(),
							grants.grants().stream().map((grant) -> grant.localized(acceptLanguage)).toList()))));
	}

	/**
	 * Grants of every leave type the employee has (from their balances) that expire in
	 * [from, to], merged and soonest first, with the total that remains per leave type:
	 * what no single Feishu call gives.
	 */
	@Operation(summary = "Expiring grants of all the employee's leave types")
	@ApiResponse(responseCode = "200", description = "OK",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = EmployeeExpiringGrantsResponse.class)))
	@AnswersProblems({ INVALID_PARAMETER, UNAUTHORIZED, NOT_ACCEPTABLE, QUOTA_EXHAUSTED, COORDINATION_UNAVAILABLE,
			UPSTREAM_RATE_LIMITED, UPSTREAM_ERROR, UPSTREAM_FORBIDDEN, UPSTREAM_AUTH_FAILED, UPSTREAM_UNREACHABLE,
			UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT, EMPLOYEE_NOT_FOUND, LEAVE_TYPE_NOT_FOUND })
	@GetMapping(path = "/expiring-grants", produces = MediaType.APPLICATION_JSON_VALUE)
	Object allExpiringGrants(
			@Parameter(description = EMPLOYEE_ID, example = ApiExamples.EMPLOYEE_ID) @PathVariable String employeeId,
			@ParameterObject GrantParameters parameters,
			@Parameter(description = LANGUAGE, example = "en-US") @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE,
					required = false) @Nullable String acceptLanguage,
			@Parameter(description = RequestCacheControl.DESCRIPTION) @RequestHeader(name = HttpHeaders.CACHE_CONTROL,
					required = false) @Nullable String cacheControl) {
		String employee = RequestParameters.employeeId(employeeId);
		return AsyncAnswers.of(Futures.map(
				this.grants.allExpiringGrants(employee, this.grants.window(parameters), acceptLanguage,
						RequestCacheControl.parse(cacheControl)),
				(answer) -> ResponseEntity.ok()
					.header(CacheStatus.HEADER, answer.status().headerValue())
					.body(answer.body())));
	}

}
