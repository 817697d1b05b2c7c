package com.leavegateway.balances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.AsyncCache;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.leavegateway.cache.CacheProperties;
import com.leavegateway.cache.Futures;
import com.leavegateway.feishu.FailedEmployee;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.feishu.LeaveBalances;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;

/**
 * Employees' balances through the cache, asking Feishu as little as possible.
 * <ul>
 * <li>Coalescing: an entry being fetched is a future in the cache, so concurrent requests
 * for it share one fetch.</li>
 * <li>Micro-batching: misses of different employees for the same query join one open
 * batch; the batch goes to Feishu when it holds a page's worth of ids, or when its window
 * has passed and its call holds a quota permit. The request that opened a batch sends it,
 * on its own thread, so quota waits stay with the requests that cause them.</li>
 * <li>A failed fetch fails only the futures of its own batch and leaves nothing in the
 * cache; an employee Feishu does not know is not cached either. An employee Feishu
 * refused or failed on fails only its own future (and is not cached).</li>
 * </ul>
 */
@Component
class BalanceLoader {

	private final AsyncCache<BalanceKey, Employee> cache;

	private final FeishuClient feishu;

	private final BatchingProperties batching;

	private final BatchWindow window;

	private final ConcurrentHashMap<BalanceQuery, Batch> openBatches = new ConcurrentHashMap<>();

	@Autowired
	BalanceLoader(CacheManager cacheManager, FeishuClient feishu, BatchingProperties batching) {
		this(cacheManager, feishu, batching, BatchWindow.SYSTEM);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	BalanceLoader(CacheManager cacheManager, FeishuClient feishu, BatchingProperties batching, BatchWindow window) {
		this.cache = (AsyncCache) ((CaffeineCache) cacheManager.getCache(CacheProperties.BALANCES)).getAsyncCache();
		this.feishu = feishu;
		this.batching = batching;
		this.window = window;
	}

	/**
	 * The balances of {@code employeeIds}, in their order; null for an id Feishu does not
	 * know; the ids Feishu refused or failed on apart. {@code refresh} skips cached
	 * answers (Cache-Control: no-cache) but still shares a fetch under way.
	 */
	Lookup load(BalanceQuery query, List<String> employeeIds, boolean refresh) {
		Map<String, CompletableFuture<Employee>> futures = new LinkedHashMap<>();
		List<Batch> toSend = new ArrayList<>();
		int cached = 0;
		for (String id : employeeIds) {
			BalanceKey key = new BalanceKey(query, id);
			CompletableFuture<Employee> future;
			if (refresh) {
				CompletableFuture<Employee> mine = new CompletableFuture<>();
				future = this.cache.asMap().compute(key, (k, old) -> (old != null && !old.isDone()) ? old : mine);
				if (future == mine) {
					enqueue(query, id, mine, toSend);
				}
			}
			else {
				future = this.cache.get(key, (k, executor) -> {
					CompletableFuture<Employee> mine = new CompletableFuture<>();
					enqueue(query, id, mine, toSend);
					return mine;
				});
				if (future.isDone()) {
					cached++;
				}
			}
			futures.put(id, future);
		}
		for (Batch batch : toSend) {
			batch.awaitFullOrWindow(this.window, this.batching.window());
			send(batch);
		}
		Map<String, @Nullable Employee> employees = new LinkedHashMap<>();
		Map<String, FeishuErrorException> failed = new LinkedHashMap<>();
		futures.forEach((id, future) -> {
			try {
				employees.put(id, Futures.join(future));
			}
			catch (FeishuErrorException ex) {
				// Only an employee isolated by the client fails with a per-employee
				// answer; a whole batch fails with anything else.
				if (!ex.outcome().isPerEmployee()) {
					throw ex;
				}
				failed.put(id, ex);
			}
		});
		return new Lookup(employees, failed, cached);
	}

	/** Most employees in one batch, and so in one Feishu call. */
	int batchSize() {
		return this.batching.maxSize();
	}

	/**
	 * Every employee, page by page as Feishu sends them; each page fills the cache as it
	 * goes.
	 */
	void loadAll(BalanceQuery query, Consumer<List<Employee>> onPage) {
		this.feishu.leaveBalancePages(query, List.of(), (employees) -> {
			for (Employee employee : employees) {
				this.cache.put(new BalanceKey(query, employee.employeeId()),
						CompletableFuture.completedFuture(employee));
			}
			onPage.accept(employees);
		}, (failed) -> {
			// A listing without ids is never split: nothing is handed over here.
		});
	}

	private void enqueue(BalanceQuery query, String id, CompletableFuture<Employee> future, List<Batch> toSend) {
		this.openBatches.compute(query, (q, batch) -> {
			Batch target = batch;
			if (target == null || !target.tryAdd(id, future)) {
				target = new Batch(q, this.batching.maxSize());
				target.tryAdd(id, future);
				toSend.add(target);
			}
			return target.isFull() ? null : target;
		});
	}

	/**
	 * Sends a batch once its call holds a quota permit. Until then the batch stays open:
	 * misses that arrive while it waits for its turn join it, so that a busy quota
	 * carries full pages rather than many small ones.
	 */
	private void send(Batch batch) {
		try {
			LeaveBalances found = this.feishu.leaveBalancesOncePermitted(batch.query, () -> {
				close(batch);
				return batch.ids;
			});
			Map<String, Employee> byId = new LinkedHashMap<>();
			for (Employee employee : found.employees()) {
				byId.put(employee.employeeId(), employee);
			}
			Map<String, FeishuErrorException> failed = new LinkedHashMap<>();
			for (FailedEmployee failure : found.failed()) {
				failed.put(failure.employeeId(), failure.error());
			}
			for (int i = 0; i < batch.ids.size(); i++) {
				// Completing with null or an exception removes the entry: an unknown or
				// failed employee is not cached.
				FeishuErrorException failure = failed.get(batch.ids.get(i));
				if (failure != null) {
					batch.futures.get(i).completeExceptionally(failure);
				}
				else {
					batch.futures.get(i).complete(byId.get(batch.ids.get(i)));
				}
			}
		}
		catch (RuntimeException ex) {
			close(batch);
			batch.futures.forEach((future) -> future.completeExceptionally(ex));
		}
	}

	/** No id joins the batch after this. */
	private void close(Batch batch) {
		this.openBatches.remove(batch.query, batch);
		batch.close();
	}

	/**
	 * What {@link #load} found: by id (null when unknown), the ids Feishu refused or
	 * failed on, and how many came from the cache.
	 */
	record Lookup(Map<String, @Nullable Employee> employees, Map<String, FeishuErrorException> failed, int cached) {
	}

	/**
	 * Ids waiting to be asked of Feishu together. Only filled inside
	 * {@code openBatches.compute}.
	 */
	private static final class Batch {

		private final BalanceQuery query;

		private final int maxSize;

		private final List<String> ids = new ArrayList<>();

		private final List<CompletableFuture<Employee>> futures = new ArrayList<>();

		private final CountDownLatch full = new CountDownLatch(1);

		private boolean closed;

		Batch(BalanceQuery query, int maxSize) {
			this.query = query;
			this.maxSize = maxSize;
		}

		synchronized boolean tryAdd(String id, CompletableFuture<Employee> future) {
			if (this.closed || this.ids.size() >= this.maxSize) {
				return false;
			}
			this.ids.add(id);
			this.futures.add(future);
			if (this.ids.size() == this.maxSize) {
				this.full.countDown();
			}
			return true;
		}

		synchronized boolean isFull() {
			return this.ids.size() >= this.maxSize;
		}

		synchronized void close() {
			this.closed = true;
		}

		/** A full batch goes at once; any other waits for its window. */
		void awaitFullOrWindow(BatchWindow window, Duration length) {
			if (isFull()) {
				return;
			}
			try {
				window.await(this.full, length);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
