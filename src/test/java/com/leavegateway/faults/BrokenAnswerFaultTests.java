package com.leavegateway.faults;

import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feishu's transport and body failures on leave_balances (the whole stack, response
 * time-out 2 s, retry: 3 attempts with 200 ms back-off). UpstreamErrorsApiTests has what
 * the caller sees; these add what each failure costs upstream, how fast the caller hears
 * of it, and that once Feishu heals the next request goes upstream again (the failure was
 * not cached), gets the right value, and is then cached.
 */
class BrokenAnswerFaultTests extends GatewayStackTest {

	private static final String TRUNCATED = page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "5.5")))
		.substring(0, 60);

	static Stream<Arguments> faults() {
		return Stream.of(
				// A 5xx and a broken connection are retried: three attempts, then 502.
				fault("HTTP 500 with a Feishu error", answer(500, error(1160015, "Internal error")), 502,
						"UPSTREAM_ERROR", 3),
				fault("HTTP 503 from a proxy, plain text", aResponse().withStatus(503).withBody("Service Unavailable"),
						502, "UPSTREAM_ERROR", 3),
				fault("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 502,
						"UPSTREAM_UNREACHABLE", 3),
				fault("connection closed before any answer", aResponse().withFault(Fault.EMPTY_RESPONSE), 502,
						"UPSTREAM_UNREACHABLE", 3),
				fault("connection closed mid-body (broken chunk)",
						aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), 502, "UPSTREAM_UNREACHABLE", 3),
				fault("garbage bytes, then closed", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), 502,
						"UPSTREAM_UNREACHABLE", 3),
				// A time-out is an outage like a 5xx (FeishuOutcome.TRANSIENT): retried.
				fault("no answer within the time-out", ok(page(false, null, employee("E1", "甲"))).withFixedDelay(3500),
						504, "UPSTREAM_TIMEOUT", 3),
				fault("headers at once, body dribbled past the time-out",
						ok(page(false, null, employee("E1", "甲"))).withChunkedDribbleDelay(20, 3500), 504,
						"UPSTREAM_TIMEOUT", 3),
				// A 200 the gateway cannot read is not retried either: Feishu answered,
				// and would answer the same.
				fault("truncated JSON", ok(TRUNCATED), 502, "UPSTREAM_ERROR", 1),
				fault("malformed JSON", ok("{\"code\":0,\"data\":{\"employment_leave_balance_list\":[,]}}"), 502,
						"UPSTREAM_ERROR", 1),
				fault("an HTML page with 200",
						aResponse().withStatus(200)
							.withHeader("Content-Type", "text/html")
							.withBody("<html><body>Gateway maintenance</body></html>"),
						502, "UPSTREAM_ERROR", 1),
				fault("an empty body with 200", aResponse().withStatus(200), 502, "UPSTREAM_ERROR", 1));
	}

	private static Arguments fault(String name, ResponseDefinitionBuilder answer, int status, String code, int calls) {
		return Arguments.of(name, answer, status, code, calls);
	}

	@ParameterizedTest(name = "{0}: {2} {3} after {4} call(s)")
	@MethodSource("faults")
	void theCallerGetsAProblemAtAKnownCostAndTheNextRequestAfterFeishuHealsGoesUpstream(String name,
			ResponseDefinitionBuilder fault, int status, String code, int calls) {
		this.standIn.stub(balancesCall().willReturn(fault));

		long started = System.nanoTime();
		GatewayHttp.Response failed = this.gateway.get(E1_BALANCES);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertProblem(failed, status, code);
		assertThat(failed.header("Retry-After")).isNull();
		assertThat(this.standIn.balanceRequests()).hasSize(calls);
		// At most the time-out per attempt, plus the back-off between attempts: the
		// caller never hangs.
		assertThat(took).isLessThan(Duration.ofSeconds(2L * calls + 2));

		assertFeishuHealsAndTheNextRequestGoesUpstream();
	}

	@Test
	void aBurstOfTwo5xxIsRiddenOutByTheRetriesAndTheCallerGets200() {
		this.standIn.balancesInTurn(answer(500, error(1160015, "Internal error")),
				aResponse().withStatus(502).withBody("Bad Gateway"),
				ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "5.5")))));

		GatewayHttp.Response response = this.gateway.get(E1_BALANCES);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("balances").path(0).path("balance").decimalValue()).isEqualByComparingTo("5.5");
		assertThat(this.standIn.balanceRequests()).hasSize(3);
		assertThat(this.gateway.get(E1_BALANCES).cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

}
