package com.leavegateway.cache;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * One cache's keys whose entry a caller read while fresh: the candidates of
 * refresh-ahead. Each look ({@link #due}) finds those whose ttl ends within
 * {@code gateway.cache.refresh-ahead.before-expiry}, and forgets the keys whose entry is
 * gone, unread (refreshed meanwhile) or past max-stale; entries nobody read are left to
 * expire. The look only reads memory.
 *
 * @param <K> The cache's key.
 */
public final class ReadEntries<K> {

	private final Set<K> read = ConcurrentHashMap.newKeySet();

	private final Clock clock;

	private final CacheProperties.Settings settings;

	private final CacheProperties.RefreshAhead ahead;

	public ReadEntries(Clock clock, CacheProperties.Settings settings, CacheProperties.RefreshAhead ahead) {
		this.clock = clock;
		this.settings = settings;
		this.ahead = ahead;
	}

	/** {@code entry} of {@code key} was answered fresh: it is a candidate from now on. */
	public void servedFresh(K key, RefreshableEntry entry) {
		if (this.ahead.enabled() && entry.markRead()) {
			this.read.add(key);
		}
	}

	/**
	 * Whether a refresh of {@code entry} failed within
	 * {@code gateway.cache.refresh-ahead.retry-after-failure}: it is not tried again yet.
	 */
	public boolean recentlyFailed(RefreshableEntry entry) {
		return entry.refreshFailedWithin(this.clock.millis(), this.ahead.retryAfterFailure().toMillis());
	}

	/**
	 * The read keys whose entry ({@code entries}: null when gone or still being fetched)
	 * is about to expire, neither {@code running} a refresh nor failed a moment ago.
	 */
	public List<K> due(Function<K, @Nullable RefreshableEntry> entries, Predicate<K> running) {
		long now = this.clock.millis();
		long ttl = this.settings.ttl().toMillis();
		long before = this.ahead.beforeExpiry().toMillis();
		List<K> due = new ArrayList<>();
		for (Iterator<K> keys = this.read.iterator(); keys.hasNext();) {
			K key = keys.next();
			RefreshableEntry entry = entries.apply(key);
			if (entry == null || !entry.wasRead()
					|| !Freshness.of(entry.fetchedAt(), this.clock.instant(), this.settings, RequestCacheControl.NONE)
						.usable()) {
				keys.remove();
				// A read that came just now, for an entry refreshed meanwhile.
				if (entry != null && entry.wasRead()) {
					this.read.add(key);
				}
				continue;
			}
			long left = ttl - (now - entry.fetchedAt().toEpochMilli());
			if (left <= before && !running.test(key) && !recentlyFailed(entry)) {
				due.add(key);
			}
		}
		return due;
	}

}
