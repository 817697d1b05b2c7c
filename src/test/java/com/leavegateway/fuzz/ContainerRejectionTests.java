package com.leavegateway.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Tomcat or Spring Security's firewall refuse before any controller runs
 * (the fuzz tests meet them at random; here each kind once, by name). Every one is a 400
 * (404 for /error itself) problem+json with a stable code, never Tomcat's HTML page,
 * Spring Boot's plain JSON or an empty body, and none reaches Feishu.
 */
class ContainerRejectionTests {

	private final FuzzedGateway gateway = FuzzedGateway.get();

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/employees/a%2Fb/leave-balances", "/api/v1/employees/a%5Cb/leave-balances",
			"/api/v1/employees/..%2F..%2Fx/leave-balances", "/api/v1/employees/%2e%2e/leave-balances",
			"/api/v1/employees/a;x=1/leave-balances", "/api/v1/employees//leave-balances",
			"/api/v1/employees/a%252Fb/leave-balances", "/api/v1/employees/%zz/leave-balances",
			"/api/v1/employees/a%00/leave-balances", "/api/v1/leave-balances?employeeIds=%zz",
			"/api/v1/leave-balances?employeeIds=a%E4%B8", "/api/v1/employees/a b/leave-balances",
			"/api/v1/employees/中/leave-balances", "/api/v1/leave-balances?employeeIds={x}",
			"/api/v1/leave-balances?employeeIds=a#b", "http://evil.example/api/v1/employees/E1/leave-balances",
			"/api/v1/employees/a\\b/leave-balances", "/api/v1/employees/a;x=%/leave-balances",
			"/api/v1/employees/a;x=%4/leave-balances", "/api/v1/employees/a;x=%G0/leave-balances" })
	void aTargetTheContainerRefusesIsA400Problem(String target) {
		RawHttp.Response response = this.gateway.get(target.getBytes(StandardCharsets.UTF_8), key());

		assertRefused(response, 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Accept-Language: a\u0001b", "Accept-Language: a\rX-Injected: 1",
			"Cache-Control: no-cache\u0000", "Accept: 蒝俭Ꚅ", "X-Request-Id: \u007f", "Bad Header Name: x" })
	void aHeaderTheContainerRefusesIsA400Problem(String header) {
		int colon = header.indexOf(": ");
		RawHttp.Response response = this.gateway.get(
				"/api/v1/employees/E1/leave-balances".getBytes(StandardCharsets.US_ASCII),
				List.of(Map.entry("X-API-Key", FuzzedGateway.API_KEY.getBytes(StandardCharsets.US_ASCII)), Map
					.entry(header.substring(0, colon), header.substring(colon + 2).getBytes(StandardCharsets.UTF_8))));

		assertRefused(response, 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/error", "/error?x=1" })
	void theErrorPageAskedForDirectlyIsA404(String target) {
		assertRefused(this.gateway.get(target), 404);
	}

	private void assertRefused(RawHttp.Response response, int status) {
		this.gateway.assertSafe(response);
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.json().path("code").stringValue()).isEqualTo((status == 404) ? "NOT_FOUND" : "BAD_REQUEST");
		assertThat(this.gateway.upstream()).isEmpty();
	}

	private static List<Map.Entry<String, byte[]>> key() {
		return QueryParameterFuzzTests.key();
	}

}
