package com.leavegateway.coordination;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas of one deployment (three application contexts in this JVM) in
 * {@code redis} mode, sharing the real Redis under a key prefix of this class's own and
 * one stand-in Feishu that logs when each call arrives. Leave balances have a small quota
 * (6 calls in 3 s); each test starts from empty windows and cold caches.
 */
class ReplicasTests {

	private static final String PREFIX = TestRedis.uniquePrefix();

	private static final String PAUSE_KEY = PREFIX + GatewayStackTest.APP_ID + ":quota:{feishu-leave-balances}:pause";

	@RegisterExtension
	static final WireMockExtension feishu = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.resetOnEachTest(true)
		.build();

	private static List<Replica> replicas = List.of();

	private static LettuceConnectionFactory redisConnection;

	private FeishuStandIn standIn;

	@BeforeAll
	static void startReplicas() {
		redisConnection = TestRedis.connect(TestRedis.PORT);
		replicas = List.of(replica(), replica(), replica());
	}

	private static Replica replica() {
		return Replica.start(feishu.baseUrl(), TestRedis.PORT, PREFIX, "--feishu.quotas.leave-balances.limit=6",
				"--feishu.quotas.leave-balances.period=3s", "--feishu.quotas.spacing-margin=0.1",
				"--feishu.quotas.max-wait=10s", "--feishu.quotas.token.limit=1000", "--feishu.quotas.token.period=1s");
	}

	@AfterAll
	static void stopReplicas() {
		replicas.forEach(Replica::close);
		if (redisConnection != null) {
			redisConnection.destroy();
		}
		TestRedis.deleteKeys(PREFIX);
	}

	@BeforeEach
	void emptyWindowsAndColdCaches() {
		this.standIn = new FeishuStandIn(feishu);
		this.standIn.token(FeishuStandIn.TOKEN, 7200);
		replicas.get(0).startEmpty();
		replicas.forEach(Replica::clearCaches);
	}

	@Test
	@Timeout(60)
	void a99991400SeenByOneReplicaHoldsTheOthersUntilThePauseEnds() throws Exception {
		this.standIn.balancesInTurn(rateLimited(3),
				ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "5.5")))));

		CompletableFuture<GatewayHttp.Response> first = CompletableFuture
			.supplyAsync(() -> replicas.get(0).http().get(balancesOn(1)));
		long pauseEndMicros = awaitPause();
		long askedAtMillis = System.currentTimeMillis();
		// Only meaningful if the second replica asks while the pause runs.
		assumeThat(askedAtMillis * 1000).isLessThan(pauseEndMicros);
		GatewayHttp.Response second = replicas.get(1).http().get(balancesOn(2));

		assertThat(second.status()).as(second.body()).isEqualTo(200);
		GatewayHttp.Response firstAnswer = first.get(30, TimeUnit.SECONDS);
		assertThat(firstAnswer.status()).as(firstAnswer.body()).isEqualTo(200);
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSize(3);
		// After the 99991400, neither the replica that saw it nor the other one called
		// Feishu before the pause's end (Redis TIME and the stand-in share this host's
		// clock).
		for (LoggedRequest call : calls.subList(1, 3)) {
			assertThat(call.getLoggedDate().getTime()).as("arrival (ms) of %s", call.getUrl())
				.isGreaterThanOrEqualTo(pauseEndMicros / 1000);
		}
	}

	@Test
	@Timeout(60)
	void aPauseLongerThanTheWaitBudgetRefusesEveryReplicaAtOnceWithoutAnyCall() {
		this.standIn.stub(balancesCall().willReturn(rateLimited(30)));

		GatewayHttp.Response limited = replicas.get(0).http().get(balancesOn(1));
		assertProblem(limited, 429, "UPSTREAM_RATE_LIMITED");
		awaitPause();

		for (Replica replica : replicas) {
			GatewayHttp.Response refused = replica.http().get(balancesOn(2));
			assertProblem(refused, 429, "QUOTA_EXHAUSTED");
			assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 30L);
		}
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	/** The pause's end, in microseconds of Redis TIME, once a replica has shared it. */
	private static long awaitPause() {
		StringRedisTemplate redis = new StringRedisTemplate(redisConnection);
		return Long.parseLong(await("the shared pause").atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> redis.opsForValue().get(PAUSE_KEY), (value) -> value != null));
	}

	/**
	 * E1's balances as of a day of June 2025: another day is another cache entry and
	 * another Feishu call.
	 */
	private static String balancesOn(int day) {
		return GatewayStackTest.E1_BALANCES + "?asOfDate=2025-06-%02d".formatted(day);
	}

	private static ResponseDefinitionBuilder rateLimited(int resetSeconds) {
		return answer(429, error(99991400, "request trigger frequency limit")).withHeader("x-ogw-ratelimit-reset",
				Integer.toString(resetSeconds));
	}

}
