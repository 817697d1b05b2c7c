package com.leavegateway.balances;

import java.math.BigDecimal;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.including;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.i18n;
import static com.leavegateway.support.FeishuStandIn.names;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.FeishuStandIn.withOffboarding;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/leave-balances and GET /api/v1/employees/{id}/leave-balances against a
 * stand-in Feishu.
 */
class LeaveBalancesApiTests extends GatewayStackTest {

	private static final List<String> OFFBOARD_FIELDS = List.of("grantedHistoryCycles", "taken", "takenToDate",
			"offboardingBalance", "offboardingGranted");

	@Test
	void answersTheEmployeesAskedForInTheOrderAsked() {
		this.standIn
			.balances(
					employee("E1", names("zh-CN", "张三", "en-US", "Zhang San"),
							balance("7001", "年假", 1, "2.5").put("historical_cycles_left", "1")
								.put("this_cycle_total", "5")
								.put("this_cycle_taken", "3.5")
								.put("balance_in_current_cycle", "1.5")
								.put("taken_history_cycle", "0.5"),
							balance("7002", "调休", 2, "16")),
					employee("E2", "李四"));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E2,E1");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode json = response.json();
		assertThat(json.path("asOfDate").stringValue()).isEqualTo("2025-06-02");
		assertThat(json.path("idType").stringValue()).isEqualTo("people_corehr_id");
		assertThat(json.path("notFound").isArray()).isTrue();
		assertThat(json.path("notFound").size()).isZero();
		assertThat(ids(json)).containsExactly("E2", "E1");
		JsonNode zhang = json.path("employees").get(1);
		assertThat(zhang.path("name").stringValue()).isEqualTo("张三");
		assertThat(zhang.path("names").path("zh-CN").stringValue()).isEqualTo("张三");
		assertThat(zhang.path("names").path("en-US").stringValue()).isEqualTo("Zhang San");
		assertThat(zhang.path("asOfDate").stringValue()).isEqualTo("2025-06-02");
		JsonNode annual = zhang.path("balances").get(0);
		assertThat(annual.path("leaveTypeId").stringValue()).isEqualTo("7001");
		assertThat(annual.path("leaveTypeName").stringValue()).isEqualTo("年假");
		assertThat(annual.path("leaveTypeNames").path("zh-CN").stringValue()).isEqualTo("年假");
		assertThat(annual.path("unit").stringValue()).isEqualTo("DAY");
		assertThat(annual.path("balance").decimalValue()).isEqualTo(new BigDecimal("2.5"));
		assertThat(annual.path("carriedOver").decimalValue()).isEqualTo(new BigDecimal("1"));
		assertThat(annual.path("grantedThisCycle").decimalValue()).isEqualTo(new BigDecimal("5"));
		assertThat(annual.path("takenThisCycle").decimalValue()).isEqualTo(new BigDecimal("3.5"));
		assertThat(annual.path("balanceThisCycle").decimalValue()).isEqualTo(new BigDecimal("1.5"));
		assertThat(annual.path("takenHistoryCycles").decimalValue()).isEqualTo(new BigDecimal("0.5"));
		assertThat(zhang.path("balances").get(1).path("unit").stringValue()).isEqualTo("HOUR");
		assertThat(zhang.path("balances").get(1).path("leaveTypeId").stringValue()).isEqualTo("7002");
	}

	@Test
	void sendsTheIdsAsRepeatedParametersWithEveryQueryParameterFeishuNeeds() {
		this.standIn.balances(employee("E1", "甲"), employee("E2", "乙"), employee("E3", "丙"));

		GatewayHttp.Response response = this.gateway
			.get("/api/v1/leave-balances?employeeIds=E1,E2&employeeIds=E3&employeeIds=E1");

		assertThat(ids(response.json())).containsExactly("E1", "E2", "E3");
		List<String> sent = this.standIn.balanceRequests()
			.stream()
			.flatMap((request) -> request.queryParameter("employment_id_list").values().stream())
			.toList();
		assertThat(sent).containsExactlyInAnyOrder("E1", "E2", "E3");
		for (LoggedRequest request : this.standIn.balanceRequests()) {
			assertThat(request.getUrl()).doesNotContain(",", "%2C").contains("employment_id_list=E");
			assertThat(request.queryParameter("page_size").values()).containsExactly("20");
			assertThat(request.queryParameter("user_id_type").values()).containsExactly("people_corehr_id");
			assertThat(request.queryParameter("as_of_date").values()).containsExactly("2025-06-02");
			assertThat(request.queryParameter("time_zone").values()).containsExactly("Asia/Shanghai");
			assertThat(request.queryParameter("include_offboard").isPresent()).isFalse();
		}
	}

	@Test
	void passesIdTypeDateZoneAndIncludeOffboardThrough() {
		this.standIn.balances(employee("ou_7f3a", "甲"));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=ou_7f3a&idType=open_id"
				+ "&asOfDate=2024-12-31&timeZone=America/New_York&includeOffboard=true");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("idType").stringValue()).isEqualTo("open_id");
		assertThat(response.json().path("asOfDate").stringValue()).isEqualTo("2024-12-31");
		LoggedRequest request = this.standIn.balanceRequests().get(0);
		assertThat(request.queryParameter("user_id_type").values()).containsExactly("open_id");
		assertThat(request.queryParameter("as_of_date").values()).containsExactly("2024-12-31");
		assertThat(request.queryParameter("time_zone").values()).containsExactly("America/New_York");
		assertThat(request.queryParameter("include_offboard").values()).containsExactly("true");
		assertThat(request.queryParameter("employment_id_list").values()).containsExactly("ou_7f3a");
	}

	/**
	 * "Now" is 2025-06-01T20:30Z: already 2025-06-02 in Shanghai and Tokyo, still
	 * 2025-06-01 in UTC and New York.
	 */
	@ParameterizedTest
	@CsvSource({ "'', 2025-06-02", "&timeZone=Asia/Shanghai, 2025-06-02", "&timeZone=Asia/Tokyo, 2025-06-02",
			"&timeZone=UTC, 2025-06-01", "&timeZone=America/New_York, 2025-06-01" })
	void asOfDateDefaultsToTodayInTheRequestedZone(String zone, String today) {
		this.standIn.balances(employee("E1", "甲"));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1" + zone);

		assertThat(response.json().path("asOfDate").stringValue()).isEqualTo(today);
		assertThat(this.standIn.balanceRequests().get(0).queryParameter("as_of_date").values()).containsExactly(today);
	}

	@Test
	void withoutEmployeeIdsAnswersEveryEmployeeOfEveryPage() {
		String token1 = "{\"eu_nc\":\"[\\\"6994333322503669260\\\"]\"}";
		String token2 = "{\"eu_nc\":\"[\\\"6994333322503669301\\\"]\"}";
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, token1, employee("E1", "甲"), employee("E2", "乙")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo(token1))
			.willReturn(ok(page(true, token2, employee("E3", "丙")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo(token2))
			.willReturn(ok(page(false, null, employee("E4", "丁"), employee("E5", "戊")))));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(ids(response.json())).containsExactly("E1", "E2", "E3", "E4", "E5");
		assertThat(response.json().path("notFound").size()).isZero();
		List<LoggedRequest> requests = this.standIn.balanceRequests();
		assertThat(requests).hasSize(3);
		assertThat(requests).allSatisfy((request) -> assertThat(request.getUrl()).doesNotContain("employment_id_list"));
		assertThat(requests.get(1).getUrl()).contains("page_token=%7B%22eu_nc%22%3A%22%5B%5C%226994333322503669260");
		assertThat(requests.get(2).queryParameter("page_token").values()).containsExactly(token2);
	}

	@Test
	void decimalsAreExactPlainJsonNumbers() {
		this.standIn.balances(employee("E1", "甲",
				balance("7001", "年假", 1, "0.0000001").put("historical_cycles_left", "12.500")
					.put("this_cycle_total", "0.000001")
					.put("this_cycle_taken", "-1.5")
					.put("balance_in_current_cycle", "123456789012345678901234567890.123456789")
					.put("taken_history_cycle", "0")));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1");

		assertThat(response.body())
			.contains("\"balance\":0.0000001", "\"carriedOver\":12.500", "\"grantedThisCycle\":0.000001",
					"\"takenThisCycle\":-1.5", "\"balanceThisCycle\":123456789012345678901234567890.123456789",
					"\"takenHistoryCycles\":0")
			.doesNotContain("E-7", "E-6", "E+", "\"0.0000001\"");
	}

	@Test
	void offboardingFieldsOnlyWhenAsked() {
		this.standIn.stub(balancesCall().withQueryParam("include_offboard", absent())
			.willReturn(ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "2.5"))))));
		this.standIn.stub(balancesCall().withQueryParam("include_offboard", equalTo("true"))
			.willReturn(ok(page(false, null, employee("E1", "甲",
					withOffboarding(balance("7001", "年假", 1, "2.5"), "3", "4.5", "1.25", "0.000001", "-2"))))));

		JsonNode plain = this.gateway.get("/api/v1/leave-balances?employeeIds=E1").json();
		JsonNode explicitlyNot = this.gateway.get("/api/v1/leave-balances?employeeIds=E1&includeOffboard=false").json();
		GatewayHttp.Response offboard = this.gateway.get("/api/v1/leave-balances?employeeIds=E1&includeOffboard=true");

		for (JsonNode json : List.of(plain, explicitlyNot)) {
			JsonNode balance = json.path("employees").get(0).path("balances").get(0);
			assertThat(balance.path("balance").decimalValue()).isEqualTo(new BigDecimal("2.5"));
			assertThat(OFFBOARD_FIELDS).allSatisfy((field) -> assertThat(balance.has(field)).as(field).isFalse());
		}
		assertThat(offboard.body()).contains("\"grantedHistoryCycles\":3", "\"taken\":4.5", "\"takenToDate\":1.25",
				"\"offboardingBalance\":0.000001", "\"offboardingGranted\":-2");
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
			en-US              | Zhang San | Annual leave
			en                 | Zhang San | Annual leave
			en-GB, en;q=0.8    | Zhang San | Annual leave
			fr                 | 张三       | 年假
			zh-CN              | 张三       | 年假
			NONE               | 张三       | 年假
			""")
	void namesFollowAcceptLanguageThenZhCn(String acceptLanguage, String name, String leaveTypeName) {
		// zh-CN listed last, so that "any" and "zh-CN" differ.
		ObjectNode annual = balance("7001", "年假", 1, "5");
		annual.set("leave_type_name", i18n(names("en-US", "Annual leave", "zh-CN", "年假")));
		this.standIn.balances(employee("E1", names("en-US", "Zhang San", "zh-CN", "张三"), annual));

		GatewayHttp.Response response = (acceptLanguage != null)
				? this.gateway.get("/api/v1/employees/E1/leave-balances", "Accept-Language", acceptLanguage)
				: this.gateway.get("/api/v1/employees/E1/leave-balances");

		assertThat(response.json().path("name").stringValue()).isEqualTo(name);
		assertThat(response.json().path("balances").get(0).path("leaveTypeName").stringValue())
			.isEqualTo(leaveTypeName);
		assertThat(response.json().path("names").size()).isEqualTo(2);
	}

	@Test
	void anEmployeeNamedOnlyInEnglishIsNamedSoWithoutAHeader() {
		this.standIn.balances(employee("E1", names("en-US", "Zhang San")));

		assertThat(this.gateway.get("/api/v1/leave-balances?employeeIds=E1")
			.json()
			.path("employees")
			.get(0)
			.path("name")
			.stringValue()).isEqualTo("Zhang San");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1160006, 1160017 })
	void anIdFeishuRefusesTheListForDoesNotCostTheOthersTheirAnswer(int notFoundCode) {
		this.standIn.stub(balancesCall().atPriority(1)
			.withQueryParam("employment_id_list", including("U404"))
			.willReturn(answer(400, error(notFoundCode, "Employment not found"))));
		this.standIn.stub(balancesCall().atPriority(2)
			.willReturn(ok(page(false, null, employee("E1", "甲"), employee("E2", "乙")))));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,U404,E2");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(ids(response.json())).containsExactly("E1", "E2");
		assertThat(response.json().path("notFound").valueStream().map(JsonNode::stringValue)).containsExactly("U404");
	}

	@Test
	void anIdFeishuSimplyLeavesOutIsNotFound() {
		this.standIn.balances(employee("E1", "甲"));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,GONE");

		assertThat(ids(response.json())).containsExactly("E1");
		assertThat(response.json().path("notFound").valueStream().map(JsonNode::stringValue)).containsExactly("GONE");
	}

	@Test
	void anEmployeeNobodyAskedForIsIgnored() {
		this.standIn.balances(employee("INTRUDER", "外人"), employee("E1", "甲"));

		GatewayHttp.Response many = this.gateway.get("/api/v1/leave-balances?employeeIds=E1");
		assertThat(ids(many.json())).containsExactly("E1");
		assertThat(many.body()).doesNotContain("INTRUDER");
	}

	@Test
	void oneEmployee() {
		this.standIn.stub(balancesCall().withQueryParam("employment_id_list", havingExactly("E1"))
			.willReturn(ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "0.5"))))));

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E1/leave-balances?asOfDate=2025-01-31");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("employeeId").stringValue()).isEqualTo("E1");
		assertThat(response.json().path("name").stringValue()).isEqualTo("甲");
		assertThat(response.body()).contains("\"balance\":0.5");
		assertThat(this.standIn.balanceRequests().get(0).queryParameter("as_of_date").values())
			.containsExactly("2025-01-31");
	}

	@Test
	void oneEmployeeFeishuDoesNotKnowIsA404() {
		this.standIn.balances(employee("INTRUDER", "外人"));
		assertProblem(this.gateway.get("/api/v1/employees/E404/leave-balances"), 404, "EMPLOYEE_NOT_FOUND");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1160006, 1160017 })
	void oneEmployeeFeishuRefusesIsA404(int notFoundCode) {
		this.standIn.stub(balancesCall().willReturn(answer(400, error(notFoundCode, "Employment not found"))));
		assertProblem(this.gateway.get("/api/v1/employees/E404/leave-balances"), 404, "EMPLOYEE_NOT_FOUND");
	}

	@Test
	void aBadParameterSendsNothingUpstream() {
		assertProblem(this.gateway.get("/api/v1/leave-balances?employeeIds=E1&asOfDate=2024-02-30"), 400,
				"INVALID_PARAMETER");
		assertThat(this.standIn.allRequests()).isEmpty();
	}

	private static List<String> ids(JsonNode json) {
		return json.path("employees")
			.valueStream()
			.map((employee) -> employee.path("employeeId").stringValue())
			.toList();
	}

}
