package com.leavegateway.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.problem.ProblemCode;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.tokenCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem example of the API document is a real answer: for each code an operation
 * documents, the stand-in Feishu is made to cause it, and the gateway's answer has the
 * example's status, title, detail, code and members. Its own context: it leaves no token
 * cached at first (for UPSTREAM_AUTH_FAILED), forces breakers open and ends with Feishu
 * pausing leave_balances. One attempt per call, so that time-outs are quick.
 */
@DirtiesContext
@TestPropertySource(properties = { "resilience4j.retry.instances.feishu-leave-balances.max-attempts=1",
		"resilience4j.retry.instances.feishu-leave-expire-records.max-attempts=1" })
class ProblemExamplesApiTests extends GatewayStackTest {

	/** Provoked first (no token may be cached yet) and last (they pause Feishu's API). */
	private static final List<ProblemCode> ORDER = List.of(ProblemCode.UPSTREAM_AUTH_FAILED);

	private static final List<ProblemCode> LAST = List.of(ProblemCode.UPSTREAM_RATE_LIMITED,
			ProblemCode.QUOTA_EXHAUSTED);

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Test
	void everyDocumentedProblemExampleIsWhatTheGatewayAnswers() {
		JsonNode document = this.gateway.get("/v3/api-docs").json();
		Map<ProblemCode, List<Documented>> examples = new LinkedHashMap<>();
		document.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			operation.getValue()
				.path("responses")
				.properties()
				.forEach((response) -> response.getValue()
					.path("content")
					.path("application/problem+json")
					.path("examples")
					.properties()
					.forEach((example) -> examples
						.computeIfAbsent(ProblemCode.valueOf(example.getKey()), (code) -> new ArrayList<>())
						.add(new Documented(operation.getKey().toUpperCase(), Integer.parseInt(response.getKey()),
								example.getValue().path("value")))));
		}));
		assertThat(examples).as("every code is documented somewhere").containsOnlyKeys(ProblemCode.values());
		List<ProblemCode> codes = new ArrayList<>(examples.keySet());
		codes.sort(Comparator.comparingInt((ProblemCode code) -> ORDER.contains(code) ? 0 : LAST.contains(code) ? 2 : 1)
			.thenComparingInt(LAST::indexOf));
		for (ProblemCode code : codes) {
			// Examples that differ only in their path are checked against one answer,
			// provoked on a grants operation where there is one: it answers every code.
			Map<String, List<Documented>> alike = new LinkedHashMap<>();
			for (Documented example : examples.get(code)) {
				assertThat(example.status()).as(code + " status").isEqualTo(code.status().value());
				alike.computeIfAbsent(example.withoutInstance(), (key) -> new ArrayList<>()).add(example);
			}
			if (code == ProblemCode.COORDINATION_UNAVAILABLE) {
				// Only answered in redis mode while Redis is down, which this local-mode
				// stack cannot provoke: its examples are checked against the enum the
				// advice answers from.
				for (Documented example : examples.get(code)) {
					assertThat(example.value().path("code").asString()).isEqualTo(code.name());
					assertThat(example.value().path("detail").asString()).isEqualTo(code.detail());
				}
				continue;
			}
			for (List<Documented> documented : alike.values()) {
				documented.sort(Comparator.comparing((Documented example) -> !example.instance().contains("grants")));
				Documented first = documented.get(0);
				JsonNode answer = provoke(code, first);
				for (Documented example : documented) {
					assertSameAnswer(code, example, answer, example == first);
				}
			}
		}
	}

	private void assertSameAnswer(ProblemCode code, Documented example, JsonNode answer, boolean samePath) {
		Set<String> documented = new HashSet<>(example.value().propertyNames());
		Set<String> answered = new HashSet<>(answer.propertyNames());
		answered.remove("requestId");
		assertThat(answered).as(code + ": members of " + answer).isEqualTo(documented);
		for (String member : List.of("status", "title", "detail", "code", "parameter")) {
			if (documented.contains(member)) {
				assertThat(answer.path(member).asString()).as(code + " " + member)
					.isEqualTo(example.value().path(member).asString());
			}
		}
		if (samePath && !"employeeId".equals(example.value().path("parameter").asString())) {
			assertThat(answer.path("instance").asString()).isEqualTo(example.instance());
		}
	}

	/** Makes the gateway answer {@code code} on the example's operation. */
	private JsonNode provoke(ProblemCode code, Documented example) {
		String path = example.instance();
		String key = example.method().equals("DELETE") ? ADMIN_KEY : GatewayHttp.API_KEY;
		feishu.resetAll();
		this.standIn.token(FeishuStandIn.TOKEN, 7200);
		this.standIn.balances(employee(ApiExamples.EMPLOYEE, "甲", balance(ApiExamples.LEAVE_TYPE, "年假", 1, "1")));
		this.standIn.expireRecords(ApiExamples.LEAVE_TYPE);
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		GatewayHttp.Response response = switch (code) {
			case INVALID_PARAMETER -> example.value().path("parameter").asString().equals("idType")
					? this.gateway.request(example.method(), path + "?idType=badge", key)
					: this.gateway.request(example.method(), "/api/v1/admin/caches/employees/a.b", key);
			case UNAUTHORIZED -> this.gateway.request(example.method(), path, null);
			case FORBIDDEN -> this.gateway.request(example.method(), path, GatewayHttp.API_KEY);
			case NOT_ACCEPTABLE -> this.gateway.request(example.method(), path, key, "Accept", "image/png");
			case UPSTREAM_UNAVAILABLE -> {
				this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::transitionToForcedOpenState);
				yield this.gateway.get(path);
			}
			default -> {
				feishuFails(code);
				yield this.gateway.get(path, "Cache-Control", "no-cache");
			}
		};
		assertThat(response.status()).as(code + " on " + path + ": " + response.body())
			.isEqualTo(code.status().value());
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		return response.json();
	}

	/** Feishu's part of a failure, on every API. */
	private void feishuFails(ProblemCode code) {
		switch (code) {
			case UPSTREAM_AUTH_FAILED ->
				this.standIn.stub(tokenCall().willReturn(answer(400, error(10014, "app " + "secret invalid"))));
			case EMPLOYEE_NOT_FOUND -> everyCall(answer(400, error(1160006, "Employment not found")));
			case LEAVE_TYPE_NOT_FOUND -> this.standIn.stub(FeishuStandIn.expireRecordsCall(ApiExamples.LEAVE_TYPE)
				.willReturn(answer(400, error(1220005, "Accessed data object not found"))));
			case UPSTREAM_ERROR -> everyCall(answer(500, error(1160015, "Internal error")));
			case UPSTREAM_FORBIDDEN -> everyCall(answer(400, error(99991672, "Access denied")));
			case UPSTREAM_UNREACHABLE -> everyCall(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
			case UPSTREAM_TIMEOUT -> everyCall(aResponse().withStatus(200).withFixedDelay(2500));
			case UPSTREAM_RATE_LIMITED, QUOTA_EXHAUSTED ->
				everyCall(answer(429, error(99991400, "request trigger frequency limit"))
					.withHeader("x-ogw-ratelimit-reset", "60"));
			default -> throw new IllegalArgumentException("no Feishu failure for " + code);
		}
	}

	/** Every business call (not the token endpoint) gets {@code answer}. */
	private void everyCall(ResponseDefinitionBuilder answer) {
		this.standIn.stub(any(urlMatching("/open-apis/(corehr|attendance)/.*")).atPriority(1).willReturn(answer));
	}

	private record Documented(String method, int status, JsonNode value) {

		String instance() {
			return this.value.path("instance").asString();
		}

		String withoutInstance() {
			return ((ObjectNode) this.value.deepCopy()).without("instance").toString();
		}

	}

}
