package com.leavegateway.balances;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.Concurrently;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;
import com.leavegateway.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.expireRecordsCall;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.FeishuStandIn.record;
import static com.leavegateway.support.FeishuStandIn.records;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Balances past their ttl (5 minutes) as callers see them, on the application's clock
 * moved by hand: within max-stale (10 minutes here) they are answered at once while one
 * refresh runs, and instead of Feishu's failure; no-cache never takes them, max-stale=N
 * and max-age=N narrow them, and past max-stale Feishu is asked. Expiring grants (ttl 15
 * minutes, max-stale 10 here) likewise. Refresh-ahead is off here
 * ({@link RefreshAheadApiTests} has it), so that every Feishu call is one a test made.
 */
@DirtiesContext
@TestPropertySource(
		properties = { "gateway.cache.balances.max-stale=10m", "gateway.cache.expiring-grants.max-stale=10m",
				"gateway.cache.refresh-ahead.enabled=false", "gateway.cache.refresh-ahead.retry-after-failure=1m" })
class StaleAnswersApiTests extends GatewayStackTest {

	private static final String E1 = "/api/v1/employees/E1/leave-balances";

	@Autowired
	private MutableClock clock;

	/**
	 * No refresh of this test reaches Feishu during the next one; the clock goes back to
	 * now.
	 */
	@AfterEach
	void noRefreshLeftAndBackToNow() {
		awaitNoRefreshRunning();
		this.clock.set(NOW);
	}

	@Test
	void aStaleAnswerIsServedAtOnceWhileOneRefreshRunsAndThenTheNewOneIsAHit() {
		double successes = metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "success");
		double revalidating = metric("gateway_cache_stale_answers_total", "cache", "balances", "reason",
				"revalidating");
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		assertThat(this.gateway.get(E1).cacheStatus()).isEqualTo(CacheStatus.MISS);
		// Leave is taken in Feishu, which now answers slowly; six minutes pass.
		this.standIn.stub(balancesCall().willReturn(
				ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "4")))).withFixedDelay(1000)));
		this.clock.advance(Duration.ofMinutes(6));

		List<GatewayHttp.Response> stale = Concurrently.run(20, (i) -> this.gateway.get(E1));

		assertThat(stale).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.cacheStatus()).isEqualTo(CacheStatus.stale(-60));
			assertThat(response.json().path("balances").path(0).path("balance").decimalValue())
				.isEqualByComparingTo("5");
		});
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			GatewayHttp.Response refreshed = this.gateway.get(E1);
			assertThat(refreshed.cacheStatus()).isEqualTo(CacheStatus.HIT);
			assertThat(refreshed.json().path("balances").path(0).path("balance").decimalValue())
				.isEqualByComparingTo("4");
			assertThat(refreshed.json().path("fetchedAt").stringValue()).isEqualTo("2025-06-01T20:36:00Z");
		});
		// One refresh for all twenty (WireMock logs a call once its answer is sent).
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.standIn.balanceRequests()).hasSize(2));
		assertThat(metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "success"))
			.isEqualTo(successes + 1);
		assertThat(metric("gateway_cache_stale_answers_total", "cache", "balances", "reason", "revalidating"))
			.isGreaterThanOrEqualTo(revalidating + 20);
	}

	@Test
	void aListWithAStaleEmployeeIsServedAtOnceAndSaysSoWithTheLeastFreshnessLeft() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")),
				employee("E2", "乙", balance("7001", "年假", 1, "3")));
		this.gateway.get("/api/v1/leave-balances?employeeIds=E1");
		this.clock.advance(Duration.ofMinutes(6));
		this.gateway.get("/api/v1/leave-balances?employeeIds=E2", "Cache-Control", "no-cache");
		this.standIn.forgetRequests();
		this.standIn.stub(balancesCall().willReturn(
				ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "4")))).withFixedDelay(1000)));

		GatewayHttp.Response both = this.gateway.get("/api/v1/leave-balances?employeeIds=E2,E1");

		assertThat(both.status()).isEqualTo(200);
		assertThat(both.cacheStatus()).isEqualTo(CacheStatus.stale(-60));
		assertThat(both.json().path("employees").path(1).path("balances").path(0).path("balance").decimalValue())
			.isEqualByComparingTo("5");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.standIn.balanceRequests().size() == 1);
		assertThat(this.standIn.balanceRequests().get(0).queryParameter("employment_id_list").values())
			.containsExactly("E1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "500", "html", "reset" })
	void whenTheRefreshFailsTheOldEntryStaysAndIsServedAsStaleIfError(String failure) {
		double failed = metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "failed");
		double staleIfError = metric("gateway_cache_stale_answers_total", "cache", "balances", "reason",
				"stale-if-error");
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		this.gateway.get(E1);
		feishuFails(failure);
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(this.gateway.get(E1).cacheStatus()).isEqualTo(CacheStatus.stale(-60));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "failed") == failed
					+ 1);

		GatewayHttp.Response afterTheFailure = this.gateway.get(E1);
		assertThat(afterTheFailure.status()).isEqualTo(200);
		assertThat(afterTheFailure.cacheStatus()).isEqualTo(CacheStatus.staleIfError(-60));
		assertThat(afterTheFailure.json().path("balances").path(0).path("balance").decimalValue())
			.isEqualByComparingTo("5");
		assertThat(metric("gateway_cache_stale_answers_total", "cache", "balances", "reason", "stale-if-error"))
			.isEqualTo(staleIfError + 1);
		// Within retry-after-failure no read tries again; after it, one does.
		int calls = this.standIn.balanceRequests().size();
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.gateway.get(E1).cacheStatus()).isEqualTo(CacheStatus.staleIfError(-119));
		assertThat(this.standIn.balanceRequests()).hasSize(calls);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.gateway.get(E1).cacheStatus()).isEqualTo(CacheStatus.stale(-120));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "failed") == failed
					+ 2);
	}

	@Test
	void noCacheNeverGetsAStaleAnswerButTheErrorAndTheEntryStaysForOthers() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		this.gateway.get(E1);
		feishuFails("500");

		assertProblem(this.gateway.get(E1, "Cache-Control", "no-cache"), 502, "UPSTREAM_ERROR");
		assertProblem(this.gateway.get("/api/v1/leave-balances?employeeIds=E1", "Cache-Control", "no-cache"), 502,
				"UPSTREAM_ERROR");
		assertThat(this.gateway.get(E1).cacheStatus()).isEqualTo(CacheStatus.HIT);

		this.clock.advance(Duration.ofMinutes(6));
		assertProblem(this.gateway.get(E1, "Cache-Control", "no-cache"), 502, "UPSTREAM_ERROR");
		GatewayHttp.Response stale = this.gateway.get(E1);
		assertThat(stale.status()).isEqualTo(200);
		assertThat(stale.cacheStatus()).isEqualTo(CacheStatus.staleIfError(-60));
	}

	@Test
	void aCallersMaxStaleAndMaxAgeNarrowWhatItTakes() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		this.gateway.get(E1);
		this.clock.advance(Duration.ofMinutes(6));
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "4")));
		this.standIn.forgetRequests();

		assertThat(this.gateway.get(E1, "Cache-Control", "max-stale=120").cacheStatus())
			.isEqualTo(CacheStatus.stale(-60));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.standIn.balanceRequests().size() == 1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> CacheStatus.HIT.equals(this.gateway.get(E1, "Cache-Control", "max-age=60").cacheStatus()));

		this.clock.advance(Duration.ofSeconds(90));
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "3")));
		GatewayHttp.Response tooOld = this.gateway.get(E1, "Cache-Control", "max-age=60");
		assertThat(tooOld.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(tooOld.json().path("balances").path(0).path("balance").decimalValue()).isEqualByComparingTo("3");

		this.clock.advance(Duration.ofMinutes(6));
		feishuFails("500");
		assertProblem(this.gateway.get(E1, "Cache-Control", "max-stale=30"), 502, "UPSTREAM_ERROR");
		assertProblem(this.gateway.get(E1, "Cache-Control", "max-stale=0"), 502, "UPSTREAM_ERROR");
		// Those fetches failed a moment ago: a caller that takes any staleness gets the
		// entry, as stale-if-error.
		assertThat(this.gateway.get(E1, "Cache-Control", "max-stale").cacheStatus())
			.isEqualTo(CacheStatus.staleIfError(-60));
	}

	@Test
	void pastMaxStaleAnEntryIsNotServedEvenWhenFeishuFails() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		this.gateway.get(E1);
		feishuFails("500");
		this.clock.advance(Duration.ofMinutes(15));

		assertProblem(this.gateway.get(E1), 502, "UPSTREAM_ERROR");

		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "4")));
		GatewayHttp.Response fetched = this.gateway.get(E1);
		assertThat(fetched.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(fetched.json().path("balances").path(0).path("balance").decimalValue()).isEqualByComparingTo("4");
	}

	@Test
	void anEmployeeFeishuNowRefusesIsDroppedNotServedStale() {
		double dropped = metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "dropped");
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		this.gateway.get(E1);
		this.standIn.balancesFailFor("E1", 400, 1160035, "No permission to access the employee data");
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(this.gateway.get(E1).cacheStatus()).isEqualTo(CacheStatus.stale(-60));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_total", "cache", "balances", "outcome", "dropped") == dropped
					+ 1);

		assertProblem(this.gateway.get(E1), 502, "UPSTREAM_FORBIDDEN");
	}

	@Test
	void staleGrantsAreServedAtOnceWhileOneRefreshRunsAndWhenItFails() {
		String path = "/api/v1/employees/E1/leave-types/7001/expiring-grants";
		this.standIn.expireRecords("7001", record("g1", "E1", "7001", "5", "3", "2025-08-31"));
		GatewayHttp.Response first = this.gateway.get(path);
		assertThat(first.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.gateway.get(path).cacheStatus()).isEqualTo(CacheStatus.hit(900));
		this.standIn.stub(expireRecordsCall("7001")
			.willReturn(ok(records(record("g1", "E1", "7001", "5", "2", "2025-08-31"))).withFixedDelay(1000)));
		this.clock.advance(Duration.ofMinutes(16));

		GatewayHttp.Response stale = this.gateway.get(path);
		assertThat(stale.cacheStatus()).isEqualTo(CacheStatus.stale(-60));
		assertThat(stale.body()).isEqualTo(first.body());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> CacheStatus.hit(900).equals(this.gateway.get(path).cacheStatus()));
		assertThat(this.gateway.get(path).json().path("grants").path(0).path("remaining").decimalValue())
			.isEqualByComparingTo("2");

		this.standIn.stub(expireRecordsCall("7001").willReturn(answer(500, error(1220015, "Internal error"))));
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(this.gateway.get(path).cacheStatus()).isEqualTo(CacheStatus.stale(-60));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> CacheStatus.staleIfError(-60).equals(this.gateway.get(path).cacheStatus()));
		assertProblem(this.gateway.get(path, "Cache-Control", "no-cache"), 502, "UPSTREAM_ERROR");
		assertThat(this.gateway.get(path).json().path("grants").path(0).path("remaining").decimalValue())
			.isEqualByComparingTo("2");
	}

	@Test
	void grantsPastMaxStaleAreFetchedAgain() {
		String path = "/api/v1/employees/E1/leave-types/7001/expiring-grants";
		this.standIn.expireRecords("7001", record("g1", "E1", "7001", "5", "3", "2025-08-31"));
		assertThat(this.gateway.get(path).cacheStatus()).isEqualTo(CacheStatus.MISS);
		this.standIn.expireRecords("7001", record("g1", "E1", "7001", "5", "1", "2025-08-31"));
		this.clock.advance(Duration.ofMinutes(25));

		GatewayHttp.Response fetched = this.gateway.get(path);

		assertThat(fetched.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(fetched.json().path("grants").path(0).path("remaining").decimalValue()).isEqualByComparingTo("1");
		assertThat(this.standIn.expireRecordRequests()).hasSize(2);
	}

	@Test
	void everyLeaveTypesGrantsSayHowFreshTheLeastFreshIs() {
		String path = "/api/v1/employees/E1/expiring-grants";
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5"), balance("7002", "调休", 1, "2")));
		this.standIn.expireRecords("7001", record("g1", "E1", "7001", "5", "3", "2025-08-31"));
		this.standIn.expireRecords("7002", record("g2", "E1", "7002", "2", "2", "2025-07-31"));
		assertThat(this.gateway.get(path).cacheStatus()).isEqualTo(CacheStatus.MISS);
		this.clock.advance(Duration.ofMinutes(1));
		this.gateway.get("/api/v1/employees/E1/leave-types/7002/expiring-grants", "Cache-Control", "no-cache");

		GatewayHttp.Response both = this.gateway.get(path, "Cache-Control", "max-stale");

		assertThat(both.status()).as(both.body()).isEqualTo(200);
		assertThat(both.cacheStatus()).isEqualTo(CacheStatus.hit(840));
		assertThat(both.json().path("grants")).hasSize(2);
	}

	private void feishuFails(String how) {
		switch (how) {
			case "500" -> this.standIn.stub(balancesCall().willReturn(answer(500, error(1160015, "Internal error"))));
			case "html" -> this.standIn.stub(balancesCall().willReturn(aResponse().withStatus(502)
				.withHeader("Content-Type", "text/html")
				.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));
			default ->
				this.standIn.stub(balancesCall().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		}
	}

}
