package com.leavegateway.cache;

import org.jspecify.annotations.Nullable;

/**
 * How much of an answer the gateway's caches gave, as an RFC 9211 {@code Cache-Status}
 * value (the header every cached answer carries): {@code hit}, or {@code fwd=miss},
 * {@code fwd=partial}, {@code fwd=request}, or {@code fwd=stale} (served stale while a
 * refresh runs); then {@code ttl=<seconds>}, the freshness left of the least fresh
 * employee the cache gave (negative when stale), and {@code detail=stale-if-error} when
 * one of them is stale because Feishu failed to refresh it.
 *
 * @param forward {@code hit} or the {@code fwd} parameter.
 * @param ttl Seconds of freshness left; null when nothing came from the cache.
 * @param staleIfError Whether an employee was served stale after Feishu failed.
 */
public record CacheStatus(String forward, @Nullable Long ttl, boolean staleIfError) {

	/** The header's name. */
	public static final String HEADER = "Cache-Status";

	private static final String CACHE = "feishu-leave-gateway; ";

	public static final String HIT = "hit";

	public static final String MISS = "fwd=miss";

	public static final String PARTIAL = "fwd=partial";

	public static final String REFRESHED = "fwd=request";

	public static final String STALE = "fwd=stale";

	/** Nothing came from the cache: everyone was asked of Feishu. */
	public static final CacheStatus ALL_FETCHED = new CacheStatus(MISS, null, false);

	/**
	 * The status of an answer of {@code asked} employees, {@code cached} of them from the
	 * cache as {@code served} says.
	 */
	public static CacheStatus of(boolean refresh, int cached, int asked, Served served) {
		if (refresh) {
			return new CacheStatus(REFRESHED, null, false);
		}
		if (cached == 0 && asked > 0) {
			return ALL_FETCHED;
		}
		String forward = (cached < asked) ? PARTIAL : served.revalidating() ? STALE : HIT;
		return new CacheStatus(forward, served.ttl(), served.staleIfError());
	}

	/** A plain hit of one fresh employee. */
	public static CacheStatus hit(long ttl) {
		return new CacheStatus(HIT, ttl, false);
	}

	public String headerValue() {
		StringBuilder value = new StringBuilder(48).append(CACHE).append(this.forward);
		if (this.ttl != null) {
			value.append("; ttl=").append(this.ttl);
		}
		if (this.staleIfError) {
			value.append("; detail=stale-if-error");
		}
		return value.toString();
	}

	/**
	 * How the employees an answer took from the cache were: the least freshness left
	 * among them, and whether any was stale while it was refreshed or after a refresh
	 * failed.
	 *
	 * @param ttl Seconds of freshness left of the least fresh; null when none.
	 * @param revalidating Whether one was stale with its refresh under way.
	 * @param staleIfError Whether one was stale after its refresh failed.
	 */
	public record Served(@Nullable Long ttl, boolean revalidating, boolean staleIfError) {

		public static final Served NONE = new Served(null, false, false);

		/** This and one more employee served {@code how}, {@code ttl} seconds left. */
		public Served and(long ttl, Stale how) {
			Long least = (this.ttl == null || ttl < this.ttl) ? ttl : this.ttl;
			return new Served(least, this.revalidating || how == Stale.REVALIDATING,
					this.staleIfError || how == Stale.IF_ERROR);
		}

		/** Both answers' employees. */
		public Served and(Served other) {
			Long least = (this.ttl == null) ? other.ttl
					: (other.ttl == null || this.ttl <= other.ttl) ? this.ttl : other.ttl;
			return new Served(least, this.revalidating || other.revalidating, this.staleIfError || other.staleIfError);
		}

	}

	/** How one employee came from the cache. */
	public enum Stale {

		/** Fresh. */
		NO,

		/** Stale, with a refresh under way. */
		REVALIDATING,

		/** Stale, its last refresh failed (Feishu failing or no quota to spare). */
		IF_ERROR

	}

}
