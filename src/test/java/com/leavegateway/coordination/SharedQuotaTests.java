package com.leavegateway.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.leavegateway.quota.Permit;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.QuotaEngine;
import com.leavegateway.quota.QuotaExhaustedException;
import com.leavegateway.quota.QuotaSpec;
import com.leavegateway.quota.SystemQuotaTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Quota engines as replicas of one deployment, each with its own Redis connection and
 * timer, sharing one window in the real Redis under a key prefix of the test's own.
 * Permits carry the Redis {@code TIME} of their send, so the window is checked on the
 * store's clock, not on the test's.
 */
class SharedQuotaTests {

	private static final String APP = "cli_test_app";

	private final String prefix = TestRedis.uniquePrefix();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		TestRedis.deleteKeys(this.prefix);
	}

	@Test
	void threeReplicasTogetherNeverSendMoreThanTheLimitInAnyWindow() throws Exception {
		QuotaSpec quota = quota(10, Duration.ofSeconds(1));
		List<QuotaEngine> replicas = List.of(replica(quota), replica(quota), replica(quota));
		List<CompletableFuture<Long>> sends = new ArrayList<>();

		for (int i = 0; i < 45; i++) {
			QuotaEngine replica = replicas.get(i % 3);
			sends.add(replica.acquire(quota.name(), replica.urgency(Priority.INTERACTIVE, Duration.ofSeconds(60)))
				.thenApply((permit) -> {
					permit.complete();
					return permit.send().storeMicros();
				}));
		}

		List<Long> sent = new ArrayList<>();
		for (CompletableFuture<Long> send : sends) {
			sent.add(send.get(90, TimeUnit.SECONDS));
		}
		sent.sort(null);
		for (int i = 0; i + 10 < sent.size(); i++) {
			assertThat(sent.get(i + 10) - sent.get(i)).as("11 sends within one window")
				.isGreaterThanOrEqualTo(1_000_000);
		}
	}

	@Test
	void oneReplicaAloneMayTakeTheWholeQuota() throws Exception {
		QuotaSpec quota = quota(10, Duration.ofSeconds(60));
		QuotaEngine busy = replica(quota);
		QuotaEngine idle = replica(quota);
		replica(quota);

		List<CompletableFuture<Permit>> permits = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			permits.add(busy.acquire(quota.name(), busy.urgency(Priority.INTERACTIVE, Duration.ofSeconds(30)))
				.thenApply((permit) -> {
					permit.complete();
					return permit;
				}));
		}

		// All ten in the first window: spaced out, they would take the better part of a
		// minute.
		CompletableFuture.allOf(permits.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
		assertExhausted(idle.acquire(quota.name(), idle.urgency(Priority.INTERACTIVE, Duration.ZERO)));
	}

	@Test
	void afterRedisLosesItsStateTheWindowCountsAsFullForOnePeriod() throws Exception {
		QuotaSpec quota = quota(5, Duration.ofSeconds(2));
		QuotaEngine one = replica(quota);
		QuotaEngine two = replica(quota);
		one.acquire(quota.name(), one.urgency(Priority.INTERACTIVE, Duration.ZERO))
			.get(10, TimeUnit.SECONDS)
			.complete();

		// Redis TIME just before the loss: the loss is noticed later.
		long restartedAt = redis()
			.execute((RedisCallback<Long>) (redis) -> redis.serverCommands().time(TimeUnit.MICROSECONDS));
		TestRedis.deleteKeys(this.prefix);

		assertExhausted(two.acquire(quota.name(), two.urgency(Priority.INTERACTIVE, Duration.ZERO)));
		Permit permit = two.acquire(quota.name(), two.urgency(Priority.INTERACTIVE, Duration.ofSeconds(30)))
			.get(30, TimeUnit.SECONDS);
		assertThat(permit.send().storeMicros() - restartedAt).isGreaterThanOrEqualTo(2_000_000);
	}

	@Test
	void aPauseOnOneReplicaHoldsEveryReplica() throws Exception {
		QuotaSpec quota = quota(10, Duration.ofSeconds(60));
		QuotaEngine paused = replica(quota);
		QuotaEngine other = replica(quota);

		paused.pause(quota.name(), Duration.ofSeconds(3)).get(10, TimeUnit.SECONDS);
		long pauseEnd = Long.parseLong(redis().opsForValue().get(key(quota, "pause")));

		assertExhausted(other.acquire(quota.name(), other.urgency(Priority.INTERACTIVE, Duration.ofMillis(500))));
		assertExhausted(other.admit(quota.name(), other.urgency(Priority.INTERACTIVE, Duration.ofMillis(500)), 1));
		Permit permit = other.acquire(quota.name(), other.urgency(Priority.INTERACTIVE, Duration.ofSeconds(30)))
			.get(30, TimeUnit.SECONDS);
		assertThat(permit.send().storeMicros()).isGreaterThanOrEqualTo(pauseEnd);
	}

	@Test
	void withRedisUnreachableNothingIsGrantedAndTheCallerHearsWhy() {
		QuotaSpec quota = quota(10, Duration.ofSeconds(60));
		QuotaEngine replica = replica(quota, TestRedis.closedPort());

		assertUnavailable(replica.acquire(quota.name(), replica.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10))));
		assertUnavailable(
				replica.admit(quota.name(), replica.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10)), 1));
		assertUnavailable(replica.pause(quota.name(), Duration.ofSeconds(1)));
	}

	@Test
	void aReplicaRecoversByItselfWhenRedisIsBack() throws Exception {
		QuotaSpec quota = quota(100, Duration.ofSeconds(60));
		TcpGate gate = new TcpGate(TestRedis.PORT);
		this.resources.add(gate);
		QuotaEngine replica = replica(quota, gate.port());
		replica.acquire(quota.name(), replica.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10)))
			.get(10, TimeUnit.SECONDS)
			.complete();

		gate.close();
		// Every permit asked for while Redis is away is refused, none granted.
		for (int i = 0; i < 3; i++) {
			assertUnavailable(
					replica.acquire(quota.name(), replica.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10))));
		}

		gate.open();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			replica.acquire(quota.name(), replica.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10)))
				.get(10, TimeUnit.SECONDS)
				.complete();
			return true;
		});
	}

	private QuotaSpec quota(int limit, Duration period) {
		QuotaSpec quota = new QuotaSpec("feishu-leave-balances", limit, period, 0, 0.2, 8);
		RedisSendWindows windows = new RedisSendWindows(connect(TestRedis.PORT), this.prefix, APP,
				TestRedis.COMMAND_TIMEOUT, TestRedis.RETRY_AFTER);
		windows.startEmpty(quota).join();
		return quota;
	}

	private QuotaEngine replica(QuotaSpec quota) {
		return replica(quota, TestRedis.PORT);
	}

	private QuotaEngine replica(QuotaSpec quota, int port) {
		SystemQuotaTime time = new SystemQuotaTime();
		this.resources.add(time);
		return QuotaEngine
			.builder(new RedisSendWindows(connect(port), this.prefix, APP, TestRedis.COMMAND_TIMEOUT,
					TestRedis.RETRY_AFTER))
			.quota(quota)
			.time(time)
			.build();
	}

	private LettuceConnectionFactory connect(int port) {
		LettuceConnectionFactory factory = TestRedis.connect(port);
		this.resources.add(factory::destroy);
		return factory;
	}

	private StringRedisTemplate redis() {
		return new StringRedisTemplate(connect(TestRedis.PORT));
	}

	private String key(QuotaSpec quota, String part) {
		return this.prefix + APP + ":quota:{" + quota.name() + "}:" + part;
	}

	private static void assertExhausted(CompletableFuture<?> future) {
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(30, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(QuotaExhaustedException.class);
	}

	private static void assertUnavailable(CompletableFuture<?> future) {
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(30, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(CoordinationUnavailableException.class);
	}

}
