package com.leavegateway.balances;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.Permit;
import com.leavegateway.quota.Urgency;

/**
 * Ids of one {@link BalanceLoader} waiting to be asked of Feishu together, the urgencies
 * of the requests they came with, and how many requests still want the answer.
 */
final class Batch {

	final BalanceQuery query;

	private final int maxSize;

	/** Takes an abandoned batch out of its loader and fails its entries. */
	private final Consumer<Batch> abandon;

	private final List<String> ids = new ArrayList<>();

	private final List<CompletableFuture<CachedEmployee>> futures = new ArrayList<>();

	private final List<Urgency> urgencies = new ArrayList<>();

	private boolean closed;

	private @Nullable CompletableFuture<Permit> permit;

	private int interested;

	private boolean abandoned;

	Batch(BalanceQuery query, int maxSize, Consumer<Batch> abandon) {
		this.query = query;
		this.maxSize = maxSize;
		this.abandon = abandon;
	}

	synchronized boolean tryAdd(String id, CompletableFuture<CachedEmployee> future, Urgency urgency) {
		if (this.closed || this.ids.size() >= this.maxSize) {
			return false;
		}
		this.ids.add(id);
		this.futures.add(future);
		this.urgencies.add(urgency);
		return true;
	}

	synchronized boolean isFull() {
		return this.ids.size() >= this.maxSize;
	}

	synchronized void close() {
		this.closed = true;
	}

	synchronized List<String> ids() {
		return List.copyOf(this.ids);
	}

	synchronized List<CompletableFuture<CachedEmployee>> futures() {
		return List.copyOf(this.futures);
	}

	/** The most urgent of its requests: the highest class, the earliest deadline. */
	synchronized Urgency urgency() {
		return Urgency.mostUrgent(this.urgencies);
	}

	/** Asks for the permit unless that was done already or nobody wants it. */
	@Nullable CompletableFuture<Permit> start(Function<Urgency, CompletableFuture<Permit>> ask) {
		Urgency urgency;
		synchronized (this) {
			if (this.permit != null || this.abandoned) {
				return null;
			}
			urgency = Urgency.mostUrgent(this.urgencies);
			this.permit = new CompletableFuture<>();
		}
		CompletableFuture<Permit> asked = ask.apply(urgency);
		synchronized (this) {
			this.permit = asked;
			if (this.abandoned) {
				asked.cancel(false);
			}
		}
		return asked;
	}

	/** Whether the call is still wanted; from now on it is made whoever leaves. */
	synchronized boolean calling() {
		return !this.abandoned;
	}

	/** One more request wants the answer; false when it comes too late. */
	synchronized boolean retain() {
		if (this.abandoned) {
			return false;
		}
		this.interested++;
		return true;
	}

	/**
	 * A request gave up. The last one to leave before the call gives up the queue place
	 * and the entries.
	 */
	void release() {
		CompletableFuture<Permit> pending;
		synchronized (this) {
			if (--this.interested > 0 || this.abandoned || (this.permit != null && this.permit.isDone())) {
				return;
			}
			this.abandoned = true;
			// Closed in the same step: an id arriving from now on opens a batch of its
			// own
			// rather than join one whose entries are about to fail.
			this.closed = true;
			pending = this.permit;
		}
		// The entries fail as abandoned before the wait is called off, so that a request
		// that took one of them meanwhile (too late to retain) knows to ask again.
		this.abandon.accept(this);
		if (pending != null) {
			pending.cancel(false);
		}
	}

	/**
	 * What the entries of a batch every request gave up on fail with. A request that came
	 * for such an entry just as the last one left never wanted it given up: it asks
	 * again.
	 */
	static final class Abandoned extends CancellationException {

		private static final long serialVersionUID = 1L;

		Abandoned() {
			super("Every request for this batch gave up");
		}

	}

}
