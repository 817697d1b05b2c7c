package com.leavegateway.balances;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.expireRecordsCall;
import static com.leavegateway.support.FeishuStandIn.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refresh-ahead through the API, on the application's clock moved by hand: entries read
 * while fresh are refreshed in the background once less than 30 s of their 5 minutes are
 * left (the schedule looks every 100 ms), 20 ids to a call; entries nobody read are left
 * to expire; a failed refresh keeps the old entry. Expiring grants (ttl 15 minutes)
 * likewise, one call per entry. The quota side (spare quota only) is in
 * {@link RefreshAheadQuotaApiTests}.
 */
@DirtiesContext
@TestPropertySource(properties = { "gateway.cache.refresh-ahead.interval=100ms",
		"gateway.cache.refresh-ahead.before-expiry=30s", "gateway.cache.refresh-ahead.retry-after-failure=1m" })
class RefreshAheadApiTests extends GatewayStackTest {

	/** Past this, less than before-expiry is left of the ttl. */
	private static final Duration NEARLY_EXPIRED = Duration.ofMinutes(4).plusSeconds(40);

	/** Likewise for the expiring grants' ttl of 15 minutes. */
	private static final Duration GRANTS_NEARLY_EXPIRED = Duration.ofMinutes(14).plusSeconds(40);

	private static final String GRANTS_7001 = "/api/v1/employees/E1/leave-types/7001/expiring-grants";

	private static final String GRANTS_7002 = "/api/v1/employees/E1/leave-types/7002/expiring-grants";

	@Autowired
	private MutableClock clock;

	@AfterEach
	void noRefreshLeftAndBackToNow() {
		awaitNoRefreshRunning();
		this.clock.set(NOW);
	}

	@Test
	void anEntryReadWhileFreshIsRefreshedBeforeItExpiresAndAnUnreadOneIsNot() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.gateway.get("/api/v1/employees/E2/leave-balances").cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").cacheStatus()).isEqualTo(CacheStatus.HIT);
		this.standIn.forgetRequests();

		this.clock.advance(NEARLY_EXPIRED);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.standIn.balanceRequests().size() == 1);
		assertThat(ids(this.standIn.balanceRequests().get(0))).containsExactly("E1");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.standIn.balanceRequests().size() == 1);
		GatewayHttp.Response refreshed = this.gateway.get("/api/v1/employees/E1/leave-balances");
		assertThat(refreshed.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(refreshed.json().path("fetchedAt").stringValue()).isEqualTo("2025-06-01T20:34:40Z");
		assertThat(this.gateway.get("/api/v1/employees/E2/leave-balances").cacheStatus())
			.isEqualTo(CacheStatus.hit(20));
	}

	@Test
	void theNewEntryIsRefreshedAgainOnlyIfItIsReadInItsTurn() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		this.gateway.get("/api/v1/employees/E1/leave-balances");
		this.gateway.get("/api/v1/employees/E1/leave-balances");
		double refreshed = metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "success");
		this.clock.advance(NEARLY_EXPIRED);
		// The new entry is in the cache (its fetchedAt read before the clock moves on).
		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "success") == refreshed
					+ 1);

		this.clock.advance(NEARLY_EXPIRED);

		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.standIn.balanceRequests().size() == 2);
		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").cacheStatus())
			.isEqualTo(CacheStatus.hit(20));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.standIn.balanceRequests().size() == 3);
	}

	@Test
	void manyReadEntriesAreRefreshedTwentyToACall() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		String list = "/api/v1/leave-balances?employeeIds="
				+ String.join(",", IntStream.rangeClosed(1, 45).mapToObj((i) -> "R" + i).toList());
		assertThat(this.gateway.get(list).cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.gateway.get(list).cacheStatus()).isEqualTo(CacheStatus.HIT);
		this.standIn.forgetRequests();

		this.clock.advance(NEARLY_EXPIRED);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.standIn.balanceRequests().stream().mapToInt((call) -> ids(call).size()).sum() == 45);
		assertThat(this.standIn.balanceRequests()).hasSize(3);
		assertThat(this.standIn.balanceRequests().stream().map((call) -> ids(call).size()))
			.containsExactlyInAnyOrder(20, 20, 5);
		assertThat(this.gateway.get(list).cacheStatus()).isEqualTo(CacheStatus.HIT);
	}

	@Test
	void aFailedRefreshKeepsTheOldEntry() {
		double failed = metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "failed");
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		this.gateway.get("/api/v1/employees/E1/leave-balances");
		this.gateway.get("/api/v1/employees/E1/leave-balances");
		this.standIn.stub(balancesCall().willReturn(answer(500, error(1160015, "Internal error"))));

		this.clock.advance(NEARLY_EXPIRED);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "failed") == failed
					+ 1);
		GatewayHttp.Response kept = this.gateway.get("/api/v1/employees/E1/leave-balances");
		assertThat(kept.cacheStatus()).isEqualTo(CacheStatus.hit(20));
		assertThat(kept.json().path("fetchedAt").stringValue()).isEqualTo("2025-06-01T20:30:00Z");
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").cacheStatus())
			.isEqualTo(CacheStatus.staleIfError(-10));
	}

	@Test
	void aGrantsEntryReadWhileFreshIsRefreshedBeforeItExpiresAndAnUnreadOneIsNot() {
		this.standIn.expireRecords("7001", record("g1", "E1", "7001", "5", "3", "2025-08-31"));
		this.standIn.expireRecords("7002", record("g2", "E1", "7002", "2", "2", "2025-07-31"));
		assertThat(this.gateway.get(GRANTS_7001).cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.gateway.get(GRANTS_7002).cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.gateway.get(GRANTS_7001).cacheStatus()).isEqualTo(CacheStatus.hit(900));
		double refreshed = metric("gateway_cache_refreshes_total", "cache", "expiring-grants", "outcome", "success");
		this.standIn.expireRecords("7001", record("g1", "E1", "7001", "5", "2", "2025-08-31"));
		this.standIn.forgetRequests();

		this.clock.advance(GRANTS_NEARLY_EXPIRED);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_total", "cache", "expiring-grants", "outcome",
					"success") == refreshed + 1);
		assertThat(this.standIn.expireRecordRequests()).hasSize(1);
		assertThat(this.standIn.expireRecordRequests().get(0).getUrl()).contains("7001");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.standIn.expireRecordRequests().size() == 1);
		GatewayHttp.Response fresh = this.gateway.get(GRANTS_7001);
		assertThat(fresh.cacheStatus()).isEqualTo(CacheStatus.hit(900));
		assertThat(fresh.json().path("grants").path(0).path("remaining").decimalValue()).isEqualByComparingTo("2");
		assertThat(this.gateway.get(GRANTS_7002).cacheStatus()).isEqualTo(CacheStatus.hit(20));
	}

	@Test
	void aFailedGrantsRefreshKeepsTheOldEntry() {
		double failed = metric("gateway_cache_refreshes_total", "cache", "expiring-grants", "outcome", "failed");
		this.standIn.expireRecords("7001", record("g1", "E1", "7001", "5", "3", "2025-08-31"));
		this.gateway.get(GRANTS_7001);
		this.gateway.get(GRANTS_7001);
		this.standIn.stub(expireRecordsCall("7001").willReturn(answer(500, error(1220015, "Internal error"))));

		this.clock.advance(GRANTS_NEARLY_EXPIRED);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_total", "cache", "expiring-grants", "outcome",
					"failed") == failed + 1);
		GatewayHttp.Response kept = this.gateway.get(GRANTS_7001);
		assertThat(kept.cacheStatus()).isEqualTo(CacheStatus.hit(20));
		assertThat(kept.json().path("grants").path(0).path("remaining").decimalValue()).isEqualByComparingTo("3");
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.gateway.get(GRANTS_7001).cacheStatus()).isEqualTo(CacheStatus.staleIfError(-10));
	}

	private static List<String> ids(LoggedRequest call) {
		return call.queryParameter("employment_id_list").values();
	}

}
