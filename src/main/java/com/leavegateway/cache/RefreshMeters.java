package com.leavegateway.cache;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One cache's meters of refreshes and stale answers: {@code gateway.cache.refreshes} by
 * outcome and {@code gateway.cache.stale.answers} by reason, tagged with the cache's
 * name. The background permits refreshes use are the quota's own meters
 * ({@code gateway.quota.window.permits} and {@code gateway.quota.wait} with
 * {@code priority=background}).
 */
public final class RefreshMeters {

	private final Map<Outcome, Counter> refreshes = new EnumMap<>(Outcome.class);

	private final Counter revalidating;

	private final Counter staleIfError;

	private final MeterRegistry meters;

	private final String cache;

	public RefreshMeters(MeterRegistry meters, String cache) {
		this.meters = meters;
		this.cache = cache;
		for (Outcome outcome : Outcome.values()) {
			this.refreshes.put(outcome,
					Counter.builder("gateway.cache.refreshes")
						.description("Refreshes of cached entries (ahead of expiry, of stale entries, and callers' "
								+ "fetches of entries they would not take), by outcome")
						.tag("cache", cache)
						.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
						.register(meters));
		}
		this.revalidating = staleAnswers(meters, cache, "revalidating");
		this.staleIfError = staleAnswers(meters, cache, "stale-if-error");
	}

	private static Counter staleAnswers(MeterRegistry meters, String cache, String reason) {
		return Counter.builder("gateway.cache.stale.answers")
			.description("Entries answered past their ttl: while a refresh runs, or after one failed")
			.tag("cache", cache)
			.tag("reason", reason)
			.register(meters);
	}

	/**
	 * {@code gateway.cache.refreshes.running}: the refreshes under way in
	 * {@code running}.
	 */
	public void running(Map<?, ?> running) {
		Gauge.builder("gateway.cache.refreshes.running", running, Map::size)
			.description("Refreshes of cached entries under way")
			.tag("cache", this.cache)
			.register(this.meters);
	}

	public void refreshed(Outcome outcome) {
		this.refreshes.get(outcome).increment();
	}

	/** An entry was answered stale: while it is refreshed, or after Feishu failed. */
	public void servedStale(boolean revalidating) {
		(revalidating ? this.revalidating : this.staleIfError).increment();
	}

	/** How a refresh ended. */
	public enum Outcome {

		/** A new entry replaced the old one. */
		SUCCESS,

		/**
		 * Feishu failed, or no permit could be had: the old entry stays, served as
		 * stale-if-error once past its ttl.
		 */
		FAILED,

		/**
		 * Feishu no longer knows the employee, or refuses it: the old entry is dropped.
		 */
		DROPPED

	}

}
