package com.leavegateway.fuzz;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request limits of docs/operations.md "Request limits": a request line plus headers
 * of up to 64 KB ({@code server.max-http-request-header-size}), up to 1100 query
 * parameters ({@code server.tomcat.max-parameter-count}) and up to 1000 employee ids
 * ({@code gateway.max-employee-ids}). A request of the largest allowed size works end to
 * end; one beyond a limit is a 400 problem that cost nothing upstream.
 */
class RequestLimitsTests {

	private final FuzzedGateway gateway = FuzzedGateway.get();

	/** n distinct 19-digit people_corehr_ids, as Feishu's are. */
	private static List<String> ids(int n) {
		return IntStream.range(0, n).mapToObj((i) -> Long.toString(7_300_000_000_000_000_000L + i * 7919L)).toList();
	}

	@Test
	void thousandIdsCommaSeparatedWorkEndToEnd() {
		List<String> ids = ids(1000);
		String target = "/api/v1/leave-balances?employeeIds=" + String.join(",", ids);
		assertThat(target.length()).isGreaterThan(20_000);

		RawHttp.Response response = this.gateway.get(target);

		this.gateway.assertSafe(response);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().path("notFound")).hasSize(1000);
		assertAskedUpstreamFor(ids);
	}

	@Test
	void thousandIdsAsRepeatedParametersWithEveryOtherParameterWorkEndToEnd() {
		List<String> ids = ids(1000).stream().map((id) -> "9" + id.substring(1)).toList();
		String target = "/api/v1/leave-balances?"
				+ ids.stream().map((id) -> "employeeIds=" + id).collect(Collectors.joining("&"))
				+ "&asOfDate=2025-06-02&idType=people_corehr_id&timeZone=Asia/Shanghai" + "&includeOffboard=false";
		assertThat(target.length()).isGreaterThan(32_000);

		RawHttp.Response response = this.gateway.get(target, "Accept-Language", "en-US", "X-Request-Id", "limits-1");

		this.gateway.assertSafe(response);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().path("notFound")).hasSize(1000);
		assertAskedUpstreamFor(ids);
	}

	@Test
	void moreThanThousandIdsAreA400NamingTheParameterAndCostNothing() {
		RawHttp.Response response = this.gateway
			.get("/api/v1/leave-balances?employeeIds=" + String.join(",", ids(1001)));

		JsonNode problem = assertRefused(response, 400, "INVALID_PARAMETER");
		assertThat(problem.path("parameter").stringValue()).isEqualTo("employeeIds");
	}

	@Test
	void aRequestLineAbove64KbIsA400Problem() {
		RawHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=" + "1".repeat(70_000));

		assertRefused(response, 400, "BAD_REQUEST");
	}

	@Test
	void headersAbove64KbAreA400Problem() {
		RawHttp.Response response = this.gateway.get("/api/v1/employees/F1/leave-balances", "Accept-Language",
				"en-US,".repeat(12_000));

		assertRefused(response, 400, "BAD_REQUEST");
	}

	@Test
	void moreThan1100QueryParametersAreA400Problem() {
		String target = "/api/v1/employees/F1/leave-balances?"
				+ IntStream.range(0, 1200).mapToObj((i) -> "p" + i + "=1").collect(Collectors.joining("&"));

		assertRefused(this.gateway.get(target), 400, "BAD_REQUEST");
	}

	private JsonNode assertRefused(RawHttp.Response response, int status, String code) {
		this.gateway.assertSafe(response);
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.json().path("code").stringValue()).isEqualTo(code);
		assertThat(this.gateway.upstream()).isEmpty();
		return response.json();
	}

	/** Every id went upstream exactly once, at most 100 to a call. */
	private void assertAskedUpstreamFor(List<String> ids) {
		List<LoggedRequest> calls = this.gateway.upstream()
			.stream()
			.filter((request) -> request.getUrl().startsWith("/open-apis/corehr/"))
			.toList();
		assertThat(calls).allSatisfy(
				(call) -> assertThat(call.queryParameter("employment_id_list").values()).hasSizeLessThanOrEqualTo(100));
		assertThat(calls.stream().flatMap((call) -> call.queryParameter("employment_id_list").values().stream()))
			.containsExactlyInAnyOrderElementsOf(ids);
	}

}
