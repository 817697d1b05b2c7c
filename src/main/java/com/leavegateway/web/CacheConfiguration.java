package com.leavegateway.web;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Caffeine caches behind Spring's cache manager, so that the actuator caches endpoint lists and evicts them and
 * their statistics become Micrometer metrics. They are asynchronous caches: an entry being fetched is a future
 * that concurrent requests for the same key share.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	@Bean
	CacheManager cacheManager(CacheProperties properties) {
		CaffeineCacheManager manager = new CaffeineCacheManager();
		manager.setAllowNullValues(false);
		manager.registerCustomCache(CacheProperties.BALANCES, build(properties.balances()));
		manager.registerCustomCache(CacheProperties.EXPIRING_GRANTS, build(properties.expiringGrants()));
		return manager;
	}

	private static com.github.benmanes.caffeine.cache.AsyncCache<Object, Object> build(
			CacheProperties.Settings settings) {
		return Caffeine.newBuilder()
			.expireAfterWrite(settings.ttl())
			.maximumSize(settings.maximumSize())
			.recordStats()
			.buildAsync();
	}

}
