package com.leavegateway.balances;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.UserIdType;
import com.leavegateway.web.RequestParameters;

/**
 * The query parameters every balance endpoint takes. They are bound as text, so that a
 * bad value is a 400 that names the parameter with the gateway's own words; the
 * documentation gives their types.
 *
 * @param asOfDate Date of the balances, yyyy-MM-dd; default today in timeZone.
 * @param idType Id type of the employee ids: people_corehr_id (default), open_id,
 * union_id or user_id.
 * @param timeZone IANA time zone for today and for Feishu; default
 * gateway.default-time-zone (Asia/Shanghai).
 * @param includeOffboard true adds the offboarding-proration fields to each balance.
 */
record BalanceParameters(@Parameter(schema = @Schema(type = "string", format = "date")) @Nullable String asOfDate,
		@Parameter(example = "people_corehr_id",
				schema = @Schema(implementation = UserIdType.class)) @Nullable String idType,
		@Parameter(example = "Asia/Shanghai") @Nullable String timeZone,
		@Parameter(example = "false", schema = @Schema(type = "boolean")) @Nullable String includeOffboard) {

	/** The checked query; "today" is taken in the request's time zone. */
	BalanceQuery query(ZoneId defaultZone, Clock clock) {
		ZoneId zone = RequestParameters.timeZone(this.timeZone, defaultZone);
		return new BalanceQuery(RequestParameters.idType(this.idType),
				RequestParameters.date("asOfDate", this.asOfDate, LocalDate.now(clock.withZone(zone))), zone,
				RequestParameters.flag("includeOffboard", this.includeOffboard));
	}

}
