package com.leavegateway.quota;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/** One waiting acquire. Guarded by its line's lock. */
final class Waiter {

	final Urgency urgency;

	final long enqueuedAt;

	final CompletableFuture<Permit> future = new CompletableFuture<>();

	QuotaTime.@Nullable Scheduled deadline;

	/** Whether it is still in its line's queue. */
	boolean queued;

	/** Whether the window is being asked for it (its answer decides its fate). */
	boolean asking;

	Waiter(Urgency urgency, long enqueuedAt) {
		this.urgency = urgency;
		this.enqueuedAt = enqueuedAt;
	}

}
