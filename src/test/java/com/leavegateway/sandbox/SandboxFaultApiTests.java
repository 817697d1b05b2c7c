package com.leavegateway.sandbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.leavegateway.feishu.FeishuBaseUrl;
import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.sandbox.SandboxDirectory.LeaveType;
import com.leavegateway.sandbox.SandboxHttp.Answer;

import static com.leavegateway.sandbox.SandboxHttp.BALANCES;
import static com.leavegateway.sandbox.SandboxHttp.RECORDS;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault switch over real HTTP: its REST shape and rights, and what the simulated
 * Feishu answers while each fault is on.
 */
@SandboxStackTest
class SandboxFaultApiTests {

	@LocalServerPort
	private int port;

	@Autowired
	private FeishuBaseUrl baseUrl;

	@Autowired
	private SandboxDirectory directory;

	@Autowired
	private SandboxProperties properties;

	@Autowired
	private SandboxFaults faults;

	private SandboxHttp admin;

	private SandboxHttp feishu;

	private String token;

	@BeforeEach
	void connect() {
		this.faults.switchOffAll();
		this.admin = new SandboxHttp(URI.create("http://127.0.0.1:" + this.port + "/sandbox"));
		this.feishu = new SandboxHttp(this.baseUrl.get());
		this.token = this.feishu.token(this.properties.appId(), this.properties.appSecret());
	}

	@Test
	void faultsAreSwitchedOnListedAndSwitchedOff() {
		Instant before = Instant.now();
		Answer created = switchOn("{\"type\":\"SLOW\",\"latency\":\"2s\",\"duration\":\"10m\"}");
		assertThat(created.status()).isEqualTo(201);
		JsonNode fault = created.json();
		String id = fault.path("id").stringValue();
		assertThat(created.header("Location")).isEqualTo("/sandbox/faults/" + id);
		assertThat(fault.path("type").stringValue()).isEqualTo("SLOW");
		assertThat(fault.path("latency").stringValue()).isEqualTo("PT2S");
		assertThat(Instant.parse(fault.path("until").stringValue())).isBetween(before.plus(Duration.ofMinutes(10)),
				Instant.now().plus(Duration.ofMinutes(10)));
		assertThat(fault.has("employeeId")).isFalse();
		Answer other = switchOn("{\"type\":\"server_errors\",\"status\":500,\"calls\":3}");
		assertThat(other.json().path("callsLeft").intValue()).isEqualTo(3);
		assertThat(other.json().path("status").intValue()).isEqualTo(500);

		Answer list = this.admin.send("GET", "/faults", SandboxStackTest.ADMIN_KEY, null);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().path("faults").valueStream().map((f) -> f.path("id").stringValue())).containsExactly(id,
				other.json().path("id").stringValue());

		assertThat(this.admin.send("DELETE", "/faults/" + id, SandboxStackTest.ADMIN_KEY, null).status())
			.isEqualTo(204);
		Answer gone = this.admin.send("DELETE", "/faults/" + id, SandboxStackTest.ADMIN_KEY, null);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
		assertThat(gone.json().path("code").stringValue()).isEqualTo("NOT_FOUND");
		assertThat(this.admin.send("DELETE", "/faults", SandboxStackTest.ADMIN_KEY, null).status()).isEqualTo(204);
		assertThat(this.admin.send("GET", "/faults", SandboxStackTest.ADMIN_KEY, null).json().path("faults").size())
			.isZero();
	}

	@Test
	void onlyAdminsMaySwitchFaults() {
		String body = "{\"type\":\"RATE_LIMITED\"}";
		Answer anonymous = this.admin.send("POST", "/faults", null, body);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.json().path("code").stringValue()).isEqualTo("UNAUTHORIZED");
		Answer reader = this.admin.send("POST", "/faults", SandboxStackTest.READER_KEY, body);
		assertThat(reader.status()).isEqualTo(403);
		assertThat(reader.json().path("code").stringValue()).isEqualTo("FORBIDDEN");
		assertThat(this.admin.send("GET", "/faults", SandboxStackTest.READER_KEY, null).status()).isEqualTo(403);
		assertThat(this.admin.send("DELETE", "/faults", null, null).status()).isEqualTo(401);
		assertThat(this.faults.active()).isEmpty();
	}

	@Test
	void badRequestsAreProblemsNamingTheField() {
		Map<String, String> cases = Map.of("{}", "type", "{\"type\":\"EXPLODE\"}", "type",
				"{\"type\":\"SERVER_ERRORS\",\"calls\":\"many\"}", "calls", "{\"type\":\"SLOW\",\"colour\":\"red\"}",
				"body", "[1]", "body", "{\"type\":\"SLOW\"}", "latency",
				"{\"type\":\"EMPLOYEE_REFUSED\",\"employeeId\":\"ou_nobody\"}", "employeeId",
				"{\"type\":\"RATE_LIMITED\",\"duration\":\"90\"}", "duration");
		cases.forEach((body, field) -> {
			Answer answer = switchOn(body);
			assertThat(answer.status()).as(body).isEqualTo(400);
			assertThat(answer.header("Content-Type")).as(body).startsWith("application/problem+json");
			assertThat(answer.json().path("code").stringValue()).as(body).isEqualTo("INVALID_PARAMETER");
			assertThat(answer.json().path("parameter").stringValue()).as(body).isEqualTo(field);
			assertThat(answer.body()).as(body).doesNotContain("colour", "EXPLODE", "nobody", "many");
		});
		Answer notJson = switchOn("type=SLOW");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
		assertThat(this.faults.active()).isEmpty();
	}

	@Test
	void theFaultSwitchIsNotPartOfTheApiDocument() {
		Answer document = new SandboxHttp(URI.create("http://127.0.0.1:" + this.port)).send("GET", "/v3/api-docs", null,
				null);
		assertThat(document.status()).isEqualTo(200);
		assertThat(document.body()).contains("/api/v1/leave-balances").doesNotContain("/sandbox");
	}

	@Test
	void aRefusedEmployeeRefusesTheCallsThatNameThem() {
		Employee refused = this.directory.employees().get(11);
		Employee other = this.directory.employees().get(12);
		switchOn("{\"type\":\"EMPLOYEE_REFUSED\",\"employeeId\":\"" + refused.peopleCorehrId() + "\"}");
		Answer both = balances("open_id", other.openId(), refused.openId());
		assertThat(both.status()).isEqualTo(400);
		assertThat(both.code()).isEqualTo(1160035);
		assertThat(both.json().path("msg").stringValue()).isEqualTo("No permission to access the employee data");
		assertThat(balances("open_id", other.openId()).status()).isEqualTo(200);
		assertThat(expireRecords(refused).status()).isEqualTo(200);
	}

	@Test
	void aCalculationErrorIsAnHttp500WithEachApisCode() {
		Employee broken = this.directory.employees().get(13);
		switchOn("{\"type\":\"CALCULATION_ERROR\",\"employeeId\":\"" + broken.userId() + "\"}");
		Answer balances = balances("people_corehr_id", broken.peopleCorehrId());
		assertThat(balances.status()).isEqualTo(500);
		assertThat(balances.code()).isEqualTo(1160018);
		assertThat(balances.json().path("msg").stringValue()).isEqualTo("Invalid leave balance calculate Conf");
		Answer records = expireRecords(broken);
		assertThat(records.status()).isEqualTo(500);
		assertThat(records.code()).isEqualTo(1220018);
		assertThat(balances("people_corehr_id", this.directory.employees().get(14).peopleCorehrId()).status())
			.isEqualTo(200);
	}

	@Test
	void serverErrorsFailTheNextCallsWithoutAFeishuBody() {
		switchOn("{\"type\":\"SERVER_ERRORS\",\"status\":502,\"calls\":2}");
		Employee employee = this.directory.employees().get(15);
		for (Answer failed : List.of(balances("people_corehr_id", employee.peopleCorehrId()),
				expireRecords(employee))) {
			assertThat(failed.status()).isEqualTo(502);
			assertThat(failed.header("Content-Type")).startsWith("text/plain");
			assertThat(failed.body()).doesNotContain("code");
		}
		assertThat(balances("people_corehr_id", employee.peopleCorehrId()).status()).isEqualTo(200);
		assertThat(this.faults.active()).isEmpty();
	}

	@Test
	void rateLimitedCallsAreToldWhenTheFaultEnds() {
		switchOn("{\"type\":\"RATE_LIMITED\",\"duration\":\"30s\"}");
		Answer refused = balances("people_corehr_id", this.directory.employees().get(16).peopleCorehrId());
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo(99991400);
		assertThat(refused.header("x-ogw-ratelimit-limit")).isEqualTo("100000");
		assertThat(Long.parseLong(refused.header("x-ogw-ratelimit-reset"))).isBetween(1L, 30L);
		assertThat(expireRecords(this.directory.employees().get(16)).code()).isEqualTo(99991400);
		// The token endpoint is not faulted.
		assertThat(this.feishu.token(this.properties.appId(), this.properties.appSecret())).startsWith("t-");
	}

	@Test
	void aFaultSwitchesItselfOff() {
		switchOn("{\"type\":\"CALCULATION_ERROR\",\"duration\":\"1s\"}");
		String id = this.directory.employees().get(17).peopleCorehrId();
		assertThat(balances("people_corehr_id", id).status()).isEqualTo(500);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> balances("people_corehr_id", id).status() == 200);
		assertThat(this.admin.send("GET", "/faults", SandboxStackTest.ADMIN_KEY, null).json().path("faults").size())
			.isZero();
	}

	private Answer switchOn(String body) {
		return this.admin.send("POST", "/faults", SandboxStackTest.ADMIN_KEY, body);
	}

	private Answer balances(String idType, String... ids) {
		List<Map.Entry<String, String>> query = new ArrayList<>(
				List.of(entry("page_size", "20"), entry("as_of_date", "2025-06-30"), entry("user_id_type", idType)));
		for (String id : ids) {
			query.add(entry("employment_id_list", id));
		}
		return this.feishu.get(BALANCES, this.token, query);
	}

	private Answer expireRecords(Employee employee) {
		LeaveType type = this.directory.leaveTypes().get(0);
		return this.feishu.getWithBody(RECORDS + type.id(), this.token, List.of(entry("user_id_type", "open_id")),
				"{\"employment_id\":\"" + employee.openId() + "\",\"leave_type_id\":\"" + type.id()
						+ "\",\"start_expiration_date\":\"2025-01-01\",\"end_expiration_date\":\"2025-12-31\"}");
	}

}
