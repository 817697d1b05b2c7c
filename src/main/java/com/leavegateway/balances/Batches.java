package com.leavegateway.balances;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import com.leavegateway.feishu.FailedEmployee;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.feishu.LeaveBalances;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.Permit;
import com.leavegateway.quota.Urgency;
import com.leavegateway.web.Futures;

/**
 * The open micro-batches of one class of fetches ({@link BalanceLoader}'s for callers,
 * another for background refreshes, so that a caller never waits behind a background
 * permit): ids of the same query join one open batch, which asks for its permit when it
 * holds a page's worth of ids or when its window has passed, and keeps taking ids until
 * the permit comes.
 */
final class Batches {

	private final FeishuClient feishu;

	private final BatchingProperties batching;

	private final BatchWindow window;

	private final SharedBalances shared;

	private final ConcurrentHashMap<BalanceQuery, Batch> open = new ConcurrentHashMap<>();

	/** The batch of each entry being fetched, until its call is answered. */
	private final ConcurrentHashMap<BalanceKey, Batch> fetching = new ConcurrentHashMap<>();

	Batches(FeishuClient feishu, BatchingProperties batching, BatchWindow window, SharedBalances shared) {
		this.feishu = feishu;
		this.batching = batching;
		this.window = window;
		this.shared = shared;
	}

	/**
	 * Queues {@code key}'s fetch, completing {@code future}; a batch it filled goes to
	 * {@code toStart}, for the caller to {@link #start} once it has queued all its ids.
	 */
	void enqueue(BalanceKey key, CompletableFuture<CachedEmployee> future, Urgency urgency, List<Batch> toStart) {
		this.open.compute(key.query(), (q, batch) -> {
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
	 * The request's interest in the batch fetching the entry; the batch if it joined it
	 * now.
	 */
	@Nullable Batch join(BalanceKey key, CompletableFuture<CachedEmployee> future, Set<Batch> joined) {
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
	 * A batch asks for its permit (once: when full, or when its window has passed). Until
	 * the permit comes the batch stays open, so that a busy quota carries full pages
	 * rather than many small ones.
	 */
	void start(Batch batch) {
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
		this.open.remove(batch.query, batch);
		batch.close();
	}

}
