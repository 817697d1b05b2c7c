package com.leavegateway.grants;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.UserIdType;
import com.leavegateway.problem.ApiException;
import com.leavegateway.web.RequestParameters;

/**
 * The query parameters of both expiring-grants endpoints. They are bound as text, so that
 * a bad value is a 400 that names the parameter with the gateway's own words; the
 * documentation gives their types.
 *
 * @param from First expiration date of the window, yyyy-MM-dd; default today in timeZone.
 * @param to Last expiration date of the window, yyyy-MM-dd; default from +
 * gateway.default-grant-window (90 days).
 * @param idType Id type of employeeId: people_corehr_id (default), open_id, union_id or
 * user_id.
 * @param timeZone IANA time zone for today; Feishu is sent its UTC offset in minutes.
 * Default Asia/Shanghai.
 */
record GrantParameters(@Parameter(schema = @Schema(type = "string", format = "date")) @Nullable String from,
		@Parameter(schema = @Schema(type = "string", format = "date")) @Nullable String to,
		@Parameter(example = "people_corehr_id",
				schema = @Schema(implementation = UserIdType.class)) @Nullable String idType,
		@Parameter(example = "Asia/Shanghai") @Nullable String timeZone) {

	/**
	 * The checked window: [from, to], by default today (in the request's time zone) and
	 * today plus {@code defaultLength}.
	 */
	GrantWindow window(ZoneId defaultZone, Period defaultLength, Clock clock) {
		UserIdType type = RequestParameters.idType(this.idType);
		ZoneId zone = RequestParameters.timeZone(this.timeZone, defaultZone);
		LocalDate today = LocalDate.now(clock.withZone(zone));
		LocalDate start = RequestParameters.date("from", this.from, today);
		LocalDate end = RequestParameters.date("to", this.to, start.plus(defaultLength));
		if (start.isAfter(end)) {
			throw ApiException.invalidParameter("from", "from must not be after to.");
		}
		if (this.to == null && end.getYear() > 2199) {
			throw ApiException.invalidParameter("from", "from plus the default window must end before 2200.");
		}
		return new GrantWindow(type, zone, today, start, end);
	}

	/**
	 * A checked request: the id type, the zone "today" is taken in, and the window of
	 * expiration dates.
	 */
	record GrantWindow(UserIdType idType, ZoneId zone, LocalDate today, LocalDate from, LocalDate to) {
	}

}
