package com.leavegateway.quota;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link System#nanoTime()} and one daemon timer thread. Cancelled tasks leave the
 * timer's queue at once, so that thousands of deadlines called off by granted permits
 * hold no memory until they would have run. Close it with the application.
 */
public final class SystemQuotaTime implements QuotaTime, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SystemQuotaTime.class);

	private final ScheduledThreadPoolExecutor timer;

	public SystemQuotaTime() {
		this.timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "quota-timer");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.setRemoveOnCancelPolicy(true);
	}

	@Override
	public long nanoTime() {
		return System.nanoTime();
	}

	@Override
	public Scheduled schedule(Runnable task, long delayNanos) {
		ScheduledFuture<?> future = this.timer.schedule(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				// A failing task must not silence the ones after it.
				logger.error("Quota timer task failed", ex);
			}
		}, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
		return () -> future.cancel(false);
	}

	/** Tasks waiting on the timer. */
	int queued() {
		return this.timer.getQueue().size();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
