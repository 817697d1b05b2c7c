package com.leavegateway.cache;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a cached entry may answer a request, judged from its {@code fetchedAt} on the
 * application's clock, the cache's {@code ttl} and {@code max-stale} and the request's
 * {@link RequestCacheControl}: one rule for every cache and every path that serves from
 * one.
 *
 * @param state What the entry is to the request.
 * @param ttlSeconds Its freshness left in whole seconds, as RFC 9211's {@code ttl}:
 * negative once stale.
 */
public record Freshness(State state, long ttlSeconds) {

	/**
	 * The entry's freshness for a request.
	 * @param fetchedAt When the entry was read from Feishu.
	 * @param now The application clock's instant.
	 * @param settings The cache's ttl and max-stale.
	 * @param request What the caller accepts.
	 */
	public static Freshness of(Instant fetchedAt, Instant now, CacheProperties.Settings settings,
			RequestCacheControl request) {
		Duration age = Duration.between(fetchedAt, now);
		if (age.isNegative()) {
			age = Duration.ZERO;
		}
		Duration left = settings.ttl().minus(age);
		long ttlSeconds = Math.floorDiv(left.toMillis(), 1000);
		return new Freshness(state(age, left, settings.maxStale(), request), ttlSeconds);
	}

	private static State state(Duration age, Duration left, Duration maxStale, RequestCacheControl request) {
		if (request.noCache() || (request.maxAge() != null && age.compareTo(request.maxAge()) > 0)) {
			return State.TOO_OLD;
		}
		if (!left.isNegative() && !left.isZero()) {
			return State.FRESH;
		}
		Duration limit = maxStale;
		if (request.maxStale() != null && request.maxStale().compareTo(limit) < 0) {
			limit = request.maxStale();
		}
		return (left.negated().compareTo(limit) < 0) ? State.STALE : State.TOO_OLD;
	}

	/** Whether the entry may answer the request without asking Feishu first. */
	public boolean usable() {
		return this.state != State.TOO_OLD;
	}

	/** What an entry is to one request. */
	public enum State {

		/** Within its ttl (and the caller's max-age): a plain hit. */
		FRESH,

		/**
		 * Past its ttl, but within max-stale (the gateway's, narrowed by the caller's):
		 * served at once while a refresh runs, or after Feishu failed.
		 */
		STALE,

		/**
		 * Not for this request: past max-stale, older than the caller's max-age, or the
		 * caller sent no-cache. Feishu is asked, and its failure is the answer.
		 */
		TOO_OLD

	}

}
