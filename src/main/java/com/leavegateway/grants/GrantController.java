package com.leavegateway.grants;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.leavegateway.leave.UserIdType;
import com.leavegateway.web.ApiExamples;
import com.leavegateway.problem.ApiException;
import com.leavegateway.web.GatewayProperties;
import com.leavegateway.web.RequestParameters;

/** Grants of leave that expire soon. */
@RestController
@RequestMapping("/api/v1/employees/{employeeId}")
@Tag(name = "Expiring grants", description = "Grants of leave that expire in a date window, with what remains of them")
class GrantController {

	private final GrantService grants;

	private final GatewayProperties properties;

	private final Clock clock;

	GrantController(GrantService grants, GatewayProperties properties, Clock clock) {
		this.grants = grants;
		this.properties = properties;
		this.clock = clock;
	}

	/** Grants of one leave type that expire in [from, to], soonest first. */
	@Operation(summary = "Expiring grants of one leave type")
	// produces: a caller that accepts no JSON gets its 406 before Feishu is asked, not
	// after.
	@GetMapping(path = "/leave-types/{leaveTypeId}/expiring-grants", produces = MediaType.APPLICATION_JSON_VALUE)
	ExpiringGrantsResponse expiringGrants(
			@Parameter(description = "The employee's id in idType.",
					example = ApiExamples.EMPLOYEE_ID) @PathVariable String employeeId,
			@Parameter(description = "Feishu leave type id (digits), as in the balances.",
					example = ApiExamples.LEAVE_TYPE_ID) @PathVariable String leaveTypeId,
			@Parameter(description = "First expiration date of the window, yyyy-MM-dd; default today in timeZone.",
					example = ApiExamples.DATE) @RequestParam(required = false) @Nullable String from,
			@Parameter(
					description = "Last expiration date of the window, yyyy-MM-dd; default from + gateway.default-grant-window (90 days).",
					example = "2027-02-19") @RequestParam(required = false) @Nullable String to,
			@Parameter(description = "Id type of employeeId: people_corehr_id (default), open_id, union_id or user_id.",
					example = "people_corehr_id") @RequestParam(required = false) @Nullable String idType,
			@Parameter(
					description = "IANA time zone for today; Feishu is sent its UTC offset in minutes. Default Asia/Shanghai.",
					example = "Asia/Shanghai") @RequestParam(required = false) @Nullable String timeZone,
			@Parameter(description = "Language of reason and leaveTypeName (e.g. en-US); zh-CN when absent or unknown.",
					example = "en-US") @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE,
							required = false) @Nullable String acceptLanguage) {
		String employee = RequestParameters.employeeId(employeeId);
		String leaveType = RequestParameters.leaveTypeId(leaveTypeId);
		UserIdType type = RequestParameters.idType(idType);
		ZoneId zone = RequestParameters.timeZone(timeZone, this.properties.defaultTimeZone());
		Window window = window(from, to, zone);
		return new ExpiringGrantsResponse(employee, leaveType, window.from(), window.to(),
				this.grants.expiringGrants(type, employee, leaveType, window.from(), window.to(), zone)
					.stream()
					.map((grant) -> grant.localized(acceptLanguage))
					.toList());
	}

	/**
	 * Grants of every leave type the employee has (from their balances) that expire in
	 * [from, to], merged and soonest first, with the total that remains per leave type:
	 * what no single Feishu call gives.
	 */
	@Operation(summary = "Expiring grants of all the employee's leave types")
	@GetMapping(path = "/expiring-grants", produces = MediaType.APPLICATION_JSON_VALUE)
	EmployeeExpiringGrantsResponse allExpiringGrants(
			@Parameter(description = "The employee's id in idType.",
					example = ApiExamples.EMPLOYEE_ID) @PathVariable String employeeId,
			@Parameter(description = "First expiration date of the window, yyyy-MM-dd; default today in timeZone.",
					example = ApiExamples.DATE) @RequestParam(required = false) @Nullable String from,
			@Parameter(
					description = "Last expiration date of the window, yyyy-MM-dd; default from + gateway.default-grant-window (90 days).",
					example = "2027-02-19") @RequestParam(required = false) @Nullable String to,
			@Parameter(description = "Id type of employeeId: people_corehr_id (default), open_id, union_id or user_id.",
					example = "people_corehr_id") @RequestParam(required = false) @Nullable String idType,
			@Parameter(
					description = "IANA time zone for today; Feishu is sent its UTC offset in minutes. Default Asia/Shanghai.",
					example = "Asia/Shanghai") @RequestParam(required = false) @Nullable String timeZone,
			@Parameter(description = "Language of reason and leaveTypeName (e.g. en-US); zh-CN when absent or unknown.",
					example = "en-US") @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE,
							required = false) @Nullable String acceptLanguage) {
		String employee = RequestParameters.employeeId(employeeId);
		UserIdType type = RequestParameters.idType(idType);
		ZoneId zone = RequestParameters.timeZone(timeZone, this.properties.defaultTimeZone());
		Window window = window(from, to, zone);
		return this.grants.allExpiringGrants(type, employee, window.today(), window.from(), window.to(), zone,
				acceptLanguage);
	}

	/**
	 * [from, to], by default today and today plus {@code gateway.default-grant-window}.
	 */
	private Window window(@Nullable String from, @Nullable String to, ZoneId zone) {
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		LocalDate start = RequestParameters.date("from", from, today);
		LocalDate end = RequestParameters.date("to", to, start.plus(this.properties.defaultGrantWindow()));
		if (start.isAfter(end)) {
			throw ApiException.invalidParameter("from", "from must not be after to.");
		}
		if (to == null && end.getYear() > 2199) {
			throw ApiException.invalidParameter("from", "from plus the default window must end before 2200.");
		}
		return new Window(today, start, end);
	}

	private record Window(LocalDate today, LocalDate from, LocalDate to) {
	}

}
