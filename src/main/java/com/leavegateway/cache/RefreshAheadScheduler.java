package com.leavegateway.cache;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks at the entries read since their fetch, of every cache with refresh-ahead (the
 * balances and the expiring grants), every {@code gateway.cache.refresh-ahead.interval},
 * on one daemon thread, and has those about to expire refreshed in the background
 * ({@link RefreshesAhead#refreshAhead}); nothing when
 * {@code gateway.cache.refresh-ahead.enabled} is false. The look itself only reads
 * memory: the refreshes wait for their permits without a thread.
 */
@Component
class RefreshAheadScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RefreshAheadScheduler.class);

	private final List<RefreshesAhead> caches;

	private final CacheProperties.RefreshAhead settings;

	private @Nullable ScheduledExecutorService timer;

	RefreshAheadScheduler(List<RefreshesAhead> caches, CacheProperties properties) {
		this.caches = caches;
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
		for (RefreshesAhead cache : this.caches) {
			try {
				cache.refreshAhead();
			}
			catch (RuntimeException ex) {
				// A failed look must not end the schedule, nor keep the other caches'.
				logger.warn("Refresh-ahead failed; trying again at the next interval", ex);
			}
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
