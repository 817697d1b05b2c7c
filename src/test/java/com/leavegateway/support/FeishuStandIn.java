package com.leavegateway.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.including;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in Feishu on WireMock: Feishu's JSON answers built from a few facts, stubs for
 * its three endpoints, and the requests it received. The JSON follows the API documents
 * in /work/shared/feishu (numbers as strings, i18n lists, {@code data} envelopes).
 */
public final class FeishuStandIn {

	public static final String TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";

	public static final String LEAVE_BALANCES_PATH = "/open-apis/corehr/v1/leaves/leave_balances";

	public static final String EXPIRE_RECORDS_PATH = "/open-apis/attendance/v1/leave_employ_expire_records/";

	public static final String TOKEN = "t-stand-in-token-4f1c";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final WireMockExtension wireMock;

	public FeishuStandIn(WireMockExtension wireMock) {
		this.wireMock = wireMock;
	}

	// ---- stubs

	public StubMapping stub(MappingBuilder mapping) {
		return this.wireMock.stubFor(mapping);
	}

	/** The token endpoint hands out {@code token}, valid for {@code expire} seconds. */
	public StubMapping token(String token, long expire) {
		return stub(tokenCall().willReturn(ok(tokenBody(token, expire))));
	}

	/**
	 * The token endpoint hands out {@code tokens} one after the other, the last one for
	 * ever after: which token a business call carries tells which fetch it came from.
	 */
	public void tokensInTurn(long expire, String... tokens) {
		inTurn(FeishuStandIn::tokenCall, "tokens",
				Arrays.stream(tokens).map((token) -> ok(tokenBody(token, expire))).toList());
	}

	/**
	 * leave_balances gives {@code answers} one after the other, the last one for ever
	 * after: a Feishu that fails for a while and then heals.
	 */
	public void balancesInTurn(ResponseDefinitionBuilder... answers) {
		inTurn(FeishuStandIn::balancesCall, "balances", List.of(answers));
	}

	/** A WireMock scenario that moves on to the next answer at each call. */
	private void inTurn(Supplier<MappingBuilder> call, String scenario, List<ResponseDefinitionBuilder> answers) {
		for (int i = 0; i < answers.size(); i++) {
			ScenarioMappingBuilder stub = call.get()
				.inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : scenario + " " + i)
				.willReturn(answers.get(i));
			stub((i < answers.size() - 1) ? stub.willSetStateTo(scenario + " " + (i + 1)) : stub);
		}
	}

	public static MappingBuilder tokenCall() {
		return post(urlPathEqualTo(TOKEN_PATH));
	}

	public static MappingBuilder balancesCall() {
		return get(urlPathEqualTo(LEAVE_BALANCES_PATH));
	}

	public static MappingBuilder expireRecordsCall(String leaveTypeId) {
		return get(urlPathEqualTo(EXPIRE_RECORDS_PATH + leaveTypeId));
	}

	/** Every leave_balances call answers one last page with these employees. */
	public StubMapping balances(ObjectNode... employees) {
		return stub(balancesCall().willReturn(ok(page(false, null, employees))));
	}

	/**
	 * Any leave_balances call whose list names {@code id} gets {@code answer}: Feishu
	 * refusing or failing on one employee (takes precedence over {@link #balancesOf}).
	 */
	public StubMapping balancesFailFor(String id, int status, int code, String msg) {
		return stub(balancesCall().atPriority(1)
			.withQueryParam("employment_id_list", including(id))
			.willReturn(answer(status, error(code, msg))));
	}

	/**
	 * A leave_balances call whose list is exactly {@code ids} answers one page of
	 * {@code employees}.
	 */
	public StubMapping balancesOf(List<String> ids, ObjectNode... employees) {
		return stub(balancesCall().atPriority(2)
			.withQueryParam("employment_id_list", havingExactly(ids.toArray(String[]::new)))
			.willReturn(ok(page(false, null, employees))));
	}

	/** Every expire-records call of the leave type answers these records. */
	public StubMapping expireRecords(String leaveTypeId, ObjectNode... records) {
		return stub(expireRecordsCall(leaveTypeId).willReturn(ok(records(records))));
	}

	// ---- what arrived

	public List<LoggedRequest> tokenRequests() {
		return this.wireMock.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	/** The leave_balances calls, in the order they arrived. */
	public List<LoggedRequest> balanceRequests() {
		return this.wireMock.findAll(getRequestedFor(urlPathEqualTo(LEAVE_BALANCES_PATH)));
	}

	public List<LoggedRequest> expireRecordRequests() {
		return this.wireMock.findAll(anyRequestedFor(anyUrl()))
			.stream()
			.filter((request) -> request.getUrl().startsWith(EXPIRE_RECORDS_PATH))
			.toList();
	}

	public List<LoggedRequest> allRequests() {
		return this.wireMock.findAll(anyRequestedFor(anyUrl()));
	}

	public List<LoggedRequest> requests(RequestPatternBuilder pattern) {
		return this.wireMock.findAll(pattern);
	}

	/** Forgets the requests received so far, keeps the stubs. */
	public void forgetRequests() {
		this.wireMock.resetRequests();
	}

	// ---- answers

	/** HTTP 200 with a JSON body. */
	public static ResponseDefinitionBuilder ok(String body) {
		return answer(200, body);
	}

	/** A JSON body with any status, as Feishu sends its errors. */
	public static ResponseDefinitionBuilder answer(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody(body);
	}

	/**
	 * Feishu's error body, e.g. {@code {"code":1160006,"msg":"Employment not found"}}.
	 */
	public static String error(int code, String msg) {
		return NODES.objectNode().put("code", code).put("msg", msg).toString();
	}

	public static String tokenBody(String token, long expire) {
		return NODES.objectNode()
			.put("code", 0)
			.put("msg", "ok")
			.put("tenant_access_token", token)
			.put("expire", expire)
			.toString();
	}

	/** One leave_balances page; {@code pageToken} null leaves the field out. */
	public static String page(boolean hasMore, @Nullable String pageToken, ObjectNode... employees) {
		ObjectNode data = NODES.objectNode();
		ArrayNode list = data.putArray("employment_leave_balance_list");
		for (ObjectNode employee : employees) {
			list.add(employee);
		}
		data.put("has_more", hasMore);
		if (pageToken != null) {
			data.put("page_token", pageToken);
		}
		return success(data);
	}

	/** An employee with a zh-CN name. */
	public static ObjectNode employee(String id, String zhName, ObjectNode... balances) {
		return employee(id, Map.of("zh-CN", zhName), balances);
	}

	/** An employee with names by language (Feishu's order is the map's). */
	public static ObjectNode employee(String id, Map<String, String> names, ObjectNode... balances) {
		ObjectNode employee = NODES.objectNode().put("employment_id", id);
		employee.set("employment_name", i18n(names));
		employee.put("as_of_date", "2025-06-02");
		ArrayNode list = employee.putArray("leave_balance_list");
		for (ObjectNode balance : balances) {
			list.add(balance);
		}
		return employee;
	}

	/**
	 * A balance as leave_balances sends it without include_offboard; change any field
	 * with {@code .put("historical_cycles_left", "1.5")}.
	 * @param unit Feishu's leave_duration_unit: 1 day, 2 hour
	 */
	public static ObjectNode balance(String leaveTypeId, String zhName, int unit, String leaveBalance) {
		ObjectNode balance = NODES.objectNode().put("leave_type_id", leaveTypeId);
		balance.set("leave_type_name", i18n(Map.of("zh-CN", zhName)));
		return balance.put("historical_cycles_left", "0")
			.put("this_cycle_total", "0")
			.put("this_cycle_taken", "0")
			.put("leave_balance", leaveBalance)
			.put("leave_duration_unit", unit)
			.put("balance_in_current_cycle", "0")
			.put("taken_history_cycle", "0");
	}

	/** The five fields leave_balances adds with include_offboard=true. */
	public static ObjectNode withOffboarding(ObjectNode balance, String historyCycleAccrual, String taken,
			String takenCurrentDate, String offboardingBalance, String offboardingGranted) {
		return balance.put("history_cycle_accrual", historyCycleAccrual)
			.put("taken", taken)
			.put("taken_current_date", takenCurrentDate)
			.put("offboarding_balance", offboardingBalance)
			.put("offboarding_granted", offboardingGranted);
	}

	/** The answer of leave_employ_expire_records. */
	public static String records(ObjectNode... records) {
		ObjectNode data = NODES.objectNode();
		ArrayNode list = data.putArray("records");
		for (ObjectNode record : records) {
			list.add(record);
		}
		return success(data);
	}

	/**
	 * A granting record in days, granted by the system, not prorated, without sub-type;
	 * change any field with {@code .put(...)}.
	 */
	public static ObjectNode record(String id, String employeeId, String leaveTypeId, String quantity, String left,
			String expirationDate) {
		ObjectNode record = NODES.objectNode()
			.put("id", id)
			.put("employment_id", employeeId)
			.put("leave_type_id", leaveTypeId)
			.put("granting_quantity", quantity)
			.put("left_granting_quantity", left)
			.put("granting_unit", 1)
			.put("effective_date", "2025-01-01")
			.put("expiration_date", expirationDate);
		record.set("reason", i18n(Map.of("zh_CN", "年度发放")));
		return record.put("is_update_by_external", false)
			.put("accrual_source", 1)
			.put("leave_sub_type_id", "")
			.put("section_type", 1);
	}

	/**
	 * Texts by language tag in the order given, as Feishu lists them: tag, text, tag,
	 * text...
	 */
	public static Map<String, String> names(String... languageAndText) {
		Map<String, String> names = new LinkedHashMap<>();
		for (int i = 0; i < languageAndText.length; i += 2) {
			names.put(languageAndText[i], languageAndText[i + 1]);
		}
		return names;
	}

	/** Feishu's [{"lang": .., "value": ..}] list. */
	public static ArrayNode i18n(Map<String, String> texts) {
		ArrayNode list = NODES.arrayNode();
		texts.forEach((lang, value) -> list.add(NODES.objectNode().put("lang", lang).put("value", value)));
		return list;
	}

	private static String success(ObjectNode data) {
		ObjectNode body = NODES.objectNode().put("code", 0).put("msg", "success");
		body.set("data", data);
		return JSON.writeValueAsString(body);
	}

}
