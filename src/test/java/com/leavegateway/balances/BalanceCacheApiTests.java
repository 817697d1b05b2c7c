package com.leavegateway.balances;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.Concurrently;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;
import com.leavegateway.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.LEAVE_BALANCES_PATH;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.expireRecordsCall;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.FeishuStandIn.record;
import static com.leavegateway.support.FeishuStandIn.records;
import static com.leavegateway.support.Prometheus.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balances cache as callers see it, on the shared whole-stack context (TTL 5 min,
 * batching window 5 ms): coalescing of identical cold requests, asking Feishu only for
 * what is missing, what makes a cache key, {@code Cache-Control: no-cache}, Cache-Status,
 * fetchedAt and ETags; and the expiring-grants cache.
 */
class BalanceCacheApiTests extends GatewayStackTest {

	@Autowired
	private MutableClock clock;

	@AfterEach
	void backToNow() {
		this.clock.set(NOW);
	}

	@Test
	void twoHundredConcurrentIdenticalColdRequestsShareOneFeishuCall() {
		// Feishu takes its time, so that most requests arrive while the one fetch is
		// under way.
		this.standIn.stub(balancesCall().willReturn(
				ok(page(false, null, employee("C1", "甲", balance("7001", "年假", 1, "2.5")))).withFixedDelay(300)));

		List<GatewayHttp.Response> responses = Concurrently.run(200,
				(i) -> this.gateway.get("/api/v1/employees/C1/leave-balances"));

		assertThat(responses)
			.allSatisfy((response) -> assertThat(response.status()).as(response.body()).isEqualTo(200));
		assertThat(responses.stream().map((response) -> response.json().path("fetchedAt").stringValue()).distinct())
			.containsExactly("2025-06-01T20:30:00Z");
		assertThat(responses.stream().map(GatewayHttp.Response::body).distinct()).hasSize(1);
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	void aMultiEmployeeRequestAsksFeishuOnlyForTheIdsItHasNotCached() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		GatewayHttp.Response warm = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2");
		assertThat(warm.cacheStatus()).isEqualTo(CacheStatus.MISS);
		this.standIn.forgetRequests();

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2,E3");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(ids(response.json())).containsExactly("E1", "E2", "E3");
		assertThat(response.cacheStatus()).isEqualTo(CacheStatus.PARTIAL);
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSize(1);
		assertThat(calls.get(0).queryParameter("employment_id_list").values()).containsExactly("E3");

		GatewayHttp.Response again = this.gateway.get("/api/v1/leave-balances?employeeIds=E3,E1,E2");
		assertThat(again.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(ids(again.json())).containsExactly("E3", "E1", "E2");
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "asOfDate=2025-05-31", "idType=open_id", "timeZone=Asia/Tokyo", "includeOffboard=true" })
	void aDifferentDateIdTypeTimeZoneOrOffboardFlagIsADifferentEntry(String variation) {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		String plain = "/api/v1/employees/E1/leave-balances";
		String varied = plain + "?" + variation;

		assertThat(this.gateway.get(plain).cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.gateway.get(varied).cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.standIn.balanceRequests()).hasSize(2);

		assertThat(this.gateway.get(plain).cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(this.gateway.get(varied).cacheStatus()).isEqualTo(CacheStatus.HIT);
		// The defaults spelled out are the same entry as the defaults left out.
		assertThat(this.gateway
			.get(plain + "?asOfDate=2025-06-02&idType=people_corehr_id&timeZone=Asia/Shanghai&includeOffboard=false")
			.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	@Test
	void theManyAndTheOneEmployeeResourceShareEntries() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));

		this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2");
		GatewayHttp.Response one = this.gateway.get("/api/v1/employees/E2/leave-balances");

		assertThat(one.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	void noCacheAsksFeishuAgainAndTheFreshAnswerReplacesTheCachedOne() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		GatewayHttp.Response first = this.gateway.get("/api/v1/employees/E1/leave-balances");
		assertThat(first.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(first.json().path("fetchedAt").stringValue()).isEqualTo("2025-06-01T20:30:00Z");
		// Leave is taken in Feishu; a minute passes.
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "4")));
		this.clock.advance(Duration.ofMinutes(1));

		GatewayHttp.Response cached = this.gateway.get("/api/v1/employees/E1/leave-balances");
		assertThat(cached.cacheStatus()).isEqualTo(CacheStatus.hit(240));
		assertThat(cached.body()).contains("\"balance\":5");
		assertThat(cached.json().path("fetchedAt").stringValue()).isEqualTo("2025-06-01T20:30:00Z");

		GatewayHttp.Response refreshed = this.gateway.get("/api/v1/employees/E1/leave-balances", "Cache-Control",
				"no-cache");
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		assertThat(refreshed.cacheStatus()).isEqualTo(CacheStatus.REFRESHED);
		assertThat(refreshed.body()).contains("\"balance\":4");
		assertThat(refreshed.json().path("fetchedAt").stringValue()).isEqualTo("2025-06-01T20:31:00Z");
		assertThat(this.standIn.balanceRequests()).hasSize(2);

		GatewayHttp.Response after = this.gateway.get("/api/v1/leave-balances?employeeIds=E1");
		assertThat(after.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(after.body()).contains("\"balance\":4", "\"fetchedAt\":\"2025-06-01T20:31:00Z\"");
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	@Test
	void noCacheOnTheManyEmployeeResourceAsksForEveryId() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2");
		this.standIn.forgetRequests();

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2,E3", "Cache-Control",
				"no-cache");

		assertThat(response.cacheStatus()).isEqualTo(CacheStatus.REFRESHED);
		assertThat(ids(response.json())).containsExactly("E1", "E2", "E3");
		assertThat(this.standIn.balanceRequests()
			.stream()
			.flatMap((call) -> call.queryParameter("employment_id_list").values().stream()))
			.containsExactlyInAnyOrder("E1", "E2", "E3");
	}

	@Test
	void everyEmployeeCarriesFetchedAtAndAHitKeepsTheTimeOfTheFetch() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		this.gateway.get("/api/v1/leave-balances?employeeIds=E1");
		this.clock.advance(Duration.ofMinutes(3));

		JsonNode response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2").json();

		assertThat(response.path("employees").get(0).path("fetchedAt").stringValue()).isEqualTo("2025-06-01T20:30:00Z");
		assertThat(response.path("employees").get(1).path("fetchedAt").stringValue()).isEqualTo("2025-06-01T20:33:00Z");
	}

	@Test
	void balanceResourcesSendAnETagAndAnswerIfNoneMatchWith304() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		for (String path : List.of("/api/v1/employees/E1/leave-balances", "/api/v1/leave-balances?employeeIds=E1")) {
			GatewayHttp.Response first = this.gateway.get(path);
			String etag = first.header("ETag");
			assertThat(etag).as(path).isNotBlank();
			// Revalidation must be allowed (no no-store), and shared caches must not keep
			// personal data.
			assertThat(first.header("Cache-Control")).as(path)
				.contains("private")
				.contains("no-cache")
				.doesNotContain("no-store");

			GatewayHttp.Response notModified = this.gateway.get(path, "If-None-Match", etag);

			assertThat(notModified.status()).as(path).isEqualTo(304);
			assertThat(notModified.body()).isEmpty();
			assertThat(notModified.header("ETag")).isEqualTo(etag);
			assertThat(this.gateway.get(path, "If-None-Match", "\"something-else\"").status()).isEqualTo(200);
		}
	}

	@Test
	void aChangeUpstreamFetchedWithNoCacheGivesADifferentETag() {
		String path = "/api/v1/employees/E1/leave-balances";
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		String before = this.gateway.get(path).header("ETag");
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "4")));

		GatewayHttp.Response refreshed = this.gateway.get(path, "Cache-Control", "no-cache", "If-None-Match", before);

		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		assertThat(refreshed.header("ETag")).isNotBlank().isNotEqualTo(before);
		assertThat(this.gateway.get(path, "If-None-Match", before).status()).isEqualTo(200);
		assertThat(this.gateway.get(path, "If-None-Match", refreshed.header("ETag")).status()).isEqualTo(304);
	}

	@Test
	void identicalExpiringGrantRequestsShareOneFeishuCallAndAnotherWindowIsAnotherEntry() {
		this.standIn.stub(
				expireRecordsCall("7001").willReturn(ok(records(record("g1", "E1", "7001", "5", "3", "2025-08-31")))));
		String july = "/api/v1/employees/E1/leave-types/7001/expiring-grants?from=2025-07-01&to=2025-09-30";
		String august = "/api/v1/employees/E1/leave-types/7001/expiring-grants?from=2025-08-01&to=2025-09-30";

		GatewayHttp.Response first = this.gateway.get(july);
		GatewayHttp.Response second = this.gateway.get(july);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(this.standIn.expireRecordRequests()).hasSize(1);

		assertThat(this.gateway.get(august).status()).isEqualTo(200);
		assertThat(this.gateway.get(july + "&idType=open_id").status()).isEqualTo(200);
		assertThat(this.standIn.expireRecordRequests()).hasSize(3);
	}

	@Test
	void concurrentIdenticalExpiringGrantRequestsShareOneFeishuCall() {
		this.standIn.stub(expireRecordsCall("7001")
			.willReturn(ok(records(record("g1", "E1", "7001", "5", "3", "2025-08-31"))).withFixedDelay(300)));

		List<GatewayHttp.Response> responses = Concurrently.run(50,
				(i) -> this.gateway.get("/api/v1/employees/E1/leave-types/7001/expiring-grants"));

		assertThat(responses)
			.allSatisfy((response) -> assertThat(response.status()).as(response.body()).isEqualTo(200));
		assertThat(this.standIn.expireRecordRequests()).hasSize(1);
	}

	@Test
	void anEmployeeFeishuDoesNotKnowIsNotCached() {
		this.standIn.balances(employee("E1", "甲"));
		assertThat(this.gateway.get("/api/v1/employees/GONE/leave-balances").status()).isEqualTo(404);
		assertThat(this.gateway.get("/api/v1/employees/GONE/leave-balances").status()).isEqualTo(404);
		assertThat(this.standIn.requests(getRequestedFor(urlPathEqualTo(LEAVE_BALANCES_PATH)))).hasSize(2);
	}

	@Test
	void hitsMissesLoadsAndFeishuCallsAreMetricsOnThePrometheusEndpoint() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		String before = prometheus();

		this.gateway.get("/api/v1/employees/M1/leave-balances");
		this.gateway.get("/api/v1/employees/M1/leave-balances");

		String after = prometheus();
		for (String result : List.of("hit", "miss")) {
			assertThat(sample(after, "cache_gets_total", "cache", "balances", "result", result)).as(result)
				.isGreaterThanOrEqualTo(sample(before, "cache_gets_total", "cache", "balances", "result", result) + 1);
		}
		assertThat(sample(after, "cache_size", "cache", "balances")).isGreaterThanOrEqualTo(1);
		assertThat(sample(after, "cache_load_total", "cache", "balances", "result", "success"))
			.isGreaterThanOrEqualTo(sample(before, "cache_load_total", "cache", "balances", "result", "success") + 1);
		assertThat(sample(after, "cache_load_duration_seconds", "cache", "balances"))
			.isGreaterThan(Math.max(0, sample(before, "cache_load_duration_seconds", "cache", "balances")));
		assertThat(sample(after, "cache_load_total", "cache", "expiring-grants", "result", "failure"))
			.isGreaterThanOrEqualTo(0);
		assertThat(sample(after, "cache_evictions_total", "cache", "balances")).isGreaterThanOrEqualTo(0);
		assertThat(sample(after, "cache_gets_total", "cache", "expiring-grants")).isGreaterThanOrEqualTo(0);
		assertThat(sample(after, "feishu_calls_seconds_count", "api", "feishu-leave-balances", "outcome", "ok"))
			.isGreaterThanOrEqualTo(
					sample(before, "feishu_calls_seconds_count", "api", "feishu-leave-balances", "outcome", "ok") + 1);
		assertThat(sample(after, "resilience4j_ratelimiter_available_permissions", "name", "feishu-leave-balances"))
			.isGreaterThanOrEqualTo(0);
		assertThat(sample(after, "resilience4j_ratelimiter_waiting_threads", "name", "feishu-leave-balances"))
			.isGreaterThanOrEqualTo(0);
		assertThat(
				sample(after, "resilience4j_circuitbreaker_state", "name", "feishu-leave-balances", "state", "closed"))
			.isEqualTo(1);
	}

	private String prometheus() {
		GatewayHttp.Response response = this.gateway.request("GET", "/actuator/prometheus", ADMIN_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static List<String> ids(JsonNode json) {
		return json.path("employees")
			.valueStream()
			.map((employee) -> employee.path("employeeId").stringValue())
			.toList();
	}

}
