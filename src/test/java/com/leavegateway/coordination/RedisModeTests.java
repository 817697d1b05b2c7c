package com.leavegateway.coordination;

import java.time.Duration;

import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.leavegateway.quota.QuotaSpec;
import com.leavegateway.quota.SendWindows;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code gateway.coordination.mode=redis}: the quota windows are Redis windows under the
 * key prefix and the Feishu app id, and readiness follows Redis (reached here through a
 * relay the test can cut) while liveness never does.
 */
@DirtiesContext
class RedisModeTests extends GatewayStackTest {

	private static final TcpGate gate = new TcpGate(TestRedis.PORT);

	private static final String PREFIX = TestRedis.uniquePrefix();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("gateway.coordination.mode", () -> "redis");
		registry.add("gateway.coordination.key-prefix", () -> PREFIX);
		registry.add("spring.data.redis.host", () -> TestRedis.HOST);
		registry.add("spring.data.redis.port", gate::port);
	}

	@AfterAll
	static void cleanUp() {
		gate.close();
		TestRedis.deleteKeys(PREFIX);
	}

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	@Autowired
	private SendWindows sendWindows;

	@Autowired
	private ClientResources clientResources;

	@Test
	void quotaWindowsAreSharedInRedisUnderThePrefixAndTheAppId() throws Exception {
		assertThat(this.sendWindows).isInstanceOf(RedisSendWindows.class);
		QuotaSpec quota = new QuotaSpec("feishu-leave-balances", 100, Duration.ofSeconds(60), 0.02, 0.2, 8);

		((RedisSendWindows) this.sendWindows).startEmpty(quota).join();

		assertThat(((RedisSendWindows) this.sendWindows).key(quota, "marker"))
			.isEqualTo(PREFIX + APP_ID + ":quota:{feishu-leave-balances}:marker");
	}

	@Test
	void notReadyButAliveWhileRedisIsAwayAndReadyAgainWhenItIsBack() {
		// The first ping also connects: on a busy machine that can outlast the 2 s
		// command time-out, and the replica becomes ready a moment later.
		await().atMost(Duration.ofSeconds(30)).until(() -> readiness().status() == 200);
		assertThat(
				readiness().json().path("components").path("coordination").path("details").path("mode").stringValue())
			.isEqualTo("redis");

		gate.close();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> readiness().status() == 503);
			GatewayHttp.Response readiness = readiness();
			assertThat(readiness.json().path("components").path("coordination").path("status").stringValue())
				.isEqualTo("DOWN");
			assertThat(readiness.body()).doesNotContain(TestRedis.HOST, Integer.toString(gate.port()));
			assertThat(this.gateway.request("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
		}
		finally {
			gate.open();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> readiness().status() == 200);
	}

	@Test
	void afterALongOutageTheReplicaTriesToReconnectAtLeastAsOftenAsCallersAreToldToRetry() {
		// Lettuce's own back-off grows to 30 s between attempts.
		for (int attempt = 1; attempt <= 64; attempt++) {
			assertThat(this.clientResources.reconnectDelay().createDelay(attempt)).isLessThanOrEqualTo(RETRY_AFTER);
		}
	}

	private GatewayHttp.Response readiness() {
		return this.gateway.request("GET", "/actuator/health/readiness", null);
	}

}
