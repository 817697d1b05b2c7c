package com.leavegateway.balances;

import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
 * How Feishu's failures reach the caller: always RFC 9457 problem details with a stable
 * code, Feishu's code and message when Feishu gave them, and nothing internal. (Rate
 * limits are in RateLimitApiTests: they leave a pause behind that other tests must not
 * inherit.)
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamErrorsApiTests extends GatewayStackTest {

	private static final String ONE = "/api/v1/employees/E1/leave-balances";

	private static final String MANY = "/api/v1/leave-balances?employeeIds=E1,E2";

	@Test
	void aFeishuErrorInAnHttp500IsA502WithFeishusCodeAndMessage() {
		this.standIn.stub(balancesCall().willReturn(answer(500, error(1160015, "Internal error"))));

		JsonNode problem = assertProblem(this.gateway.get(MANY), 502, "UPSTREAM_ERROR");

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(1160015);
		assertThat(problem.path("feishuMsg").stringValue()).isEqualTo("Internal error");
	}

	@Test
	void anHttp500WithoutFeishuJsonIsA502WithoutFeishuCode() {
		this.standIn.stub(balancesCall()
			.willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/plain").withBody("oops")));

		JsonNode problem = assertProblem(this.gateway.get(ONE), 502, "UPSTREAM_ERROR");

		assertThat(problem.has("feishuCode")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 502 })
	void anHtmlPageIsA502(int status) {
		this.standIn.stub(balancesCall().willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

		JsonNode problem = assertProblem(this.gateway.get(ONE), 502, "UPSTREAM_ERROR");

		assertThat(problem.has("feishuCode")).isFalse();
	}

	@Test
	void anEmptyBodyIsA502() {
		this.standIn.stub(balancesCall().willReturn(aResponse().withStatus(200)));

		assertProblem(this.gateway.get(ONE), 502, "UPSTREAM_ERROR");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"code\":0,\"msg\":\"success\"}", "{\"code\":0,\"msg\":\"success\",\"data\":null}",
			"{\"code\":\"0\",\"data\":{}}", "[]", "{\"code\":0,\"data\":{\"employment_leave_balance_list\":{}}}",
			"{\"code\":0,\"data\":{\"employment_leave_balance_list\":[{\"leave_balance_list\":[]}]}}" })
	void aBodyThatIsNotWhatTheApiAnswersIsA502(String body) {
		this.standIn.stub(balancesCall().willReturn(ok(body)));

		assertProblem(this.gateway.get(MANY), 502, "UPSTREAM_ERROR");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "1,5", "NaN" })
	void aQuantityThatIsNoDecimalIsA502(String quantity) {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, quantity)));

		assertProblem(this.gateway.get(ONE), 502, "UPSTREAM_ERROR");
	}

	@Test
	void anUndocumentedLeaveUnitIsUnknownWithTheRawNumberLoggedOnceAndTheRestIsUnaffected(CapturedOutput output) {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 13, "1.25"), balance("7002", "调休", 2, "3")));

		GatewayHttp.Response response = this.gateway.get(ONE);
		this.gateway.get(ONE, "Cache-Control", "no-cache");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode odd = response.json().path("balances").get(0);
		assertThat(odd.path("unit").stringValue()).isEqualTo("UNKNOWN");
		assertThat(odd.path("unitCode").intValue()).isEqualTo(13);
		assertThat(odd.path("balance").decimalValue()).isEqualByComparingTo("1.25");
		JsonNode usual = response.json().path("balances").get(1);
		assertThat(usual.path("unit").stringValue()).isEqualTo("HOUR");
		assertThat(usual.has("unitCode")).isFalse();
		assertThat(this.standIn.balanceRequests()).hasSize(2);
		assertThat(output.getOut().split("leave_duration_unit 13,", -1)).hasSize(2);
	}

	@Test
	void aFeishuCodeInAnHttp200BodyIsA502WithFeishusCodeAndMessage() {
		this.standIn
			.stub(balancesCall().willReturn(ok(error(1160023, "Error occurred when calculating the leave balance"))));

		JsonNode problem = assertProblem(this.gateway.get(ONE), 502, "UPSTREAM_ERROR");

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(1160023);
		assertThat(problem.path("feishuMsg").stringValue())
			.isEqualTo("Error occurred when calculating the leave balance");
	}

	@Test
	void feishusMessageIsPassedOnAsPlainBoundedText() {
		this.standIn.stub(balancesCall().willReturn(ok(error(1160016, "Invalid\nparam\u0000 " + "x".repeat(500)))));

		JsonNode problem = assertProblem(this.gateway.get(ONE), 502, "UPSTREAM_ERROR");

		assertThat(problem.path("feishuMsg").stringValue()).startsWith("Invalid param")
			.hasSizeLessThanOrEqualTo(200)
			.doesNotContain("\n", "\u0000");
	}

	@Test
	void noAnswerWithinTheResponseTimeoutIsA504() {
		this.standIn.stub(balancesCall().willReturn(ok(page(false, null, employee("E1", "甲"))).withFixedDelay(4000)));

		JsonNode problem = assertProblem(this.gateway.get(ONE), 504, "UPSTREAM_TIMEOUT");

		assertThat(problem.has("feishuCode")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE" })
	void aBrokenConnectionIsA502Unreachable(String fault) {
		this.standIn.stub(balancesCall().willReturn(aResponse().withFault(Fault.valueOf(fault))));

		GatewayHttp.Response response = this.gateway.get(ONE);

		assertThat(response.status()).as(response.body()).isEqualTo(502);
		assertThat(response.json().path("code").stringValue()).isIn("UPSTREAM_UNREACHABLE", "UPSTREAM_ERROR");
		if (fault.equals("CONNECTION_RESET_BY_PEER")) {
			assertProblem(response, 502, "UPSTREAM_UNREACHABLE");
		}
	}

	@Test
	@Timeout(20)
	void hasMoreWithAnEmptyPageTokenIsA502NotAnEndlessLoop() {
		this.standIn.stub(balancesCall().willReturn(ok(page(true, "", employee("E1", "甲")))));

		assertProblem(this.gateway.get("/api/v1/leave-balances"), 502, "UPSTREAM_ERROR");
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	@Timeout(20)
	void hasMoreWithARepeatingPageTokenIsA502NotAnEndlessLoop() {
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, "same", employee("E1", "甲")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("same"))
			.willReturn(ok(page(true, "same", employee("E2", "乙")))));

		assertProblem(this.gateway.get("/api/v1/leave-balances"), 502, "UPSTREAM_ERROR");
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

}
