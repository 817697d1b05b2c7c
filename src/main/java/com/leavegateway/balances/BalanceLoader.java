package com.leavegateway.balances;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.stereotype.Component;

import com.leavegateway.cache.CacheStatus;
import com.leavegateway.cache.CacheProperties;
import com.leavegateway.cache.Freshness;
import com.leavegateway.cache.RefreshMeters;
import com.leavegateway.cache.RefreshesAhead;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.web.Futures;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.Urgency;

/**
 * Employees' balances through the cache, asking Feishu as little as possible, without a
 * thread waiting on anything.
 * <ul>
 * <li>Admission: a request's misses need so many batches; when their permits cannot all
 * be had within the request's budget, it fails at once, before any call.</li>
 * <li>Coalescing: an entry being fetched is a future in the cache, so concurrent requests
 * for it share one fetch.</li>
 * <li>Micro-batching: misses of different employees for the same query join one open
 * batch; the batch asks for its quota permit when it holds a page's worth of ids or when
 * its window has passed, and keeps taking ids until the permit comes. Batches, of one
 * request or of many, go to Feishu concurrently as each gets its permit (the quota bounds
 * the calls in flight).</li>
 * <li>A batch every request has given up on before its call gives up its queue place: its
 * permit wait is cancelled and its entries leave the cache.</li>
 * <li>A failed fetch fails only the futures of its own batch and leaves nothing in the
 * cache; an employee Feishu does not know is not cached either. An employee Feishu
 * refused or failed on fails only its own future (and is not cached).</li>
 * <li>Freshness: entries are judged from their {@code fetchedAt} ({@link Freshness});
 * stale ones are answered at once while {@link Refreshes} refreshes them, and kept when a
 * refresh fails.</li>
 * </ul>
 */
@Component
class BalanceLoader implements RefreshesAhead {

	private final AsyncCache<BalanceKey, CachedEmployee> cache;

	private final BatchingProperties batching;

	private final FeishuClient feishu;

	private final SharedBalances shared;

	/** The batches of callers' misses. */
	private final Batches batches;

	private final Refreshes refreshes;

	@Autowired
	BalanceLoader(CacheManager cacheManager, FeishuClient feishu, BatchingProperties batching, SharedBalances shared,
			CacheProperties properties, Clock clock, ObjectProvider<MeterRegistry> meters) {
		this(cacheManager, feishu, batching, BatchWindow.SYSTEM, shared, properties, clock,
				meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	BalanceLoader(CacheManager cacheManager, FeishuClient feishu, BatchingProperties batching, BatchWindow window,
			SharedBalances shared, CacheProperties properties, Clock clock, MeterRegistry meters) {
		this.cache = (AsyncCache) ((CaffeineCache) cacheManager.getCache(CacheProperties.BALANCES)).getAsyncCache();
		this.feishu = feishu;
		this.batching = batching;
		this.shared = shared;
		this.batches = new Batches(feishu, batching, window, shared);
		this.refreshes = new Refreshes(this.cache, this.batches, new Batches(feishu, batching, window, shared), feishu,
				shared, clock, properties, new RefreshMeters(meters, CacheProperties.BALANCES));
	}

	/**
	 * The balances of {@code employeeIds}, in their order; null for an id Feishu does not
	 * know; the ids Feishu refused or failed on apart. A cached answer the request takes
	 * ({@link Freshness}: fresh, or stale within max-stale and the request's
	 * Cache-Control) is answered at once, a stale one refreshed meanwhile; a fetch under
	 * way is shared; anything else is fetched (no-cache: always), the entry it replaces
	 * left in place for others until the new one comes. Complete at once when the cache
	 * answers everyone. Cancelling the future gives up this request's interest in its
	 * batches. In {@code redis} mode the shared level is asked first
	 * ({@link SharedBalances}).
	 */
	CompletableFuture<Lookup> load(BalanceQuery query, List<String> employeeIds, RequestCacheControl request,
			Urgency urgency) {
		List<BalanceKey> needed = new ArrayList<>();
		for (String id : employeeIds) {
			BalanceKey key = new BalanceKey(query, id);
			if (needsFetch(this.cache.getIfPresent(key), request)) {
				needed.add(key);
			}
		}
		return this.shared.claim(needed, request.noCache(), urgency, this.cache,
				() -> loadHere(query, employeeIds, request, urgency));
	}

	/** Absent, or cached but not for this request; not a fetch under way. */
	private boolean needsFetch(@Nullable CompletableFuture<CachedEmployee> present, RequestCacheControl request) {
		if (present == null) {
			return true;
		}
		CachedEmployee entry = Refreshes.done(present);
		return present.isDone() && (entry == null || !this.refreshes.judge(entry, request).usable());
	}

	private CompletableFuture<Lookup> loadHere(BalanceQuery query, List<String> employeeIds,
			RequestCacheControl request, Urgency urgency) {
		int misses = 0;
		for (String id : employeeIds) {
			if (needsFetch(this.cache.getIfPresent(new BalanceKey(query, id)), request)) {
				misses++;
			}
		}
		CompletableFuture<Lookup> result = new CompletableFuture<>();
		Set<Batch> joined = ConcurrentHashMap.newKeySet();
		result.whenComplete((lookup, failure) -> {
			if (result.isCancelled()) {
				joined.forEach(Batch::release);
			}
		});
		if (misses == 0) {
			lookup(query, employeeIds, request, urgency, result, joined);
			return result;
		}
		int batches = (misses + this.batching.maxSize() - 1) / this.batching.maxSize();
		CompletableFuture<Void> admitted = this.feishu.admitBalanceCalls(urgency, batches);
		result.whenComplete((lookup, failure) -> admitted.cancel(false));
		admitted.whenComplete((ok, failure) -> {
			if (failure != null) {
				result.completeExceptionally(Futures.cause(failure));
			}
			else if (!result.isDone()) {
				lookup(query, employeeIds, request, urgency, result, joined);
			}
		});
		return result;
	}

	private void lookup(BalanceQuery query, List<String> employeeIds, RequestCacheControl request, Urgency urgency,
			CompletableFuture<Lookup> result, Set<Batch> joined) {
		Map<String, CompletableFuture<CachedEmployee>> futures = new LinkedHashMap<>();
		List<Batch> toStart = new ArrayList<>();
		int cached = 0;
		CacheStatus.Served served = CacheStatus.Served.NONE;
		for (String id : employeeIds) {
			BalanceKey key = new BalanceKey(query, id);
			CompletableFuture<CachedEmployee> present = this.cache.getIfPresent(key);
			CachedEmployee entry = Refreshes.done(present);
			Freshness freshness = (entry != null) ? this.refreshes.judge(entry, request) : null;
			if (entry != null && freshness.usable()) {
				// A cached answer (the hit path) needs no watch for abandonment.
				cached++;
				served = served.and(freshness.ttlSeconds(), this.refreshes.served(key, entry, freshness));
				futures.put(id, present);
				continue;
			}
			CompletableFuture<CachedEmployee> future = fetch(key, request, urgency, toStart);
			this.batches.join(key, future, joined);
			futures.put(id, askAgainIfAbandoned(key, future, request, urgency, result, joined));
		}
		if (result.isCancelled()) {
			joined.forEach(Batch::release);
		}
		toStart.forEach(this.batches::start);
		SettledLookup.complete(futures, cached, served, result);
	}

	/**
	 * The future of an entry the request does not find usable in the cache: a fetch under
	 * way, or a new one: a miss is queued in a batch; an entry the request will not take
	 * is refreshed ({@link Refreshes#forCaller}) and stays meanwhile.
	 */
	private CompletableFuture<CachedEmployee> fetch(BalanceKey key, RequestCacheControl request, Urgency urgency,
			List<Batch> toStart) {
		CompletableFuture<CachedEmployee> present = this.cache.getIfPresent(key);
		if (present != null && !present.isDone()) {
			return present;
		}
		CachedEmployee entry = Refreshes.done(present);
		if (entry != null) {
			return this.refreshes.judge(entry, request).usable() ? present
					: this.refreshes.forCaller(key, urgency, toStart);
		}
		return this.cache.get(key, (k, executor) -> {
			CompletableFuture<CachedEmployee> mine = new CompletableFuture<>();
			this.batches.enqueue(k, mine, urgency, toStart);
			return mine;
		});
	}

	/**
	 * The entry's answer. A request can take an entry just as every request of its batch
	 * gives up, too late to keep the batch (its entries then fail as
	 * {@link Batch.Abandoned}): it never gave up, so it asks again, in a batch of its
	 * own.
	 */
	private CompletableFuture<CachedEmployee> askAgainIfAbandoned(BalanceKey key,
			CompletableFuture<CachedEmployee> future, RequestCacheControl request, Urgency urgency,
			CompletableFuture<Lookup> result, Set<Batch> joined) {
		return future.exceptionallyCompose((failure) -> {
			Throwable cause = Futures.cause(failure);
			if (!(cause instanceof Batch.Abandoned) || result.isDone()) {
				return CompletableFuture.failedFuture(cause);
			}
			this.cache.asMap().remove(key, future);
			List<Batch> toStart = new ArrayList<>();
			CompletableFuture<CachedEmployee> again = fetch(key, request, urgency, toStart);
			Batch batch = this.batches.join(key, again, joined);
			if (batch != null && result.isCancelled()) {
				batch.release();
			}
			toStart.forEach(this.batches::start);
			return askAgainIfAbandoned(key, again, request, urgency, result, joined);
		});
	}

	/** Most employees in one batch, and so in one Feishu call. */
	int batchSize() {
		return this.batching.maxSize();
	}

	/**
	 * Caches employees a listing of every employee brought; their entries, in the same
	 * order.
	 */
	List<CachedEmployee> remember(BalanceQuery query, List<Employee> employees) {
		List<CachedEmployee> entries = new ArrayList<>(employees.size());
		for (Employee employee : employees) {
			CachedEmployee entry = CachedEmployee.of(employee);
			this.cache.put(new BalanceKey(query, employee.employeeId()), CompletableFuture.completedFuture(entry));
			entries.add(entry);
		}
		return entries;
	}

	/**
	 * The entry of the employee when the cache holds it, fetched already, fresh or not;
	 * null when it does not, or only a fetch under way.
	 */
	@Nullable CachedEmployee cached(BalanceQuery query, String employeeId) {
		return Refreshes.done(this.cache.getIfPresent(new BalanceKey(query, employeeId)));
	}

	/**
	 * The employee's entry when the cache holds it fresh (a plain hit, noted as read);
	 * null otherwise.
	 */
	@Nullable Hit fresh(BalanceQuery query, String employeeId) {
		BalanceKey key = new BalanceKey(query, employeeId);
		CachedEmployee entry = Refreshes.done(this.cache.getIfPresent(key));
		if (entry == null) {
			return null;
		}
		Freshness freshness = this.refreshes.judge(entry, RequestCacheControl.NONE);
		if (freshness.state() != Freshness.State.FRESH) {
			return null;
		}
		this.refreshes.served(key, entry, freshness);
		return new Hit(entry, freshness.ttlSeconds());
	}

	/**
	 * Refresh-ahead: refreshes, in the background, the read entries about to expire
	 * ({@link Refreshes#refreshAhead}).
	 */
	@Override
	public void refreshAhead() {
		this.refreshes.refreshAhead();
	}

	/**
	 * A fresh entry and its seconds of freshness left.
	 *
	 * @param entry The entry.
	 * @param ttl Seconds of freshness left.
	 */
	record Hit(CachedEmployee entry, long ttl) {
	}

	/**
	 * What {@link #load} found: the entries by id (null when unknown), the ids Feishu
	 * refused or failed on, how many came from the cache and how fresh they were.
	 */
	record Lookup(Map<String, @Nullable CachedEmployee> entries, Map<String, FeishuErrorException> failed, int cached,
			CacheStatus.Served served) {

		static final Lookup EMPTY = new Lookup(Map.of(), Map.of(), 0, CacheStatus.Served.NONE);

	}

}
