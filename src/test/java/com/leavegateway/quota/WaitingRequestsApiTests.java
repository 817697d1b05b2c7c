package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.Concurrently;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests waiting for quota hold no servlet thread and leave nothing behind: a quota of
 * one leave-balances call an hour and a budget so long that every miss is admitted and
 * waits, while the servlet's async time-out (1 s) ends each wait. Cache hits are answered
 * meanwhile, however many misses wait.
 */
@DirtiesContext
@TestPropertySource(properties = { "feishu.quotas.leave-balances.limit=1", "feishu.quotas.leave-balances.period=1h",
		"feishu.quotas.max-wait=1000h", "spring.mvc.async.request-timeout=1s", "gateway.batching.max-size=1" })
class WaitingRequestsApiTests extends GatewayStackTest {

	private static final String QUOTA = "feishu-leave-balances";

	@Autowired
	private QuotaEngine engine;

	private final ExecutorService clients = Executors.newFixedThreadPool(300);

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@Test
	void cacheHitsAreAnsweredWhileHundredsOfMissesWaitAndTheirTimeOutsLeaveNoQueuePlaceOrPermit() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		// The hour's one call: E1 is cached from now on.
		assertThat(this.gateway.get(E1_BALANCES).status()).isEqualTo(200);

		List<CompletableFuture<GatewayHttp.Response>> misses = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String path = "/api/v1/employees/W" + i + "/leave-balances";
			misses.add(CompletableFuture.supplyAsync(() -> this.gateway.get(path), this.clients));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.engine.waiting(QUOTA) >= 100);

		List<GatewayHttp.Response> hits = Concurrently.run(20, (i) -> this.gateway.get(E1_BALANCES));

		assertThat(hits).allSatisfy((hit) -> {
			assertThat(hit.status()).as(hit.body()).isEqualTo(200);
			assertThat(hit.cacheStatus()).isEqualTo(CacheStatus.HIT);
		});
		// Each miss ends with the servlet's time-out; none got a permit.
		assertThat(misses).allSatisfy((miss) -> assertThat(miss.join().status()).isEqualTo(503));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.engine.waiting(QUOTA)).isZero());
		assertThat(this.engine.inFlight(QUOTA)).isZero();
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

}
