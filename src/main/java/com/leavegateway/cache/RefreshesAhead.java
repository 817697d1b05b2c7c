package com.leavegateway.cache;

/**
 * A cache with refresh-ahead: {@link RefreshAheadScheduler} has it look at its read
 * entries every {@code gateway.cache.refresh-ahead.interval}.
 */
public interface RefreshesAhead {

	/**
	 * Refreshes, in the background, the entries read while fresh whose ttl ends within
	 * {@code gateway.cache.refresh-ahead.before-expiry}; returns at once (the refreshes
	 * wait for their permits without a thread).
	 */
	void refreshAhead();

}
