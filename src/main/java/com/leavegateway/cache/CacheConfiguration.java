package com.leavegateway.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.leavegateway.coordination.CoordinationProperties;

/**
 * The Caffeine caches behind Spring's cache manager, so that the actuator caches endpoint
 * lists and evicts them and their statistics become Micrometer metrics. They are
 * asynchronous caches: an entry being fetched is a future that concurrent requests for
 * the same key share.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	/**
	 * An entry is kept its ttl and then its max-stale ({@link Freshness} judges, from its
	 * {@code fetchedAt}, what it may answer). In {@code redis} mode the balances cache is
	 * the first level in front of the shared one, and short-lived
	 * ({@code gateway.cache.first-level-ttl}).
	 */
	@Bean
	CacheManager cacheManager(CacheProperties properties, ObjectProvider<CoordinationProperties> coordination) {
		CaffeineCacheManager manager = new CaffeineCacheManager();
		manager.setAllowNullValues(false);
		Duration balances = properties.balances().kept();
		// Absent in slices of the web layer: local.
		CoordinationProperties settings = coordination.getIfAvailable();
		boolean redis = settings != null && settings.mode() == CoordinationProperties.Mode.REDIS;
		if (redis && properties.firstLevelTtl().compareTo(balances) < 0) {
			balances = properties.firstLevelTtl();
		}
		manager.registerCustomCache(CacheProperties.BALANCES, build(balances, properties.balances().maximumSize()));
		manager.registerCustomCache(CacheProperties.EXPIRING_GRANTS,
				build(properties.expiringGrants().kept(), properties.expiringGrants().maximumSize()));
		// Kept like the balances it lists, ttl plus max-stale; evicting every cache drops
		// it too.
		manager.registerCustomCache(CacheProperties.ROSTERS,
				Caffeine.newBuilder()
					.expireAfterWrite(properties.balances().kept())
					.maximumSize(properties.rosters().maximumSize())
					.recordStats()
					.build());
		return manager;
	}

	/**
	 * Load times and counts. Micrometer binds them only for a Caffeine LoadingCache;
	 * these caches load through futures instead, which Caffeine times all the same (a
	 * fetch that finds nothing counts as a failed load).
	 */
	@Bean
	MeterBinder cacheLoadMetrics(CacheManager cacheManager) {
		return (registry) -> {
			for (String name : List.of(CacheProperties.BALANCES, CacheProperties.EXPIRING_GRANTS)) {
				Cache<Object, Object> cache = ((CaffeineCache) cacheManager.getCache(name)).getNativeCache();
				Tags tags = Tags.of("cache", name, "cache.manager", "cacheManager");
				TimeGauge.builder("cache.load.duration", cache, TimeUnit.NANOSECONDS, (c) -> c.stats().totalLoadTime())
					.tags(tags)
					.description("Time spent fetching values for the cache")
					.register(registry);
				FunctionCounter.builder("cache.load", cache, (c) -> c.stats().loadSuccessCount())
					.tags(tags)
					.tag("result", "success")
					.description("Fetches that put a value in the cache")
					.register(registry);
				FunctionCounter.builder("cache.load", cache, (c) -> c.stats().loadFailureCount())
					.tags(tags)
					.tag("result", "failure")
					.description("Fetches that failed or found nothing")
					.register(registry);
			}
		};
	}

	private static com.github.benmanes.caffeine.cache.AsyncCache<Object, Object> build(Duration kept,
			long maximumSize) {
		return Caffeine.newBuilder().expireAfterWrite(kept).maximumSize(maximumSize).recordStats().buildAsync();
	}

}
