package com.leavegateway.balances;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.expireRecordsCall;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feishu's rate limit (99991400) becomes 429 with Feishu's reset as Retry-After. The
 * gateway then keeps away from that API for the time Feishu named; that pause outlives
 * the test, so this class has a context of its own and each test uses an API no other
 * test here has paused. With max-wait 1 s the gateway does not wait out Feishu's 7 s
 * itself.
 */
@DirtiesContext
@TestPropertySource(properties = "feishu.quotas.max-wait=1s")
class RateLimitApiTests extends GatewayStackTest {

	@Test
	void http429With99991400IsA429WithFeishusResetAsRetryAfterAndThenNothingIsSentUntilItPasses() {
		this.standIn.stub(balancesCall().willReturn(answer(429, error(99991400, "request trigger frequency limit"))
			.withHeader("x-ogw-ratelimit-limit", "100")
			.withHeader("x-ogw-ratelimit-reset", "7")));

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E1/leave-balances");

		JsonNode problem = assertProblem(response, 429, "UPSTREAM_RATE_LIMITED");
		assertThat(response.header("Retry-After")).isEqualTo("7");
		assertThat(problem.path("feishuCode").intValue()).isEqualTo(99991400);
		assertThat(problem.path("feishuMsg").stringValue()).isEqualTo("request trigger frequency limit");
		int sent = this.standIn.balanceRequests().size();

		GatewayHttp.Response next = this.gateway.get("/api/v1/employees/E2/leave-balances");

		assertProblem(next, 429, "QUOTA_EXHAUSTED");
		assertThat(Long.parseLong(next.header("Retry-After"))).isBetween(1L, 7L);
		assertThat(this.standIn.balanceRequests()).hasSize(sent);
	}

	@Test
	void olderApisSay99991400WithHttp400AndThatIsA429Too() {
		this.standIn
			.stub(expireRecordsCall("7001").willReturn(answer(400, error(99991400, "request trigger frequency limit"))
				.withHeader("x-ogw-ratelimit-reset", "3")));

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E1/leave-types/7001/expiring-grants");

		assertProblem(response, 429, "UPSTREAM_RATE_LIMITED");
		assertThat(response.header("Retry-After")).isEqualTo("3");
	}

}
