package com.leavegateway.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call: without a key or with a wrong one, nothing is read and nothing goes to
 * Feishu; readers read but cannot evict; admins evict and read the actuator; health stays
 * open for the probes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeySecurityTests extends GatewayStackTest {

	private static final String BALANCES = "/api/v1/leave-balances?employeeIds=E1";

	@Test
	void withoutAKeyTheAnswerIs401AndFeishuIsNotAsked() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "2.5")));

		GatewayHttp.Response response = this.gateway.request("GET", BALANCES, null);

		assertProblem(response, 401, "UNAUTHORIZED");
		assertThat(response.header("WWW-Authenticate")).contains("X-API-Key");
		assertThat(this.standIn.balanceRequests()).isEmpty();
	}

	@Test
	void aWrongKeyIs401EvenForOpenPaths() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "2.5")));

		assertProblem(this.gateway.request("GET", BALANCES, "test-reader-kez"), 401, "UNAUTHORIZED");
		assertProblem(this.gateway.request("GET", BALANCES, ""), 401, "UNAUTHORIZED");
		assertProblem(this.gateway.request("GET", "/actuator/health", "wrong"), 401, "UNAUTHORIZED");
		assertThat(this.standIn.balanceRequests()).isEmpty();
	}

	@Test
	void everyApiEndpointNeedsACaller() {
		for (String path : new String[] { "/api/v1/employees/E1/leave-balances", "/api/v1/employees/E1/expiring-grants",
				"/api/v1/employees/E1/leave-types/7001/expiring-grants", "/api/v1/no-such-endpoint" }) {
			assertProblem(this.gateway.request("GET", path, null), 401, "UNAUTHORIZED");
		}
		assertThat(this.standIn.allRequests()).noneMatch((request) -> !request.getUrl().contains("tenant_access"));
	}

	@Test
	void aReaderReadsButCannotEvictCaches() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "2.5")));
		assertThat(this.gateway.get(BALANCES).status()).isEqualTo(200);

		assertProblem(this.gateway.request("DELETE", "/api/v1/admin/caches", GatewayHttp.API_KEY), 403, "FORBIDDEN");
		assertProblem(this.gateway.request("DELETE", "/api/v1/admin/caches/employees/E1", GatewayHttp.API_KEY), 403,
				"FORBIDDEN");

		assertThat(this.gateway.get(BALANCES).cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	void anAdminEvictsOneEmployeeOrEverything() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "2.5")),
				employee("E2", "乙", balance("7001", "年假", 1, "1")));
		this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2");

		assertThat(this.gateway.request("DELETE", "/api/v1/admin/caches/employees/E1", ADMIN_KEY).status())
			.isEqualTo(204);
		assertThat(this.gateway.get("/api/v1/leave-balances?employeeIds=E1").cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.gateway.get("/api/v1/leave-balances?employeeIds=E2").cacheStatus()).isEqualTo(CacheStatus.HIT);

		assertThat(this.gateway.request("DELETE", "/api/v1/admin/caches", ADMIN_KEY).status()).isEqualTo(204);
		assertThat(this.gateway.get("/api/v1/leave-balances?employeeIds=E2").cacheStatus()).isEqualTo(CacheStatus.MISS);
	}

	@Test
	void healthAndInfoAreOpenTheRestOfTheActuatorIsForAdmins() {
		assertThat(this.gateway.request("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
		assertThat(this.gateway.request("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
		assertThat(this.gateway.request("GET", "/actuator/info", null).status()).isEqualTo(200);

		assertProblem(this.gateway.request("GET", "/actuator/prometheus", null), 401, "UNAUTHORIZED");
		assertProblem(this.gateway.request("GET", "/actuator/prometheus", GatewayHttp.API_KEY), 403, "FORBIDDEN");
		assertProblem(this.gateway.request("GET", "/actuator/caches", GatewayHttp.API_KEY), 403, "FORBIDDEN");
		assertThat(this.gateway.request("GET", "/actuator/prometheus", ADMIN_KEY).status()).isEqualTo(200);
	}

	@Test
	void aKeyGivenAsItsSha256Works() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "2.5")));

		assertThat(this.gateway.request("GET", BALANCES, HASHED_KEY).status()).isEqualTo(200);
		assertProblem(this.gateway.request("GET", BALANCES, "{sha256}" + HASHED_KEY_SHA256), 401, "UNAUTHORIZED");
	}

	@Test
	void theCallerIsNamedInLogsAndMetricsButTheKeyNever(CapturedOutput output) {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "2.5")));

		this.gateway.get(BALANCES);
		this.gateway.request("GET", "/api/v1/employees/E9/leave-balances", null);

		// The access line is written as the request completes, which may be just after
		// the client has its answer.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getAll()).contains("GET /api/v1/leave-balances 200")
				.contains("test-reader")
				.contains("GET /api/v1/employees/E9/leave-balances 401"));
		String metrics = this.gateway.request("GET", "/actuator/prometheus", ADMIN_KEY).body();
		assertThat(metrics).containsPattern(
				"http_server_requests_seconds_count\\{[^}]*consumer=\"test-reader\"[^}]*uri=\"/api/v1/leave-balances\"");
		assertThat(output.getAll() + metrics).doesNotContain(GatewayHttp.API_KEY, ADMIN_KEY, HASHED_KEY);
	}

}
