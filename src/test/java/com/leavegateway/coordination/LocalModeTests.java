package com.leavegateway.coordination;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.annotation.PersistenceExceptionTranslationPostProcessor;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.web.PageableHandlerMethodArgumentResolver;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.leavegateway.quota.SendWindows;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default mode needs no Redis: with nothing listening where Redis would be, the
 * gateway starts, is healthy and ready, and Spring Boot's own Redis health check is not
 * there to fail. Nothing of Redis is configured at all
 * (SpringDataAutoConfigurationFilter).
 */
@DirtiesContext
class LocalModeTests extends GatewayStackTest {

	@DynamicPropertySource
	static void noRedis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", TestRedis::closedPort);
	}

	@Autowired
	private ApplicationContext context;

	@Autowired
	private SendWindows sendWindows;

	@Test
	void healthyAndReadyWithoutRedis() {
		GatewayHttp.Response health = this.gateway.request("GET", "/actuator/health", null);
		GatewayHttp.Response readiness = this.gateway.request("GET", "/actuator/health/readiness", null);

		assertThat(health.status()).isEqualTo(200);
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().path("components").path("coordination").path("status").stringValue())
			.isEqualTo("UP");
		assertThat(readiness.json().path("components").path("coordination").path("details").path("mode").stringValue())
			.isEqualTo("local");
	}

	@Test
	void quotaWindowsLiveInMemoryAndBootsRedisCheckIsOff() {
		assertThat(this.sendWindows).isNotInstanceOf(RedisSendWindows.class);
		assertThat(this.context.containsBean("redisHealthContributor")).isFalse();
		assertThat(this.context.containsBean("rejectCommandsWhileDisconnected")).isFalse();
	}

	@Test
	void noRedisAndNothingElseOfSpringDataIsConfigured() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(PageableHandlerMethodArgumentResolver.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(PersistenceExceptionTranslationPostProcessor.class)).isEmpty();
	}

}
