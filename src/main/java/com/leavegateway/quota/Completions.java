package com.leavegateway.quota;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where a line completes its callers' futures: on the completions executor, after the
 * line's lock is released, so that a caller's continuation never runs under the lock or
 * on the window's or the timer's thread. Each ended wait is timed by outcome.
 */
final class Completions {

	private final Executor executor;

	private final QuotaMeters meters;

	Completions(Executor executor, QuotaMeters meters) {
		this.executor = executor;
		this.meters = meters;
	}

	/** Hands the permit to the caller; gives it back if the caller left meanwhile. */
	void deliver(Waiter waiter, Permit permit) {
		run(() -> {
			if (waiter.future.complete(permit)) {
				this.meters.waited(waiter, "granted");
			}
			else {
				// Cancelled between grant and hand-over: nothing was sent.
				permit.giveBack();
			}
		});
	}

	void fail(Waiter waiter, Throwable failure, String outcome) {
		run(() -> {
			if (waiter.future.completeExceptionally(failure)) {
				this.meters.waited(waiter, outcome);
			}
		});
	}

	void run(Runnable completion) {
		try {
			this.executor.execute(completion);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: answer on this thread rather than leave a caller hanging.
			completion.run();
		}
	}

	/** Runs the effects a line collected under its lock, once it is released. */
	static void runAll(List<Runnable> effects) {
		for (Runnable effect : effects) {
			effect.run();
		}
	}

}
