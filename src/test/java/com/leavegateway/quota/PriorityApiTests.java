package com.leavegateway.quota;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;
import com.leavegateway.support.Prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callers are served by class, then by arrival, and bulk never takes the interactive
 * reserve, through the API: a quota of 10 leave-balances calls an hour (so nothing leaves
 * the window during the test; bulk may fill it up to 8), one call in flight at a time (so
 * that callers queue behind a held call), batches of one id, and lists of more than two
 * ids counting as bulk.
 */
@DirtiesContext
@TestPropertySource(properties = { "feishu.quotas.leave-balances.limit=10", "feishu.quotas.leave-balances.period=1h",
		"feishu.max-concurrent-calls=1", "gateway.batching.max-size=1", "gateway.priority.bulk-threshold=2" })
class PriorityApiTests extends GatewayStackTest {

	private static final String QUOTA = "feishu-leave-balances";

	@Autowired
	private QuotaEngine engine;

	private final ExecutorService clients = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@Test
	void interactiveCallersGoFirstBulkStillCompletesAndNeverTakesTheReserve() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor().withFixedDelay(50)));
		// The first call is held, so that the others queue behind it.
		this.standIn.stub(balancesCall().withQueryParam("employment_id_list", equalTo("HELD"))
			.atPriority(1)
			.willReturn(everyEmployeeAskedFor().withFixedDelay(1500)));
		CompletableFuture<GatewayHttp.Response> held = ask("/api/v1/employees/HELD/leave-balances");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.standIn.balanceRequests().size() == 1);

		CompletableFuture<GatewayHttp.Response> bulk = ask("/api/v1/leave-balances?employeeIds=B1,B2,B3,B4,B5");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.waiting(QUOTA) == 5);
		String waitingBulk = prometheus();
		List<CompletableFuture<GatewayHttp.Response>> interactive = List.of(ask("/api/v1/employees/I1/leave-balances"),
				ask("/api/v1/employees/I2/leave-balances"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.waiting(QUOTA) == 7);

		assertThat(held.join().status()).isEqualTo(200);
		assertThat(interactive).allSatisfy((answer) -> assertThat(answer.join().status()).isEqualTo(200));
		GatewayHttp.Response bulkAnswer = bulk.join();
		assertThat(bulkAnswer.status()).as(bulkAnswer.body()).isEqualTo(200);
		assertThat(bulkAnswer.json().path("employees")).hasSize(5);
		// The interactive callers came after the bulk ones and were served before them.
		List<String> order = askedFor();
		assertThat(order).hasSize(8).startsWith("HELD");
		assertThat(order.subList(1, 3)).containsExactlyInAnyOrder("I1", "I2");
		assertThat(order.subList(3, 8)).containsExactlyInAnyOrder("B1", "B2", "B3", "B4", "B5");

		// 8 sends in the window: bulk has no more, interactive callers still have 2.
		assertProblem(this.gateway.get("/api/v1/leave-balances?employeeIds=B6,B7,B8"), 429, "QUOTA_EXHAUSTED");
		assertThat(this.gateway.get("/api/v1/employees/J1/leave-balances").status()).isEqualTo(200);
		assertThat(this.gateway.get("/api/v1/employees/J2/leave-balances").status()).isEqualTo(200);
		assertProblem(this.gateway.get("/api/v1/employees/J3/leave-balances"), 429, "QUOTA_EXHAUSTED");
		assertThat(askedFor()).hasSize(10).doesNotContain("B6", "B7", "B8", "J3");

		// The meters saw it: bulk waited, then every class's queue emptied.
		assertThat(Prometheus.sample(waitingBulk, "gateway_quota_waiting", "quota", QUOTA, "priority", "bulk"))
			.isEqualTo(5);
		assertThat(
				Prometheus.sample(waitingBulk, "gateway_quota_oldest_wait_seconds", "quota", QUOTA, "priority", "bulk"))
			.isPositive();
		String after = prometheus();
		assertThat(Prometheus.sample(after, "gateway_quota_window_permits", "quota", QUOTA, "priority", "bulk"))
			.isEqualTo(5);
		assertThat(Prometheus.sample(after, "gateway_quota_window_permits", "quota", QUOTA, "priority", "interactive"))
			.isEqualTo(5);
		assertThat(Prometheus.sample(after, "gateway_quota_waiting", "quota", QUOTA)).isZero();
		assertThat(Prometheus.sample(after, "gateway_quota_in_flight", "quota", QUOTA)).isZero();
		assertThat(Prometheus.sample(after, "gateway_quota_wait_seconds_count", "quota", QUOTA, "priority", "bulk",
				"outcome", "granted"))
			.isEqualTo(5);
		assertThat(Prometheus.sample(after, "gateway_quota_wait_seconds_bucket", "quota", QUOTA, "priority",
				"interactive"))
			.isPositive();
	}

	private CompletableFuture<GatewayHttp.Response> ask(String path) {
		return CompletableFuture.supplyAsync(() -> this.gateway.get(path), this.clients);
	}

	/** The employee each leave_balances call asked for, in the order they came. */
	private List<String> askedFor() {
		return this.standIn.balanceRequests()
			.stream()
			.map((call) -> call.getQueryParams().get("employment_id_list").firstValue())
			.toList();
	}

	private String prometheus() {
		GatewayHttp.Response metrics = this.gateway.request("GET", "/actuator/prometheus", ADMIN_KEY);
		assertThat(metrics.status()).isEqualTo(200);
		return metrics.body();
	}

}
