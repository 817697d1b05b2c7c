package com.leavegateway.support;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the gateway's RFC 9457 answers. */
public final class Problems {

	private Problems() {
	}

	/**
	 * {@code response} is an application/problem+json with this status and code, a title
	 * and a detail, and tells nothing it must not: no stack trace, no class or package
	 * name, neither the app secret nor any tenant token.
	 */
	public static JsonNode assertProblem(GatewayHttp.Response response, int status, String code,
			String... tokensNeverShown) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem).as(response.body()).isNotNull();
		assertThat(problem.path("status").intValue()).isEqualTo(status);
		assertThat(problem.path("title").isString()).isTrue();
		assertThat(problem.path("detail").isString()).isTrue();
		assertThat(problem.path("code").stringValue()).isEqualTo(code);
		assertNothingLeaks(response.body(), tokensNeverShown);
		return problem;
	}

	public static void assertNothingLeaks(String body, String... tokensNeverShown) {
		assertThat(body).doesNotContain("Exception", "com.leavegateway", "java.", "reactor.", "\tat ",
				GatewayStackTest.APP_SECRET, FeishuStandIn.TOKEN);
		for (String token : tokensNeverShown) {
			assertThat(body).doesNotContain(token);
		}
	}

}
