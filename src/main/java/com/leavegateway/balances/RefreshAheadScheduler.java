package com.leavegateway.balances;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.leavegateway.cache.CacheProperties;

/**
 * Looks at the balances entries read since their fetch every
 * {@code gateway.cache.refresh-ahead.interval}, on one daemon thread, and has those about
 * to expire refreshed in the background ({@link BalanceLoader#refreshAhead}); nothing
 * when {@code gateway.cache.refresh-ahead.enabled} is false. The look itself only reads
 * memory: the refreshes wait for their permits without a thread.
 */
@Component
class RefreshAheadScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RefreshAheadScheduler.class);

	private final BalanceLoader loader;

	private final CacheProperties.RefreshAhead settings;

	private @Nullable ScheduledExecutorService timer;

	RefreshAheadScheduler(BalanceLoader loader, CacheProperties properties) {
		this.loader = loader;
		this.settings = properties.refreshAhead();
	}

	@Override
	public synchronized void start() {
		if (!this.settings.enabled() || this.timer != null) {
			return;
		}
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "refresh-ahead");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(1, this.settings.interval().toMillis());
		timer.scheduleWithFixedDelay(this::lookAtReadEntries, every, every, TimeUnit.MILLISECONDS);
		this.timer = timer;
	}

	private void lookAtReadEntries() {
		try {
			this.loader.refreshAhead();
		}
		catch (RuntimeException ex) {
			// A failed look must not end the schedule.
			logger.warn("Refresh-ahead failed; trying again at the next interval", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

}
