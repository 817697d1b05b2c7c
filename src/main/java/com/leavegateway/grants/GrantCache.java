package com.leavegateway.grants;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import org.jspecify.annotations.Nullable;

import com.leavegateway.cache.CacheProperties;
import com.leavegateway.cache.CacheStatus;
import com.leavegateway.cache.EmployeeScopedKey;
import com.leavegateway.cache.Freshness;
import com.leavegateway.cache.ReadEntries;
import com.leavegateway.cache.RefreshableEntry;
import com.leavegateway.cache.RefreshMeters;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.feishu.FeishuOutcome;
import com.leavegateway.leave.ExpiringGrantsQuery;
import com.leavegateway.leave.Grant;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.Urgency;
import com.leavegateway.web.Futures;

/**
 * The expiring-grants cache, judged like the balances one ({@link Freshness}: fresh for
 * {@code gateway.cache.expiring-grants.ttl} after the fetch, then served for its
 * {@code max-stale}): a stale entry is answered at once while one background refresh
 * ({@link Priority#BACKGROUND}) runs, and when its refresh failed; a caller who will not
 * take the entry (no-cache, its max-age or max-stale, past max-stale) fetches, and the
 * entry stays meanwhile for others. Concurrent fetches of a key share one call.
 */
final class GrantCache {

	private final AsyncCache<GrantKey, Entry> cache;

	private final FeishuClient feishu;

	private final Clock clock;

	private final CacheProperties.Settings settings;

	/** Keys whose entry was read while fresh: the candidates of refresh-ahead. */
	private final ReadEntries<GrantKey> read;

	private final Comparator<Grant> order;

	private final RefreshMeters meters;

	/** The refresh under way per key. */
	private final ConcurrentHashMap<GrantKey, Running> running = new ConcurrentHashMap<>();

	GrantCache(AsyncCache<GrantKey, Entry> cache, FeishuClient feishu, Clock clock, CacheProperties properties,
			Comparator<Grant> order, RefreshMeters meters) {
		this.cache = cache;
		this.feishu = feishu;
		this.clock = clock;
		this.settings = properties.expiringGrants();
		this.read = new ReadEntries<>(clock, this.settings, properties.refreshAhead());
		this.order = order;
		this.meters = meters;
		meters.running(this.running);
	}

	/**
	 * The grants of {@code query}, from the cache when the request takes its entry, else
	 * from Feishu with {@code urgency}. The future is the caller's own: cancelling it
	 * leaves a shared call alone.
	 */
	CompletableFuture<Answer> grants(ExpiringGrantsQuery query, Urgency urgency, RequestCacheControl request) {
		GrantKey key = new GrantKey(query);
		CompletableFuture<Entry> present = this.cache.getIfPresent(key);
		Entry entry = done(present);
		if (entry != null) {
			Freshness freshness = Freshness.of(entry.fetchedAt(), this.clock.instant(), this.settings, request);
			if (freshness.usable()) {
				CacheStatus.Stale how = served(key, entry, freshness);
				return CompletableFuture.completedFuture(
						new Answer(entry.grants(), true, CacheStatus.Served.NONE.and(freshness.ttlSeconds(), how)));
			}
			return fetched(refresh(key, urgency, false));
		}
		if (present != null && !present.isDone()) {
			return fetched(present.copy());
		}
		CompletableFuture<Entry> shared = this.cache.get(key, (k, executor) -> fetch(query, urgency));
		return fetched(shared.copy());
	}

	private static CompletableFuture<Answer> fetched(CompletableFuture<Entry> fetch) {
		return fetch.thenApply((entry) -> new Answer(entry.grants(), false, CacheStatus.Served.NONE));
	}

	/**
	 * A fresh entry is noted as read (for refresh-ahead); a stale one is refreshed unless
	 * a refresh runs or failed a moment ago.
	 */
	private CacheStatus.Stale served(GrantKey key, Entry entry, Freshness freshness) {
		if (freshness.state() == Freshness.State.FRESH) {
			this.read.servedFresh(key, entry);
			return CacheStatus.Stale.NO;
		}
		if (!this.running.containsKey(key) && !this.read.recentlyFailed(entry)) {
			refresh(key, this.feishu.urgency(Priority.BACKGROUND), true);
		}
		boolean revalidating = this.running.containsKey(key) || !entry.refreshFailed();
		this.meters.servedStale(revalidating);
		return revalidating ? CacheStatus.Stale.REVALIDATING : CacheStatus.Stale.IF_ERROR;
	}

	/**
	 * Refresh-ahead: the entries read since they were fetched whose ttl ends within
	 * {@code gateway.cache.refresh-ahead.before-expiry} are refreshed in the background,
	 * one call per key (Feishu's expiring grants are asked for one employee and leave
	 * type at a time); entries nobody read are left to expire.
	 */
	void refreshAhead() {
		List<GrantKey> due = this.read.due((key) -> done(this.cache.asMap().get(key)), this.running::containsKey);
		if (due.isEmpty()) {
			return;
		}
		Urgency urgency = this.feishu.urgency(Priority.BACKGROUND);
		due.forEach((key) -> refresh(key, urgency, true));
	}

	/**
	 * Fetches the key again, its entry left in place until the new one comes; a caller
	 * shares a caller's refresh under way, never waits behind a background one.
	 */
	private CompletableFuture<Entry> refresh(GrantKey key, Urgency urgency, boolean background) {
		CompletableFuture<Entry> mine = new CompletableFuture<>();
		CompletableFuture<Entry> settled = mine.whenComplete((fresh, failure) -> settle(key, mine, fresh, failure));
		Running taken = this.running.compute(key,
				(k, current) -> (current != null && (background || !current.background())) ? current
						: new Running(mine, settled, background));
		if (taken.source() != mine) {
			return taken.settled().copy();
		}
		fetch(key.query(), urgency).whenComplete((fresh, failure) -> {
			if (failure != null) {
				mine.completeExceptionally(Futures.cause(failure));
			}
			else {
				mine.complete(fresh);
			}
		});
		return settled.copy();
	}

	private CompletableFuture<Entry> fetch(ExpiringGrantsQuery query, Urgency urgency) {
		return this.feishu.expiringGrants(query, urgency)
			.thenApply((grants) -> new Entry(grants.stream().sorted(this.order).toList(), this.clock.instant()));
	}

	private void settle(GrantKey key, CompletableFuture<Entry> refresh, @Nullable Entry fresh,
			@Nullable Throwable failure) {
		this.running.computeIfPresent(key, (k, current) -> (current.source() == refresh) ? null : current);
		if (fresh != null) {
			this.cache.asMap()
				.compute(key, (k, current) -> replaceable(current, fresh) ? CompletableFuture.completedFuture(fresh)
						: current);
			this.meters.refreshed(RefreshMeters.Outcome.SUCCESS);
			return;
		}
		Throwable cause = Futures.cause(failure);
		if (cause instanceof FeishuErrorException error && (error.outcome() == FeishuOutcome.EMPLOYEE_NOT_FOUND
				|| error.outcome() == FeishuOutcome.LEAVE_TYPE_NOT_FOUND
				|| error.outcome() == FeishuOutcome.EMPLOYEE_REFUSED)) {
			// Feishu no longer answers for them: what was cached is not served again.
			this.cache.asMap().computeIfPresent(key, (k, current) -> current.isDone() ? null : current);
			this.meters.refreshed(RefreshMeters.Outcome.DROPPED);
			return;
		}
		Entry old = done(this.cache.asMap().get(key));
		if (old != null) {
			old.refreshFailed(this.clock.millis());
		}
		this.meters.refreshed(RefreshMeters.Outcome.FAILED);
	}

	private static boolean replaceable(@Nullable CompletableFuture<Entry> current, Entry fresh) {
		if (current == null) {
			return true;
		}
		Entry entry = done(current);
		return current.isDone() && (entry == null || !entry.fetchedAt().isAfter(fresh.fetchedAt()));
	}

	private static @Nullable Entry done(@Nullable CompletableFuture<Entry> future) {
		return (future != null && future.isDone() && !future.isCompletedExceptionally()) ? future.getNow(null) : null;
	}

	/** Cache key; the query holds the employee, leave type, window and time offset. */
	record GrantKey(ExpiringGrantsQuery query) implements EmployeeScopedKey {

		@Override
		public String employeeId() {
			return this.query.employeeId();
		}

	}

	/** One cached answer: the grants, soonest expiry first, and when Feishu gave them. */
	static final class Entry extends RefreshableEntry {

		private final List<Grant> grants;

		private final Instant fetchedAt;

		Entry(List<Grant> grants, Instant fetchedAt) {
			this.grants = grants;
			this.fetchedAt = fetchedAt;
		}

		List<Grant> grants() {
			return this.grants;
		}

		@Override
		public Instant fetchedAt() {
			return this.fetchedAt;
		}

	}

	/**
	 * The grants of one leave type and how they came.
	 *
	 * @param grants Soonest expiry first.
	 * @param cached Whether from the cache.
	 * @param served How fresh, when from the cache.
	 */
	record Answer(List<Grant> grants, boolean cached, CacheStatus.Served served) {
	}

	/**
	 * A refresh under way: what its call completes, what completes once the cache holds
	 * the outcome, and whether it waits for background permits.
	 */
	private record Running(CompletableFuture<Entry> source, CompletableFuture<Entry> settled, boolean background) {
	}

}
