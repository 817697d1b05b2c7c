package com.leavegateway.feishu;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.leavegateway.leave.Balance;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.LeaveUnit;
import com.leavegateway.leave.UserIdType;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.including;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * leave_balances as the client calls it: query parameters, id chunks, pages and their
 * tokens.
 */
class FeishuClientPagingTests {

	/**
	 * Feishu's own example of a page token: JSON, full of characters a URL must not carry
	 * raw.
	 */
	static final String JSON_TOKEN_1 = "{\"eu_nc\":\"[\\\"6994333322503669260\\\"]\"}";

	static final String JSON_TOKEN_2 = "{\"eu_nc\":\"[\\\"6994333322503669299\\\"]\"}";

	static final BalanceQuery QUERY = new BalanceQuery(UserIdType.PEOPLE_COREHR_ID, LocalDate.of(2025, 6, 2),
			ZoneId.of("Asia/Shanghai"), false);

	@RegisterExtension
	static final WireMockExtension feishu = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final FeishuStandIn standIn = new FeishuStandIn(feishu);

	private StandInClients clients;

	private FeishuClient client;

	@BeforeEach
	void client() {
		this.standIn.token(FeishuStandIn.TOKEN, 7200);
		this.clients = new StandInClients(feishu.baseUrl(), new MutableClock(Instant.parse("2025-06-01T20:30:00Z")));
		this.client = this.clients.client();
	}

	@AfterEach
	void close() {
		this.clients.close();
	}

	@Test
	void followsJsonPageTokensUntilHasMoreIsFalseSendingThemPercentEncoded() {
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, JSON_TOKEN_1, employee("E1", "甲"), employee("E2", "乙")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo(JSON_TOKEN_1))
			.willReturn(ok(page(true, JSON_TOKEN_2, employee("E3", "丙")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo(JSON_TOKEN_2))
			.willReturn(ok(page(false, null, employee("E4", "丁")))));

		List<List<String>> pages = new ArrayList<>();
		StandInClients.pages(this.client, QUERY, List.of(),
				(page) -> pages.add(page.stream().map(Employee::employeeId).toList()));

		assertThat(pages).containsExactly(List.of("E1", "E2"), List.of("E3"), List.of("E4"));
		List<LoggedRequest> requests = this.standIn.balanceRequests();
		assertThat(requests).hasSize(3);
		assertThat(requests.get(0).getUrl()).doesNotContain("page_token");
		assertThat(requests.get(1).getUrl())
			.contains("page_token=%7B%22eu_nc%22%3A%22%5B%5C%226994333322503669260%5C%22%5D%22%7D");
		assertThat(requests.get(2).getUrl()).contains("page_token=%7B%22eu_nc%22");
		assertThat(requests.get(2).queryParameter("page_token").firstValue()).isEqualTo(JSON_TOKEN_2);
	}

	@Test
	void sendsAPageTokenBackUnchangedWhateverCharactersItHolds() {
		String token = "a+b=c&d%20e f/g?h#i";
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, token, employee("E1", "甲")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo(token))
			.willReturn(ok(page(false, null, employee("E2", "乙")))));

		assertThat(StandInClients.balances(this.client, QUERY, List.of())).extracting(Employee::employeeId)
			.containsExactly("E1", "E2");
		LoggedRequest second = this.standIn.balanceRequests().get(1);
		assertThat(second.getUrl()).contains("page_token=a%2Bb%3Dc%26d%2520e%20f%2Fg%3Fh%23i");
		assertThat(second.queryParameter("page_token").values()).containsExactly(token);
	}

	@Test
	void alwaysSendsPageSizeIdTypeDateAndZoneAndIncludeOffboardOnlyWhenAsked() {
		this.standIn.balances(employee("E1", "甲"));

		StandInClients.balances(this.client, QUERY, List.of("E1"));
		StandInClients.balances(this.client,
				new BalanceQuery(UserIdType.OPEN_ID, LocalDate.of(2024, 12, 31), ZoneId.of("America/New_York"), true),
				List.of("ou_1"));

		List<LoggedRequest> requests = this.standIn.balanceRequests();
		LoggedRequest plain = requests.get(0);
		assertThat(plain.queryParameter("page_size").values()).containsExactly("20");
		assertThat(plain.queryParameter("user_id_type").values()).containsExactly("people_corehr_id");
		assertThat(plain.queryParameter("as_of_date").values()).containsExactly("2025-06-02");
		assertThat(plain.queryParameter("time_zone").values()).containsExactly("Asia/Shanghai");
		assertThat(plain.getUrl()).contains("time_zone=Asia%2FShanghai").doesNotContain("include_offboard");
		LoggedRequest offboard = requests.get(1);
		assertThat(offboard.queryParameter("user_id_type").values()).containsExactly("open_id");
		assertThat(offboard.queryParameter("as_of_date").values()).containsExactly("2024-12-31");
		assertThat(offboard.queryParameter("time_zone").values()).containsExactly("America/New_York");
		assertThat(offboard.queryParameter("include_offboard").values()).containsExactly("true");
		assertThat(offboard.queryParameter("employment_id_list").values()).containsExactly("ou_1");
	}

	@Test
	void everyEmployeeMeansNoIdListAtAll() {
		this.standIn.balances(employee("E1", "甲"), employee("E2", "乙"));

		assertThat(StandInClients.balances(this.client, QUERY, List.of())).extracting(Employee::employeeId)
			.containsExactly("E1", "E2");
		assertThat(this.standIn.balanceRequests().get(0).getUrl()).doesNotContain("employment_id_list");
	}

	@Test
	void sendsIdsAsRepeatedParametersAtMostOneHundredPerCall() {
		List<String> ids = ids(250);
		this.standIn.stub(balancesCall().willReturn(ok(page(false, null))));

		StandInClients.balances(this.client, QUERY, ids);

		List<LoggedRequest> requests = this.standIn.balanceRequests();
		assertThat(requests).extracting((request) -> request.queryParameter("employment_id_list").values().size())
			.containsExactly(100, 100, 50);
		assertThat(
				requests.stream().flatMap((request) -> request.queryParameter("employment_id_list").values().stream()))
			.containsExactlyElementsOf(ids);
		String url = requests.get(2).getUrl();
		assertThat(url.split("employment_id_list=", -1)).hasSize(51);
		assertThat(url).contains("employment_id_list=E200&employment_id_list=E201&").doesNotContain(",", "%2C");
	}

	@Test
	void pagesEachChunkOnItsOwn() {
		List<String> ids = ids(150);
		this.standIn.stub(balancesCall().withQueryParam("employment_id_list", including("E0"))
			.withQueryParam("page_token", absent())
			.willReturn(ok(page(true, "first-chunk-2", employee("E0", "甲")))));
		this.standIn.stub(balancesCall().withQueryParam("employment_id_list", including("E0"))
			.withQueryParam("page_token", equalTo("first-chunk-2"))
			.willReturn(ok(page(false, null, employee("E99", "乙")))));
		this.standIn.stub(balancesCall().withQueryParam("employment_id_list", including("E100"))
			.willReturn(ok(page(false, null, employee("E149", "丙")))));

		assertThat(StandInClients.balances(this.client, QUERY, ids)).extracting(Employee::employeeId)
			.containsExactly("E0", "E99", "E149");
		List<LoggedRequest> requests = this.standIn.balanceRequests();
		assertThat(requests).hasSize(3);
		assertThat(requests.get(1).queryParameter("employment_id_list").values()).hasSize(100);
		assertThat(requests.get(2).queryParameter("employment_id_list").values()).hasSize(50);
		assertThat(requests.get(2).getUrl()).doesNotContain("page_token");
	}

	@Test
	void asksForADuplicatedIdOnce() {
		this.standIn.balances(employee("E1", "甲"), employee("E2", "乙"));

		assertThat(StandInClients.balances(this.client, QUERY, List.of("E1", "E2", "E1")))
			.extracting(Employee::employeeId)
			.containsExactly("E1", "E2");
		assertThat(this.standIn.balanceRequests().get(0).queryParameter("employment_id_list").values())
			.containsExactly("E1", "E2");
	}

	@Test
	void handsOverAnEmployeeOnceEvenWhenFeishuRepeatsItOnTheNextPage() {
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, "p2", employee("E1", "甲")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("p2"))
			.willReturn(ok(page(false, null, employee("E1", "甲"), employee("E2", "乙")))));

		assertThat(StandInClients.balances(this.client, QUERY, List.of())).extracting(Employee::employeeId)
			.containsExactly("E1", "E2");
	}

	@Test
	void ignoresAnEmployeeNobodyAskedFor() {
		this.standIn.balances(employee("E1", "甲"), employee("INTRUDER", "外人"));

		assertThat(StandInClients.balances(this.client, QUERY, List.of("E1"))).extracting(Employee::employeeId)
			.containsExactly("E1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "EMPTY", "MISSING" })
	@Timeout(10)
	void hasMoreWithoutAPageTokenIsAnErrorNotALoop(String token) {
		this.standIn
			.stub(balancesCall().willReturn(ok(page(true, token.equals("EMPTY") ? "" : null, employee("E1", "甲")))));

		assertThatExceptionOfType(FeishuBadResponseException.class)
			.isThrownBy(() -> StandInClients.balances(this.client, QUERY, List.of()));
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	@Timeout(10)
	void aRepeatedPageTokenIsAnErrorNotALoop() {
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, "A", employee("E1", "甲")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("A"))
			.willReturn(ok(page(true, "B", employee("E2", "乙")))));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("B"))
			.willReturn(ok(page(true, "A", employee("E3", "丙")))));

		assertThatExceptionOfType(FeishuBadResponseException.class)
			.isThrownBy(() -> StandInClients.balances(this.client, QUERY, List.of()));
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1160006, 1160017 })
	void anUnknownIdDoesNotCostTheOthersTheirAnswer(int notFoundCode) {
		this.standIn.stub(balancesCall().atPriority(1)
			.withQueryParam("employment_id_list", including("U1"))
			.willReturn(answer(400, error(notFoundCode, "Employment not found"))));
		this.standIn.stub(balancesCall().atPriority(1)
			.withQueryParam("employment_id_list", including("U2"))
			.willReturn(answer(400, error(notFoundCode, "Employment not found"))));
		for (String id : List.of("E1", "E2", "E3")) {
			this.standIn.stub(balancesCall().atPriority(2)
				.withQueryParam("employment_id_list", havingExactly(id))
				.willReturn(ok(page(false, null, employee(id, id)))));
		}
		this.standIn.stub(balancesCall().atPriority(2)
			.withQueryParam("employment_id_list", havingExactly("E2", "E3"))
			.willReturn(ok(page(false, null, employee("E2", "E2"), employee("E3", "E3")))));

		assertThat(StandInClients.balances(this.client, QUERY, List.of("E1", "U1", "E2", "E3", "U2")))
			.extracting(Employee::employeeId)
			.containsExactlyInAnyOrder("E1", "E2", "E3");
		assertThat(this.standIn.balanceRequests()).hasSizeLessThanOrEqualTo(9);
	}

	@Test
	void employeesFeishuRefusesOrFailsOnAreIsolatedAndListedApartNotTakenForUnknownIds() {
		this.standIn.balancesFailFor("E2", 400, 1160035, "No permission to access the employee data");
		this.standIn.balancesFailFor("E3", 500, 1160018, "Invalid leave balance calculate Conf");
		this.standIn.balancesOf(List.of("E1"), employee("E1", "E1"));

		LeaveBalances answer = StandInClients.answer(this.client, QUERY, List.of("E1", "E2", "E3"));

		assertThat(answer.employees()).extracting(Employee::employeeId).containsExactly("E1");
		assertThat(answer.failed()).extracting(FailedEmployee::employeeId).containsExactlyInAnyOrder("E2", "E3");
		assertThat(answer.failed()).extracting((failed) -> failed.error().outcome())
			.containsExactlyInAnyOrder(FeishuOutcome.EMPLOYEE_REFUSED, FeishuOutcome.EMPLOYEE_ERROR);
		// [E1 E2 E3] -> [E1] ok, [E2 E3] -> [E2], [E3]: no retry of the 500.
		assertThat(this.standIn.balanceRequests()).hasSize(5);
	}

	@Test
	void anAnswerAboutTheAppIsNotSplitButFailsTheListAtOnce() {
		this.standIn.stub(balancesCall().willReturn(answer(400, error(99991672, "Access denied"))));

		assertThatExceptionOfType(FeishuErrorException.class)
			.isThrownBy(() -> StandInClients.balances(this.client, QUERY, List.of("E1", "E2")))
			.satisfies((ex) -> assertThat(ex.outcome()).isEqualTo(FeishuOutcome.APP_REFUSED));
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	@Test
	void readsTheBalanceFieldsAsFeishuNamesThemIntoTheGatewaysOwnRecords() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "2.5").put("this_cycle_total", "10")));

		Employee employee = StandInClients.balances(this.client, QUERY, List.of("E1")).get(0);

		assertThat(employee.names()).containsEntry("zh-CN", "甲");
		assertThat(employee.fetchedAt()).isEqualTo(Instant.parse("2025-06-01T20:30:00Z"));
		Balance balance = employee.balances().get(0);
		assertThat(balance.leaveTypeId()).isEqualTo("7001");
		assertThat(balance.leaveTypeNames()).containsEntry("zh-CN", "年假");
		assertThat(balance.balance()).isEqualByComparingTo("2.5");
		assertThat(balance.grantedThisCycle()).isEqualByComparingTo("10");
		assertThat(balance.unit()).isEqualTo(LeaveUnit.DAY);
	}

	private static List<String> ids(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "E" + i).toList();
	}

}
