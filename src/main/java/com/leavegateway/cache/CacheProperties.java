package com.leavegateway.cache;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's caches. Values and their reasons are in application.yml.
 *
 * @param balances One employee's balances on one date, per id type, time zone and
 * includeOffboard.
 * @param expiringGrants One employee's grants of one leave type expiring in one window.
 * @param rosters The listing of every employee per query (its ids, page by page); kept
 * for the balances' ttl.
 */
@ConfigurationProperties("gateway.cache")
@Validated
public record CacheProperties(@Valid @NotNull Settings balances, @Valid @NotNull Settings expiringGrants,
		@Valid @NotNull Rosters rosters) {

	/** Cache names, as the actuator caches endpoint and the metrics show them. */
	public static final String BALANCES = "balances";

	public static final String EXPIRING_GRANTS = "expiring-grants";

	public static final String ROSTERS = "balance-rosters";

	/**
	 * @param ttl How long an entry is served after it was fetched from Feishu.
	 * @param maximumSize Most entries kept; the least used go first.
	 */
	public record Settings(@NotNull Duration ttl, @Min(1) long maximumSize) {
	}

	/**
	 * @param maximumSize Most rosters kept (one per idType, asOfDate, timeZone and
	 * includeOffboard listed); the least used go first.
	 */
	public record Rosters(@Min(1) long maximumSize) {
	}

}
