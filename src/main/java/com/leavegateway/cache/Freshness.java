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
		// Milliseconds: this runs on every cache hit.
		long age = Math.max(0, now.toEpochMilli() - fetchedAt.toEpochMilli());
		long left = settings.ttl().toMillis() - age;
		return new Freshness(state(age, left, settings.maxStale().toMillis(), request), Math.floorDiv(left, 1000));
	}

	private static State state(long age, long left, long maxStale, RequestCacheControl request) {
		if (request.noCache() || (request.maxAge() != null && age > millis(request.maxAge()))) {
			return State.TOO_OLD;
		}
		if (left > 0) {
			return State.FRESH;
		}
		long limit = (request.maxStale() != null) ? Math.min(maxStale, millis(request.maxStale())) : maxStale;
		return (-left < limit) ? State.STALE : State.TOO_OLD;
	}

	/** The duration in milliseconds, the longest ones (max-stale alone) capped. */
	private static long millis(Duration duration) {
		return (duration.getSeconds() >= Long.MAX_VALUE / 1000) ? Long.MAX_VALUE : duration.toMillis();
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
