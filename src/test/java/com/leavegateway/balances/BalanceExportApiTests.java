package com.leavegateway.balances;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.FeishuStandIn.withOffboarding;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/leave-balances as a CSV or NDJSON export: its format, that it is streamed
 * as Feishu's pages arrive, and that it fills the cache as it goes.
 */
class BalanceExportApiTests extends GatewayStackTest {

	private static final String CSV_HEADER = "employeeId,name,asOfDate,leaveTypeId,leaveTypeName,unit,balance,"
			+ "carriedOver,grantedThisCycle,takenThisCycle,balanceThisCycle,takenHistoryCycles,fetchedAt,error";

	private static final String FETCHED_AT = "2025-06-01T20:30:00Z";

	@LocalServerPort
	private int port;

	@Test
	void csvIsAHeaderRowThenOneRowPerEmployeeAndLeaveTypeInUtf8() {
		this.standIn.balances(
				employee("E1", "张三", balance("7001", "年假", 1, "0.0000001").put("historical_cycles_left", "12.500"),
						balance("7002", "调休", 2, "-1.5").put("balance_in_current_cycle",
								"123456789012345678901234567890.123456789")),
				employee("E2", "Zhang, \"San\"", balance("7001", "年假", 1, "5")),
				employee("E3", "=HYPERLINK(\"http://evil\")", balance("7001", "+1 day", 1, "1")), employee("E4", "无假"));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2,E3,E4", "Accept",
				"text/csv");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).isEqualToIgnoringWhitespace("text/csv;charset=UTF-8");
		assertThat(response.body()).endsWith("\r\n").doesNotContain("E-7", "E+", "E-");
		assertThat(response.body().split("\r\n")).containsExactly(CSV_HEADER,
				"E1,张三,2025-06-02,7001,年假,DAY,0.0000001,12.500,0,0,0,0," + FETCHED_AT + ",",
				"E1,张三,2025-06-02,7002,调休,HOUR,-1.5,0,0,0,123456789012345678901234567890.123456789,0," + FETCHED_AT
						+ ",",
				"E2,\"Zhang, \"\"San\"\"\",2025-06-02,7001,年假,DAY,5,0,0,0,0,0," + FETCHED_AT + ",",
				"E3,\"'=HYPERLINK(\"\"http://evil\"\")\",2025-06-02,7001,'+1 day,DAY,1,0,0,0,0,0," + FETCHED_AT + ",");
	}

	@Test
	void csvWithIncludeOffboardHasTheOffboardingColumns() {
		this.standIn.balances(employee("E1", "甲",
				withOffboarding(balance("7001", "年假", 1, "2.5"), "3", "4.5", "1.25", "0.000001", "-2")));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1&includeOffboard=true",
				"Accept", "text/csv");

		assertThat(response.body().split("\r\n")).containsExactly(
				CSV_HEADER.replace(",fetchedAt",
						",grantedHistoryCycles,taken,takenToDate,offboardingBalance,offboardingGranted,fetchedAt"),
				"E1,甲,2025-06-02,7001,年假,DAY,2.5,0,0,0,0,0,3,4.5,1.25,0.000001,-2," + FETCHED_AT + ",");
	}

	@Test
	void ndjsonIsOneEmployeePerLine() {
		this.standIn.balances(employee("E1", "张三", balance("7001", "年假", 1, "0.0000001")), employee("E2", "李四"));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E2,E1", "Accept",
				"application/x-ndjson");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/x-ndjson");
		assertThat(response.body()).endsWith("\n").contains("\"balance\":0.0000001");
		List<JsonNode> lines = Stream.of(response.body().split("\n")).map(JsonMapper.shared()::readTree).toList();
		assertThat(lines).extracting((line) -> line.path("employeeId").stringValue()).containsExactly("E2", "E1");
		assertThat(lines.get(1).path("name").stringValue()).isEqualTo("张三");
		assertThat(lines.get(1).path("fetchedAt").stringValue()).isEqualTo(FETCHED_AT);
		assertThat(lines.get(1).path("balances").get(0).path("leaveTypeId").stringValue()).isEqualTo("7001");
	}

	@Test
	void theFormatFollowsTheAcceptHeadersQuality() {
		this.standIn.balances(employee("E1", "甲"));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1", "Accept",
				"text/csv;q=0.5, application/x-ndjson");

		assertThat(response.contentType()).startsWith("application/x-ndjson");
	}

	@Test
	void namedEmployeesAreAskedForAPageAtATimeAndGoIntoTheCache() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		List<String> ids = IntStream.rangeClosed(1, 45).mapToObj((i) -> "X" + i).toList();

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=" + String.join(",", ids),
				"Accept", "text/csv");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		String[] rows = response.body().split("\r\n");
		assertThat(rows).hasSize(46);
		assertThat(Stream.of(rows).skip(1).map((row) -> row.substring(0, row.indexOf(','))))
			.containsExactlyElementsOf(ids);
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSize(3)
			.allSatisfy((call) -> assertThat(call.queryParameter("employment_id_list").values())
				.hasSizeLessThanOrEqualTo(20));
		assertThat(this.gateway.get("/api/v1/leave-balances?employeeIds=X7,X45").cacheStatus())
			.isEqualTo(CacheStatus.HIT);
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

	@Test
	void anExportOfEveryEmployeeReadsEveryPageAndFillsTheCache() {
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, "p2", employee("E1", "甲"), employee("E2", "乙", balance("7001", "年假", 1, "1"))))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("p2"))
			.willReturn(ok(page(true, "p3", employee("E3", "丙", balance("7001", "年假", 1, "2"))))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("p3"))
			.willReturn(ok(page(false, null, employee("E4", "丁", balance("7001", "年假", 1, "3"))))));

		GatewayHttp.Response ndjson = this.gateway.get("/api/v1/leave-balances", "Accept", "application/x-ndjson");

		assertThat(ndjson.status()).as(ndjson.body()).isEqualTo(200);
		assertThat(Stream.of(ndjson.body().split("\n"))
			.map(JsonMapper.shared()::readTree)
			.map((line) -> line.path("employeeId").stringValue())).containsExactly("E1", "E2", "E3", "E4");
		assertThat(this.standIn.balanceRequests()).hasSize(3);

		GatewayHttp.Response one = this.gateway.get("/api/v1/employees/E3/leave-balances");
		assertThat(one.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(one.body()).contains("\"balance\":2");
		assertThat(this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2,E4").cacheStatus())
			.isEqualTo(CacheStatus.HIT);
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

	/**
	 * Feishu's second page is held back by a server the test controls (WireMock proxies
	 * that one call to it): the first page's rows must reach the client while it is held,
	 * or the export is not streamed.
	 */
	@Test
	void theFirstPagesRowsReachTheCallerWhileFeishuStillHoldsBackTheNext() throws Exception {
		CountDownLatch secondPageAsked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		HttpServer held = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		held.createContext("/", (exchange) -> {
			secondPageAsked.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] body = page(false, null, employee("E3", "丙")).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		held.start();
		try {
			this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
				.willReturn(ok(page(true, "p2", employee("E1", "甲", balance("7001", "年假", 1, "1")),
						employee("E2", "乙", balance("7001", "年假", 1, "2"))))));
			this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("p2"))
				.willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + held.getAddress().getPort())));

			HttpResponse<Stream<String>> response = export("text/csv");
			Iterator<String> lines = response.body().iterator();
			List<String> beforeRelease = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				beforeRelease.add(lines.next());
			}

			assertThat(release.getCount()).as("Feishu's second page is still held back").isEqualTo(1);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(beforeRelease).containsExactly(CSV_HEADER,
					"E1,甲,2025-06-02,7001,年假,DAY,1,0,0,0,0,0," + FETCHED_AT + ",",
					"E2,乙,2025-06-02,7001,年假,DAY,2,0,0,0,0,0," + FETCHED_AT + ",");
			assertThat(secondPageAsked.await(5, TimeUnit.SECONDS)).isTrue();
			release.countDown();
			List<String> rest = new ArrayList<>();
			lines.forEachRemaining(rest::add);
			// E3 has no balances, so no row; the export ends once the last page is in.
			assertThat(rest).isEmpty();
		}
		finally {
			release.countDown();
			held.stop(0);
		}
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	private HttpResponse<Stream<String>> export(String accept) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/leave-balances"))
			.header(GatewayHttp.API_KEY_HEADER, GatewayHttp.API_KEY)
			.header("Accept", accept)
			.build();
		return client.send(request, BodyHandlers.ofLines());
	}

}
