package com.leavegateway.coordination;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refresh-ahead over two replicas in {@code redis} mode (two application contexts in this
 * JVM, the real Redis under a key prefix of this class's own): an entry both read is
 * refreshed by one of them, which takes the key's lease; the other takes the new entry
 * from the shared level instead of calling Feishu. The replicas run on the system clock,
 * so the ttl is short: 10 s, refreshed in its last 7 s (3 s after its fetch; the test's
 * reads of the new entry are done within the 3 s after its refresh, before they make it
 * due in turn).
 */
class RefreshAheadReplicasTests {

	private static final String PREFIX = TestRedis.uniquePrefix();

	private static final String E1 = "/api/v1/employees/E1/leave-balances";

	@RegisterExtension
	static final WireMockExtension feishu = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.resetOnEachTest(true)
		.build();

	private static List<Replica> replicas = List.of();

	@BeforeAll
	static void startReplicas() {
		replicas = List.of(replica(), replica());
	}

	private static Replica replica() {
		return Replica.start(feishu.baseUrl(), TestRedis.PORT, PREFIX, "--feishu.quotas.leave-balances.limit=1000",
				"--feishu.quotas.leave-balances.period=1s", "--feishu.quotas.token.limit=1000",
				"--feishu.quotas.token.period=1s", "--gateway.cache.balances.ttl=10s",
				"--gateway.cache.refresh-ahead.before-expiry=7s", "--gateway.cache.refresh-ahead.interval=100ms",
				"--gateway.cache.refresh-ahead.retry-after-failure=1s");
	}

	@AfterAll
	static void stopReplicas() {
		replicas.forEach(Replica::close);
		TestRedis.deleteKeys(PREFIX);
	}

	@Test
	@Timeout(60)
	void anEntryBothReplicasReadIsRefreshedByOneOfThem() {
		FeishuStandIn standIn = new FeishuStandIn(feishu);
		standIn.token(FeishuStandIn.TOKEN, 7200);
		replicas.get(0).startEmpty();
		replicas.forEach(Replica::clearCaches);
		standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));

		GatewayHttp.Response fetched = replicas.get(0).http().get(E1);
		assertThat(fetched.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(replicas.get(1).http().get(E1).cacheStatus()).matches(CacheStatus.FRESH_HIT);
		assertThat(replicas.get(0).http().get(E1).cacheStatus()).matches(CacheStatus.FRESH_HIT);

		// Once less than 7 s are left, both find it due; one refreshes it.
		await().atMost(Duration.ofSeconds(10)).until(() -> standIn.balanceRequests().size() == 2);
		String first = fetched.json().path("fetchedAt").stringValue();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> replicas.stream()
				.noneMatch((replica) -> first.equals(replica.http().get(E1).json().path("fetchedAt").stringValue())));
		String refreshed = replicas.get(0).http().get(E1).json().path("fetchedAt").stringValue();
		assertThat(replicas.get(1).http().get(E1).json().path("fetchedAt").stringValue()).isEqualTo(refreshed);
		assertThat(standIn.balanceRequests()).hasSize(2);
	}

}
