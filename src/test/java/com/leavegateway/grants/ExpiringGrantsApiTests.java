package com.leavegateway.grants;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.expireRecordsCall;
import static com.leavegateway.support.FeishuStandIn.i18n;
import static com.leavegateway.support.FeishuStandIn.record;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/employees/{id}/leave-types/{leaveTypeId}/expiring-grants and GET
 * /api/v1/employees/{id}/expiring-grants against a stand-in Feishu. "Today" is 2025-06-02
 * in Shanghai (see GatewayStackTest).
 */
class ExpiringGrantsApiTests extends GatewayStackTest {

	@Test
	void asksFeishuWithAGetThatCarriesAJsonBody() {
		this.standIn.expireRecords("7001");

		GatewayHttp.Response response = this.gateway
			.get("/api/v1/employees/E1/leave-types/7001/expiring-grants?from=2025-07-01&to=2025-09-30");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<LoggedRequest> calls = this.standIn.expireRecordRequests();
		assertThat(calls).hasSize(1);
		LoggedRequest call = calls.get(0);
		assertThat(call.getMethod().value()).isEqualTo("GET");
		assertThat(call.getUrl())
			.isEqualTo("/open-apis/attendance/v1/leave_employ_expire_records/7001?user_id_type=people_corehr_id");
		// Jetty, under WireMock, upper-cases the charset; RawWireTests check the exact
		// bytes.
		assertThat(call.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
		assertThat(call.getHeader("Authorization")).startsWith("Bearer t-");
		assertThat(equalToJson("""
				{"employment_id": "E1", "leave_type_id": "7001", "start_expiration_date": "2025-07-01",
				 "end_expiration_date": "2025-09-30", "time_offset": 480}""").match(call.getBodyAsString())
			.isExactMatch()).as(call.getBodyAsString()).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "'', 2025-06-02, 480", "&timeZone=Asia/Shanghai, 2025-06-02, 480", "&timeZone=UTC, 2025-06-02, 0",
			"&timeZone=Asia/Kolkata, 2025-06-02, 330", "&timeZone=America/New_York, 2025-01-15, -300",
			"&timeZone=America/New_York, 2025-07-15, -240" })
	void timeOffsetIsTheZonesOffsetInMinutes(String zone, String from, int offset) {
		this.standIn.expireRecords("7001");

		this.gateway.get("/api/v1/employees/E1/leave-types/7001/expiring-grants?from=" + from + zone);

		String body = this.standIn.expireRecordRequests().get(0).getBodyAsString();
		assertThat(equalToJson("{\"time_offset\": " + offset + "}", false, true).match(body).isExactMatch()).as(body)
			.isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "'', 2025-06-02, 2025-08-31", "&timeZone=UTC, 2025-06-01, 2025-08-30",
			"&from=2025-06-10, 2025-06-10, 2025-09-08", "&to=2025-06-30, 2025-06-02, 2025-06-30",
			"&from=2025-06-05&to=2025-06-05, 2025-06-05, 2025-06-05" })
	void theWindowDefaultsToTodayAndNinetyDaysOn(String query, String from, String to) {
		this.standIn.expireRecords("7001");

		JsonNode json = this.gateway.get("/api/v1/employees/E1/leave-types/7001/expiring-grants?" + query).json();

		assertThat(json.path("from").stringValue()).isEqualTo(from);
		assertThat(json.path("to").stringValue()).isEqualTo(to);
		String body = this.standIn.expireRecordRequests().get(0).getBodyAsString();
		assertThat(equalToJson("{\"start_expiration_date\": \"" + from + "\", \"end_expiration_date\": \"" + to + "\"}",
				false, true)
			.match(body)
			.isExactMatch()).as(body).isTrue();
	}

	@Test
	void sendsTheIdTypeExplicitly() {
		this.standIn.expireRecords("7001");

		this.gateway.get("/api/v1/employees/ou_abc/leave-types/7001/expiring-grants?idType=open_id");

		LoggedRequest call = this.standIn.expireRecordRequests().get(0);
		assertThat(call.queryParameter("user_id_type").values()).containsExactly("open_id");
		assertThat(call.getBodyAsString()).contains("\"employment_id\":\"ou_abc\"");
	}

	@Test
	void answersTheGrantsSoonestFirstInTheGatewaysTerms() {
		ObjectNode later = record("g-later", "E1", "7001", "10", "2.5", "2025-08-01").put("granting_unit", 2)
			.put("accrual_source", 6)
			.put("is_update_by_external", true)
			.put("leave_sub_type_id", "7001001")
			.put("section_type", 2)
			.put("effective_date", "2025-02-01");
		later.set("reason", i18n(Map.of("zh_CN", "加班转入", "en_US", "Overtime")));
		this.standIn.expireRecords("7001", later, record("g-sooner", "E1", "7001", "0.0000001", "-1.5", "2025-06-15"));

		GatewayHttp.Response response = this.gateway.get(
				"/api/v1/employees/E1/leave-types/7001/expiring-grants?from=2025-06-01&to=2025-08-31",
				"Accept-Language", "en");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode json = response.json();
		assertThat(json.path("employeeId").stringValue()).isEqualTo("E1");
		assertThat(json.path("leaveTypeId").stringValue()).isEqualTo("7001");
		assertThat(json.path("from").stringValue()).isEqualTo("2025-06-01");
		assertThat(json.path("to").stringValue()).isEqualTo("2025-08-31");
		assertThat(json.path("grants").valueStream().map((grant) -> grant.path("id").stringValue()))
			.containsExactly("g-sooner", "g-later");
		JsonNode sooner = json.path("grants").get(0);
		assertThat(sooner.has("leaveSubTypeId")).isTrue();
		assertThat(sooner.path("leaveSubTypeId").isNull()).isTrue();
		assertThat(sooner.path("unit").stringValue()).isEqualTo("DAY");
		assertThat(sooner.path("source").stringValue()).isEqualTo("SYSTEM");
		assertThat(sooner.path("updatedExternally").booleanValue()).isFalse();
		assertThat(sooner.path("prorated").booleanValue()).isFalse();
		assertThat(sooner.path("reason").stringValue()).isEqualTo("年度发放");
		assertThat(sooner.path("reasons").path("zh-CN").stringValue()).isEqualTo("年度发放");
		JsonNode grant = json.path("grants").get(1);
		assertThat(grant.path("leaveTypeId").stringValue()).isEqualTo("7001");
		assertThat(grant.path("leaveSubTypeId").stringValue()).isEqualTo("7001001");
		assertThat(grant.path("quantity").decimalValue()).isEqualTo(new BigDecimal("10"));
		assertThat(grant.path("remaining").decimalValue()).isEqualTo(new BigDecimal("2.5"));
		assertThat(grant.path("unit").stringValue()).isEqualTo("HOUR");
		assertThat(grant.path("effectiveDate").stringValue()).isEqualTo("2025-02-01");
		assertThat(grant.path("expirationDate").stringValue()).isEqualTo("2025-08-01");
		assertThat(grant.path("reason").stringValue()).isEqualTo("Overtime");
		assertThat(grant.path("reasons").path("en-US").stringValue()).isEqualTo("Overtime");
		assertThat(grant.path("source").stringValue()).isEqualTo("OVERTIME_CONVERSION");
		assertThat(grant.path("updatedExternally").booleanValue()).isTrue();
		assertThat(grant.path("prorated").booleanValue()).isTrue();
		assertThat(response.body()).contains("\"quantity\":0.0000001", "\"remaining\":-1.5").doesNotContain("E-7");
	}

	@ParameterizedTest
	@CsvSource({ "1, SYSTEM", "2, MANUAL", "3, EXTERNAL_SYSTEM", "4, VIRTUAL", "5, LEGACY_IMPORT",
			"6, OVERTIME_CONVERSION" })
	void accrualSourceBecomesAName(int accrualSource, String source) {
		this.standIn.expireRecords("7001",
				record("g1", "E1", "7001", "1", "1", "2025-07-01").put("accrual_source", accrualSource));

		assertThat(this.gateway.get("/api/v1/employees/E1/leave-types/7001/expiring-grants")
			.json()
			.path("grants")
			.get(0)
			.path("source")
			.stringValue()).isEqualTo(source);
	}

	@Test
	void anUndocumentedAccrualSourceOrUnitIsUnknownWithTheRawNumberAndTheRestOfTheAnswerIsUnaffected() {
		this.standIn.expireRecords("7001",
				record("g1", "E1", "7001", "1.5", "1", "2025-07-01").put("accrual_source", 9).put("granting_unit", 7),
				record("g2", "E1", "7001", "2", "2", "2025-07-02"));

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E1/leave-types/7001/expiring-grants");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode odd = response.json().path("grants").get(0);
		assertThat(odd.path("source").stringValue()).isEqualTo("UNKNOWN");
		assertThat(odd.path("sourceCode").intValue()).isEqualTo(9);
		assertThat(odd.path("unit").stringValue()).isEqualTo("UNKNOWN");
		assertThat(odd.path("unitCode").intValue()).isEqualTo(7);
		assertThat(odd.path("quantity").decimalValue()).isEqualByComparingTo("1.5");
		JsonNode usual = response.json().path("grants").get(1);
		assertThat(usual.path("source").stringValue()).isEqualTo("SYSTEM");
		assertThat(usual.path("unit").stringValue()).isEqualTo("DAY");
		assertThat(usual.has("sourceCode")).isFalse();
		assertThat(usual.has("unitCode")).isFalse();
	}

	@Test
	void aLeaveTypeFeishuDoesNotKnowIsA404() {
		this.standIn
			.stub(expireRecordsCall("7999").willReturn(answer(400, error(1220005, "Accessed data object not found"))));

		JsonNode problem = assertProblem(this.gateway.get("/api/v1/employees/E1/leave-types/7999/expiring-grants"), 404,
				"LEAVE_TYPE_NOT_FOUND");

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(1220005);
	}

	@CsvSource({ "1220006", "1220017" })
	@ParameterizedTest
	void anEmployeeFeishuDoesNotKnowIsA404(int code) {
		this.standIn.stub(expireRecordsCall("7001").willReturn(answer(400, error(code, "Employment not found"))));

		JsonNode problem = assertProblem(this.gateway.get("/api/v1/employees/E404/leave-types/7001/expiring-grants"),
				404, "EMPLOYEE_NOT_FOUND");

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(code);
	}

	@Test
	void acrossLeaveTypesMergesSortsAndTotalsWhatRemains() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5"), balance("7002", "调休", 2, "16"),
				balance("7003", "病假", 1, "0")));
		this.standIn.expireRecords("7001", record("a-july", "E1", "7001", "5", "1.5", "2025-07-01"),
				record("a-june", "E1", "7001", "1", "0.000001", "2025-06-10"));
		this.standIn.expireRecords("7002",
				record("b-june", "E1", "7002", "8", "4", "2025-06-20").put("granting_unit", 2));
		this.standIn.expireRecords("7003");

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E1/expiring-grants");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode json = response.json();
		assertThat(json.path("employeeId").stringValue()).isEqualTo("E1");
		assertThat(json.path("from").stringValue()).isEqualTo("2025-06-02");
		assertThat(json.path("to").stringValue()).isEqualTo("2025-08-31");
		assertThat(json.path("grants").valueStream().map((grant) -> grant.path("id").stringValue()))
			.containsExactly("a-june", "b-june", "a-july");
		JsonNode totals = json.path("remainingByLeaveType");
		assertThat(totals.size()).isEqualTo(2);
		assertThat(totals.get(0).path("leaveTypeId").stringValue()).isEqualTo("7001");
		assertThat(totals.get(0).path("leaveTypeName").stringValue()).isEqualTo("年假");
		assertThat(totals.get(0).path("unit").stringValue()).isEqualTo("DAY");
		assertThat(totals.get(0).path("grants").intValue()).isEqualTo(2);
		assertThat(totals.get(1).path("leaveTypeId").stringValue()).isEqualTo("7002");
		assertThat(totals.get(1).path("unit").stringValue()).isEqualTo("HOUR");
		assertThat(totals.get(1).path("remaining").decimalValue()).isEqualTo(new BigDecimal("4"));
		assertThat(response.body()).contains("\"remaining\":1.500001");
		LoggedRequest balances = this.standIn.balanceRequests().get(0);
		assertThat(balances.queryParameter("employment_id_list").values()).containsExactly("E1");
		assertThat(balances.queryParameter("as_of_date").values()).containsExactly("2025-06-02");
		assertThat(this.standIn.expireRecordRequests()).extracting(LoggedRequest::getUrl)
			.allSatisfy((url) -> assertThat(url).endsWith("?user_id_type=people_corehr_id"))
			.extracting((url) -> url.substring(url.lastIndexOf('/') + 1, url.indexOf('?')))
			.containsExactlyInAnyOrder("7001", "7002", "7003");
	}

	@Test
	void acrossLeaveTypesForAnEmployeeFeishuDoesNotKnowIsA404WithoutAskingForGrants() {
		this.standIn.stub(balancesCall().willReturn(answer(400, error(1160006, "Employment not found"))));

		assertProblem(this.gateway.get("/api/v1/employees/E404/expiring-grants"), 404, "EMPLOYEE_NOT_FOUND");
		assertThat(this.standIn.expireRecordRequests()).isEmpty();
	}

	@Test
	void acrossLeaveTypesForAnEmployeeWithoutLeaveTypesIsEmpty() {
		this.standIn.balances(employee("E1", "甲"));

		JsonNode json = this.gateway.get("/api/v1/employees/E1/expiring-grants").json();

		assertThat(json.path("grants").size()).isZero();
		assertThat(json.path("remainingByLeaveType").size()).isZero();
		assertThat(this.standIn.expireRecordRequests()).isEmpty();
	}

}
