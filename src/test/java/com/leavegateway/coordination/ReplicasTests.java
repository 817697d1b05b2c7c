package com.leavegateway.coordination;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cache.CacheManager;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.Concurrently;
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
 * ({@link #LIMIT} calls in {@link #PERIOD}, counted in a window 20 % longer: the slack
 * for the time between a send and its arrival); each test starts from empty windows and
 * cold caches.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasTests {

	private static final String PREFIX = TestRedis.uniquePrefix();

	private static final int LIMIT = 6;

	private static final Duration PERIOD = Duration.ofSeconds(5);

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
		return Replica.start(feishu.baseUrl(), TestRedis.PORT, PREFIX, "--feishu.quotas.leave-balances.limit=" + LIMIT,
				"--feishu.quotas.leave-balances.period=" + PERIOD.toSeconds() + "s",
				"--feishu.quotas.spacing-margin=0.2", "--feishu.quotas.max-wait=10s",
				"--feishu.quotas.token.limit=1000", "--feishu.quotas.token.period=1s");
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

	/**
	 * Last: the replicas remember the pause themselves too, so no later test could call
	 * Feishu for 30 s.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
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

	@Test
	@Timeout(120)
	void burstsOverAllThreeReplicasNeverBringMoreThanTheLimitIntoAnyWindow() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5.5")));

		// Six times the quota at once, a third to each replica, every request another
		// Feishu call.
		List<GatewayHttp.Response> answers = Concurrently.run(6 * LIMIT,
				(i) -> replicas.get(i % 3).http().get(balancesOn(LocalDate.of(2025, 5, 1).plusDays(i))));

		long served = answers.stream().filter((answer) -> answer.status() == 200).count();
		for (GatewayHttp.Response answer : answers) {
			if (answer.status() != 200) {
				// Refused at once when the budget cannot cover the wait.
				assertProblem(answer, 429, "QUOTA_EXHAUSTED");
			}
		}
		List<Long> arrivals = arrivals();
		assertThat(arrivals).hasSize((int) served);
		assertThat(served).as("the whole first window is used").isGreaterThanOrEqualTo(LIMIT);
		assertNoPeriodHoldsMoreThanTheLimit(arrivals);
	}

	@Test
	@Timeout(120)
	void oneReplicaAloneMayUseTheWholeQuotaWhileTheOthersIdle() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5.5")));

		List<GatewayHttp.Response> busy = Concurrently.run(LIMIT,
				(i) -> replicas.get(0).http().get(balancesOn(LocalDate.of(2025, 4, 1).plusDays(i))));

		assertThat(busy).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
		List<Long> arrivals = arrivals();
		// All in one period: with a third of the quota each, the last two of them would
		// have waited two periods.
		assertThat(arrivals.get(LIMIT - 1) - arrivals.get(0)).isLessThan(PERIOD.toMillis());

		// The others now find the window full, and wait for it.
		List<GatewayHttp.Response> others = Concurrently.run(2,
				(i) -> replicas.get(1 + i).http().get(balancesOn(LocalDate.of(2025, 4, 20).plusDays(i))));
		assertThat(others).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
		assertNoPeriodHoldsMoreThanTheLimit(arrivals());
	}

	@Test
	@Timeout(60)
	void aBalanceOneReplicaFetchedIsAHitOnTheOthers() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5.5")));

		GatewayHttp.Response fetched = replicas.get(0).http().get(balancesOn(3));
		assertThat(fetched.cacheStatus()).isEqualTo(CacheStatus.MISS);

		for (Replica other : replicas.subList(1, 3)) {
			GatewayHttp.Response answer = other.http().get(balancesOn(3));
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.cacheStatus()).matches(CacheStatus.FRESH_HIT);
			assertThat(answer.json()).isEqualTo(fetched.json());
		}
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	@Timeout(120)
	void identicalColdRequestsOverThreeReplicasMakeOneFeishuCall() {
		// Slow enough that the replicas' misses overlap: one leases the key, the others
		// wait for its entry.
		this.standIn.stub(balancesCall().willReturn(
				ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "5.5")))).withFixedDelay(500)));

		List<GatewayHttp.Response> answers = Concurrently.run(90, (i) -> replicas.get(i % 3).http().get(balancesOn(4)));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	@Timeout(60)
	void anEvictionOnOneReplicaReachesEveryReplicasFirstLevelAndTheSharedLevel() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5.5")));
		for (Replica replica : replicas) {
			assertThat(replica.http().get(balancesOn(5)).status()).isEqualTo(200);
		}
		assertThat(this.standIn.balanceRequests()).hasSize(1);

		GatewayHttp.Response evicted = replicas.get(2)
			.http()
			.request("DELETE", "/api/v1/admin/caches/employees/E1", GatewayStackTest.ADMIN_KEY);
		assertThat(evicted.status()).as(evicted.body()).isEqualTo(204);

		for (Replica replica : replicas) {
			await("the first level of every replica").atMost(Duration.ofSeconds(5))
				.until(() -> ((com.github.benmanes.caffeine.cache.Cache<?, ?>) replica.bean(CacheManager.class)
					.getCache("balances")
					.getNativeCache()).asMap().isEmpty());
		}
		GatewayHttp.Response again = replicas.get(1).http().get(balancesOn(5));
		assertThat(again.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	/** When each leave_balances call reached the stand-in (ms), in order. */
	private List<Long> arrivals() {
		return this.standIn.balanceRequests().stream().map((call) -> call.getLoggedDate().getTime()).sorted().toList();
	}

	/**
	 * No {@link #PERIOD} (as Feishu counts: by arrival) holds more than {@link #LIMIT}
	 * calls: the call {@code LIMIT} places after any call arrived a period or more after
	 * it.
	 */
	private static void assertNoPeriodHoldsMoreThanTheLimit(List<Long> arrivals) {
		for (int i = 0; i + LIMIT < arrivals.size(); i++) {
			assertThat(arrivals.get(i + LIMIT) - arrivals.get(i)).as("ms from call %d to call %d", i + 1, i + LIMIT + 1)
				.isGreaterThanOrEqualTo(PERIOD.toMillis());
		}
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
		return balancesOn(LocalDate.of(2025, 6, day));
	}

	private static String balancesOn(LocalDate day) {
		return GatewayStackTest.E1_BALANCES + "?asOfDate=" + day;
	}

	private static ResponseDefinitionBuilder rateLimited(int resetSeconds) {
		return answer(429, error(99991400, "request trigger frequency limit")).withHeader("x-ogw-ratelimit-reset",
				Integer.toString(resetSeconds));
	}

}
