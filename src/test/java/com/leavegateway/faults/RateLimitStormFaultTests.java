package com.leavegateway.faults;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.Concurrently;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Storms of 99991400 with x-ogw-ratelimit-reset. Within the caller's wait budget
 * (feishu.quotas.max-wait, 3 s here) the gateway waits out each reset and the caller gets
 * 200; beyond it, the first caller gets Feishu's 429 and everyone else during the pause a
 * 429 at once, at no upstream cost, until the reset has passed. The pause outlives a
 * test, so this class has a context of its own and each test waits for its pause to end
 * before it finishes.
 */
@DirtiesContext
@TestPropertySource(properties = "feishu.quotas.max-wait=3s")
class RateLimitStormFaultTests extends GatewayStackTest {

	private static final String LIMITED = "request trigger frequency limit";

	@Test
	@Timeout(30)
	void aStormShorterThanTheWaitBudgetIsWaitedOutAndNothingIsSentDuringEachReset() {
		this.standIn.balancesInTurn(rateLimited(1), rateLimited(1),
				ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "5.5")))));

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E1/leave-balances");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("balances").path(0).path("balance").decimalValue()).isEqualByComparingTo("5.5");
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSize(3);
		for (int i = 1; i < calls.size(); i++) {
			assertThat(calls.get(i).getLoggedDate().getTime() - calls.get(i - 1).getLoggedDate().getTime())
				.as("ms between call %d and %d", i, i + 1)
				.isGreaterThanOrEqualTo(950);
		}
		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

	@Test
	@Timeout(30)
	void aStormLongerThanTheWaitBudgetIs429WithRetryAfterAndCostsOneCallWhateverTheTraffic() throws Exception {
		this.standIn.stub(balancesCall().willReturn(rateLimited(8)));

		GatewayHttp.Response first = this.gateway.get("/api/v1/employees/E1/leave-balances");
		long pausedAt = System.nanoTime();

		JsonNode problem = assertProblem(first, 429, "UPSTREAM_RATE_LIMITED");
		assertThat(first.header("Retry-After")).isEqualTo("8");
		assertThat(problem.path("feishuCode").intValue()).isEqualTo(99991400);
		assertThat(this.standIn.balanceRequests()).hasSize(1);

		// Twenty callers during the pause: all refused at once, none reaches Feishu.
		List<GatewayHttp.Response> during = Concurrently.run(20,
				(i) -> this.gateway.get("/api/v1/employees/E" + (2 + i) + "/leave-balances"));

		for (GatewayHttp.Response response : during) {
			assertProblem(response, 429, "QUOTA_EXHAUSTED");
			assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 8L);
		}
		// Still more than max-wait (3 s) of the 8 s pause left for each: refused, not
		// made to wait.
		assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.standIn.balanceRequests()).hasSize(1);

		// Feishu's window resets; the gateway calls again by itself, and nothing of the
		// storm was cached.
		feishu.resetAll();
		this.standIn.token(FeishuStandIn.TOKEN, 7200);
		this.standIn.balances(employee("E2", "乙", balance("7001", "年假", 1, "2")));
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> Duration.ofNanos(System.nanoTime() - pausedAt).compareTo(Duration.ofMillis(8100)) >= 0);

		GatewayHttp.Response healed = this.gateway.get("/api/v1/employees/E2/leave-balances");

		assertThat(healed.status()).as(healed.body()).isEqualTo(200);
		assertThat(healed.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(healed.json().path("balances").path(0).path("balance").decimalValue()).isEqualByComparingTo("2");
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder rateLimited(int resetSeconds) {
		return answer(429, error(99991400, LIMITED)).withHeader("x-ogw-ratelimit-limit", "100")
			.withHeader("x-ogw-ratelimit-reset", Integer.toString(resetSeconds));
	}

}
