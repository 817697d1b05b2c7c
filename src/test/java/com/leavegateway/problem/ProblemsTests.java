package com.leavegateway.problem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Problems}, the one builder every error answer goes through: the same JSON
 * whoever writes it, and Retry-After in whole seconds.
 */
class ProblemsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theJsonHasCodeAndPropertiesAtTheTopLevelAndLeavesOutWhatIsAbsent() {
		ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "to must be a date.",
				Map.of("parameter", "to"), null);

		JsonNode json = JSON.readTree(Problems.json(problem));

		assertThat(json.path("status").intValue()).isEqualTo(400);
		assertThat(json.path("title").stringValue()).isEqualTo("Bad Request");
		assertThat(json.path("detail").stringValue()).isEqualTo("to must be a date.");
		assertThat(json.path("code").stringValue()).isEqualTo("INVALID_PARAMETER");
		assertThat(json.path("parameter").stringValue()).isEqualTo("to");
		assertThat(json.has("instance")).isFalse();
		assertThat(json.has("properties")).isFalse();
	}

	@Test
	void theInstanceIsTheRequestPathUnlessItIsNoValidUri() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/leave-balances");
		assertThat(Problems.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource.", request).getInstance())
			.hasToString("/api/v1/leave-balances");

		request.setRequestURI("/api/v1/a b");
		assertThat(Problems.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource.", request).getInstance())
			.isNull();
	}

	@Test
	void retryAfterIsInWholeSecondsRoundedUpAndAtLeastOne() {
		ProblemDetail problem = Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "QUOTA_EXHAUSTED", "Wait.", null);

		assertThat(Problems.response(problem, Duration.ofMillis(1500)).getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
			.isEqualTo("2");
		assertThat(Problems.response(problem, Duration.ZERO).getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
			.isEqualTo("1");
		assertThat(Problems.response(problem, null).getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
	}

	@Test
	void writtenOutsideSpringMvcItIsTheSameProblem() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/admin/caches");
		MockHttpServletResponse response = new MockHttpServletResponse();

		Problems.write(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "This caller may not do this.");

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode json = JSON.readTree(response.getContentAsString());
		assertThat(json.path("code").stringValue()).isEqualTo("FORBIDDEN");
		assertThat(json.path("instance").stringValue()).isEqualTo("/api/v1/admin/caches");
		assertThat(json.has("properties")).isFalse();
	}

}
