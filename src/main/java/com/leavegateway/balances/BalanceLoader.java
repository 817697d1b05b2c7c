package com.leavegateway.balances;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.stereotype.Component;

import com.leavegateway.cache.CacheProperties;
import com.leavegateway.web.Futures;
import com.leavegateway.feishu.FailedEmployee;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.feishu.LeaveBalances;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.Permit;
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
 * </ul>
 */
@Component
class BalanceLoader {

	private final AsyncCache<BalanceKey, CachedEmployee> cache;

	private final FeishuClient feishu;

	private final BatchingProperties batching;

	private final BatchWindow window;

	private final SharedBalances shared;

	private final ConcurrentHashMap<BalanceQuery, Batch> openBatches = new ConcurrentHashMap<>();

	/** The batch of each entry being fetched, until its call is answered. */
	private final ConcurrentHashMap<BalanceKey, Batch> fetching = new ConcurrentHashMap<>();

	@Autowired
	BalanceLoader(CacheManager cacheManager, FeishuClient feishu, BatchingProperties batching, SharedBalances shared) {
		this(cacheManager, feishu, batching, BatchWindow.SYSTEM, shared);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	BalanceLoader(CacheManager cacheManager, FeishuClient feishu, BatchingProperties batching, BatchWindow window,
			SharedBalances shared) {
		this.cache = (AsyncCache) ((CaffeineCache) cacheManager.getCache(CacheProperties.BALANCES)).getAsyncCache();
		this.feishu = feishu;
		this.batching = batching;
		this.window = window;
		this.shared = shared;
	}

	/**
	 * The balances of {@code employeeIds}, in their order; null for an id Feishu does not
	 * know; the ids Feishu refused or failed on apart. {@code refresh} skips cached
	 * answers (Cache-Control: no-cache) but still shares a fetch under way. Complete at
	 * once when the cache holds every answer. Cancelling the future gives up this
	 * request's interest in its batches. In {@code redis} mode the shared level is asked
	 * first ({@link SharedBalances}).
	 */
	CompletableFuture<Lookup> load(BalanceQuery query, List<String> employeeIds, boolean refresh, Urgency urgency) {
		return this.shared.claim(query, employeeIds, refresh, urgency, this.cache,
				() -> loadHere(query, employeeIds, refresh, urgency));
	}

	private CompletableFuture<Lookup> loadHere(BalanceQuery query, List<String> employeeIds, boolean refresh,
			Urgency urgency) {
		int misses = 0;
		for (String id : employeeIds) {
			CompletableFuture<CachedEmployee> present = this.cache.getIfPresent(new BalanceKey(query, id));
			if (present == null || (refresh && present.isDone())) {
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
			lookup(query, employeeIds, refresh, urgency, result, joined);
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
				lookup(query, employeeIds, refresh, urgency, result, joined);
			}
		});
		return result;
	}

	private void lookup(BalanceQuery query, List<String> employeeIds, boolean refresh, Urgency urgency,
			CompletableFuture<Lookup> result, Set<Batch> joined) {
		Map<String, CompletableFuture<CachedEmployee>> futures = new LinkedHashMap<>();
		List<Batch> toStart = new ArrayList<>();
		int cached = 0;
		for (String id : employeeIds) {
			BalanceKey key = new BalanceKey(query, id);
			CompletableFuture<CachedEmployee> future = entry(key, refresh, urgency, toStart);
			if (!refresh && future.isDone()) {
				cached++;
			}
			join(key, future, joined);
			// A cached answer (the hit path) needs no watch for abandonment.
			boolean answered = future.isDone() && !future.isCompletedExceptionally();
			futures.put(id, answered ? future : askAgainIfAbandoned(key, future, refresh, urgency, result, joined));
		}
		if (result.isCancelled()) {
			joined.forEach(Batch::release);
		}
		toStart.forEach(this::start);
		SettledLookup.complete(futures, cached, result);
	}

	/**
	 * The cache's entry for {@code key}: the answer, a fetch under way, or a new fetch
	 * queued in a batch. {@code refresh} skips an answer but shares a fetch under way.
	 */
	private CompletableFuture<CachedEmployee> entry(BalanceKey key, boolean refresh, Urgency urgency,
			List<Batch> toStart) {
		if (refresh) {
			CompletableFuture<CachedEmployee> mine = new CompletableFuture<>();
			CompletableFuture<CachedEmployee> future = this.cache.asMap()
				.compute(key, (k, old) -> (old != null && !old.isDone()) ? old : mine);
			if (future == mine) {
				enqueue(key, mine, urgency, toStart);
			}
			return future;
		}
		return this.cache.get(key, (k, executor) -> {
			CompletableFuture<CachedEmployee> mine = new CompletableFuture<>();
			enqueue(k, mine, urgency, toStart);
			return mine;
		});
	}

	/**
	 * The request's interest in the batch fetching the entry; the batch if it joined it
	 * now.
	 */
	private @Nullable Batch join(BalanceKey key, CompletableFuture<CachedEmployee> future, Set<Batch> joined) {
		if (future.isDone()) {
			return null;
		}
		Batch batch = this.fetching.get(key);
		if (batch != null && !joined.contains(batch) && batch.retain()) {
			joined.add(batch);
			return batch;
		}
		return null;
	}

	/**
	 * The entry's answer. A request can take an entry just as every request of its batch
	 * gives up, too late to keep the batch (its entries then fail as
	 * {@link Batch.Abandoned}): it never gave up, so it asks again, in a batch of its
	 * own.
	 */
	private CompletableFuture<CachedEmployee> askAgainIfAbandoned(BalanceKey key,
			CompletableFuture<CachedEmployee> future, boolean refresh, Urgency urgency,
			CompletableFuture<Lookup> result, Set<Batch> joined) {
		return future.exceptionallyCompose((failure) -> {
			Throwable cause = Futures.cause(failure);
			if (!(cause instanceof Batch.Abandoned) || result.isDone()) {
				return CompletableFuture.failedFuture(cause);
			}
			this.cache.asMap().remove(key, future);
			List<Batch> toStart = new ArrayList<>();
			CompletableFuture<CachedEmployee> again = entry(key, refresh, urgency, toStart);
			Batch batch = join(key, again, joined);
			if (batch != null && result.isCancelled()) {
				batch.release();
			}
			toStart.forEach(this::start);
			return askAgainIfAbandoned(key, again, refresh, urgency, result, joined);
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
	 * The entry of the employee when the cache holds it, fetched already; null when it
	 * does not, or only a fetch under way.
	 */
	@Nullable CachedEmployee cached(BalanceQuery query, String employeeId) {
		CompletableFuture<CachedEmployee> present = this.cache.getIfPresent(new BalanceKey(query, employeeId));
		return (present != null && present.isDone() && !present.isCompletedExceptionally()) ? present.getNow(null)
				: null;
	}

	private void enqueue(BalanceKey key, CompletableFuture<CachedEmployee> future, Urgency urgency,
			List<Batch> toStart) {
		this.openBatches.compute(key.query(), (q, batch) -> {
			Batch target = batch;
			if (target == null || !target.tryAdd(key.employeeId(), future, urgency)) {
				target = new Batch(q, this.batching.maxSize(), this::abandon);
				target.tryAdd(key.employeeId(), future, urgency);
				Batch opened = target;
				this.window.schedule(() -> start(opened), this.batching.window());
			}
			this.fetching.put(key, target);
			if (target.isFull()) {
				toStart.add(target);
				return null;
			}
			return target;
		});
	}

	/**
	 * A batch asks for its permit (once: when full, or when its window has passed). Until
	 * the permit comes the batch stays open, so that a busy quota carries full pages
	 * rather than many small ones.
	 */
	private void start(Batch batch) {
		CompletableFuture<Permit> permit = batch.start(this.feishu::leaveBalancesPermit);
		if (permit == null) {
			return;
		}
		permit.whenComplete((granted, failure) -> {
			close(batch);
			if (failure != null) {
				finish(batch, null, Futures.cause(failure));
				return;
			}
			if (!batch.calling()) {
				// Everyone gave up just as the permit came: nothing is sent.
				granted.giveBack();
				return;
			}
			this.feishu.leaveBalances(batch.query, batch.ids(), batch.urgency(), granted)
				.whenComplete((found, callFailure) -> finish(batch, found,
						(callFailure != null) ? Futures.cause(callFailure) : null));
		});
	}

	private void finish(Batch batch, @Nullable LeaveBalances found, @Nullable Throwable failure) {
		Map<String, Employee> byId = new LinkedHashMap<>();
		Map<String, FeishuErrorException> failed = new LinkedHashMap<>();
		if (found != null) {
			found.employees().forEach((employee) -> byId.put(employee.employeeId(), employee));
			for (FailedEmployee refused : found.failed()) {
				failed.put(refused.employeeId(), refused.error());
			}
		}
		List<String> ids = batch.ids();
		List<CompletableFuture<CachedEmployee>> futures = batch.futures();
		for (int i = 0; i < ids.size(); i++) {
			this.fetching.remove(new BalanceKey(batch.query, ids.get(i)), batch);
			this.shared.fetched(new BalanceKey(batch.query, ids.get(i)),
					(failure == null) ? byId.get(ids.get(i)) : null);
			FeishuErrorException refused = failed.get(ids.get(i));
			if (failure != null) {
				futures.get(i).completeExceptionally(failure);
			}
			else if (refused != null) {
				// Completing with an exception removes the entry: a failed employee is
				// not cached.
				futures.get(i).completeExceptionally(refused);
			}
			else {
				// Completing with null removes the entry: an unknown employee is not
				// cached.
				Employee employee = byId.get(ids.get(i));
				futures.get(i).complete((employee != null) ? CachedEmployee.of(employee) : null);
			}
		}
	}

	/**
	 * Every request gave up on the batch before its call: its entries leave the cache.
	 */
	private void abandon(Batch batch) {
		close(batch);
		finish(batch, null, new Batch.Abandoned());
	}

	/** No id joins the batch after this. */
	private void close(Batch batch) {
		this.openBatches.remove(batch.query, batch);
		batch.close();
	}

	/**
	 * What {@link #load} found: the entries by id (null when unknown), the ids Feishu
	 * refused or failed on, and how many came from the cache.
	 */
	record Lookup(Map<String, @Nullable CachedEmployee> entries, Map<String, FeishuErrorException> failed, int cached) {
	}

}
