package com.leavegateway.balances;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;
import com.leavegateway.support.MutableClock;

import static com.leavegateway.support.FeishuStandIn.answer;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.error;
import static com.leavegateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The listing of every employee once its roster is past the balances' ttl (5 minutes), on
 * the application's clock moved by hand: within max-stale (10 minutes here) the stale
 * roster answers at once, its employees marked stale as entries are, while one background
 * refresh reads Feishu's listing anew; when Feishu fails the stale roster keeps
 * answering; no-cache still lists from Feishu and gets its failure; past max-stale the
 * listing is read from Feishu again. Refresh-ahead is off, so that every call is one a
 * test made.
 */
@DirtiesContext
@TestPropertySource(properties = { "gateway.cache.balances.max-stale=10m", "gateway.cache.refresh-ahead.enabled=false",
		"gateway.cache.refresh-ahead.retry-after-failure=1m" })
class StaleListingApiTests extends GatewayStackTest {

	private static final String EVERYONE = "/api/v1/leave-balances";

	@Autowired
	private MutableClock clock;

	@AfterEach
	void noRefreshLeftAndBackToNow() {
		awaitNoRefreshRunning();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_running", "cache", "balance-rosters") == 0);
		this.clock.set(NOW);
	}

	@Test
	void aStaleRosterAnswersAtOnceWhileOneBackgroundRefreshReadsTheListingAnew() {
		double refreshed = rosterRefreshes("success");
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")),
				employee("E2", "乙", balance("7001", "年假", 1, "3")));
		assertThat(this.gateway.get(EVERYONE).cacheStatus()).isEqualTo(CacheStatus.MISS);
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")),
				employee("E2", "乙", balance("7001", "年假", 1, "3")), employee("E3", "丙", balance("7001", "年假", 1, "1")));
		this.clock.advance(Duration.ofMinutes(6));

		GatewayHttp.Response stale = this.gateway.get(EVERYONE);

		assertThat(stale.status()).as(stale.body()).isEqualTo(200);
		assertThat(stale.cacheStatus()).isEqualTo(CacheStatus.stale(-60));
		assertThat(ids(stale.json())).containsExactly("E1", "E2");
		await().atMost(Duration.ofSeconds(10)).until(() -> rosterRefreshes("success") == refreshed + 1);
		GatewayHttp.Response renewed = this.gateway.get(EVERYONE);
		assertThat(renewed.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(ids(renewed.json())).containsExactly("E1", "E2", "E3");
		assertThat(listingCalls()).hasSize(2);
	}

	@Test
	void whenFeishuFailsTheStaleRosterKeepsAnsweringButNoCacheGetsTheFailure() {
		double failed = rosterRefreshes("failed");
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")),
				employee("E2", "乙", balance("7001", "年假", 1, "3")));
		GatewayHttp.Response first = this.gateway.get(EVERYONE);
		this.standIn.stub(balancesCall().willReturn(answer(500, error(1160015, "Internal error"))));
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(this.gateway.get(EVERYONE).cacheStatus()).isEqualTo(CacheStatus.stale(-60));
		await().atMost(Duration.ofSeconds(10)).until(() -> rosterRefreshes("failed") == failed + 1);
		awaitNoRefreshRunning();

		GatewayHttp.Response kept = this.gateway.get(EVERYONE);
		assertThat(kept.status()).as(kept.body()).isEqualTo(200);
		assertThat(kept.cacheStatus()).isEqualTo(CacheStatus.staleIfError(-60));
		assertThat(kept.json().path("employees")).isEqualTo(first.json().path("employees"));
		assertProblem(this.gateway.get(EVERYONE, "Cache-Control", "no-cache"), 502, "UPSTREAM_ERROR");
		assertThat(this.gateway.get(EVERYONE).status()).isEqualTo(200);
		// One roster refresh within retry-after-failure, however many read the roster.
		assertThat(rosterRefreshes("failed")).isEqualTo(failed + 1);
	}

	@Test
	void aRosterPastMaxStaleIsReadFromFeishuAgain() {
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")));
		this.gateway.get(EVERYONE);
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5")),
				employee("E2", "乙", balance("7001", "年假", 1, "3")));
		this.clock.advance(Duration.ofMinutes(16));

		GatewayHttp.Response listed = this.gateway.get(EVERYONE);

		assertThat(listed.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(ids(listed.json())).containsExactly("E1", "E2");
		assertThat(listingCalls()).hasSize(2);
	}

	private double rosterRefreshes(String outcome) {
		return metric("gateway_cache_refreshes_total", "cache", "balance-rosters", "outcome", outcome);
	}

	/** Feishu's listing calls: those that name no employee. */
	private List<?> listingCalls() {
		return this.standIn.balanceRequests()
			.stream()
			.filter((call) -> !call.getUrl().contains("employment_id_list"))
			.toList();
	}

	private static List<String> ids(JsonNode answer) {
		return answer.path("employees").findValuesAsString("employeeId");
	}

}
