package com.leavegateway.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.leavegateway.feishu.FeishuBaseUrl;
import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.sandbox.SandboxDirectory.Grant;
import com.leavegateway.sandbox.SandboxDirectory.LeaveType;
import com.leavegateway.sandbox.SandboxHttp.Answer;

import static com.leavegateway.sandbox.SandboxHttp.BALANCES;
import static com.leavegateway.sandbox.SandboxHttp.RECORDS;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator over real HTTP, as the gateway sees it. Quotas are raised so that only
 * {@link SandboxRateLimitTests} meets them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sandbox.quotas.leave-balances.limit=100000",
				"sandbox.quotas.leave-expire-records.limit=100000" })
@ActiveProfiles("sandbox")
class SandboxSimulatorTests {

	private static final String APP_ID = "cli_sandbox_demo0000";

	private static final String APP_SECRET = "sandbox-demo-secret-not-a-real-secret";

	@LocalServerPort
	private int port;

	@Autowired
	private FeishuBaseUrl baseUrl;

	@Autowired
	private SandboxDirectory directory;

	@Autowired
	private SandboxTokens tokens;

	private SandboxHttp http;

	private String token;

	@BeforeEach
	void connect() {
		this.http = new SandboxHttp(this.baseUrl.get());
		this.token = this.http.token(APP_ID, APP_SECRET);
	}

	/**
	 * The simulator's own port (SandboxFeishuServer), which outlives the application's in
	 * a graceful shutdown, serves the simulator and nothing else.
	 */
	@Test
	void theGatewayIsPointedAtTheSimulatorOnItsOwnPort() throws Exception {
		URI url = this.baseUrl.get();
		assertThat(url.getHost()).isEqualTo("127.0.0.1");
		assertThat(url.getPort()).isPositive().isNotEqualTo(this.port);
		assertThat(url.getPath()).isEqualTo("/sandbox/feishu");
		HttpResponse<String> api = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(url.resolve("/api/v1/leave-balances"))
				.header("X-API-Key", "sandbox-demo-key")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(api.statusCode()).isEqualTo(404);
	}

	@Test
	void issuesAndReusesTokens() {
		Answer first = this.http.post("/open-apis/auth/v3/tenant_access_token/internal",
				"{\"app_id\":\"" + APP_ID + "\",\"app_secret\":\"" + APP_SECRET + "\"}");
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.code()).isZero();
		assertThat(first.json().path("msg").stringValue()).isEqualTo("ok");
		assertThat(first.json().path("tenant_access_token").stringValue()).matches("t-[0-9a-f]+");
		assertThat(first.json().path("expire").longValue()).isBetween(7000L, 7200L);
		Answer again = this.http.post("/open-apis/auth/v3/tenant_access_token/internal",
				"{\"app_id\":\"" + APP_ID + "\",\"app_secret\":\"" + APP_SECRET + "\"}");
		assertThat(again.json().path("tenant_access_token").stringValue())
			.isEqualTo(first.json().path("tenant_access_token").stringValue());
		assertThat(again.json().path("expire").longValue())
			.isLessThanOrEqualTo(first.json().path("expire").longValue());
	}

	@Test
	void refusesWrongCredentials() {
		Answer wrongSecret = this.http.post("/open-apis/auth/v3/tenant_access_token/internal",
				"{\"app_id\":\"" + APP_ID + "\",\"app_secret\":\"nope\"}");
		assertThat(wrongSecret.status()).isEqualTo(400);
		assertThat(wrongSecret.code()).isEqualTo(10014);
		assertThat(wrongSecret.json().path("msg").stringValue()).isEqualTo("app secret invalid");
		Answer wrongId = this.http.post("/open-apis/auth/v3/tenant_access_token/internal",
				"{\"app_id\":\"cli_other\",\"app_secret\":\"" + APP_SECRET + "\"}");
		assertThat(wrongId.code()).isEqualTo(10014);
		assertThat(this.http.post("/open-apis/auth/v3/tenant_access_token/internal", "{}").status()).isEqualTo(400);
	}

	@Test
	void dataCallsNeedAValidToken() {
		List<Map.Entry<String, String>> query = List.of(entry("page_size", "20"));
		Answer missing = this.http.get(BALANCES, null, query);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.code()).isEqualTo(99991661);
		assertThat(missing.json().path("msg").stringValue()).startsWith("Missing access token for authorization");
		Answer bogus = this.http.get(BALANCES, "t-0123456789abcdef", query);
		assertThat(bogus.status()).isEqualTo(400);
		assertThat(bogus.code()).isEqualTo(99991663);
		assertThat(bogus.json().path("msg").stringValue()).startsWith("Invalid access token for authorization");
		LeaveType type = this.directory.leaveTypes().get(0);
		assertThat(this.http.getWithBody(RECORDS + type.id(), null, List.of(), "{}").code()).isEqualTo(99991661);
		assertThat(this.http.getWithBody(RECORDS + type.id(), "t-nope", List.of(), "{}").code()).isEqualTo(99991663);
		assertThat(this.http.get(BALANCES, this.token, query).status()).isEqualTo(200);
	}

	@Test
	void revokedAndExpiredTokensAreRefused() {
		List<Map.Entry<String, String>> query = List.of(entry("page_size", "1"));
		this.tokens.expireAll();
		assertThat(this.http.get(BALANCES, this.token, query).code()).isEqualTo(99991677);
		String fresh = this.http.token(APP_ID, APP_SECRET);
		assertThat(fresh).isNotEqualTo(this.token);
		assertThat(this.http.get(BALANCES, fresh, query).code()).isZero();
		this.tokens.revokeAll();
		Answer revoked = this.http.get(BALANCES, fresh, query);
		assertThat(revoked.status()).isEqualTo(400);
		assertThat(revoked.code()).isEqualTo(99991663);
	}

	@Test
	void pagesThroughEveryEmployeeTwentyAtATime() {
		List<String> seen = new ArrayList<>();
		String pageToken = null;
		int pages = 0;
		do {
			List<Map.Entry<String, String>> query = new ArrayList<>(
					List.of(entry("page_size", "20"), entry("as_of_date", "2025-06-30")));
			if (pageToken != null) {
				// SandboxHttp URL-encodes every value, as a client must for this
				// JSON-shaped token.
				query.add(entry("page_token", pageToken));
			}
			Answer answer = this.http.get(BALANCES, this.token, query);
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.code()).isZero();
			JsonNode data = answer.json().path("data");
			JsonNode list = data.path("employment_leave_balance_list");
			assertThat(list.size()).isBetween(1, 20);
			list.forEach((element) -> seen.add(element.path("employment_id").stringValue()));
			pages++;
			if (data.path("has_more").booleanValue()) {
				pageToken = data.path("page_token").stringValue();
				assertThat(pageToken).startsWith("{\"eu_nc\":\"[\\\"");
			}
			else {
				assertThat(data.has("page_token")).isFalse();
				pageToken = null;
			}
		}
		while (pageToken != null);
		assertThat(pages).isEqualTo(60);
		assertThat(seen)
			.containsExactlyElementsOf(this.directory.employees().stream().map(Employee::peopleCorehrId).toList());
	}

	@Test
	void answersTheListedEmployeesInTheOrderAsked() {
		List<Employee> wanted = new ArrayList<>();
		List<Map.Entry<String, String>> query = new ArrayList<>(
				List.of(entry("page_size", "20"), entry("user_id_type", "open_id")));
		for (int i = 0; i < 25; i++) {
			Employee employee = this.directory.employees().get(1000 - i * 37);
			wanted.add(employee);
			query.add(entry("employment_id_list", employee.openId()));
		}
		Answer first = this.http.get(BALANCES, this.token, query);
		JsonNode data = first.json().path("data");
		List<String> ids = new ArrayList<>();
		data.path("employment_leave_balance_list").forEach((e) -> ids.add(e.path("employment_id").stringValue()));
		assertThat(data.path("has_more").booleanValue()).isTrue();
		query.add(entry("page_token", data.path("page_token").stringValue()));
		JsonNode second = this.http.get(BALANCES, this.token, query).json().path("data");
		second.path("employment_leave_balance_list").forEach((e) -> ids.add(e.path("employment_id").stringValue()));
		assertThat(second.path("has_more").booleanValue()).isFalse();
		assertThat(ids).containsExactlyElementsOf(wanted.stream().map(Employee::openId).toList());
	}

	@Test
	void oneUnknownIdRefusesTheWholeCallAsFeishuDoes() {
		Employee known = this.directory.employees().get(8);
		// An id of another type is as unknown as one nobody has.
		for (String unknown : List.of("ou_00000000000000000000000000000000", known.peopleCorehrId())) {
			Answer answer = this.http.get(BALANCES, this.token,
					List.of(entry("page_size", "20"), entry("user_id_type", "open_id"),
							entry("employment_id_list", known.openId()), entry("employment_id_list", unknown)));
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.code()).isEqualTo(1160006);
			assertThat(answer.json().path("msg").stringValue()).isEqualTo("Employment not found");
		}
	}

	@Test
	void includeOffboardAddsTheProrationFields() {
		Employee employee = this.directory.employees().get(3);
		List<String> extra = List.of("history_cycle_accrual", "taken", "offboarding_balance", "taken_current_date",
				"offboarding_granted");
		JsonNode plain = firstLeaveBalance(employee, "2025-05-01", false);
		JsonNode offboard = firstLeaveBalance(employee, "2025-05-01", true);
		extra.forEach((field) -> {
			assertThat(plain.has(field)).as(field).isFalse();
			assertThat(offboard.path(field).isString()).as(field).isTrue();
		});
		assertThat(plain.path("leave_balance").stringValue()).isEqualTo(offboard.path("leave_balance").stringValue());
		assertThat(plain.path("leave_duration_unit").intValue()).isEqualTo(1);
		assertThat(plain.path("leave_type_name").get(0).path("lang").stringValue()).isEqualTo("zh-CN");
	}

	@Test
	void valuesDependOnTheAsOfDateAndKnownOddValuesComeThrough() {
		Employee employee = this.directory.employees().get(0);
		JsonNode march = balances(employee, "2025-03-01");
		JsonNode september = balances(employee, "2025-09-01");
		assertThat(march.path("as_of_date").stringValue()).isEqualTo("2025-03-01");
		assertThat(march.path("leave_balance_list").get(0).path("this_cycle_total").stringValue())
			.isNotEqualTo(september.path("leave_balance_list").get(0).path("this_cycle_total").stringValue());
		assertThat(march.path("leave_balance_list")
			.get(SandboxDirectory.TINY_BALANCE_LEAVE_TYPE)
			.path("leave_balance")
			.stringValue()).isEqualTo("0.000001");
		JsonNode negative = balances(this.directory.employees().get(SandboxDirectory.NEGATIVE_BALANCE_EMPLOYEE),
				"2025-03-01");
		assertThat(negative.path("leave_balance_list")
			.get(SandboxDirectory.NEGATIVE_BALANCE_LEAVE_TYPE)
			.path("leave_balance")
			.stringValue()).isEqualTo("-1.5");
	}

	@Test
	void rejectsInvalidBalanceQueriesWithFeishusCode() {
		List<Map.Entry<String, String>> tooMany = new ArrayList<>(List.of(entry("page_size", "20")));
		IntStream.range(0, 101)
			.forEach((i) -> tooMany
				.add(entry("employment_id_list", this.directory.employees().get(i).peopleCorehrId())));
		for (List<Map.Entry<String, String>> query : List.of(List.of(entry("page_size", "21")),
				List.<Map.Entry<String, String>>of(),
				List.of(entry("page_size", "20"), entry("as_of_date", "2025-02-30")),
				List.of(entry("page_size", "20"), entry("user_id_type", "email")),
				List.of(entry("page_size", "20"), entry("page_token", "{\"eu_nc\":\"[\\\"123\\\"]\"}")),
				List.of(entry("page_size", "20"), entry("page_token", "not-a-token")), tooMany)) {
			Answer answer = this.http.get(BALANCES, this.token, query);
			assertThat(answer.status()).as(query.toString()).isEqualTo(400);
			assertThat(answer.code()).as(query.toString()).isEqualTo(1160016);
			assertThat(answer.json().path("msg").stringValue()).isEqualTo("Invalid param");
		}
	}

	@Test
	void listsGrantsExpiringInTheWindowFromAGetWithABody() {
		Employee employee = this.directory.employees().get(7);
		LeaveType type = this.directory.leaveTypes()
			.stream()
			.filter((t) -> this.directory.grants(employee, t, 2025).size() >= 2)
			.findFirst()
			.orElseThrow();
		List<Grant> year = this.directory.grants(employee, type, 2025);
		LocalDate from = year.get(1).expirationDate();
		LocalDate to = LocalDate.of(2026, 3, 31);
		Answer answer = this.http.getWithBody(RECORDS + type.id(), this.token, List.of(),
				body(employee.openId(), type.id(), from, to));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.code()).isZero();
		List<String> ids = new ArrayList<>();
		Map<String, JsonNode> byId = new HashMap<>();
		answer.json().path("data").path("records").forEach((record) -> {
			ids.add(record.path("id").stringValue());
			byId.put(record.path("id").stringValue(), record);
			assertThat(record.path("employment_id").stringValue()).isEqualTo(employee.openId());
			assertThat(record.path("leave_type_id").stringValue()).isEqualTo(type.id());
			assertThat(LocalDate.parse(record.path("expiration_date").stringValue())).isBetween(from, to);
			assertThat(record.path("granting_quantity").isString()).isTrue();
			assertThat(record.path("left_granting_quantity").isString()).isTrue();
			assertThat(record.path("granting_unit").intValue()).isEqualTo(type.unit().code());
			assertThat(record.path("reason").get(0).path("value").isString()).isTrue();
			assertThat(record.path("accrual_source").intValue()).isBetween(1, 6);
			assertThat(record.path("leave_sub_type_id").isString()).isTrue();
			assertThat(record.path("section_type").intValue()).isBetween(1, 2);
			assertThat(record.path("is_update_by_external").isBoolean()).isTrue();
		});
		assertThat(ids).containsExactlyElementsOf(
				this.directory.grantsExpiring(employee, type, from, to).stream().map(Grant::id).toList());
		assertThat(ids).contains(year.get(1).id());
		year.stream()
			.filter((grant) -> grant.expirationDate().isBefore(from))
			.forEach((earlier) -> assertThat(ids).doesNotContain(earlier.id()));
		Answer byCorehrId = this.http.getWithBody(RECORDS + type.id(), this.token,
				List.of(entry("user_id_type", "people_corehr_id")),
				body(employee.peopleCorehrId(), type.id(), from, to));
		assertThat(byCorehrId.json().path("data").path("records").size()).isEqualTo(ids.size());
	}

	@Test
	void expireRecordsErrors() {
		Employee employee = this.directory.employees().get(7);
		LeaveType type = this.directory.leaveTypes().get(0);
		LocalDate from = LocalDate.of(2025, 1, 1);
		LocalDate to = LocalDate.of(2025, 12, 31);
		Answer unknownEmployee = this.http.getWithBody(RECORDS + type.id(), this.token, List.of(),
				body("ou_ffffffffffffffffffffffffffffffff", type.id(), from, to));
		assertThat(unknownEmployee.status()).isEqualTo(400);
		assertThat(unknownEmployee.code()).isEqualTo(1220006);
		// open_id is this API's default: a people_corehr_id without user_id_type is
		// unknown.
		assertThat(this.http
			.getWithBody(RECORDS + type.id(), this.token, List.of(),
					body(employee.peopleCorehrId(), type.id(), from, to))
			.code()).isEqualTo(1220006);
		Answer unknownType = this.http.getWithBody(RECORDS + "7000000000000000000", this.token, List.of(),
				body(employee.openId(), "7000000000000000000", from, to));
		assertThat(unknownType.status()).isEqualTo(400);
		assertThat(unknownType.code()).isEqualTo(1220005);
		for (String bad : List.of("", "{}", "[1]", "{\"employment_id\":\"" + employee.openId() + "\"}",
				body(employee.openId(), type.id(), to, from),
				body(employee.openId(), type.id(), from, to).replace("2025-12-31", "2025-13-01"),
				body(employee.openId(), type.id(), from, to).replace("480", "\"480\""))) {
			Answer answer = this.http.getWithBody(RECORDS + type.id(), this.token, List.of(), bad);
			assertThat(answer.status()).as(bad).isEqualTo(400);
			assertThat(answer.code()).as(bad).isEqualTo(1220016);
		}
		Answer noBody = this.http.get(RECORDS + type.id(), this.token, List.of());
		assertThat(noBody.code()).isEqualTo(1220016);
	}

	private JsonNode balances(Employee employee, String asOfDate) {
		return this.http
			.get(BALANCES, this.token,
					List.of(entry("page_size", "20"), entry("as_of_date", asOfDate),
							entry("employment_id_list", employee.peopleCorehrId())))
			.json()
			.path("data")
			.path("employment_leave_balance_list")
			.get(0);
	}

	private JsonNode firstLeaveBalance(Employee employee, String asOfDate, boolean includeOffboard) {
		return this.http
			.get(BALANCES, this.token,
					List.of(entry("page_size", "20"), entry("as_of_date", asOfDate),
							entry("employment_id_list", employee.userId()), entry("user_id_type", "user_id"),
							entry("include_offboard", Boolean.toString(includeOffboard))))
			.json()
			.path("data")
			.path("employment_leave_balance_list")
			.get(0)
			.path("leave_balance_list")
			.get(0);
	}

	private static String body(String employmentId, String leaveTypeId, LocalDate from, LocalDate to) {
		return "{\"employment_id\":\"" + employmentId + "\",\"leave_type_id\":\"" + leaveTypeId
				+ "\",\"start_expiration_date\":\"" + from + "\",\"end_expiration_date\":\"" + to
				+ "\",\"time_offset\":480}";
	}

}
