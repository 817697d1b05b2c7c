package com.leavegateway.sharedcache;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import com.leavegateway.cache.CacheEvictions;
import com.leavegateway.coordination.CoordinationProperties;
import com.leavegateway.coordination.RedisCalls;

/**
 * The shared level in {@code redis} mode; in {@code local} mode none of it exists. Keys
 * start with {@code <key-prefix><feishu.app-id>:}, as the quota's do.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.coordination.mode", havingValue = "redis")
class SharedCacheConfiguration {

	@Bean
	SharedCaches sharedCaches(ReactiveRedisConnectionFactory redis, CoordinationProperties coordination,
			@Value("${feishu.app-id:}") String appId, SharedCacheProperties properties) {
		return new SharedCaches(redis, RedisCalls.of(coordination),
				RedisCalls.namespace(coordination.keyPrefix(), appId), properties);
	}

	@Bean
	EvictionChannel evictionChannel(SharedCaches sharedCaches, CacheEvictions cacheEvictions) {
		return new EvictionChannel(sharedCaches, cacheEvictions);
	}

}
