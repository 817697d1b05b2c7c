package com.leavegateway.cache;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's caches. Values and their reasons are in application.yml.
 *
 * @param balances One employee's balances on one date, per id type, time zone and
 * includeOffboard.
 * @param expiringGrants One employee's grants of one leave type expiring in one window.
 * @param rosters The listing of every employee per query (its ids, page by page); fresh
 * for the balances' ttl, kept for their max-stale.
 * @param firstLevelTtl In {@code gateway.coordination.mode=redis}, how long a replica
 * keeps a balances entry in memory (at most the balances TTL) in front of the shared
 * level in Redis, which keeps it for the balances TTL: it bounds how long a replica that
 * missed an eviction message (while Redis was unreachable) serves the evicted entry.
 * @param refreshAhead Refreshing, in the background, the entries callers read before they
 * expire, and the stale entries callers are served while they are refreshed.
 */
@ConfigurationProperties("gateway.cache")
@Validated
public record CacheProperties(@Valid @NotNull Settings balances, @Valid @NotNull Settings expiringGrants,
		@Valid @NotNull Rosters rosters, @DefaultValue("30s") @NotNull Duration firstLevelTtl,
		@Valid @NotNull @DefaultValue RefreshAhead refreshAhead) {

	/** Cache names, as the actuator caches endpoint and the metrics show them. */
	public static final String BALANCES = "balances";

	public static final String EXPIRING_GRANTS = "expiring-grants";

	public static final String ROSTERS = "balance-rosters";

	/**
	 * @param ttl How long an entry is fresh after it was fetched from Feishu (its
	 * {@code fetchedAt}, on the application's clock): served as a plain hit.
	 * @param maximumSize Most entries kept; the least used go first.
	 * @param maxStale How long past its ttl an entry is still kept and may be served: at
	 * once while one refresh runs (stale-while-revalidate), or instead of Feishu's
	 * failure (stale-if-error). Zero: an entry is gone at its ttl. A caller's
	 * {@code Cache-Control: max-stale=N} or {@code max-age=N} narrows it,
	 * {@code no-cache} refuses it.
	 */
	public record Settings(@NotNull Duration ttl, @Min(1) long maximumSize,
			@DefaultValue("1h") @NotNull Duration maxStale) {

		/** How long the cache keeps an entry: its ttl, then its max-stale. */
		public Duration kept() {
			return this.ttl.plus(this.maxStale);
		}

	}

	/**
	 * @param enabled Whether an entry read during its freshness is refreshed shortly
	 * before it expires; entries nobody read are left to expire.
	 * @param beforeExpiry How long before its ttl ends a read entry is refreshed: about
	 * what a refresh takes (a batch window and a call); a read entry is refreshed every
	 * ttl minus this, and one whose refresh comes late is served stale meanwhile.
	 * @param interval How often the entries read are looked at for refresh-ahead.
	 * @param retryAfterFailure After a failed refresh (Feishu failing, no spare quota),
	 * how long the entry is not refreshed again; meanwhile it is served as stale-if-error
	 * once past its ttl.
	 */
	public record RefreshAhead(@DefaultValue("true") boolean enabled,
			@DefaultValue("10s") @NotNull Duration beforeExpiry, @DefaultValue("5s") @NotNull Duration interval,
			@DefaultValue("15s") @NotNull Duration retryAfterFailure) {
	}

	/**
	 * @param maximumSize Most rosters kept (one per idType, asOfDate, timeZone and
	 * includeOffboard listed); the least used go first.
	 */
	public record Rosters(@Min(1) long maximumSize) {
	}

}
