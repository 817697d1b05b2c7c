package com.leavegateway.balances;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;
import com.leavegateway.support.MutableClock;

import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refresh-ahead spends only spare quota: with 10 leave-balances calls an hour (nothing
 * leaves the window during the test) background calls may fill it up to 5. Once callers
 * used those 5, a refresh is refused its permit (the quota says at once that none comes
 * within its wait) and the old entry stays, while a caller's miss still gets its permit.
 */
@DirtiesContext
@TestPropertySource(properties = { "feishu.quotas.leave-balances.limit=10", "feishu.quotas.leave-balances.period=1h",
		"feishu.quotas.max-wait=2s", "gateway.batching.max-size=1", "gateway.cache.refresh-ahead.interval=100ms",
		"gateway.cache.refresh-ahead.before-expiry=30s" })
class RefreshAheadQuotaApiTests extends GatewayStackTest {

	private static final String QUOTA = "feishu-leave-balances";

	@Autowired
	private MutableClock clock;

	@AfterEach
	void backToNow() {
		this.clock.set(NOW);
	}

	@Test
	void aRefreshTakesOnlySpareQuotaAndACallerStillGetsItsPermit() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		this.gateway.get("/api/v1/employees/E1/leave-balances");
		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").cacheStatus()).isEqualTo(CacheStatus.HIT);
		for (String id : new String[] { "E2", "E3", "E4", "E5" }) {
			assertThat(this.gateway.get("/api/v1/employees/" + id + "/leave-balances").status()).isEqualTo(200);
		}
		double failed = metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "failed");

		this.clock.advance(Duration.ofMinutes(4).plusSeconds(40));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "failed") == failed
					+ 1);
		assertThat(this.standIn.balanceRequests()).hasSize(5);
		GatewayHttp.Response caller = this.gateway.get("/api/v1/employees/E6/leave-balances");
		assertThat(caller.status()).isEqualTo(200);
		assertThat(caller.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.standIn.balanceRequests()).hasSize(6);
		GatewayHttp.Response kept = this.gateway.get("/api/v1/employees/E1/leave-balances");
		assertThat(kept.cacheStatus()).isEqualTo(CacheStatus.hit(20));
		assertThat(kept.json().path("fetchedAt").stringValue()).isEqualTo("2025-06-01T20:30:00Z");
		assertThat(metric("gateway_quota_window_permits", "quota", QUOTA, "priority", "background")).isZero();
	}

}
