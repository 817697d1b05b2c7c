package com.leavegateway.feishu;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.ExpiringGrantsQuery;
import com.leavegateway.leave.UserIdType;
import com.leavegateway.support.Concurrently;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayStackTest;
import com.leavegateway.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.expireRecordsCall;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.FeishuStandIn.records;
import static com.leavegateway.support.FeishuStandIn.tokenBody;
import static com.leavegateway.support.FeishuStandIn.tokenCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The tenant access token: fetched with the app's credentials, cached for {@code expire}
 * seconds, renewed a margin before it runs out, by one caller at a time, and renewed once
 * more when Feishu refuses it. Each test has a client of its own, so the cache starts
 * cold and the clock is the test's.
 */
class TenantTokenTests {

	static final BalanceQuery QUERY = new BalanceQuery(UserIdType.PEOPLE_COREHR_ID, LocalDate.of(2025, 6, 2),
			ZoneId.of("Asia/Shanghai"), false);

	@RegisterExtension
	static final WireMockExtension feishu = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().containerThreads(250))
		.build();

	private final FeishuStandIn standIn = new FeishuStandIn(feishu);

	private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T20:30:00Z"));

	private StandInClients clients;

	private FeishuClient client;

	@BeforeEach
	void client() {
		this.clients = new StandInClients(feishu.baseUrl(), this.clock);
		this.client = this.clients.client();
	}

	@AfterEach
	void close() {
		this.clients.close();
	}

	@Test
	void fetchesTheTokenWithTheAppCredentialsAndSendsItAsBearer() {
		this.standIn.token("t-only", 7200);
		this.standIn.balances(employee("E1", "甲"));

		StandInClients.balances(this.client, QUERY, List.of("E1"));

		LoggedRequest tokenRequest = this.standIn.tokenRequests().get(0);
		// Jetty, under WireMock, upper-cases the charset when it records;
		// RawHttpRecorderTests see the exact bytes.
		assertThat(tokenRequest.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
		assertThat(equalToJson("{\"app_id\":\"" + GatewayStackTest.APP_ID + "\",\"app_secret\":\""
				+ GatewayStackTest.APP_SECRET + "\"}")
			.match(tokenRequest.getBodyAsString())
			.isExactMatch()).isTrue();
		assertThat(tokenRequest.containsHeader("Authorization")).isFalse();
		assertThat(this.standIn.balanceRequests().get(0).getHeader("Authorization")).isEqualTo("Bearer t-only");
	}

	@Test
	void usesOneTokenForEveryCallWhileItLasts() {
		this.standIn.tokensInTurn(7200, "t-1", "t-2");
		this.standIn.balances(employee("E1", "甲"));
		this.standIn.stub(expireRecordsCall("7001").willReturn(ok(records())));

		StandInClients.balances(this.client, QUERY, List.of("E1"));
		StandInClients.grants(this.client, new ExpiringGrantsQuery(UserIdType.PEOPLE_COREHR_ID, "E1", "7001",
				LocalDate.of(2025, 6, 2), LocalDate.of(2025, 8, 31), 480));
		this.clock.advance(Duration.ofHours(1));
		StandInClients.balances(this.client, QUERY, List.of("E1"));

		assertThat(this.standIn.tokenRequests()).hasSize(1);
		assertThat(this.standIn.allRequests()).filteredOn((request) -> request.containsHeader("Authorization"))
			.extracting((request) -> request.getHeader("Authorization"))
			.containsOnly("Bearer t-1")
			.hasSize(3);
	}

	@ParameterizedTest
	@CsvSource({ "7200, 6900", "1000, 700", "400, 200", "60, 30" })
	void renewsWhenTheClockReachesExpireMinusTheMarginOrHalfWayForShortTokens(long expire, long renewAfter) {
		this.standIn.tokensInTurn(expire, "t-1", "t-2", "t-3");
		this.standIn.balances(employee("E1", "甲"));

		StandInClients.balances(this.client, QUERY, List.of("E1"));
		this.clock.advance(Duration.ofSeconds(renewAfter - 1));
		StandInClients.balances(this.client, QUERY, List.of("E1"));
		assertThat(this.standIn.tokenRequests()).hasSize(1);
		this.clock.advance(Duration.ofSeconds(1));
		StandInClients.balances(this.client, QUERY, List.of("E1"));

		assertThat(this.standIn.tokenRequests()).hasSize(2);
		assertThat(this.standIn.balanceRequests()).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer t-1", "Bearer t-1", "Bearer t-2");
	}

	@Test
	void keepsTheCurrentTokenWhileRenewalFailsUntilItExpires() {
		this.standIn
			.stub(tokenCall().inScenario("tokens").willReturn(ok(tokenBody("t-1", 7200))).willSetStateTo("broken"));
		this.standIn.stub(tokenCall().inScenario("tokens")
			.whenScenarioStateIs("broken")
			.willReturn(answer(400, error(10014, "app secret invalid"))));
		this.standIn.balances(employee("E1", "甲"));

		StandInClients.balances(this.client, QUERY, List.of("E1"));
		this.clock.advance(Duration.ofSeconds(7000));
		assertThat(StandInClients.balances(this.client, QUERY, List.of("E1"))).hasSize(1);
		assertThat(this.standIn.tokenRequests()).hasSize(2);
		this.clock.advance(Duration.ofSeconds(200));

		assertThatExceptionOfType(FeishuErrorException.class)
			.isThrownBy(() -> StandInClients.balances(this.client, QUERY, List.of("E1")))
			.satisfies((ex) -> assertThat(ex.isAuthenticationFailure()).isTrue());
		assertThat(this.standIn.balanceRequests()).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer t-1", "Bearer t-1");
	}

	@Test
	void whileTheTokenEndpointFailsAValidTokenIsRenewedAtMostOncePerBackoffWithoutRetries() {
		this.standIn
			.stub(tokenCall().inScenario("tokens").willReturn(ok(tokenBody("t-1", 7200))).willSetStateTo("broken"));
		this.standIn.stub(tokenCall().inScenario("tokens")
			.whenScenarioStateIs("broken")
			.willReturn(answer(500, error(99991000, "internal error"))));
		this.standIn.balances(employee("E1", "甲"));
		StandInClients.answer(this.client, QUERY, List.of("E1"));
		this.clock.advance(Duration.ofSeconds(7200).minus(StandInClients.MARGIN));

		for (int i = 0; i < 5; i++) {
			assertThat(StandInClients.answer(this.client, QUERY, List.of("E1")).employees()).hasSize(1);
		}
		assertThat(this.standIn.tokenRequests()).as("the first fetch and one renewal, not retried").hasSize(2);

		this.clock.advance(StandInClients.RENEWAL_BACKOFF.minusMillis(1));
		StandInClients.answer(this.client, QUERY, List.of("E1"));
		assertThat(this.standIn.tokenRequests()).hasSize(2);

		this.clock.advance(Duration.ofMillis(1));
		StandInClients.answer(this.client, QUERY, List.of("E1"));
		StandInClients.answer(this.client, QUERY, List.of("E1"));
		assertThat(this.standIn.tokenRequests()).hasSize(3);
		assertThat(this.standIn.balanceRequests()).extracting((request) -> request.getHeader("Authorization"))
			.containsOnly("Bearer t-1");
	}

	@Test
	void twoHundredColdCallsAtOnceFetchOneToken() {
		this.standIn.stub(tokenCall().willReturn(ok(tokenBody("t-single", 7200)).withFixedDelay(300)));
		this.standIn.balances(employee("E1", "甲"));
		int callers = 200;

		List<List<Employee>> answers = Concurrently.run(callers,
				(i) -> StandInClients.balances(this.client, QUERY, List.of("E1")));

		assertThat(answers)
			.allSatisfy((answer) -> assertThat(answer).extracting(Employee::employeeId).containsExactly("E1"));
		assertThat(this.standIn.tokenRequests()).hasSize(1);
		assertThat(this.standIn.balanceRequests()).hasSize(callers)
			.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer t-single"));
	}

	@ParameterizedTest
	@CsvSource({ "99991661, 400", "99991663, 400", "99991664, 400", "99991671, 400", "99991677, 400", "99991661, 200",
			"99991663, 200", "99991664, 200", "99991671, 200", "99991677, 200" })
	void aRefusedTokenIsDroppedRenewedAndTheCallRetriedOnce(int code, int status) {
		this.standIn.tokensInTurn(7200, "t-1", "t-2", "t-3");
		this.standIn.stub(balancesCall().withHeader("Authorization", equalTo("Bearer t-1"))
			.willReturn(answer(status, error(code, "Invalid access token for authorization"))));
		this.standIn.stub(balancesCall().withHeader("Authorization", equalTo("Bearer t-2"))
			.willReturn(ok(page(false, null, employee("E1", "甲")))));

		assertThat(StandInClients.balances(this.client, QUERY, List.of("E1"))).extracting(Employee::employeeId)
			.containsExactly("E1");
		assertThat(this.standIn.tokenRequests()).hasSize(2);
		assertThat(this.standIn.balanceRequests()).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer t-1", "Bearer t-2");
	}

	@Test
	void theExpireRecordsCallIsRetriedWithTheRenewedTokenToo() {
		this.standIn.tokensInTurn(7200, "t-1", "t-2");
		this.standIn.stub(expireRecordsCall("7001").withHeader("Authorization", equalTo("Bearer t-1"))
			.willReturn(answer(400, error(99991677, "token expired"))));
		this.standIn.stub(
				expireRecordsCall("7001").withHeader("Authorization", equalTo("Bearer t-2")).willReturn(ok(records())));

		assertThat(StandInClients.grants(this.client, new ExpiringGrantsQuery(UserIdType.PEOPLE_COREHR_ID, "E1", "7001",
				LocalDate.of(2025, 6, 2), LocalDate.of(2025, 8, 31), 480)))
			.isEmpty();
		List<LoggedRequest> calls = this.standIn.expireRecordRequests();
		assertThat(calls).hasSize(2);
		assertThat(calls.get(1).getBodyAsString()).isEqualTo(calls.get(0).getBodyAsString()).contains("\"E1\"");
	}

	@Test
	void aTokenRefusedTwiceIsAnAuthenticationFailureAfterExactlyTwoCalls() {
		this.standIn.tokensInTurn(7200, "t-1", "t-2", "t-3");
		this.standIn.stub(balancesCall().willReturn(answer(400, error(99991663, "Invalid access token"))));

		assertThatExceptionOfType(FeishuErrorException.class)
			.isThrownBy(() -> StandInClients.balances(this.client, QUERY, List.of("E1")))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(99991663);
				assertThat(ex.isAuthenticationFailure()).isTrue();
			});
		assertThat(this.standIn.balanceRequests()).hasSize(2);
		assertThat(this.standIn.tokenRequests()).hasSize(2);
	}

	@Test
	void aBurstOfRefusedCallsCostsOneRenewal() {
		this.standIn.tokensInTurn(7200, "t-1", "t-2", "t-3");
		this.standIn.stub(balancesCall().withHeader("Authorization", equalTo("Bearer t-1"))
			.willReturn(answer(400, error(99991663, "Invalid access token")).withFixedDelay(100)));
		this.standIn.stub(balancesCall().withHeader("Authorization", equalTo("Bearer t-2"))
			.willReturn(ok(page(false, null, employee("E1", "甲")))));
		List<List<Employee>> answers = Concurrently.run(20,
				(i) -> StandInClients.balances(this.client, QUERY, List.of("E1")));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer).hasSize(1));
		assertThat(this.standIn.tokenRequests()).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 99991672, 10014 })
	void otherCodesAreNotTokenErrorsAndAreNotRetried(int code) {
		this.standIn.tokensInTurn(7200, "t-1", "t-2");
		this.standIn.stub(balancesCall().willReturn(answer(400, error(code, "no permission"))));

		assertThatExceptionOfType(FeishuErrorException.class)
			.isThrownBy(() -> StandInClients.balances(this.client, QUERY, List.of("E1")))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(code);
				assertThat(ex.isAuthenticationFailure()).isFalse();
			});
		assertThat(this.standIn.balanceRequests()).hasSize(1);
		assertThat(this.standIn.tokenRequests()).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 400 })
	void aTokenEndpointRefusingTheCredentialsIsAnAuthenticationFailure(int status) {
		this.standIn.stub(tokenCall().willReturn(answer(status, error(10014, "app secret invalid"))));
		this.standIn.balances(employee("E1", "甲"));

		assertThatExceptionOfType(FeishuErrorException.class)
			.isThrownBy(() -> StandInClients.balances(this.client, QUERY, List.of("E1")))
			.satisfies((ex) -> {
				assertThat(ex.api()).isEqualTo(FeishuApi.TOKEN);
				assertThat(ex.code()).isEqualTo(10014);
				assertThat(ex.isAuthenticationFailure()).isTrue();
				assertThat(ex.getMessage()).doesNotContain(GatewayStackTest.APP_SECRET);
			});
		assertThat(feishu.findAll(getRequestedFor(urlPathEqualTo(FeishuStandIn.LEAVE_BALANCES_PATH)))).isEmpty();
	}

}
