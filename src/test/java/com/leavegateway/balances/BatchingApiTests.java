package com.leavegateway.balances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.Concurrently;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.including;
import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.Problems.assertProblem;
import static com.leavegateway.support.Prometheus.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Micro-batching of cache misses, with a batching window of 500 ms so that on a slow
 * machine too the concurrent requests of a test meet in the same batches (a full batch of
 * 20 goes at once; only a part-filled one waits the window). The balances cache holds at
 * most 50 entries here, which one test checks.
 */
@DirtiesContext
@TestPropertySource(properties = { "gateway.batching.window=500ms", "gateway.batching.max-size=20",
		"gateway.cache.balances.maximum-size=50" })
class BatchingApiTests extends GatewayStackTest {

	@Test
	void twoHundredConcurrentSingleEmployeeMissesCostAboutTenCallsOfAtMostTwentyIds() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		List<String> ids = ids("B", 200);

		List<GatewayHttp.Response> responses = Concurrently.run(200,
				(i) -> this.gateway.get("/api/v1/employees/" + ids.get(i) + "/leave-balances"));

		for (int i = 0; i < 200; i++) {
			GatewayHttp.Response response = responses.get(i);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().path("employeeId").stringValue()).isEqualTo(ids.get(i));
		}
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSizeBetween(10, 15);
		List<String> asked = new ArrayList<>();
		for (LoggedRequest call : calls) {
			List<String> inCall = call.queryParameter("employment_id_list").values();
			assertThat(inCall).hasSizeBetween(1, 20);
			asked.addAll(inCall);
		}
		assertThat(asked).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void missesForDifferentQueriesAreNotMixedInOneCall() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));

		List<GatewayHttp.Response> responses = Concurrently.run(20, (i) -> this.gateway
			.get("/api/v1/employees/Q" + i + "/leave-balances" + ((i % 2 == 0) ? "" : "?asOfDate=2025-05-31")));

		assertThat(responses).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSizeGreaterThanOrEqualTo(2);
		for (LoggedRequest call : calls) {
			String date = call.queryParameter("as_of_date").firstValue();
			int parity = date.equals("2025-06-02") ? 0 : 1;
			assertThat(call.queryParameter("employment_id_list").values()).allSatisfy(
					(id) -> assertThat(Integer.parseInt(id.substring(1)) % 2).as(id + " on " + date).isEqualTo(parity));
		}
	}

	@Test
	void aFailedBatchFailsOnlyItsOwnWaitersAndLeavesNothingInTheCache() {
		StubMapping failing = this.standIn.stub(balancesCall().atPriority(1)
			.withQueryParam("employment_id_list", including("P7"))
			.willReturn(answer(400, error(1160001, "No tenant ID"))));
		this.standIn.stub(balancesCall().atPriority(2).willReturn(everyEmployeeAskedFor()));
		List<String> ids = ids("P", 40);

		List<GatewayHttp.Response> responses = Concurrently.run(40,
				(i) -> this.gateway.get("/api/v1/employees/" + ids.get(i) + "/leave-balances"));

		Set<String> failedBatch = new HashSet<>(this.standIn.balanceRequests()
			.stream()
			.map((call) -> call.queryParameter("employment_id_list").values())
			.filter((inCall) -> inCall.contains("P7"))
			.findFirst()
			.orElseThrow());
		assertThat(failedBatch).hasSizeLessThan(40);
		for (int i = 0; i < 40; i++) {
			GatewayHttp.Response response = responses.get(i);
			if (failedBatch.contains(ids.get(i))) {
				assertThat(assertProblem(response, 502, "UPSTREAM_ERROR").path("feishuCode").intValue())
					.isEqualTo(1160001);
			}
			else {
				assertThat(response.status()).as(response.body()).isEqualTo(200);
				assertThat(response.json().path("employeeId").stringValue()).isEqualTo(ids.get(i));
			}
		}

		// Feishu recovers: the failed ids are asked for again, the others come from the
		// cache.
		feishu.removeStub(failing);
		this.standIn.forgetRequests();
		String succeeded = ids.stream().filter((id) -> !failedBatch.contains(id)).findFirst().orElseThrow();
		assertThat(this.gateway.get("/api/v1/employees/" + succeeded + "/leave-balances").cacheStatus())
			.isEqualTo(CacheStatus.HIT);
		assertThat(this.standIn.balanceRequests()).isEmpty();
		GatewayHttp.Response retried = this.gateway.get("/api/v1/employees/P7/leave-balances");
		assertThat(retried.status()).as(retried.body()).isEqualTo(200);
		assertThat(retried.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	void anUnknownIdInABatchIsA404ForItsOwnCallerOnly() {
		this.standIn.stub(balancesCall().atPriority(1)
			.withQueryParam("employment_id_list", including("U404"))
			.willReturn(answer(400, error(1160006, "Employment not found"))));
		this.standIn.stub(balancesCall().atPriority(2).willReturn(everyEmployeeAskedFor()));
		List<String> ids = new ArrayList<>(ids("K", 19));
		ids.add(7, "U404");

		List<GatewayHttp.Response> responses = Concurrently.run(20,
				(i) -> this.gateway.get("/api/v1/employees/" + ids.get(i) + "/leave-balances"));

		for (int i = 0; i < 20; i++) {
			if (ids.get(i).equals("U404")) {
				assertProblem(responses.get(i), 404, "EMPLOYEE_NOT_FOUND");
			}
			else {
				assertThat(responses.get(i).status()).as(responses.get(i).body()).isEqualTo(200);
			}
		}
	}

	@Test
	void theCacheHoldsAtMostItsMaximumSize() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		String before = prometheus();

		GatewayHttp.Response response = this.gateway
			.get("/api/v1/leave-balances?employeeIds=" + String.join(",", ids("M", 60)));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("employees").size()).isEqualTo(60);
		assertThat(this.standIn.balanceRequests()).hasSize(3);
		// Caffeine evicts in the background, soon after the writes.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String after = prometheus();
			assertThat(sample(after, "cache_size", "cache", "balances")).isLessThanOrEqualTo(50);
			assertThat(sample(after, "cache_evictions_total", "cache", "balances"))
				.isGreaterThanOrEqualTo(Math.max(0, sample(before, "cache_evictions_total", "cache", "balances")) + 10);
		});
	}

	private String prometheus() {
		GatewayHttp.Response response = this.gateway.request("GET", "/actuator/prometheus", ADMIN_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static List<String> ids(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> prefix + i).toList();
	}

}
