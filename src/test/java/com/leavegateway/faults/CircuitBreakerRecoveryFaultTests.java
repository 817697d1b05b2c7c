package com.leavegateway.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.FeishuStandIn.tokenBody;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Feishu dies outright (nothing listens on its port any more), then comes back. The
 * leave-balances breaker has a small configuration of its own here: it judges the last 3
 * calls, opens at 50 % failures and tries again after 2 s with 1 trial call. The other
 * breaker tests open it with 5xx answers; this one follows the dead-upstream path: the
 * breaker opens after one failed request, answers fast while open without touching the
 * network even once Feishu is back, tells readiness, and closes again by itself after one
 * successful trial.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "feishu.app-id=cli_breaker",
		"feishu.app-secret=breaker-secret", "feishu.response-timeout=2s", "feishu.connect-timeout=1s",
		"feishu.quotas.leave-balances.limit=100000", "feishu.quotas.leave-balances.period=1s",
		"feishu.quotas.token.limit=100000", "feishu.quotas.token.period=1s",
		"gateway.security.api-keys.test-reader=" + GatewayHttp.API_KEY,
		"resilience4j.circuitbreaker.instances.feishu-leave-balances.sliding-window-size=3",
		"resilience4j.circuitbreaker.instances.feishu-leave-balances.minimum-number-of-calls=3",
		"resilience4j.circuitbreaker.instances.feishu-leave-balances.failure-rate-threshold=50",
		"resilience4j.circuitbreaker.instances.feishu-leave-balances.wait-duration-in-open-state=2s",
		"resilience4j.circuitbreaker.instances.feishu-leave-balances.permitted-number-of-calls-in-half-open-state=1" })
@DirtiesContext
class CircuitBreakerRecoveryFaultTests {

	private static final int FEISHU_PORT = freePort();

	private static WireMockServer feishu;

	@LocalServerPort
	private int port;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@DynamicPropertySource
	static void feishuBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("feishu.base-url", () -> "http://127.0.0.1:" + FEISHU_PORT);
	}

	@BeforeAll
	static void feishuUp() {
		feishu = healthyFeishu();
	}

	@AfterAll
	static void feishuGone() {
		if (feishu != null) {
			feishu.stop();
		}
	}

	@Test
	@Timeout(60)
	void aDeadFeishuOpensTheBreakerWhichAnswersFastWithoutCallingAndClosesAgainOnceFeishuIsBack() throws Exception {
		GatewayHttp gateway = new GatewayHttp(this.port);
		CircuitBreaker breaker = this.breakers.circuitBreaker("feishu-leave-balances");
		// A tenant token is cached while Feishu is up (the readiness check fetches one),
		// so that what fails below
		// is leave_balances itself.
		assertThat(gateway.request("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
		feishu.stop();

		// Dead: connection refused on each of the 3 attempts; they fill the breaker's
		// window and open it.
		assertProblem(gateway.get("/api/v1/employees/E1/leave-balances"), 502, "UPSTREAM_UNREACHABLE");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(3);

		// Feishu is back already, but the breaker is open: 503 with Retry-After at once,
		// no call reaches Feishu.
		feishu = healthyFeishu();
		for (int i = 2; i <= 6; i++) {
			long started = System.nanoTime();
			GatewayHttp.Response response = gateway.get("/api/v1/employees/E" + i + "/leave-balances");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
			assertProblem(response, 503, "UPSTREAM_UNAVAILABLE");
			assertThat(response.header("Retry-After")).isEqualTo("2");
		}
		assertThat(feishu.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isGreaterThanOrEqualTo(5);
		assertThat(gateway.request("GET", "/actuator/health/readiness", null).status()).isEqualTo(503);

		// After wait-duration-in-open-state the breaker lets one trial through by itself;
		// it succeeds and closes it.
		await().atMost(Duration.ofSeconds(10)).until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
		GatewayHttp.Response trial = gateway.get("/api/v1/employees/E1/leave-balances");

		assertThat(trial.status()).as(trial.body()).isEqualTo(200);
		assertThat(trial.json().path("balances").path(0).path("balance").decimalValue()).isEqualByComparingTo("5.5");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(feishu.findAll(WireMock.getRequestedFor(WireMock.urlPathEqualTo(FeishuStandIn.LEAVE_BALANCES_PATH))))
			.hasSize(1);
		assertThat(gateway.request("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
		// Nothing of the outage was cached: E2 (refused while open) is asked for now, and
		// then served from cache.
		assertThat(gateway.get("/api/v1/employees/E2/leave-balances").cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(gateway.get("/api/v1/employees/E2/leave-balances").cacheStatus()).matches(CacheStatus.FRESH_HIT);
	}

	private static WireMockServer healthyFeishu() {
		WireMockServer server = new WireMockServer(wireMockConfig().port(FEISHU_PORT).bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(FeishuStandIn.tokenCall().willReturn(ok(tokenBody(FeishuStandIn.TOKEN, 7200))));
		server.stubFor(FeishuStandIn.balancesCall()
			.willReturn(ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "5.5")),
					employee("E2", "乙", balance("7001", "年假", 1, "2"))))));
		return server;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
