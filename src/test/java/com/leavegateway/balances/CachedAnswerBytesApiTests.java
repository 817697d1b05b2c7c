package com.leavegateway.balances;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.i18n;
import static com.leavegateway.support.FeishuStandIn.names;
import static com.leavegateway.support.Prometheus.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The answers of cached balances, byte for byte as callers have them: the body, ETag,
 * Cache-Status, Content-Type and Content-Length of a single-employee hit in each
 * language, the 304 for its ETag, and list answers mixing hits, misses, an unknown and a
 * refused employee. Pinned before hits were served from stored bytes, so that the stored
 * bytes stay what the mapper wrote.
 */
class CachedAnswerBytesApiTests extends GatewayStackTest {

	private static final String E1 = "/api/v1/employees/E1/leave-balances";

	private static final String ETAG_ZH = "\"08a02ad38cc29f19f594dd8c2d7633e38\"";

	private static final String ETAG_EN = "\"03d9ab98d7a0b767b3181f02ba1cf94e5\"";

	private static final String ETAG_JA = "\"06f4a052713d1cbb632d9c832b3aa0c91\"";

	private static final String ETAG_LIST_EN_PARTIAL = "\"091d26ef50fb4e35bdc07b6a384144466\"";

	private static final String ETAG_LIST_HIT = "\"053b8d6d4d6a018e2188bfd13ed7babc3\"";

	private static final String BODY_ZH = "{\"employeeId\":\"E1\",\"name\":\"张三\",\"names\":{\"zh-CN\":\"张三\",\"en-US\":\"San Zhang\"},\"asOfDate\":\"2025-06-02\",\"balances\":[{\"leaveTypeId\":\"7001\",\"leaveTypeName\":\"年假\",\"leaveTypeNames\":{\"zh-CN\":\"年假\",\"en-US\":\"Annual leave\",\"ja-JP\":\"年次休暇\"},\"unit\":\"DAY\",\"balance\":0.000001,\"carriedOver\":-1.5,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0},{\"leaveTypeId\":\"7002\",\"leaveTypeName\":\"调休\",\"leaveTypeNames\":{\"en-US\":\"Time off \\\"in lieu\\\"\",\"zh-CN\":\"调休\"},\"unit\":\"UNKNOWN\",\"unitCode\":3,\"balance\":12.50,\"carriedOver\":0,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0}],\"fetchedAt\":\"2025-06-01T20:30:00Z\"}";

	private static final String BODY_EN = "{\"employeeId\":\"E1\",\"name\":\"San Zhang\",\"names\":{\"zh-CN\":\"张三\",\"en-US\":\"San Zhang\"},\"asOfDate\":\"2025-06-02\",\"balances\":[{\"leaveTypeId\":\"7001\",\"leaveTypeName\":\"Annual leave\",\"leaveTypeNames\":{\"zh-CN\":\"年假\",\"en-US\":\"Annual leave\",\"ja-JP\":\"年次休暇\"},\"unit\":\"DAY\",\"balance\":0.000001,\"carriedOver\":-1.5,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0},{\"leaveTypeId\":\"7002\",\"leaveTypeName\":\"Time off \\\"in lieu\\\"\",\"leaveTypeNames\":{\"en-US\":\"Time off \\\"in lieu\\\"\",\"zh-CN\":\"调休\"},\"unit\":\"UNKNOWN\",\"unitCode\":3,\"balance\":12.50,\"carriedOver\":0,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0}],\"fetchedAt\":\"2025-06-01T20:30:00Z\"}";

	private static final String BODY_JA = "{\"employeeId\":\"E1\",\"name\":\"张三\",\"names\":{\"zh-CN\":\"张三\",\"en-US\":\"San Zhang\"},\"asOfDate\":\"2025-06-02\",\"balances\":[{\"leaveTypeId\":\"7001\",\"leaveTypeName\":\"年次休暇\",\"leaveTypeNames\":{\"zh-CN\":\"年假\",\"en-US\":\"Annual leave\",\"ja-JP\":\"年次休暇\"},\"unit\":\"DAY\",\"balance\":0.000001,\"carriedOver\":-1.5,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0},{\"leaveTypeId\":\"7002\",\"leaveTypeName\":\"调休\",\"leaveTypeNames\":{\"en-US\":\"Time off \\\"in lieu\\\"\",\"zh-CN\":\"调休\"},\"unit\":\"UNKNOWN\",\"unitCode\":3,\"balance\":12.50,\"carriedOver\":0,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0}],\"fetchedAt\":\"2025-06-01T20:30:00Z\"}";

	private static final String LIST_EN_PARTIAL = "{\"asOfDate\":\"2025-06-02\",\"idType\":\"people_corehr_id\",\"employees\":[{\"employeeId\":\"E1\",\"name\":\"San Zhang\",\"names\":{\"zh-CN\":\"张三\",\"en-US\":\"San Zhang\"},\"asOfDate\":\"2025-06-02\",\"balances\":[{\"leaveTypeId\":\"7001\",\"leaveTypeName\":\"Annual leave\",\"leaveTypeNames\":{\"zh-CN\":\"年假\",\"en-US\":\"Annual leave\",\"ja-JP\":\"年次休暇\"},\"unit\":\"DAY\",\"balance\":0.000001,\"carriedOver\":-1.5,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0},{\"leaveTypeId\":\"7002\",\"leaveTypeName\":\"Time off \\\"in lieu\\\"\",\"leaveTypeNames\":{\"en-US\":\"Time off \\\"in lieu\\\"\",\"zh-CN\":\"调休\"},\"unit\":\"UNKNOWN\",\"unitCode\":3,\"balance\":12.50,\"carriedOver\":0,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0}],\"fetchedAt\":\"2025-06-01T20:30:00Z\"},{\"employeeId\":\"E2\",\"name\":\"李四\",\"names\":{\"zh-CN\":\"李四\"},\"asOfDate\":\"2025-06-02\",\"balances\":[{\"leaveTypeId\":\"7001\",\"leaveTypeName\":\"年假\",\"leaveTypeNames\":{\"zh-CN\":\"年假\"},\"unit\":\"DAY\",\"balance\":3,\"carriedOver\":0,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0}],\"fetchedAt\":\"2025-06-01T20:30:00Z\"}],\"notFound\":[\"E404\"],\"failed\":[{\"employeeId\":\"E5\",\"code\":\"UPSTREAM_FORBIDDEN\",\"feishuCode\":1160035,\"feishuMsg\":\"No permission to access the employee data\"}]}";

	private static final String LIST_HIT = "{\"asOfDate\":\"2025-06-02\",\"idType\":\"people_corehr_id\",\"employees\":[{\"employeeId\":\"E2\",\"name\":\"李四\",\"names\":{\"zh-CN\":\"李四\"},\"asOfDate\":\"2025-06-02\",\"balances\":[{\"leaveTypeId\":\"7001\",\"leaveTypeName\":\"年假\",\"leaveTypeNames\":{\"zh-CN\":\"年假\"},\"unit\":\"DAY\",\"balance\":3,\"carriedOver\":0,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0}],\"fetchedAt\":\"2025-06-01T20:30:00Z\"},{\"employeeId\":\"E1\",\"name\":\"张三\",\"names\":{\"zh-CN\":\"张三\",\"en-US\":\"San Zhang\"},\"asOfDate\":\"2025-06-02\",\"balances\":[{\"leaveTypeId\":\"7001\",\"leaveTypeName\":\"年假\",\"leaveTypeNames\":{\"zh-CN\":\"年假\",\"en-US\":\"Annual leave\",\"ja-JP\":\"年次休暇\"},\"unit\":\"DAY\",\"balance\":0.000001,\"carriedOver\":-1.5,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0},{\"leaveTypeId\":\"7002\",\"leaveTypeName\":\"调休\",\"leaveTypeNames\":{\"en-US\":\"Time off \\\"in lieu\\\"\",\"zh-CN\":\"调休\"},\"unit\":\"UNKNOWN\",\"unitCode\":3,\"balance\":12.50,\"carriedOver\":0,\"grantedThisCycle\":0,\"takenThisCycle\":0,\"balanceThisCycle\":0,\"takenHistoryCycles\":0}],\"fetchedAt\":\"2025-06-01T20:30:00Z\"}],\"notFound\":[],\"failed\":[]}";

	private static final Map<String, String> BODIES = Map.of(ETAG_ZH, BODY_ZH, ETAG_EN, BODY_EN, ETAG_JA, BODY_JA);

	@BeforeEach
	void feishuWithAKnownAnUnknownAndARefusedEmployee() {
		this.standIn.balancesFailFor("E5", 400, 1160035, "No permission to access the employee data");
		this.standIn.balancesOf(List.of("E1"), e1());
		for (List<String> ids : List.of(List.of("E2", "E404", "E5"), List.of("E2", "E404"), List.of("E2"))) {
			this.standIn.balancesOf(ids, employee("E2", names("zh-CN", "李四"), balance("7001", "年假", 1, "3")));
		}
		this.standIn.balancesOf(List.of("E404"));
	}

	/**
	 * Names in two languages, leave types in three and two (one with a quote), a unit
	 * Feishu does not document, and decimals with their own scales.
	 */
	private static ObjectNode e1() {
		ObjectNode annual = balance("7001", "年假", 1, "0.000001").put("historical_cycles_left", "-1.5");
		annual.set("leave_type_name", i18n(names("zh-CN", "年假", "en-US", "Annual leave", "ja-JP", "年次休暇")));
		ObjectNode inLieu = balance("7002", "调休", 3, "12.50");
		inLieu.set("leave_type_name", i18n(names("en-US", "Time off \"in lieu\"", "zh-CN", "调休")));
		return employee("E1", names("zh-CN", "张三", "en-US", "San Zhang"), annual, inLieu);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "NONE", delimiter = '|', textBlock = """
			NONE         | "08a02ad38cc29f19f594dd8c2d7633e38"
			zh-CN        | "08a02ad38cc29f19f594dd8c2d7633e38"
			***          | "08a02ad38cc29f19f594dd8c2d7633e38"
			en-US        | "03d9ab98d7a0b767b3181f02ba1cf94e5"
			en           | "03d9ab98d7a0b767b3181f02ba1cf94e5"
			fr, en;q=0.5 | "03d9ab98d7a0b767b3181f02ba1cf94e5"
			ja-JP        | "06f4a052713d1cbb632d9c832b3aa0c91"
			""")
	void aHitAnswersTheSameBytesAndETagInEachLanguage(@Nullable String acceptLanguage, String etag) {
		GatewayHttp.Response miss = get(E1, acceptLanguage);
		assertThat(miss.cacheStatus()).isEqualTo(CacheStatus.MISS);

		GatewayHttp.Response hit = get(E1, acceptLanguage);
		GatewayHttp.Response again = get(E1, acceptLanguage);

		for (GatewayHttp.Response response : List.of(miss, hit, again)) {
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(BODIES.get(etag));
			assertThat(response.header("ETag")).isEqualTo(etag);
			assertThat(response.contentType()).isEqualTo("application/json");
			assertThat(response.header("Content-Length"))
				.isEqualTo(String.valueOf(BODIES.get(etag).getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
			assertThat(response.header("Cache-Control")).isEqualTo("no-cache, private");
		}
		for (GatewayHttp.Response response : List.of(hit, again)) {
			// A miss, answered asynchronously, has Spring Security's Pragma and Expires
			// too.
			assertThat(response.headers().map().keySet()).containsExactlyInAnyOrder("cache-control", "cache-status",
					"content-length", "content-type", "date", "etag", "x-content-type-options", "x-frame-options",
					"x-request-id", "x-xss-protection");
		}
		assertThat(hit.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(again.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	void theLanguagesOfOneEntryAnswerTheirOwnBytesWhateverTheOrderTheyAreAskedIn() {
		get(E1, null);

		for (String acceptLanguage : List.of("ja-JP", "en-US", "zh-CN", "en-US", "ja-JP")) {
			GatewayHttp.Response hit = get(E1, acceptLanguage);
			String expected = switch (acceptLanguage) {
				case "ja-JP" -> BODY_JA;
				case "en-US" -> BODY_EN;
				default -> BODY_ZH;
			};
			assertThat(hit.body()).as(acceptLanguage).isEqualTo(expected);
		}
	}

	@ParameterizedTest
	@CsvSource(nullValues = "NONE", delimiter = '|', textBlock = """
			NONE  | "08a02ad38cc29f19f594dd8c2d7633e38"
			en-US | "03d9ab98d7a0b767b3181f02ba1cf94e5"
			ja-JP | "06f4a052713d1cbb632d9c832b3aa0c91"
			""")
	void ifNoneMatchWithTheETagOfAHitAnswers304WithoutABody(@Nullable String acceptLanguage, String etag) {
		get(E1, acceptLanguage);

		for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag)) {
			GatewayHttp.Response notModified = get(E1, acceptLanguage, "If-None-Match", ifNoneMatch);

			assertThat(notModified.status()).as(ifNoneMatch).isEqualTo(304);
			assertThat(notModified.body()).isEmpty();
			assertThat(notModified.header("ETag")).isEqualTo(etag);
			assertThat(notModified.cacheStatus()).isEqualTo(CacheStatus.HIT);
			assertThat(notModified.header("Cache-Control")).isEqualTo("no-cache, private");
			assertThat(notModified.contentType()).isNull();
			assertThat(notModified.headers().map().keySet()).containsExactlyInAnyOrder("cache-control", "cache-status",
					"date", "etag", "x-content-type-options", "x-frame-options", "x-request-id", "x-xss-protection");
		}
	}

	@Test
	void aHitIsCountedUnderItsResourceAndCaller() {
		get(E1, null);
		// Another caller's count, which the miss above (and its observation, which may
		// end
		// after its answer) leaves alone.
		double before = Math.max(0, hits());

		assertThat(this.gateway.request("GET", E1, HASHED_KEY).cacheStatus()).isEqualTo(CacheStatus.HIT);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hits()).isEqualTo(before + 1));
	}

	private double hits() {
		String metrics = this.gateway.request("GET", "/actuator/prometheus", ADMIN_KEY).body();
		return sample(metrics, "http_server_requests_seconds_count", "consumer", "test-hashed", "status", "200", "uri",
				"/api/v1/employees/{employeeId}/leave-balances");
	}

	@Test
	void ifNoneMatchWithAnotherLanguagesETagAnswersTheFullBody() {
		get(E1, null);

		GatewayHttp.Response english = get(E1, "en-US", "If-None-Match", ETAG_ZH);

		assertThat(english.status()).isEqualTo(200);
		assertThat(english.body()).isEqualTo(BODY_EN);
		assertThat(english.header("ETag")).isEqualTo(ETAG_EN);
	}

	@Test
	void aListMixingAHitMissesAnUnknownAndARefusedEmployeeThenTheSameFromTheCache() {
		get(E1, null);

		GatewayHttp.Response mixed = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2,E404,E5",
				"Accept-Language", "en-US");

		assertThat(mixed.status()).isEqualTo(200);
		assertThat(mixed.body()).isEqualTo(LIST_EN_PARTIAL);
		assertThat(mixed.header("ETag")).isEqualTo(ETAG_LIST_EN_PARTIAL);
		assertThat(mixed.cacheStatus()).isEqualTo(CacheStatus.PARTIAL);
		assertThat(mixed.contentType()).isEqualTo("application/json");

		GatewayHttp.Response hits = this.gateway.get("/api/v1/leave-balances?employeeIds=E2,E1");

		assertThat(hits.status()).isEqualTo(200);
		assertThat(hits.body()).isEqualTo(LIST_HIT);
		assertThat(hits.header("ETag")).isEqualTo(ETAG_LIST_HIT);
		assertThat(hits.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(hits.contentType()).isEqualTo("application/json");

		GatewayHttp.Response notModified = this.gateway.get("/api/v1/leave-balances?employeeIds=E2,E1", "If-None-Match",
				ETAG_LIST_HIT);

		assertThat(notModified.status()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(notModified.header("ETag")).isEqualTo(ETAG_LIST_HIT);
	}

	private GatewayHttp.Response get(String path, @Nullable String acceptLanguage, String... headers) {
		if (acceptLanguage == null) {
			return this.gateway.get(path, headers);
		}
		String[] all = new String[headers.length + 2];
		all[0] = "Accept-Language";
		all[1] = acceptLanguage;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return this.gateway.get(path, all);
	}

}
