package com.leavegateway.coordination;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.util.StringUtils;

import com.leavegateway.quota.SendWindows;

/**
 * Picks where quota windows live from {@code gateway.coordination.mode}. Spring Boot's
 * Redis auto-configuration applies in {@code redis} mode only
 * ({@link SpringDataAutoConfigurationFilter}); its own health check is switched off
 * ({@code management.health.redis.enabled=false}) in favour of
 * {@link CoordinationHealthIndicator}, which asks Redis only in {@code redis} mode.
 */
@Configuration(proxyBeanMethods = false)
class CoordinationConfiguration {

	/**
	 * The windows the quota engine counts in: this JVM's memory, or Redis under
	 * {@code <key-prefix><feishu.app-id>:}. The app id is read as a plain property, so
	 * that coordination does not depend on the Feishu client.
	 */
	@Bean
	SendWindows sendWindows(CoordinationProperties coordination, @Value("${feishu.app-id:}") String appId,
			ObjectProvider<ReactiveRedisConnectionFactory> redis) {
		return switch (coordination.mode()) {
			case LOCAL -> SendWindows.local();
			case REDIS -> redisSendWindows(coordination, appId, redis.getObject());
		};
	}

	private static RedisSendWindows redisSendWindows(CoordinationProperties coordination, String appId,
			ReactiveRedisConnectionFactory redis) {
		if (!StringUtils.hasText(appId)) {
			throw new IllegalStateException(
					"gateway.coordination.mode=redis needs feishu.app-id: the shared keys carry the app's id");
		}
		return new RedisSendWindows(redis, coordination.keyPrefix(), appId, coordination.commandTimeout(),
				coordination.retryAfter());
	}

	/**
	 * "coordination" in /actuator/health and the readiness group: always UP in
	 * {@code local} mode; in {@code redis} mode UP only while Redis answers.
	 */
	@Bean
	CoordinationHealthIndicator coordinationHealthIndicator(CoordinationProperties coordination,
			SendWindows sendWindows) {
		return new CoordinationHealthIndicator(coordination.mode(),
				(sendWindows instanceof RedisSendWindows redis) ? redis : null);
	}

	/**
	 * Lettuce waits ever longer between reconnection attempts, up to 30 s: after a long
	 * outage a replica could stay unready that long once Redis is back. Capped at the
	 * {@code Retry-After} callers are given (at least a second), so that a caller who
	 * asks again as told finds the replica reconnected.
	 */
	@Bean
	@ConditionalOnProperty(name = "gateway.coordination.mode", havingValue = "redis")
	ClientResourcesBuilderCustomizer reconnectWithinRetryAfter(CoordinationProperties coordination) {
		Duration most = (coordination.retryAfter().compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1)
				: coordination.retryAfter();
		return (builder) -> builder.reconnectDelay(Delay.exponential(Duration.ZERO, most, 2, TimeUnit.MILLISECONDS));
	}

	/**
	 * While Lettuce reconnects, it would queue commands and answer them late; refused at
	 * once instead, they fail closed within the command time-out rather than after it.
	 */
	@Bean
	@ConditionalOnProperty(name = "gateway.coordination.mode", havingValue = "redis")
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (builder) -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

}
