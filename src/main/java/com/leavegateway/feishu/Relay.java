package com.leavegateway.feishu;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The result of a chain of asynchronous steps (a wait for a quota permit, a call, the
 * next page) that its caller may cancel. A {@link CompletableFuture} composed with
 * {@code thenCompose} does not pass a cancellation back to the step under way, so the
 * chain tracks that step itself: cancelling {@link #result()} cancels it, which gives up
 * a queue place (the permit is given back) or disposes of a call.
 */
final class Relay<T> {

	private final CompletableFuture<T> result = new CompletableFuture<>();

	private final AtomicReference<@Nullable Future<?>> current = new AtomicReference<>();

	Relay() {
		this.result.whenComplete((value, failure) -> {
			if (this.result.isCancelled()) {
				Future<?> step = this.current.getAndSet(null);
				if (step != null) {
					step.cancel(false);
				}
			}
		});
	}

	/** The step under way now; cancelled at once if the chain already is. */
	<F extends Future<?>> F track(F step) {
		this.current.set(step);
		if (this.result.isCancelled()) {
			step.cancel(false);
		}
		return step;
	}

	CompletableFuture<T> result() {
		return this.result;
	}

}
