package com.leavegateway.grants;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.leavegateway.feishu.UserIdType;
import com.leavegateway.web.ApiException;
import com.leavegateway.web.GatewayProperties;
import com.leavegateway.web.RequestParameters;

@RestController
@RequestMapping("/api/v1/employees/{employeeId}")
class GrantController {

	private final GrantService grants;

	private final GatewayProperties properties;

	private final Clock clock;

	GrantController(GrantService grants, GatewayProperties properties, Clock clock) {
		this.grants = grants;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/leave-types/{leaveTypeId}/expiring-grants")
	ExpiringGrantsResponse expiringGrants(@PathVariable String employeeId, @PathVariable String leaveTypeId,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String idType,
			@RequestParam(required = false) @Nullable String timeZone,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
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

	@GetMapping("/expiring-grants")
	EmployeeExpiringGrantsResponse allExpiringGrants(@PathVariable String employeeId,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String idType,
			@RequestParam(required = false) @Nullable String timeZone,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
		String employee = RequestParameters.employeeId(employeeId);
		UserIdType type = RequestParameters.idType(idType);
		ZoneId zone = RequestParameters.timeZone(timeZone, this.properties.defaultTimeZone());
		Window window = window(from, to, zone);
		return this.grants.allExpiringGrants(type, employee, window.today(), window.from(), window.to(), zone,
				acceptLanguage);
	}

	/** [from, to], by default today and today plus {@code gateway.default-grant-window}. */
	private Window window(@Nullable String from, @Nullable String to, ZoneId zone) {
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		LocalDate start = RequestParameters.date("from", from, today);
		LocalDate end = RequestParameters.date("to", to, start.plus(this.properties.defaultGrantWindow()));
		if (start.isAfter(end)) {
			throw ApiException.invalidParameter("from", "from must not be after to.");
		}
		return new Window(today, start, end);
	}

	private record Window(LocalDate today, LocalDate from, LocalDate to) {
	}

}
