package com.leavegateway.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;
import com.leavegateway.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.FeishuStandIn.tokenBody;
import static com.leavegateway.support.FeishuStandIn.tokenCall;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint failing, slow or refusing the app, and every token revoked while
 * traffic flows. The context is this class's own, and each test starts by moving the
 * clock past the cached token's expiry, so that every test begins without a usable token
 * and the token calls it counts are its own.
 */
@DirtiesContext
@TestPropertySource(properties = "feishu.token-refresh-margin=5m")
class TokenFaultTests extends GatewayStackTest {

	@Autowired
	private MutableClock clock;

	@BeforeEach
	void noUsableTokenLeft() {
		this.clock.advance(Duration.ofHours(3));
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5.5")));
	}

	@Test
	void aFailingTokenEndpointIsA502UpstreamErrorAfterThreeTokenCallsAndNoBusinessCall() {
		this.standIn.stub(tokenCall().willReturn(answer(500, error(99991000, "internal error"))));

		JsonNode problem = assertProblem(this.gateway.get(E1_BALANCES), 502, "UPSTREAM_ERROR", "test-secret-value");

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(99991000);
		assertThat(this.standIn.tokenRequests()).hasSize(3);
		assertThat(this.standIn.balanceRequests()).isEmpty();
		assertRecoversWithOneTokenCall();
	}

	@Test
	void aTokenEndpointSlowerThanTheTimeOutIsA504AfterThreeTokenCalls() {
		this.standIn.stub(tokenCall().willReturn(ok(tokenBody(FeishuStandIn.TOKEN, 7200)).withFixedDelay(3500)));

		long started = System.nanoTime();
		assertProblem(this.gateway.get(E1_BALANCES), 504, "UPSTREAM_TIMEOUT");

		// A time-out is an outage like a 5xx: tried three times, each cut at 2 s.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
		assertThat(this.standIn.tokenRequests()).hasSize(3);
		assertThat(this.standIn.balanceRequests()).isEmpty();
		assertRecoversWithOneTokenCall();
	}

	@Test
	void appSecretInvalidIsA502AuthFailureAfterOneTokenCallAndReadinessIsDownUntilFeishuAcceptsTheAppAgain() {
		this.standIn.stub(tokenCall().willReturn(ok(error(10014, "app secret invalid"))));

		JsonNode problem = assertProblem(this.gateway.get(E1_BALANCES), 502, "UPSTREAM_AUTH_FAILED");

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(10014);
		assertThat(this.standIn.tokenRequests()).hasSize(1);
		assertThat(this.standIn.balanceRequests()).isEmpty();
		assertThat(this.gateway.request("GET", "/actuator/health/readiness", null).status()).isEqualTo(503);

		assertRecoversWithOneTokenCall();
		assertThat(this.gateway.request("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
	}

	@Test
	void whileTheTokenEndpointFailsAStillValidTokenKeepsServing() {
		this.standIn.token("t-old", 7200);
		assertThat(this.gateway.get(E1_BALANCES).status()).isEqualTo(200);
		// Inside the renewal margin (5 min before expiry): due for renewal, still valid.
		this.clock.advance(Duration.ofSeconds(7200 - 120));
		feishu.resetAll();
		this.standIn.stub(tokenCall().willReturn(aResponse().withStatus(503)));
		this.standIn.balances(employee("E2", "乙", balance("7001", "年假", 1, "2")));

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E2/leave-balances");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		// Renewing a still valid token is one call, not retried, then a back-off.
		assertThat(this.standIn.tokenRequests()).hasSize(1);
		assertThat(this.gateway.get("/api/v1/employees/E2/leave-balances", "Cache-Control", "no-cache").status())
			.isEqualTo(200);
		assertThat(this.standIn.tokenRequests()).hasSize(1);
		assertThat(this.standIn.balanceRequests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer t-old"));
	}

	/**
	 * 50 requests from 8 threads; after the first ten answers Feishu starts refusing the
	 * token in use (99991663) as if every token had been revoked. Every caller still gets
	 * 200, and the whole burst of refusals costs exactly one token renewal.
	 */
	@Test
	@Timeout(60)
	void everyTokenRevokedMidTrafficCostsOneRenewalAndEveryCallerGets200() throws Exception {
		this.standIn.tokensInTurn(7200, "t-before", "t-after");
		for (String token : List.of("t-before", "t-after")) {
			this.standIn.stub(balancesCall().withHeader("Authorization", equalTo("Bearer " + token))
				.willReturn(ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "1")),
						employee("E2", "乙", balance("7001", "年假", 1, "2")),
						employee("E3", "丙", balance("7001", "年假", 1, "3")),
						employee("E4", "丁", balance("7001", "年假", 1, "4")),
						employee("E5", "戊", balance("7001", "年假", 1, "5"))))));
		}
		assertThat(this.gateway.get(E1_BALANCES).status()).isEqualTo(200);
		assertThat(this.standIn.tokenRequests()).hasSize(1);

		AtomicInteger answered = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		List<CompletableFuture<GatewayHttp.Response>> responses = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				String path = "/api/v1/employees/E" + (1 + i % 5) + "/leave-balances";
				responses.add(CompletableFuture.supplyAsync(() -> {
					// no-cache: every request goes upstream with the token of the moment.
					GatewayHttp.Response response = this.gateway.get(path, "Cache-Control", "no-cache");
					answered.incrementAndGet();
					return response;
				}, threads));
				if (i == 9) {
					while (answered.get() < 10) {
						Thread.onSpinWait();
					}
					this.standIn.stub(balancesCall().withHeader("Authorization", equalTo("Bearer t-before"))
						.willReturn(answer(400, error(99991663, "Invalid access token for authorization"))));
				}
			}
			for (CompletableFuture<GatewayHttp.Response> response : responses) {
				GatewayHttp.Response answer = response.get();
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(this.standIn.tokenRequests()).as("the first fetch and exactly one renewal").hasSize(2);
		List<String> tokensSent = this.standIn.balanceRequests()
			.stream()
			.map((request) -> request.getHeader("Authorization"))
			.toList();
		assertThat(tokensSent).contains("Bearer t-after");
		// Once the new token is there, the old one is never sent again.
		assertThat(tokensSent.subList(tokensSent.indexOf("Bearer t-after"), tokensSent.size()))
			.containsOnly("Bearer t-after");
	}

	/**
	 * The token endpoint heals: one token call, then the business call, then the answer
	 * is cached.
	 */
	private void assertRecoversWithOneTokenCall() {
		assertFeishuHealsAndTheNextRequestGoesUpstream();
		assertThat(this.standIn.tokenRequests()).hasSize(1);
	}

}
