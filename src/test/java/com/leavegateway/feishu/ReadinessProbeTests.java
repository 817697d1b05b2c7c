package com.leavegateway.feishu;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.tokenCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows Feishu (a tenant token can be had, no circuit breaker open); liveness
 * never does, so a Feishu outage takes pods out of the load balancer without restarting
 * them. Own context: the token cache starts cold.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_EACH_TEST_METHOD)
class ReadinessProbeTests extends GatewayStackTest {

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@Test
	void readyWhenATokenCanBeHad() {
		GatewayHttp.Response readiness = this.gateway.request("GET", "/actuator/health/readiness", null);

		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().path("components").path("feishu").path("status").stringValue()).isEqualTo("UP");
		assertThat(readiness.body()).doesNotContain(FeishuStandIn.TOKEN, APP_SECRET);
	}

	@Test
	void notReadyButAliveWhenFeishuRefusesTheApp() {
		this.standIn.stub(tokenCall().atPriority(1).willReturn(answer(400, error(10014, "app secret invalid"))));

		GatewayHttp.Response readiness = this.gateway.request("GET", "/actuator/health/readiness", null);

		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.json().path("components").path("feishu").path("details").path("tenantToken").stringValue())
			.isEqualTo("unavailable");
		assertThat(readiness.body()).doesNotContain("10014", APP_SECRET);
		assertThat(this.gateway.request("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
	}

	@Test
	void notReadyWhileACircuitBreakerIsOpen() {
		this.circuitBreakers.circuitBreaker(FeishuApi.LEAVE_BALANCES.id()).transitionToOpenState();

		GatewayHttp.Response readiness = this.gateway.request("GET", "/actuator/health/readiness", null);

		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.json()
			.path("components")
			.path("feishu")
			.path("details")
			.path("circuitBreaker.feishu-leave-balances")
			.stringValue()).isEqualTo("OPEN");
		assertThat(this.gateway.request("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);

		this.circuitBreakers.circuitBreaker(FeishuApi.LEAVE_BALANCES.id()).transitionToClosedState();
		assertThat(this.gateway.request("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
	}

}
