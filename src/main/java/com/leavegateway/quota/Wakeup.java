package com.leavegateway.quota;

import org.jspecify.annotations.Nullable;

/**
 * A line's one pending timer task that asks the window again when something blocking it
 * ends; an earlier wake-up replaces a later one.
 */
final class Wakeup {

	private final QuotaTime time;

	private final Runnable task;

	private QuotaTime.@Nullable Scheduled pending;

	private long at;

	Wakeup(QuotaTime time, Runnable task) {
		this.time = time;
		this.task = task;
	}

	/** Runs the task at {@code at} unless a wake-up still pending comes no later. */
	synchronized void at(long at, long now) {
		QuotaTime.Scheduled pending = this.pending;
		if (pending != null && this.at - at <= 0 && this.at - now > 0) {
			return;
		}
		if (pending != null) {
			pending.cancel();
		}
		this.at = at;
		this.pending = this.time.schedule(this::fire, at - now);
	}

	private void fire() {
		synchronized (this) {
			this.pending = null;
		}
		this.task.run();
	}

}
