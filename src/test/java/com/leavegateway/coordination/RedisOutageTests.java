package com.leavegateway.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.record;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code redis} mode with a Redis of this class's own ({@link PrivateRedis}) that the
 * tests stop and start: the gateway fails closed while Redis is away (no Feishu call, a
 * 503 {@code COORDINATION_UNAVAILABLE} for every miss, hits still served, not ready but
 * alive) and recovers by itself when it returns, a replica started during the outage
 * included.
 */
class RedisOutageTests {

	private static final String PREFIX = TestRedis.uniquePrefix();

	/** The wait budget: a refusal that came after it would have waited it out. */
	private static final Duration MAX_WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final WireMockExtension feishu = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.resetOnEachTest(true)
		.build();

	private static PrivateRedis redis;

	private static Replica replica;

	private FeishuStandIn standIn;

	private Replica late;

	@BeforeAll
	static void startRedisAndReplica() {
		redis = new PrivateRedis();
		replica = replica();
	}

	@AfterAll
	static void stopReplicaAndRedis() {
		if (replica != null) {
			replica.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	private static Replica replica(String... more) {
		List<String> args = new ArrayList<>(
				List.of("--feishu.quotas.leave-balances.limit=100", "--feishu.quotas.leave-balances.period=2s",
						"--feishu.quotas.leave-expire-records.period=2s", "--feishu.quotas.token.limit=1000",
						"--feishu.quotas.token.period=1s", "--feishu.quotas.max-wait=" + MAX_WAIT.toSeconds() + "s"));
		args.addAll(List.of(more));
		return Replica.start(feishu.baseUrl(), redis.port(), PREFIX, args.toArray(String[]::new));
	}

	@BeforeEach
	void redisUpWindowsEmptyCachesCold() {
		this.standIn = new FeishuStandIn(feishu);
		this.standIn.token(FeishuStandIn.TOKEN, 7200);
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5.5")));
		this.standIn.expireRecords("7001", record("R1", "E1", "7001", "5", "5", "2025-07-01"));
		redis.start();
		replica.startEmpty();
		await().atMost(Duration.ofSeconds(30)).until(() -> ready(replica));
		replica.clearCaches();
		this.standIn.forgetRequests();
	}

	@AfterEach
	void stopLateReplica() {
		if (this.late != null) {
			this.late.close();
		}
	}

	@Test
	@Timeout(120)
	void withRedisAwayMissesAre503WithoutAnyFeishuCallHitsAreServedAndTheReplicaIsAliveButNotReady() {
		GatewayHttp http = replica.http();
		assertThat(http.get(balancesOn(1)).cacheStatus()).isEqualTo(CacheStatus.MISS);
		this.standIn.forgetRequests();

		redis.stop();

		GatewayHttp.Response hit = http.get(balancesOn(1));
		assertThat(hit.status()).as(hit.body()).isEqualTo(200);
		assertThat(hit.cacheStatus()).matches(CacheStatus.FRESH_HIT);
		for (String miss : new String[] { balancesOn(2), "/api/v1/leave-balances?employeeIds=E1,E2,E3",
				"/api/v1/employees/E1/leave-types/7001/expiring-grants" }) {
			long asked = System.nanoTime();
			GatewayHttp.Response refused = http.get(miss);
			Duration took = Duration.ofNanos(System.nanoTime() - asked);
			assertProblem(refused, 503, "COORDINATION_UNAVAILABLE", Integer.toString(redis.port()));
			assertThat(refused.header("Retry-After")).isEqualTo("5");
			// Refused as soon as Redis refuses, before the command time-out (10 s here,
			// 2 s by default) and long before the request's wait budget.
			assertThat(took).as("%s answered after", miss).isLessThan(TestRedis.COMMAND_TIMEOUT);
		}
		assertThat(this.standIn.allRequests()).as("Feishu calls while Redis was away").isEmpty();
		// An eviction that cannot reach the shared level (or the other replicas) says so.
		assertProblem(http.request("DELETE", "/api/v1/admin/caches/employees/E1", GatewayStackTest.ADMIN_KEY), 503,
				"COORDINATION_UNAVAILABLE", Integer.toString(redis.port()));
		await().atMost(Duration.ofSeconds(30)).until(() -> !ready(replica));
		assertThat(coordinationStatus(replica)).isEqualTo("DOWN");
		assertThat(alive(replica)).isTrue();

		redis.start();

		await().atMost(Duration.ofSeconds(60)).until(() -> ready(replica));
		GatewayHttp.Response recovered = http.get(balancesOn(2));
		assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
		assertThat(recovered.cacheStatus()).isEqualTo(CacheStatus.MISS);
	}

	@Test
	@Timeout(120)
	void aReplicaStartedWhileRedisIsAwayServesNothingUntilItReturnsAndThenRecoversByItself() {
		redis.stop();

		this.late = replica();

		assertThat(ready(this.late)).isFalse();
		assertThat(alive(this.late)).isTrue();
		assertProblem(this.late.http().get(balancesOn(3)), 503, "COORDINATION_UNAVAILABLE");
		assertThat(this.standIn.allRequests()).as("Feishu calls while Redis was away").isEmpty();

		redis.start();

		await().atMost(Duration.ofSeconds(60)).until(() -> ready(this.late));
		GatewayHttp.Response recovered = this.late.http().get(balancesOn(3));
		assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
		assertThat(recovered.json().path("balances").path(0).path("balance").decimalValue())
			.isEqualByComparingTo("5.5");
	}

	@Test
	@Timeout(120)
	void aRedisThatTakesCommandsButNeverAnswersIsAnOutageOnceTheCommandTimeOutHasPassed() {
		this.late = replica("--gateway.coordination.command-timeout=2s");
		this.late.startEmpty();
		GatewayHttp http = this.late.http();
		assertThat(http.get(balancesOn(7)).status()).isEqualTo(200);
		this.standIn.forgetRequests();

		redis.freeze();
		try {
			long asked = System.nanoTime();
			GatewayHttp.Response refused = http.get(balancesOn(8));
			Duration took = Duration.ofNanos(System.nanoTime() - asked);

			assertProblem(refused, 503, "COORDINATION_UNAVAILABLE");
			assertThat(refused.header("Retry-After")).isEqualTo("5");
			// After the command time-out, long before the request's wait budget.
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(MAX_WAIT.dividedBy(2));
			assertThat(http.get(balancesOn(7)).cacheStatus()).matches(CacheStatus.FRESH_HIT);
			assertThat(ready(this.late)).isFalse();
			assertThat(alive(this.late)).isTrue();
			assertThat(this.standIn.allRequests()).as("Feishu calls while Redis was silent").isEmpty();
		}
		finally {
			redis.thaw();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> ready(this.late));
		assertThat(http.get(balancesOn(8)).status()).isEqualTo(200);
	}

	@Test
	@Timeout(120)
	void afterARestartThatLostTheStateTheWindowCountsAsFullForOnePeriod() {
		assertThat(replica.http().get(balancesOn(4)).status()).isEqualTo(200);

		redis.stop();
		redis.start();

		assertFullForOnePeriodAfter(System.currentTimeMillis());
	}

	@Test
	@Timeout(120)
	void afterARestartFromASnapshotTheWindowCountsAsFullForOnePeriodToo() {
		assertThat(replica.http().get(balancesOn(5)).status()).isEqualTo(200);
		// The snapshot holds the window as it is now, the marker of this run included;
		// the sends made between a snapshot and a restart would be missing from it.
		redis.snapshot();

		redis.stop();
		redis.start();

		assertFullForOnePeriodAfter(System.currentTimeMillis());
	}

	/**
	 * The next miss reaches Feishu no earlier than one period (2 s) after Redis came back
	 * ({@code restartedAt}, this host's clock, which Redis TIME and the stand-in share).
	 */
	private void assertFullForOnePeriodAfter(long restartedAt) {
		// The replica's connection reconnects by itself; readiness pings over it.
		await().atMost(Duration.ofSeconds(60)).until(() -> ready(replica));
		this.standIn.forgetRequests();

		GatewayHttp.Response after = replica.http().get(balancesOn(6));

		assertThat(after.status()).as(after.body()).isEqualTo(200);
		assertThat(this.standIn.balanceRequests()).singleElement()
			.satisfies((call) -> assertThat(call.getLoggedDate().getTime()).isGreaterThanOrEqualTo(restartedAt + 2000));
	}

	private static boolean ready(Replica replica) {
		return health(replica, "readiness").status() == 200;
	}

	private static boolean alive(Replica replica) {
		return health(replica, "liveness").status() == 200;
	}

	private static String coordinationStatus(Replica replica) {
		return health(replica, "readiness").json().path("components").path("coordination").path("status").stringValue();
	}

	private static GatewayHttp.Response health(Replica replica, String group) {
		return replica.http().request("GET", "/actuator/health/" + group, null);
	}

	private static String balancesOn(int day) {
		return GatewayStackTest.E1_BALANCES + "?asOfDate=2025-06-%02d".formatted(day);
	}

}
