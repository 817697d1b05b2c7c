package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.Concurrently;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.FeishuStandIn.expireRecordsCall;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.records;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's own quotas and Feishu's 99991400, with small real quotas: leave_balances
 * 5 a second (a burst of 5, then a call as each send leaves the window), expire records 2
 * an hour (two permits, then none for the rest of the hour), max-wait 30 s. Each request
 * asks for one employee and batches hold one id, so that every request is one Feishu
 * call.
 * <p>
 * A limiter cannot be reset and Feishu's pause outlasts a test, so the tests run in a
 * fixed order in a context of their own; the one that makes Feishu pause leave_balances
 * for a minute is last.
 */
@DirtiesContext
@TestPropertySource(properties = { "feishu.quotas.leave-balances.limit=5", "feishu.quotas.leave-balances.period=1s",
		"feishu.quotas.leave-expire-records.limit=2", "feishu.quotas.leave-expire-records.period=1h",
		"feishu.quotas.max-wait=30s", "feishu.quotas.spacing-margin=0.2", "gateway.batching.max-size=1" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuotaApiTests extends GatewayStackTest {

	private static final int LIMIT = 5;

	private static final Duration PERIOD = Duration.ofSeconds(1);

	/**
	 * The window the engine counts sends in: the period plus a margin of 20 %, for the
	 * time between a permit and the call's arrival (a cold connection takes longer than
	 * the 2 % of production).
	 */
	private static final Duration WINDOW = Duration.ofMillis(1200);

	/**
	 * What separates a permit from the moment WireMock logs the call (thread wake-up,
	 * Netty, Jetty, a clock with millisecond steps). The limiter is exact at the permit;
	 * the stand-in sees the calls up to this much later, and not all equally late. Far
	 * below what a real breach looks like: a fixed-window limiter puts 2 x limit calls
	 * into a few milliseconds, a cycle of period / limit puts limit + 1 calls into 4
	 * cycles (800 ms here).
	 */
	private static final Duration JITTER = Duration.ofMillis(50);

	@Autowired
	private RateLimiterRegistry rateLimiters;

	@Test
	@Order(0)
	void theQuotasAreTakenFromTheirNamedPropertiesAndTheLimiterIsACoarseFirstGateThatNeverWaits() {
		RateLimiter balances = this.rateLimiters.rateLimiter("feishu-leave-balances");
		assertThat(balances.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(LIMIT);
		assertThat(balances.getRateLimiterConfig().getLimitRefreshPeriod()).isEqualTo(PERIOD);
		assertThat(balances.getRateLimiterConfig().getTimeoutDuration()).isZero();
		assertThat(this.rateLimiters.rateLimiter("feishu-leave-expire-records")
			.getRateLimiterConfig()
			.getLimitRefreshPeriod()).isEqualTo(Duration.ofHours(1));
		// feishu.quotas.token.* of GatewayStackTest: 100000 a second.
		assertThat(this.rateLimiters.rateLimiter("feishu-token").getRateLimiterConfig().getLimitForPeriod())
			.isEqualTo(100_000);
	}

	@Test
	@Order(1)
	void manyConcurrentCallersStayUnderTheLimitInEverySlidingWindow() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));

		List<GatewayHttp.Response> responses = Concurrently.run(20,
				(i) -> this.gateway.get("/api/v1/employees/S" + i + "/leave-balances"));

		assertThat(responses)
			.allSatisfy((response) -> assertThat(response.status()).as(response.body()).isEqualTo(200));
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSize(20);
		assertThat(mostCallsInAnyWindow(calls, PERIOD.minus(JITTER))).as("calls at (ms) %s", offsets(calls))
			.isLessThanOrEqualTo(LIMIT);
	}

	/**
	 * An idle window lets a burst up to the limit go at once, and not one call more: the
	 * rest wait for the first sends to leave the window.
	 */
	@Test
	@Order(2)
	void aBurstGoesAtOnceUpToTheLimitAndNotOneCallMoreInAnyWindow() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor()));
		// Let the window of the previous test empty.
		await().pollDelay(WINDOW.plusMillis(100)).until(() -> true);
		this.standIn.forgetRequests();

		List<GatewayHttp.Response> responses = Concurrently.run(2 * LIMIT,
				(i) -> this.gateway.get("/api/v1/employees/I" + i + "/leave-balances"));

		assertThat(responses)
			.allSatisfy((response) -> assertThat(response.status()).as(response.body()).isEqualTo(200));
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSize(2 * LIMIT);
		List<Long> offsets = offsets(calls);
		// The first LIMIT went together, the next only once the window had moved on.
		assertThat(offsets.get(LIMIT - 1)).as("calls at (ms) %s", offsets).isLessThan(PERIOD.toMillis() / 2);
		assertThat(mostCallsInAnyWindow(calls, PERIOD.minus(JITTER))).as("calls at (ms) %s", offsets)
			.isLessThanOrEqualTo(LIMIT);
	}

	@Test
	@Order(3)
	void aRequestThatWouldWaitLongerThanMaxWaitIsA429WithRetryAfterAndSendsNothing() {
		this.standIn.stub(expireRecordsCall("7001").willReturn(ok(records())));

		long started = System.nanoTime();
		List<GatewayHttp.Response> responses = Concurrently.run(4,
				(i) -> this.gateway.get("/api/v1/employees/G" + i + "/leave-types/7001/expiring-grants"));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		// The hour's two permits go to two of them; the next comes in about an hour, far
		// beyond max-wait.
		List<String> served = new ArrayList<>();
		for (int i = 0; i < responses.size(); i++) {
			GatewayHttp.Response response = responses.get(i);
			if (response.status() == 200) {
				served.add("G" + i);
				continue;
			}
			assertProblem(response, 429, "QUOTA_EXHAUSTED");
			// Retry-After: when waiting would fit in max-wait again, i.e. the next permit
			// (the hour plus this class's 20 % margin after the first send) minus
			// max-wait.
			assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(3600L, 4320L);
		}
		assertThat(served).hasSize(2);
		// Refused at once, not after sitting out the 30 s of max-wait first.
		assertThat(took).isLessThan(Duration.ofSeconds(15));
		List<LoggedRequest> calls = this.standIn.expireRecordRequests();
		assertThat(calls).hasSize(2);
		assertThat(calls).extracting(LoggedRequest::getBodyAsString)
			.anySatisfy((body) -> assertThat(body).contains("\"employment_id\":\"" + served.get(0) + "\""))
			.anySatisfy((body) -> assertThat(body).contains("\"employment_id\":\"" + served.get(1) + "\""));
	}

	@Test
	@Order(4)
	void feishus99991400WithAResetThatFitsInMaxWaitIsWaitedOutAndTheCallRetried() {
		this.standIn.balancesInTurn(
				answer(429, error(99991400, "request trigger frequency limit")).withHeader("x-ogw-ratelimit-limit", "5")
					.withHeader("x-ogw-ratelimit-reset", "1"),
				everyEmployeeAskedFor());

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/R1/leave-balances");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("employeeId").stringValue()).isEqualTo("R1");
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSize(2);
		// The second call waited for the second Feishu named (the log has millisecond
		// steps).
		assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
			.isGreaterThanOrEqualTo(990);
	}

	/** Last: Feishu's pause of leave_balances outlasts this class. */
	@Test
	@Order(5)
	void feishus99991400WithAResetBeyondMaxWaitIsA429AndTheApiIsLeftAloneUntilTheReset() {
		this.standIn.stub(balancesCall().willReturn(
				answer(429, error(99991400, "request trigger frequency limit")).withHeader("x-ogw-ratelimit-limit", "5")
					.withHeader("x-ogw-ratelimit-reset", "60")));

		GatewayHttp.Response response = this.gateway.get("/api/v1/employees/R2/leave-balances");

		JsonNode problem = assertProblem(response, 429, "UPSTREAM_RATE_LIMITED");
		assertThat(response.header("Retry-After")).isEqualTo("60");
		assertThat(problem.path("feishuCode").intValue()).isEqualTo(99991400);
		assertThat(this.standIn.balanceRequests()).hasSize(1);

		GatewayHttp.Response next = this.gateway.get("/api/v1/leave-balances?employeeIds=R3,R4");

		assertProblem(next, 429, "QUOTA_EXHAUSTED");
		// When asking again could fit the 30 s budget: the pause's end minus max-wait.
		assertThat(Long.parseLong(next.header("Retry-After"))).isBetween(20L, 30L);
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	/** When each call was logged, in ms after the first. */
	private static List<Long> offsets(List<LoggedRequest> calls) {
		List<Long> times = calls.stream().map((call) -> call.getLoggedDate().getTime()).sorted().toList();
		return times.stream().map((time) -> time - times.get(0)).toList();
	}

	/**
	 * The most calls WireMock logged within any window of {@code window} that starts at
	 * one of them.
	 */
	private static int mostCallsInAnyWindow(List<LoggedRequest> calls, Duration window) {
		List<Long> times = calls.stream().map((call) -> call.getLoggedDate().getTime()).sorted().toList();
		int most = 0;
		for (int i = 0; i < times.size(); i++) {
			int inWindow = 0;
			for (int j = i; j < times.size() && times.get(j) < times.get(i) + window.toMillis(); j++) {
				inWindow++;
			}
			most = Math.max(most, inWindow);
		}
		return most;
	}

}
