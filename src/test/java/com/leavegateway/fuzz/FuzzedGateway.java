package com.leavegateway.fuzz;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import com.leavegateway.LeaveGatewayApplication;
import com.leavegateway.support.FeishuStandIn;

import static com.leavegateway.support.SecondApplication.startLeavingLoggingAlone;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole gateway, started once per JVM for all fuzz classes, on a random port in front
 * of a stand-in Feishu (WireMock) that answers every known call with "nobody found" and
 * anything else with WireMock's 404 (which the gateway would turn into a 502, so a call
 * to any other path fails the properties too). Tries are sequential: the stand-in's
 * journal, reset before each, holds exactly the upstream calls of one request.
 */
final class FuzzedGateway {

	static final String API_KEY = "fuzz-reader-key";

	static final Pattern EMPLOYEE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	static final Pattern LEAVE_TYPE_ID = Pattern.compile("[0-9]{1,32}");

	static final Set<String> ID_TYPES = Set.of("people_corehr_id", "open_id", "union_id", "user_id");

	static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

	/**
	 * Codes of answers that come after Feishu was asked; every other 4xx must have cost
	 * no upstream call.
	 */
	static final Set<String> AFTER_UPSTREAM = Set.of("EMPLOYEE_NOT_FOUND", "LEAVE_TYPE_NOT_FOUND");

	static final Set<String> CODES = Set.of("INVALID_PARAMETER", "BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN",
			"NOT_FOUND", "EMPLOYEE_NOT_FOUND", "LEAVE_TYPE_NOT_FOUND", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE",
			"UNSUPPORTED_MEDIA_TYPE", "REQUEST_TOO_LARGE");

	private static final Set<String> BALANCE_QUERY = Set.of("page_size", "user_id_type", "as_of_date", "time_zone",
			"include_offboard", "employment_id_list", "page_token");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final JsonMapper JSON = JsonMapper.shared();

	private static FuzzedGateway instance;

	final WireMockServer feishu;

	final ConfigurableApplicationContext application;

	final RawHttp http;

	private FuzzedGateway() {
		this.feishu = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		this.feishu.start();
		this.feishu.stubFor(post(urlPathEqualTo(FeishuStandIn.TOKEN_PATH))
			.willReturn(FeishuStandIn.ok(FeishuStandIn.tokenBody(FeishuStandIn.TOKEN, 7200))));
		this.feishu.stubFor(WireMock.get(urlPathEqualTo(FeishuStandIn.LEAVE_BALANCES_PATH))
			.willReturn(FeishuStandIn.ok(FeishuStandIn.page(false, null))));
		this.feishu
			.stubFor(WireMock.get(urlPathMatching(Pattern.quote(FeishuStandIn.EXPIRE_RECORDS_PATH) + "[0-9]{1,32}"))
				.willReturn(FeishuStandIn.ok(FeishuStandIn.records())));
		// Command-line arguments, so that they win over application.yml (default
		// properties would not).
		this.application = startLeavingLoggingAlone(new SpringApplicationBuilder(LeaveGatewayApplication.class),
				"--server.port=0", "--spring.main.banner-mode=off", "--spring.jmx.enabled=false",
				"--feishu.base-url=" + this.feishu.baseUrl(), "--feishu.app-id=cli_fuzz",
				"--feishu.app-secret=fuzz-secret", "--feishu.quotas.leave-balances.limit=100000",
				"--feishu.quotas.leave-balances.period=1s", "--feishu.quotas.leave-expire-records.limit=100000",
				"--feishu.quotas.leave-expire-records.period=1s", "--feishu.quotas.token.limit=100000",
				"--feishu.quotas.token.period=1s", "--gateway.security.api-keys.fuzz=" + API_KEY);
		assertThat(this.application.getEnvironment().getProperty("feishu.base-url")).isEqualTo(this.feishu.baseUrl());
		int port = ((WebServerApplicationContext) this.application).getWebServer().getPort();
		this.http = new RawHttp(port);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			this.application.close();
			this.feishu.stop();
		}));
	}

	static synchronized FuzzedGateway get() {
		if (instance == null) {
			instance = new FuzzedGateway();
		}
		return instance;
	}

	/**
	 * Sends one request with the reader key after forgetting what the stand-in received
	 * so far.
	 */
	RawHttp.Response get(byte[] target, List<Map.Entry<String, byte[]>> headers) {
		this.feishu.resetRequests();
		return this.http.get(target, headers);
	}

	RawHttp.Response get(String target, String... headers) {
		List<Map.Entry<String, byte[]>> list = new ArrayList<>();
		list.add(Map.entry("X-API-Key", API_KEY.getBytes(StandardCharsets.US_ASCII)));
		for (int i = 0; i < headers.length; i += 2) {
			list.add(Map.entry(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8)));
		}
		return get(target.getBytes(StandardCharsets.UTF_8), list);
	}

	List<LoggedRequest> upstream() {
		return this.feishu.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
	}

	/**
	 * What holds for any request whatever it carries: no 5xx; every 4xx is problem
	 * details with a known code and, unless Feishu had to be asked first (an unknown
	 * employee), cost no upstream call; the answer carries no header the caller made up;
	 * and every upstream call went to the stand-in's host, to one of Feishu's fixed
	 * paths, with nothing but validated values in its query and body.
	 */
	void assertSafe(RawHttp.Response response) {
		if (response.status() == RawHttp.HTTP_09) {
			// A raw CR or LF cut the request line short: Tomcat answered the HTTP/0.9
			// request that was left, which
			// has no status line or headers, only the body.
			assertThat(response.json()).as(response.toString()).isNotNull();
			assertThat(response.json().path("status").intValue()).isBetween(400, 499);
			assertThat(response.json().path("code").stringValue()).isIn(CODES);
			assertThat(upstream()).isEmpty();
			return;
		}
		assertThat(response.status()).as(response.toString()).isBetween(200, 499);
		assertThat(response.headerNames()).as(response.toString())
			.doesNotContain("x-injected", "set-cookie", "location", "refresh");
		String requestId = response.header("X-Request-Id");
		if (requestId != null) {
			assertThat(requestId).matches("[A-Za-z0-9._-]{1,64}");
		}
		List<LoggedRequest> upstream = upstream();
		if (response.status() >= 400) {
			assertThat(response.header("Content-Type")).as(response.toString()).isEqualTo("application/problem+json");
			JsonNode problem = response.json();
			assertThat(problem).as(response.toString()).isNotNull();
			assertThat(problem.path("status").intValue()).isEqualTo(response.status());
			assertThat(problem.path("title").isString()).isTrue();
			assertThat(problem.path("detail").isString()).isTrue();
			String code = problem.path("code").stringValue();
			assertThat(code).as(response.toString()).isIn(CODES);
			assertThat(response.text()).doesNotContain("Exception", "com.leavegateway", "java.", "\tat ");
			if (!AFTER_UPSTREAM.contains(code)) {
				assertThat(upstream).as("upstream calls for " + response).isEmpty();
			}
		}
		for (LoggedRequest request : upstream) {
			assertWellFormedUpstream(request);
		}
	}

	private void assertWellFormedUpstream(LoggedRequest request) {
		URI uri = URI.create(request.getAbsoluteUrl());
		URI standIn = URI.create(this.feishu.baseUrl());
		assertThat(uri.getHost()).isEqualTo(standIn.getHost());
		assertThat(uri.getPort()).isEqualTo(standIn.getPort());
		assertThat(request.getHeader("Host")).isEqualTo(standIn.getHost() + ":" + standIn.getPort());
		assertThat(uri.getRawUserInfo()).isNull();
		String path = uri.getRawPath();
		if (path.equals(FeishuStandIn.TOKEN_PATH)) {
			assertThat(uri.getRawQuery()).isNull();
			return;
		}
		Map<String, List<String>> query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
		Map<String, List<String>> decoded = new java.util.HashMap<>();
		query.forEach((name, values) -> decoded.put(name,
				values.stream().map((value) -> UriUtils.decode(value, StandardCharsets.UTF_8)).toList()));
		assertThat(decoded.get("user_id_type")).singleElement().isIn(ID_TYPES);
		if (path.equals(FeishuStandIn.LEAVE_BALANCES_PATH)) {
			assertThat(decoded.keySet()).isSubsetOf(BALANCE_QUERY);
			assertThat(decoded.get("as_of_date")).singleElement().satisfies(FuzzedGateway::assertDate);
			assertThat(decoded.get("time_zone")).singleElement().isIn(ZONES);
			assertThat(decoded.getOrDefault("employment_id_list", List.of()))
				.allSatisfy((id) -> assertThat(id).matches(EMPLOYEE_ID));
			return;
		}
		assertThat(path).startsWith(FeishuStandIn.EXPIRE_RECORDS_PATH);
		assertThat(path.substring(FeishuStandIn.EXPIRE_RECORDS_PATH.length())).matches(LEAVE_TYPE_ID);
		assertThat(decoded.keySet()).containsExactly("user_id_type");
		JsonNode body = JSON.readTree(request.getBodyAsString());
		assertThat(body.path("employment_id").stringValue()).matches(EMPLOYEE_ID);
		assertThat(body.path("leave_type_id").stringValue()).isEqualTo(path.substring(path.lastIndexOf('/') + 1));
		assertDate(body.path("start_expiration_date").stringValue());
		assertDate(body.path("end_expiration_date").stringValue());
	}

	private static void assertDate(String value) {
		LocalDate.parse(value, DATE);
	}

}
