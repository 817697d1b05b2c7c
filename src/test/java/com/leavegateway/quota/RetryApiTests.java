package com.leavegateway.quota;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries with the application's settings (3 attempts, back-off from 200 ms with jitter):
 * a 5xx without a deterministic code, a broken connection or a time-out is tried again,
 * each attempt taking a quota permit; a business or deterministic error is not.
 */
class RetryApiTests extends GatewayStackTest {

	@Autowired
	private RateLimiterRegistry rateLimiters;

	@Test
	void a500ThenASuccessAnswers200AfterTwoCallsEachWithItsOwnPermit() {
		AtomicInteger permits = countPermits();
		this.standIn.balancesInTurn(aResponse().withStatus(500), everyEmployeeAskedFor());

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E1/leave-balances");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(this.standIn.balanceRequests()).hasSize(2);
		assertThat(permits.get()).isEqualTo(2);
	}

	@Test
	void aTransientFeishuErrorInA5xxIsRetriedToo() {
		this.standIn.balancesInTurn(answer(500, error(1160012, "An exception occurs in the database")),
				everyEmployeeAskedFor());

		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").status()).isEqualTo(200);
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1160018, 1160099 })
	void aDeterministicOrUnknownFeishuErrorInA5xxIsNotRetried(int code) {
		this.standIn.stub(balancesCall().willReturn(answer(500, error(code, "Invalid leave balance calculate Conf"))));

		assertProblem(this.gateway.get("/api/v1/employees/E1/leave-balances"), 502, "UPSTREAM_ERROR");

		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	void aBrokenConnectionThenASuccessAnswers200AfterTwoCalls() {
		this.standIn.balancesInTurn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), everyEmployeeAskedFor());

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E1/leave-balances");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	@Test
	void aFeishuThatKeepsFailingIsTriedThreeTimesInAll() {
		AtomicInteger permits = countPermits();
		this.standIn.stub(balancesCall().willReturn(aResponse().withStatus(500)));

		assertProblem(this.gateway.get("/api/v1/employees/E1/leave-balances"), 502, "UPSTREAM_ERROR");

		assertThat(this.standIn.balanceRequests()).hasSize(3);
		assertThat(permits.get()).isEqualTo(3);
	}

	@Test
	void aBusinessErrorIsNotRetried() {
		this.standIn.stub(balancesCall().willReturn(answer(400, error(1161001, "invalid parameter"))));

		assertProblem(this.gateway.get("/api/v1/employees/E1/leave-balances"), 502, "UPSTREAM_ERROR");

		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	void aTimeOutIsRetriedLikeAnyOutage() {
		this.standIn.balancesInTurn(everyEmployeeAskedFor().withFixedDelay(2500), everyEmployeeAskedFor());

		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").status()).isEqualTo(200);

		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	/** Counts the permits the leave_balances limiter hands out from now on. */
	private AtomicInteger countPermits() {
		AtomicInteger permits = new AtomicInteger();
		this.rateLimiters.rateLimiter("feishu-leave-balances")
			.getEventPublisher()
			.onSuccess((event) -> permits.incrementAndGet());
		return permits;
	}

}
