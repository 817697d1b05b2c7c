package com.leavegateway.faults;

import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.expireRecordsCall;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feishu refuses or fails on one employee (issue 10): the answer stays with that
 * employee. Deterministic errors are never retried and never count against the circuit
 * breaker; the other employees of a batch are answered; nothing failed is cached. In the
 * stand-in, E1 and E4 are fine, E2 is refused (1160035), E3 meets a calculation error
 * (1160018, an HTTP 500) and U1 is unknown (1160006).
 */
class EmployeeFailureFaultTests extends GatewayStackTest {

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private MeterRegistry meters;

	@BeforeEach
	void feishuWithOneRefusedOneFailingAndOneUnknownEmployee() {
		this.standIn.balancesFailFor("E2", 400, 1160035, "No permission to access the employee data");
		this.standIn.balancesFailFor("E3", 500, 1160018, "Invalid leave balance calculate Conf");
		this.standIn.balancesFailFor("U1", 400, 1160006, "Employment not found");
		this.standIn.balancesOf(List.of("E1", "E4"), employee("E1", "甲", balance("7001", "年假", 1, "1")),
				employee("E4", "丁", balance("7001", "年假", 1, "4")));
		for (String id : List.of("E1", "E4")) {
			this.standIn.balancesOf(List.of(id), employee(id, id, balance("7001", "年假", 1, "1")));
		}
	}

	@Test
	void aMixedBatchAnswers200WithTheGoodEmployeesNotFoundAndFailedAndCachesNothingFailed() {
		double isolationBefore = isolationCalls();

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2,E3,U1,E4");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.path("employees").findValuesAsString("employeeId")).containsExactly("E1", "E4");
		assertThat(body.path("notFound").get(0).stringValue()).isEqualTo("U1");
		assertThat(body.path("failed")).hasSize(2);
		assertFailed(body.path("failed").get(0), "E2", "UPSTREAM_FORBIDDEN", 1160035,
				"No permission to access the employee data");
		assertFailed(body.path("failed").get(1), "E3", "UPSTREAM_ERROR", 1160018,
				"Invalid leave balance calculate Conf");
		int calls = this.standIn.balanceRequests().size();
		// Five ids split until E2, E3 and U1 stand alone: at most 2n - 1 calls, the 500
		// of
		// E3 never retried.
		assertThat(calls).isBetween(4, 9);
		assertThat(isolationCalls() - isolationBefore).isEqualTo(calls - 1);
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();

		this.standIn.forgetRequests();
		GatewayHttp.Response again = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2,E3,E4");

		assertThat(again.json().path("failed")).hasSize(2);
		assertThat(again.cacheStatus()).isEqualTo(CacheStatus.PARTIAL);
		assertThat(this.standIn.balanceRequests()).as("E2 and E3 asked again, E1 and E4 from the cache").hasSize(3);
	}

	@ParameterizedTest
	@CsvSource({ "E2, UPSTREAM_FORBIDDEN, 1160035", "E3, UPSTREAM_ERROR, 1160018" })
	void aSingleEmployeeFeishuRefusesOrFailsOnIsA502WithFeishusCodeAfterOneCall(String id, String code,
			int feishuCode) {
		JsonNode problem = assertProblem(this.gateway.get("/api/v1/employees/" + id + "/leave-balances"), 502, code);

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(feishuCode);
		assertThat(problem.path("feishuMsg").stringValue()).isNotEmpty();
		assertThat(this.standIn.balanceRequests()).hasSize(1);
		assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aMissingScopeIsA502ForbiddenForTheWholeListAfterOneCall() {
		this.standIn.stub(balancesCall().willReturn(answer(400,
				error(99991672, "Access denied. One of the " + "following scopes is required: [corehr:leave:read]"))));

		JsonNode problem = assertProblem(this.gateway.get("/api/v1/leave-balances?employeeIds=E5,E6"), 502,
				"UPSTREAM_FORBIDDEN");

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(99991672);
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	/**
	 * The reproduction: thirty requests meeting 1160018 used to give one 502 and
	 * twenty-nine 503, and the next healthy request was a 503 too.
	 */
	@Test
	void thirtyRequestsMeetingACalculationErrorAreThirty502sAndTheBreakerStaysClosed() {
		for (int i = 0; i < 30; i++) {
			assertProblem(this.gateway.get("/api/v1/employees/E3/leave-balances"), 502, "UPSTREAM_ERROR");
		}

		assertThat(this.standIn.balanceRequests()).hasSize(30);
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").status()).isEqualTo(200);
	}

	@Test
	void aCsvExportWritesTheGoodEmployeesAndOneErrorRowPerFailedEmployee() {
		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2,E3,E4", "Accept",
				"text/csv");

		assertThat(response.status()).isEqualTo(200);
		String[] rows = response.body().split("\r\n");
		assertThat(rows[0]).endsWith(",fetchedAt,error");
		assertThat(rows).filteredOn((row) -> row.startsWith("E1,") || row.startsWith("E4,"))
			.hasSize(2)
			.allSatisfy((row) -> assertThat(row).endsWith("Z,"));
		assertThat(rows).contains("E2" + ",".repeat(13) + "UPSTREAM_FORBIDDEN",
				"E3" + ",".repeat(13) + "UPSTREAM_ERROR");
	}

	@Test
	void anNdjsonExportWritesTheGoodEmployeesAndOneErrorLinePerFailedEmployee() {
		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2,E3,E4", "Accept",
				"application/x-ndjson");

		assertThat(response.status()).isEqualTo(200);
		List<JsonNode> lines = response.body().lines().map((line) -> JsonMapper.shared().readTree(line)).toList();
		assertThat(lines).extracting((line) -> line.path("employeeId").stringValue())
			.containsExactlyInAnyOrder("E1", "E2", "E3", "E4");
		JsonNode refused = lines.stream()
			.filter((line) -> line.path("employeeId").stringValue().equals("E2"))
			.findFirst()
			.orElseThrow();
		assertThat(refused.path("error").stringValue()).isEqualTo("UPSTREAM_FORBIDDEN");
		assertThat(refused.path("feishuCode").intValue()).isEqualTo(1160035);
	}

	@ParameterizedTest
	@CsvSource({ "500, 1220018, 502, UPSTREAM_ERROR", "400, 1220020, 502, UPSTREAM_ERROR",
			"400, 1220005, 404, LEAVE_TYPE_NOT_FOUND", "400, 1220006, 404, EMPLOYEE_NOT_FOUND" })
	void expiringGrantsOfALeaveTypeFeishuRefusesAreAProblemAfterOneCall(int httpStatus, int feishuCode, int status,
			String code) {
		this.standIn.stub(expireRecordsCall("7001").willReturn(answer(httpStatus, error(feishuCode, "refused"))));

		JsonNode problem = assertProblem(
				this.gateway.get("/api/v1/employees/E1/leave-types/7001/expiring-grants?from=2025-06-01&to=2025-06-30"),
				status, code);

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(feishuCode);
		assertThat(this.standIn.expireRecordRequests()).hasSize(1);
		assertThat(this.breakers.circuitBreaker("feishu-leave-expire-records").getMetrics().getNumberOfFailedCalls())
			.isZero();
	}

	private static void assertFailed(JsonNode failed, String employeeId, String code, int feishuCode, String msg) {
		assertThat(failed.path("employeeId").stringValue()).isEqualTo(employeeId);
		assertThat(failed.path("code").stringValue()).isEqualTo(code);
		assertThat(failed.path("feishuCode").intValue()).isEqualTo(feishuCode);
		assertThat(failed.path("feishuMsg").stringValue()).isEqualTo(msg);
	}

	private CircuitBreaker breaker() {
		return this.breakers.circuitBreaker("feishu-leave-balances");
	}

	private double isolationCalls() {
		return this.meters.find("feishu.isolation.calls").counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
