package com.leavegateway.balances;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * When a batch that is not full goes: {@code send} runs once its window has passed, on a
 * timer, so that no request's thread waits for others to join. Production uses the
 * system's time; a test lets windows pass by hand.
 */
@FunctionalInterface
interface BatchWindow {

	/** One daemon timer thread; a task only starts a batch's wait for its permit. */
	BatchWindow SYSTEM = new BatchWindow() {

		private final ScheduledThreadPoolExecutor timer = timer();

		@Override
		public void schedule(Runnable send, Duration window) {
			this.timer.schedule(send, window.toNanos(), TimeUnit.NANOSECONDS);
		}

		private static ScheduledThreadPoolExecutor timer() {
			ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "batch-window");
				thread.setDaemon(true);
				return thread;
			});
			timer.setRemoveOnCancelPolicy(true);
			return timer;
		}

	};

	void schedule(Runnable send, Duration window);

}
