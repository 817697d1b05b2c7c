package com.leavegateway.quota;

/**
 * The engine's only source of time: a monotonic tick and a timer. Production uses
 * {@link SystemQuotaTime}; tests pass a clock they move by hand, so that windows, waits
 * and deadlines are tested without sleeping. Times are nanoseconds of an arbitrary
 * origin, compared by difference as {@link System#nanoTime()} values are.
 */
public interface QuotaTime {

	/** Now, in nanoseconds of this time source's own origin. */
	long nanoTime();

	/**
	 * Runs {@code task} once, {@code delayNanos} from now (at once when not positive), on
	 * the timer's thread. Tasks must be short and never block: every wait of the engine
	 * is such a task.
	 */
	Scheduled schedule(Runnable task, long delayNanos);

	/** A scheduled task, which can still be called off. */
	@FunctionalInterface
	interface Scheduled {

		/** Calls the task off if it has not run yet; nothing otherwise. */
		void cancel();

	}

}
