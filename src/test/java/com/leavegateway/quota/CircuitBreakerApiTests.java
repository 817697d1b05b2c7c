package com.leavegateway.quota;

import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker of leave_balances, made small for the test: judged on the last 4
 * calls once there are 4, open at 50 % failures, open for 2 s. No retries, so that every
 * request is one call and the counts are plain.
 * <p>
 * The test that leaves the breaker open runs last: resetting a breaker between tests does
 * not cancel its timer to half-open, which would otherwise end the next test's open state
 * early.
 */
@DirtiesContext
@TestPropertySource(properties = { "resilience4j.circuitbreaker.instances.feishu-leave-balances.sliding-window-size=4",
		"resilience4j.circuitbreaker.instances.feishu-leave-balances.minimum-number-of-calls=4",
		"resilience4j.circuitbreaker.instances.feishu-leave-balances.failure-rate-threshold=50",
		"resilience4j.circuitbreaker.instances.feishu-leave-balances.wait-duration-in-open-state=2s",
		"resilience4j.circuitbreaker.instances.feishu-leave-balances.permitted-number-of-calls-in-half-open-state=2",
		"resilience4j.retry.instances.feishu-leave-balances.max-attempts=1" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CircuitBreakerApiTests extends GatewayStackTest {

	@Test
	@Order(1)
	void fourFailuresOpenTheBreakerWhichAnswers503WithoutCallingFeishuUntilItsWaitIsOver() {
		this.standIn.stub(balancesCall().willReturn(aResponse().withStatus(500).withBody("Internal Server Error")));
		for (int i = 1; i <= 4; i++) {
			assertProblem(this.gateway.get("/api/v1/employees/F" + i + "/leave-balances"), 502, "UPSTREAM_ERROR");
		}
		assertThat(this.standIn.balanceRequests()).hasSize(4);
		assertThat(breakerState()).isEqualTo("OPEN");

		GatewayHttp.Response open = this.gateway.get("/api/v1/employees/F5/leave-balances");

		assertProblem(open, 503, "UPSTREAM_UNAVAILABLE");
		assertThat(open.header("Retry-After")).isEqualTo("2");
		assertThat(this.standIn.balanceRequests()).hasSize(4);

		// Feishu is back. Until the breaker lets a trial call through, nothing reaches
		// it.
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			GatewayHttp.Response response = this.gateway.get("/api/v1/employees/F5/leave-balances");
			if (response.status() != 200) {
				assertProblem(response, 503, "UPSTREAM_UNAVAILABLE");
			}
			return response.status() == 200;
		});
		assertThat(this.standIn.balanceRequests()).hasSize(5);
		assertThat(breakerState()).isEqualTo("HALF_OPEN");
		assertThat(this.gateway.get("/api/v1/employees/F6/leave-balances").status()).isEqualTo(200);
		assertThat(breakerState()).isEqualTo("CLOSED");
		assertThat(this.standIn.balanceRequests()).hasSize(6);
	}

	@Test
	@Order(3)
	void timeOutsCountAsFailures() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor().withFixedDelay(2500)));
		for (int i = 1; i <= 2; i++) {
			assertProblem(this.gateway.get("/api/v1/employees/T" + i + "/leave-balances"), 504, "UPSTREAM_TIMEOUT");
		}
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		for (int i = 3; i <= 4; i++) {
			assertThat(this.gateway.get("/api/v1/employees/T" + i + "/leave-balances").status()).isEqualTo(200);
		}

		assertThat(breakerState()).isEqualTo("OPEN");
		assertProblem(this.gateway.get("/api/v1/employees/T5/leave-balances"), 503, "UPSTREAM_UNAVAILABLE");
		assertThat(this.standIn.balanceRequests()).hasSize(4);
	}

	@Test
	@Order(2)
	void businessErrorsSayFeishuWorksAndDoNotOpenTheBreaker() {
		this.standIn.stub(balancesCall().willReturn(answer(400, error(1161001, "invalid parameter"))));
		for (int i = 1; i <= 3; i++) {
			assertProblem(this.gateway.get("/api/v1/employees/B" + i + "/leave-balances"), 502, "UPSTREAM_ERROR");
		}
		this.standIn.stub(balancesCall().willReturn(answer(400, error(1160006, "Employment not found"))));
		for (int i = 4; i <= 6; i++) {
			assertProblem(this.gateway.get("/api/v1/employees/B" + i + "/leave-balances"), 404, "EMPLOYEE_NOT_FOUND");
		}

		assertThat(breakerState()).isEqualTo("CLOSED");
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		assertThat(this.gateway.get("/api/v1/employees/B7/leave-balances").status()).isEqualTo(200);
		assertThat(this.standIn.balanceRequests()).hasSize(7);
	}

	private String breakerState() {
		GatewayHttp.Response response = this.gateway.request("GET", "/actuator/circuitbreakers", ADMIN_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().path("circuitBreakers").path("feishu-leave-balances").path("state").stringValue();
	}

}
