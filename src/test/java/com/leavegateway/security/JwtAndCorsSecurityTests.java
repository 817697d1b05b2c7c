package com.leavegateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.LeaveGatewayApplication;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Other microservices call with JWT bearer tokens (scope leave.read or leave.admin) once
 * a JWT issuer is configured; browser frontends on allowed origins pass CORS; with no key
 * and no issuer the gateway does not start.
 */
@TestPropertySource(properties = "gateway.cors.allowed-origins=https://hr.example.com")
class JwtAndCorsSecurityTests extends GatewayStackTest {

	private static final KeyPair SIGNING_KEYS = rsaKeys();

	private static final KeyPair OTHER_KEYS = rsaKeys();

	/** An access line with its request id and caller; %s: the caller, then the text. */
	private static final String ACCESS_LINE = "\\[\\S+ %s\\] [^\\n]*com\\.leavegateway\\.access\\s*: %s \\d+ ms";

	@DynamicPropertySource
	static void jwtPublicKey(DynamicPropertyRegistry registry) throws IOException {
		Path pem = Files.createTempFile("gateway-test-jwt", ".pem");
		pem.toFile().deleteOnExit();
		Files.writeString(pem,
				"-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder().encodeToString(SIGNING_KEYS.getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n",
				StandardCharsets.US_ASCII);
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
	}

	@Test
	void aTokenWithScopeLeaveReadReadsButDoesNotAdminister() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "2.5")));
		String bearer = "Bearer " + jwt(SIGNING_KEYS, "payroll-service", "leave.read", 300);

		assertThat(this.gateway.request("GET", "/api/v1/leave-balances?employeeIds=E1", null, "Authorization", bearer)
			.status()).isEqualTo(200);
		assertProblem(this.gateway.request("DELETE", "/api/v1/admin/caches", null, "Authorization", bearer), 403,
				"FORBIDDEN");
	}

	@Test
	void aTokenWithScopeLeaveAdminAdministers() {
		String bearer = "Bearer " + jwt(SIGNING_KEYS, "ops-bot", "leave.admin", 300);

		assertThat(this.gateway.request("DELETE", "/api/v1/admin/caches", null, "Authorization", bearer).status())
			.isEqualTo(204);
	}

	@Test
	void tokensWithoutTheScopeExpiredOrSignedByAnotherKeyReadNothing() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "2.5")));
		String path = "/api/v1/leave-balances?employeeIds=E1";

		assertProblem(this.gateway.request("GET", path, null, "Authorization",
				"Bearer " + jwt(SIGNING_KEYS, "svc", "profile", 300)), 403, "FORBIDDEN");
		assertProblem(this.gateway.request("GET", path, null, "Authorization",
				"Bearer " + jwt(SIGNING_KEYS, "svc", "leave.read", -300)), 401, "UNAUTHORIZED");
		assertProblem(this.gateway.request("GET", path, null, "Authorization",
				"Bearer " + jwt(OTHER_KEYS, "svc", "leave.read", 300)), 401, "UNAUTHORIZED");
		assertProblem(this.gateway.request("GET", path, null, "Authorization", "Bearer not-a-jwt"), 401,
				"UNAUTHORIZED");
		assertThat(this.standIn.balanceRequests()).isEmpty();
	}

	/**
	 * However a caller is refused (no credentials, a wrong key, a bad token, too few
	 * rights), ops see one access line for it, and an unknown caller has one name,
	 * {@code anonymous}, in logs and metrics.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void everyRefusalIsAccessLoggedTheSameWay(CapturedOutput output) {
		assertProblem(this.gateway.request("GET", "/api/v1/employees/E1/leave-balances", null), 401, "UNAUTHORIZED");
		assertProblem(this.gateway.request("GET", "/api/v1/employees/E2/leave-balances", "wrong-key"), 401,
				"UNAUTHORIZED");
		assertProblem(this.gateway.request("GET", "/api/v1/employees/E3/leave-balances", null, "Authorization",
				"Bearer not-a-jwt"), 401, "UNAUTHORIZED");
		assertProblem(this.gateway.request("DELETE", "/api/v1/admin/caches", GatewayHttp.API_KEY), 403, "FORBIDDEN");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (String refused : new String[] { "GET /api/v1/employees/E1/leave-balances 401",
					"GET /api/v1/employees/E2/leave-balances 401", "GET /api/v1/employees/E3/leave-balances 401" }) {
				assertThat(output.getAll()).containsPattern(ACCESS_LINE.formatted("anonymous", Pattern.quote(refused)));
			}
			assertThat(output.getAll()).containsPattern(
					ACCESS_LINE.formatted("test-reader", Pattern.quote("DELETE /api/v1/admin/caches 403")));
		});
		String metrics = this.gateway.request("GET", "/actuator/prometheus", ADMIN_KEY).body();
		assertThat(metrics)
			.containsPattern("http_server_requests_seconds_count\\{[^}]*consumer=\"anonymous\"[^}]*status=\"401\"");
		assertThat(output.getAll() + metrics).doesNotContain("anonymousUser");
	}

	@Test
	void anAllowedOriginPassesThePreflightOthersDoNot() {
		GatewayHttp.Response allowed = this.gateway.request("OPTIONS", "/api/v1/leave-balances", null, "Origin",
				"https://hr.example.com", "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers",
				"x-api-key");
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://hr.example.com");

		GatewayHttp.Response refused = this.gateway.request("OPTIONS", "/api/v1/leave-balances", null, "Origin",
				"https://evil.example.net", "Access-Control-Request-Method", "GET");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void withNeitherKeysNorAnIssuerTheGatewayRefusesToStart() {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(LeaveGatewayApplication.class)
			.properties("server.port=0", "spring.main.banner-mode=off")
			.run("--feishu.app-id=cli_x", "--feishu.app-secret=x"));

		Throwable cause = failure;
		while (cause != null && !(cause instanceof NoCallerCredentialsException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("start-up failure: %s", failure).isInstanceOf(NoCallerCredentialsException.class);
		FailureAnalysis analysis = new NoCallerCredentialsFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("gateway.security.api-keys");
		assertThat(analysis.getAction()).contains("spring-boot.run.profiles=sandbox");
	}

	private static String jwt(KeyPair keys, String client, String scope, long expiresInSeconds) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
					new JWTClaimsSet.Builder().subject(client)
						.claim("azp", client)
						.claim("scope", scope)
						.issueTime(Date.from(Instant.now().minusSeconds(600)))
						.expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)))
						.build());
			jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair rsaKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
