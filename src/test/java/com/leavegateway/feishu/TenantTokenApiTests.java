package com.leavegateway.feishu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.FeishuStandIn.tokenBody;
import static com.leavegateway.support.FeishuStandIn.tokenCall;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token failures as the caller sees them. The context is shared, so its token cache may
 * be warm or cold when a test starts: each test is written so that its outcome and the
 * counts it checks do not depend on that. Every token and the app secret are checked to
 * appear in no answer and no log line of the gateway.
 */
class TenantTokenApiTests extends GatewayStackTest {

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final Logger gatewayLogger = (Logger) LoggerFactory.getLogger("com.leavegateway");

	private Level level;

	/** Every log line (the gateway's at DEBUG), but the stand-in's own. */
	@BeforeEach
	void recordTheLogs() {
		this.logs.addFilter(new Filter<>() {
			@Override
			public FilterReply decide(ILoggingEvent event) {
				String name = event.getLoggerName().toLowerCase(Locale.ROOT);
				return (name.contains("wiremock") || name.startsWith("org.eclipse.jetty")) ? FilterReply.DENY
						: FilterReply.NEUTRAL;
			}
		});
		this.logs.start();
		this.root.addAppender(this.logs);
		this.level = this.gatewayLogger.getLevel();
		this.gatewayLogger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void stopRecording() {
		this.root.detachAppender(this.logs);
		this.gatewayLogger.setLevel(this.level);
	}

	@Test
	void aRefusedTokenIsRenewedAndTheCallSucceeds() {
		String first = unique("t-first");
		String second = unique("t-second");
		// Whatever the cache holds now, afterwards it holds `first`.
		this.standIn.token(first, 7200);
		this.standIn.stub(balancesCall().willReturn(answer(400, error(99991663, "Invalid access token"))));
		this.standIn.stub(balancesCall().withHeader("Authorization", equalTo("Bearer " + first))
			.willReturn(ok(page(false, null, employee("E1", "甲")))));
		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").status()).isEqualTo(200);
		feishu.resetAll();
		this.standIn.token(second, 7200);
		this.standIn.stub(balancesCall().willReturn(answer(400, error(99991663, "Invalid access token"))));
		this.standIn.stub(balancesCall().withHeader("Authorization", equalTo("Bearer " + second))
			.willReturn(ok(page(false, null, employee("E2", "乙")))));

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E2/leave-balances");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("employeeId").stringValue()).isEqualTo("E2");
		assertThat(this.standIn.tokenRequests()).hasSize(1);
		assertThat(this.standIn.balanceRequests()).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer " + first, "Bearer " + second);
		assertNoSecretsLogged(first, second);
	}

	@ParameterizedTest
	@ValueSource(ints = { 99991661, 99991663, 99991664, 99991671, 99991677 })
	void aTokenRefusedTwiceIsA502AuthFailureAfterExactlyTwoBusinessCalls(int code) {
		String token = unique("t-refused");
		this.standIn.token(token, 7200);
		this.standIn
			.stub(balancesCall().willReturn(answer(400, error(code, "Invalid access token for authorization"))));

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/E1/leave-balances");

		JsonNode problem = assertProblem(response, 502, "UPSTREAM_AUTH_FAILED", token);
		assertThat(problem.path("feishuCode").intValue()).isEqualTo(code);
		assertThat(this.standIn.balanceRequests()).hasSize(2);
		assertNoSecretsLogged(token);
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 400 })
	void credentialsTheTokenEndpointRefusesAreA502AuthFailure(int status) {
		// A cached token is refused first, so that the gateway must go to the token
		// endpoint in any case.
		this.standIn.stub(balancesCall().willReturn(answer(400, error(99991663, "Invalid access token"))));
		this.standIn.stub(tokenCall().willReturn(answer(status, error(10014, "app secret invalid"))));

		GatewayHttp.Response response = this.gateway.get("/api/v1/leave-balances?employeeIds=E1");

		JsonNode problem = assertProblem(response, 502, "UPSTREAM_AUTH_FAILED");
		assertThat(problem.path("feishuCode").intValue()).isEqualTo(10014);
		assertThat(this.standIn.tokenRequests()).isNotEmpty();
		assertThat(this.standIn.balanceRequests()).hasSizeLessThanOrEqualTo(1);
		assertNoSecretsLogged();
	}

	@Test
	void aTokenAnswerWithoutATokenIsA502() {
		this.standIn.stub(balancesCall().willReturn(answer(400, error(99991663, "Invalid access token"))));
		this.standIn.stub(tokenCall().willReturn(ok("{\"code\":0,\"msg\":\"ok\",\"expire\":7200}")));

		assertThat(this.gateway.get("/api/v1/employees/E1/leave-balances").status()).isEqualTo(502);
		this.standIn.stub(tokenCall().willReturn(ok(tokenBody("t-no-expiry", 0))));
		assertProblem(this.gateway.get("/api/v1/employees/E1/leave-balances"), 502, "UPSTREAM_ERROR", "t-no-expiry");
	}

	private void assertNoSecretsLogged(String... tokens) {
		assertThat(this.logs.list).isNotEmpty();
		for (ILoggingEvent event : this.logs.list) {
			StringBuilder text = new StringBuilder(event.getFormattedMessage());
			for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
				text.append(' ').append(thrown.getMessage());
			}
			List<String> secrets = new ArrayList<>(List.of(tokens));
			secrets.add(GatewayStackTest.APP_SECRET);
			secrets.add(FeishuStandIn.TOKEN);
			assertThat(text.toString()).doesNotContain(secrets);
		}
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

}
