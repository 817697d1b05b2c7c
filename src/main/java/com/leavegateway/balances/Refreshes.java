package com.leavegateway.balances;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import org.jspecify.annotations.Nullable;

import com.leavegateway.cache.CacheStatus;
import com.leavegateway.cache.CacheProperties;
import com.leavegateway.cache.Freshness;
import com.leavegateway.cache.ReadEntries;
import com.leavegateway.cache.RefreshMeters;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.feishu.FeishuOutcome;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.Urgency;
import com.leavegateway.web.Futures;

/**
 * Refreshes of cached balances that leave the entry being refreshed in place, so that it
 * can still be served: stale-while-revalidate (a stale entry is answered at once while
 * one background refresh runs), refresh-ahead (an entry read while fresh is refreshed in
 * the background shortly before it expires) and a caller's own fetch of an entry it will
 * not take (no-cache, its max-age, past max-stale). A refresh replaces the entry only
 * with a newer one; when Feishu fails (or no permit can be had) the old entry stays,
 * marked, and is served as stale-if-error; when Feishu no longer knows or refuses the
 * employee it is dropped. Background refreshes are batched like misses, in batches of
 * their own that ask for {@link Priority#BACKGROUND} permits: spare quota only, never
 * ahead of a caller. One refresh per key runs at a time.
 */
final class Refreshes {

	private final AsyncCache<BalanceKey, CachedEmployee> cache;

	private final Batches callers;

	private final Batches background;

	private final FeishuClient feishu;

	private final SharedBalances shared;

	private final Clock clock;

	private final CacheProperties.Settings settings;

	private final RefreshMeters meters;

	/** The refresh under way per key. */
	private final ConcurrentHashMap<BalanceKey, Running> running = new ConcurrentHashMap<>();

	/** Keys whose entry was read while fresh: the candidates of refresh-ahead. */
	private final ReadEntries<BalanceKey> read;

	Refreshes(AsyncCache<BalanceKey, CachedEmployee> cache, Batches callers, Batches background, FeishuClient feishu,
			SharedBalances shared, Clock clock, CacheProperties properties, RefreshMeters meters) {
		this.cache = cache;
		this.callers = callers;
		this.background = background;
		this.feishu = feishu;
		this.shared = shared;
		this.clock = clock;
		this.settings = properties.balances();
		this.read = new ReadEntries<>(clock, this.settings, properties.refreshAhead());
		this.meters = meters;
		meters.running(this.running);
	}

	/** What the entry is to a request now. */
	Freshness judge(CachedEmployee entry, RequestCacheControl request) {
		return Freshness.of(entry.fetchedAt(), this.clock.instant(), this.settings, request);
	}

	/**
	 * A caller is answered {@code entry}, usable as {@code freshness} says: a fresh one
	 * is noted as read (for refresh-ahead); a stale one is refreshed unless a refresh
	 * runs or failed a moment ago. How stale it was answered.
	 */
	CacheStatus.Stale served(BalanceKey key, CachedEmployee entry, Freshness freshness) {
		if (freshness.state() == Freshness.State.FRESH) {
			this.read.servedFresh(key, entry);
			return CacheStatus.Stale.NO;
		}
		if (!this.running.containsKey(key) && !this.read.recentlyFailed(entry)) {
			inBackground(List.of(key));
		}
		boolean revalidating = this.running.containsKey(key) || !entry.refreshFailed();
		this.meters.servedStale(revalidating);
		return revalidating ? CacheStatus.Stale.REVALIDATING : CacheStatus.Stale.IF_ERROR;
	}

	/**
	 * A caller's fetch of {@code key}, whose entry it will not take; shares a caller's
	 * refresh under way (not a background one: the caller does not wait behind spare
	 * quota). The entry stays in the cache meanwhile, for others.
	 */
	CompletableFuture<CachedEmployee> forCaller(BalanceKey key, Urgency urgency, List<Batch> toStart) {
		CompletableFuture<CachedEmployee> mine = new CompletableFuture<>();
		// The cache holds the new entry before the caller has it.
		CompletableFuture<CachedEmployee> settled = mine
			.whenComplete((fresh, failure) -> settle(key, mine, fresh, failure));
		Running taken = this.running.compute(key, (k, current) -> (current != null && !current.background()) ? current
				: new Running(mine, settled, false));
		if (taken.source() != mine) {
			return taken.settled();
		}
		this.callers.enqueue(key, mine, urgency, toStart);
		return settled;
	}

	/**
	 * Refreshes the keys in the background, but those a refresh runs for already; in
	 * {@code redis} mode only the keys this replica leases.
	 */
	void inBackground(List<BalanceKey> keys) {
		List<Batch> toStart = new ArrayList<>();
		Urgency urgency = this.feishu.urgency(Priority.BACKGROUND);
		List<CompletableFuture<?>> leases = new ArrayList<>();
		for (BalanceKey key : keys) {
			CompletableFuture<CachedEmployee> mine = new CompletableFuture<>();
			Running refresh = new Running(mine, mine, true);
			if (this.running.putIfAbsent(key, refresh) != null) {
				continue;
			}
			mine.whenComplete((fresh, failure) -> settle(key, mine, fresh, failure));
			CachedEmployee current = done(this.cache.asMap().get(key));
			if (current == null) {
				// Gone meanwhile: nothing to refresh.
				this.running.remove(key, refresh);
				continue;
			}
			leases.add(this.shared.leaseForRefresh(key, current.fetchedAt(), this.cache)
				.whenComplete((leased, failure) -> {
					if (failure != null) {
						mine.completeExceptionally(Futures.cause(failure));
					}
					else if (!leased) {
						// Another replica refreshes it, or did: its entry comes
						// through the shared level.
						this.running.remove(key, refresh);
					}
					else {
						synchronized (toStart) {
							this.background.enqueue(key, mine, urgency, toStart);
						}
					}
				}));
		}
		CompletableFuture.allOf(leases.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
			List<Batch> full;
			synchronized (toStart) {
				full = List.copyOf(toStart);
			}
			full.forEach(this.background::start);
		});
	}

	/**
	 * Refresh-ahead: the entries read since they were fetched whose ttl ends within
	 * {@code gateway.cache.refresh-ahead.before-expiry} are refreshed in the background;
	 * entries nobody read are left to expire.
	 */
	void refreshAhead() {
		List<BalanceKey> due = this.read.due((key) -> done(this.cache.asMap().get(key)), this.running::containsKey);
		if (!due.isEmpty()) {
			inBackground(due);
		}
	}

	private void settle(BalanceKey key, CompletableFuture<CachedEmployee> refresh, @Nullable CachedEmployee fresh,
			@Nullable Throwable failure) {
		this.running.computeIfPresent(key, (k, current) -> (current.source() == refresh) ? null : current);
		if (failure == null) {
			if (fresh != null) {
				this.cache.asMap()
					.compute(key, (k, current) -> replaceable(current, fresh) ? CompletableFuture.completedFuture(fresh)
							: current);
				this.meters.refreshed(RefreshMeters.Outcome.SUCCESS);
			}
			else {
				drop(key);
			}
			return;
		}
		Throwable cause = Futures.cause(failure);
		if (cause instanceof Batch.Abandoned) {
			// The callers who wanted it gave up: the entry stays as it was.
			return;
		}
		if (cause instanceof FeishuErrorException error && (error.outcome() == FeishuOutcome.EMPLOYEE_REFUSED
				|| error.outcome() == FeishuOutcome.EMPLOYEE_NOT_FOUND)) {
			drop(key);
			return;
		}
		CachedEmployee old = done(this.cache.asMap().get(key));
		if (old != null) {
			old.refreshFailed(this.clock.millis());
		}
		this.meters.refreshed(RefreshMeters.Outcome.FAILED);
	}

	/**
	 * Feishu no longer knows or answers for the employee: its entry is not served again.
	 */
	private void drop(BalanceKey key) {
		this.cache.asMap().computeIfPresent(key, (k, current) -> current.isDone() ? null : current);
		this.meters.refreshed(RefreshMeters.Outcome.DROPPED);
	}

	/**
	 * Only a fetch under way (a caller's miss) or a newer entry stays; an older entry, or
	 * none, is replaced.
	 */
	private static boolean replaceable(@Nullable CompletableFuture<CachedEmployee> current, CachedEmployee fresh) {
		if (current == null) {
			return true;
		}
		if (!current.isDone()) {
			return false;
		}
		CachedEmployee entry = done(current);
		return entry == null || !entry.fetchedAt().isAfter(fresh.fetchedAt());
	}

	/** The entry when {@code future} holds one, fetched already; null otherwise. */
	static @Nullable CachedEmployee done(@Nullable CompletableFuture<CachedEmployee> future) {
		return (future != null && future.isDone() && !future.isCompletedExceptionally()) ? future.getNow(null) : null;
	}

	/**
	 * A refresh under way: what its batch completes, what completes once the cache holds
	 * the outcome, and whether it waits for background permits.
	 */
	private record Running(CompletableFuture<CachedEmployee> source, CompletableFuture<CachedEmployee> settled,
			boolean background) {
	}

}
