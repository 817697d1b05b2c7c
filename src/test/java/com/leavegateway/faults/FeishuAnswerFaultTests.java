package com.leavegateway.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Feishu answers HTTP 200 but the answer is wrong: an error code in the body, paging that
 * does not end, employees nobody asked for. Costs, recovery and what the cache holds
 * afterwards; a list is never served as complete when a page of it failed, not even a
 * streamed export.
 */
class FeishuAnswerFaultTests extends GatewayStackTest {

	private static final String EVERYONE = "/api/v1/leave-balances";

	@LocalServerPort
	private int port;

	@Test
	void aFeishuErrorCodeInAnHttp200IsA502AfterOneCallAndIsNotCached() {
		this.standIn
			.stub(balancesCall().willReturn(ok(error(1160023, "Error occurred when calculating the leave balance"))));

		JsonNode problem = assertProblem(this.gateway.get(E1_BALANCES), 502, "UPSTREAM_ERROR");

		assertThat(problem.path("feishuCode").intValue()).isEqualTo(1160023);
		assertThat(this.standIn.balanceRequests()).hasSize(1);
		assertFeishuHealsAndTheNextRequestGoesUpstream();
	}

	@Test
	@Timeout(20)
	void hasMoreWithAnEmptyPageTokenFailsTheListAfterOneCallAndCachesOnlyTheCompleteEmployeesOfThatPage() {
		this.standIn
			.stub(balancesCall().willReturn(ok(page(true, "", employee("E1", "甲", balance("7001", "年假", 1, "5.5"))))));

		assertProblem(this.gateway.get(EVERYONE), 502, "UPSTREAM_ERROR");
		assertThat(this.standIn.balanceRequests()).hasSize(1);

		// E1's page was whole (one employee, all their balances); what failed is the
		// list, which is never cached.
		GatewayHttp.Response e1 = this.gateway.get(E1_BALANCES);
		assertThat(e1.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(e1.json().path("balances").path(0).path("balance").decimalValue()).isEqualByComparingTo("5.5");
		assertProblem(this.gateway.get(EVERYONE), 502, "UPSTREAM_ERROR");
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	@Test
	@Timeout(20)
	void aRepeatingPageTokenFailsTheListAfterTwoCallsAndTheListIsAskedForAgainOnceFeishuHeals() {
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, "same", employee("E1", "甲")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("same"))
			.willReturn(ok(page(true, "same", employee("E2", "乙")))));

		assertProblem(this.gateway.get(EVERYONE), 502, "UPSTREAM_ERROR");
		assertThat(this.standIn.balanceRequests()).hasSize(2);

		feishu.resetAll();
		this.standIn.token(FeishuStandIn.TOKEN, 7200);
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, "p2", employee("E1", "甲")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("p2"))
			.willReturn(ok(page(false, null, employee("E2", "乙"), employee("E3", "丙")))));

		GatewayHttp.Response healed = this.gateway.get(EVERYONE);

		assertThat(healed.status()).as(healed.body()).isEqualTo(200);
		assertThat(healed.json().path("employees").findValuesAsString("employeeId")).containsExactly("E1", "E2", "E3");
		assertThat(this.standIn.balanceRequests()).hasSize(2);
	}

	/**
	 * A streamed export has sent its 200 and its first rows before the second page fails:
	 * the gateway then breaks the stream off instead of ending it, so the caller's HTTP
	 * client reports an incomplete answer rather than handing over a CSV that looks
	 * complete.
	 */
	@Test
	@Timeout(30)
	void anExportWhosePageFailsMidwayIsBrokenOffNotEndedAsIfComplete() throws Exception {
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, "p2", employee("E1", "甲", balance("7001", "年假", 1, "5.5"))))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("p2"))
			.willReturn(answer(500, error(1160015, "Internal error"))));
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + EVERYONE))
			.header(GatewayHttp.API_KEY_HEADER, GatewayHttp.API_KEY)
			.header("Accept", "text/csv")
			.timeout(Duration.ofSeconds(20))
			.build();

		assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(IOException.class);
		assertThat(this.standIn.balanceRequests()).hasSize(4);
	}

	@Test
	void employeesNobodyAskedForAreNeitherServedNorCached() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "1")),
				employee("X9", "外", balance("7001", "年假", 1, "99")));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1,E2");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("employees").findValuesAsString("employeeId")).containsExactly("E1");
		assertThat(response.json().path("notFound").valueStream().map(JsonNode::stringValue)).containsExactly("E2");
		assertThat(this.standIn.balanceRequests()).hasSize(1);

		// Neither X9 (not asked for) nor E2 (not found) is in the cache: both go
		// upstream.
		feishu.resetAll();
		this.standIn.token(FeishuStandIn.TOKEN, 7200);
		this.standIn.balances(employee("X9", "外", balance("7001", "年假", 1, "2")),
				employee("E2", "乙", balance("7001", "年假", 1, "3")));
		GatewayHttp.Response later = this.gateway.get("/api/v1/leave-balances?employeeIds=X9,E2");
		assertThat(later.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(later.json().path("employees").findValues("balance").stream().map(JsonNode::decimalValue).toList())
			.usingElementComparator(java.math.BigDecimal::compareTo)
			.containsExactly(new java.math.BigDecimal("2"), new java.math.BigDecimal("3"));
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	void anotherEmployeesBalancesAreNeverServedAsTheOneAskedFor() {
		this.standIn.balances(employee("X9", "外", balance("7001", "年假", 1, "99")));

		assertProblem(this.gateway.get(E1_BALANCES), 404, "EMPLOYEE_NOT_FOUND");

		assertThat(this.standIn.balanceRequests()).hasSize(1);
		assertFeishuHealsAndTheNextRequestGoesUpstream();
	}

}
