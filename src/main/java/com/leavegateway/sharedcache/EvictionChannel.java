package com.leavegateway.sharedcache;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;

import com.leavegateway.cache.CacheEvictions;
import com.leavegateway.web.Futures;

/**
 * Admin evictions in {@code redis} mode: the shared entries are deleted at once (the
 * admin call fails closed when Redis cannot answer), and a message on
 * {@code <key-prefix><app id>:cache-evictions} has every replica, this one too, evict its
 * first level. The subscription comes back by itself after an outage; messages sent
 * meanwhile are lost, which the first level's short TTL
 * ({@code gateway.cache.first-level-ttl}) bounds.
 */
final class EvictionChannel implements CacheEvictions.SharedLevel, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EvictionChannel.class);

	private final SharedCaches shared;

	private final CacheEvictions firstLevel;

	private @Nullable Disposable subscription;

	EvictionChannel(SharedCaches shared, CacheEvictions firstLevel) {
		this.shared = shared;
		this.firstLevel = firstLevel;
	}

	@Override
	public void evictAll() {
		Futures.join(this.shared.evictAll());
	}

	@Override
	public void evictEmployee(String employeeId) {
		Futures.join(this.shared.evictEmployee(employeeId));
	}

	@Override
	public synchronized void start() {
		Duration most = this.shared.reconnectPause();
		// Deferred: listening connects at once, and a replica must start without Redis.
		this.subscription = Flux.defer(() -> this.shared.redis().listenToChannel(this.shared.channel()))
			.doOnError((ex) -> logger.warn("Cache eviction channel lost, subscribing again: " + ex))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(most))
			.subscribe((message) -> evictLocally(message.getMessage()));
	}

	private void evictLocally(String message) {
		if (SharedCaches.ALL.equals(message)) {
			this.firstLevel.localAll();
		}
		else if (message.startsWith(SharedCaches.EMPLOYEE)) {
			this.firstLevel.localEmployee(message.substring(SharedCaches.EMPLOYEE.length()));
		}
	}

	@Override
	public synchronized void stop() {
		if (this.subscription != null) {
			this.subscription.dispose();
			this.subscription = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.subscription != null;
	}

}
