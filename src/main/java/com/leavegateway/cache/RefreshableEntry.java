package com.leavegateway.cache;

import java.time.Instant;

/**
 * What an entry of a cache with refresh-ahead notes about itself besides its value:
 * whether a caller read it while fresh (read entries are refreshed ahead of their expiry,
 * unread ones left to expire; a refresh makes a new entry, unread), and when its last
 * refresh failed (it is then served as stale-if-error, and not refreshed again for
 * {@code gateway.cache.refresh-ahead.retry-after-failure}).
 */
public abstract class RefreshableEntry {

	private volatile boolean read;

	/** When its last refresh failed (application clock, epoch millis); 0: none did. */
	private volatile long refreshFailedAt;

	/** When Feishu answered it. */
	public abstract Instant fetchedAt();

	/** Notes a read; true for the first. */
	public boolean markRead() {
		if (this.read) {
			return false;
		}
		synchronized (this) {
			boolean first = !this.read;
			this.read = true;
			return first;
		}
	}

	public boolean wasRead() {
		return this.read;
	}

	/** Notes that a refresh of it failed at {@code when} (epoch millis). */
	public void refreshFailed(long when) {
		this.refreshFailedAt = when;
	}

	/**
	 * Whether a refresh failed within {@code pause} before {@code now} (epoch millis).
	 */
	public boolean refreshFailedWithin(long now, long pause) {
		long failed = this.refreshFailedAt;
		return failed != 0 && now - failed < pause;
	}

	/** Whether a refresh of it ever failed: it is then served as stale-if-error. */
	public boolean refreshFailed() {
		return this.refreshFailedAt != 0;
	}

}
