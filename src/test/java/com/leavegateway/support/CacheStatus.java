package com.leavegateway.support;

/**
 * The gateway's {@code Cache-Status} answers (RFC 9211), in one place for every test that
 * checks whether an answer came from the cache.
 */
public final class CacheStatus {

	public static final String HEADER = "Cache-Status";

	/** Every employee of the answer came from the cache. */
	public static final String HIT = "feishu-leave-gateway; hit";

	/** None did: all were asked of Feishu. */
	public static final String MISS = "feishu-leave-gateway; fwd=miss";

	/** Some did. */
	public static final String PARTIAL = "feishu-leave-gateway; fwd=partial";

	/** The caller asked for fresh figures ({@code Cache-Control: no-cache}). */
	public static final String REFRESHED = "feishu-leave-gateway; fwd=request";

	private CacheStatus() {
	}

}
