package com.leavegateway.support;

/**
 * The gateway's {@code Cache-Status} answers (RFC 9211), in one place for every test that
 * checks whether an answer came from the cache.
 */
public final class CacheStatus {

	public static final String HEADER = "Cache-Status";

	/**
	 * Every employee of the answer came from the cache, fresh: with the stack tests'
	 * fixed clock and the default ttl of 5 minutes, 300 seconds of freshness are left.
	 */
	public static final String HIT = "feishu-leave-gateway; hit; ttl=300";

	/**
	 * {@link #HIT} with any freshness left, for the tests on the system clock (a second
	 * or two pass between the fetch and the hit).
	 */
	public static final String FRESH_HIT = "feishu-leave-gateway; hit; ttl=\\d+";

	/** None did: all were asked of Feishu. */
	public static final String MISS = "feishu-leave-gateway; fwd=miss";

	/** Some did (fresh, as for {@link #HIT}). */
	public static final String PARTIAL = "feishu-leave-gateway; fwd=partial; ttl=300";

	/** The caller asked for fresh figures ({@code Cache-Control: no-cache}). */
	public static final String REFRESHED = "feishu-leave-gateway; fwd=request";

	/** Every employee from the cache, the least fresh {@code ttl} seconds from expiry. */
	public static String hit(long ttl) {
		return "feishu-leave-gateway; hit; ttl=" + ttl;
	}

	/**
	 * Served stale, {@code ttl} (negative) seconds past expiry, while it is refreshed.
	 */
	public static String stale(long ttl) {
		return "feishu-leave-gateway; fwd=stale; ttl=" + ttl;
	}

	/** Served stale, {@code ttl} (negative) seconds past expiry, after Feishu failed. */
	public static String staleIfError(long ttl) {
		return "feishu-leave-gateway; hit; ttl=" + ttl + "; detail=stale-if-error";
	}

	private CacheStatus() {
	}

}
