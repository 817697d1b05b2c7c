package com.leavegateway.quota;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;
import com.leavegateway.support.Prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No permit and no queue place outlives the request that held it, however it ends: one
 * leave-balances call in flight at a time (a place leaked would stop every later call),
 * one attempt per call, batches of one id, and a servlet async time-out of 1 s (Tomcat
 * checks it about once a second), well within Feishu's response time-out of 4 s.
 */
@DirtiesContext
@TestPropertySource(properties = { "feishu.max-concurrent-calls=1", "gateway.batching.max-size=1",
		"spring.mvc.async.request-timeout=1s", "feishu.response-timeout=4s",
		"resilience4j.retry.instances.feishu-leave-balances.max-attempts=1" })
class PermitReleaseApiTests extends GatewayStackTest {

	private static final String QUOTA = "feishu-leave-balances";

	@Autowired
	private QuotaEngine engine;

	private final ExecutorService clients = Executors.newFixedThreadPool(4);

	/**
	 * A tenant token and a warm path first: a cold first call on a busy machine can take
	 * longer than the time-outs of these tests (asked again until it answers).
	 */
	@BeforeEach
	void warmUp() {
		this.standIn.stub(balancesCall().atPriority(10).willReturn(everyEmployeeAskedFor()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.gateway.get("/api/v1/employees/WARM/leave-balances").status() == 200);
		this.standIn.forgetRequests();
	}

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@Test
	void aFailedCallFreesItsPlace() {
		this.standIn.stub(balancesCall().withQueryParam("employment_id_list", equalTo("FAILS"))
			.willReturn(answer(500, error(1160015, "internal error"))));

		assertThat(this.gateway.get("/api/v1/employees/FAILS/leave-balances").status()).isEqualTo(502);

		assertNothingHeldAndTheNextCallGoes();
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	@Test
	void servletAndFeishuTimeOutsFreeThePlaceOfTheCallAndOfTheCallerWaitingBehindIt() {
		this.standIn.stub(balancesCall().withQueryParam("employment_id_list", equalTo("SLOW"))
			.willReturn(everyEmployeeAskedFor().withFixedDelay(6000)));
		double timeOutsBefore = feishuTimeOuts();
		CompletableFuture<GatewayHttp.Response> slow = ask("/api/v1/employees/SLOW/leave-balances");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.standIn.balanceRequests().size() == 1);
		CompletableFuture<GatewayHttp.Response> waiting = ask("/api/v1/employees/WAITS/leave-balances");

		// Both requests end with the servlet's time-out: the first during its call, the
		// second still waiting for the place the first holds.
		assertThat(slow.join().status()).isEqualTo(503);
		assertThat(waiting.join().status()).isEqualTo(503);
		// Feishu's time-out then ends the call itself.
		await().atMost(Duration.ofSeconds(10)).until(() -> feishuTimeOuts() > timeOutsBefore);

		assertNothingHeldAndTheNextCallGoes();
		assertThat(this.standIn.balanceRequests()).hasSize(2).noneMatch((call) -> call.getUrl().contains("WAITS"));
	}

	/** Nobody waits, no call is in flight, and the one place in flight still works. */
	private void assertNothingHeldAndTheNextCallGoes() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.engine.waiting(QUOTA) == 0 && this.engine.inFlight(QUOTA) == 0);
		GatewayHttp.Response next = this.gateway.get("/api/v1/employees/NEXT/leave-balances");
		assertThat(next.status()).as(next.body()).isEqualTo(200);
		assertThat(this.engine.inFlight(QUOTA)).isZero();
	}

	private CompletableFuture<GatewayHttp.Response> ask(String path) {
		return CompletableFuture.supplyAsync(() -> this.gateway.get(path), this.clients);
	}

	private double feishuTimeOuts() {
		String metrics = this.gateway.request("GET", "/actuator/prometheus", ADMIN_KEY).body();
		return Prometheus.sample(metrics, "feishu_calls_seconds_count", "api", QUOTA, "outcome", "timeout");
	}

}
