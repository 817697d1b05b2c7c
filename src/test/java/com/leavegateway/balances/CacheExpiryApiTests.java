package com.leavegateway.balances;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.FeishuStandIn.expireRecordsCall;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.record;
import static com.leavegateway.support.FeishuStandIn.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cached expiring grants expire after their TTL: 1 s here. Caffeine measures it on its
 * own ticker (System.nanoTime), not on the application's clock, so the test waits for it.
 * (Balances are judged on the application's clock: {@link StaleBalancesApiTests}.)
 */
@DirtiesContext
@TestPropertySource(properties = { "gateway.cache.expiring-grants.ttl=1s" })
class CacheExpiryApiTests extends GatewayStackTest {

	private static final Duration TTL = Duration.ofSeconds(1);

	@Test
	void expiringGrantsAreFetchedAgainOnceTheirTtlHasPassed() {
		this.standIn.stub(
				expireRecordsCall("7001").willReturn(ok(records(record("g1", "E1", "7001", "5", "3", "2025-08-31")))));
		String path = "/api/v1/employees/E1/leave-types/7001/expiring-grants";
		assertThat(this.gateway.get(path).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			assertThat(this.gateway.get(path).status()).isEqualTo(200);
			return this.standIn.expireRecordRequests().size() > 1;
		});

		assertFetchedTwiceAtLeastATtlApart(this.standIn.expireRecordRequests());
	}

	/**
	 * Hits in between cost nothing; the second fetch came no sooner than the TTL after
	 * the first.
	 */
	private static void assertFetchedTwiceAtLeastATtlApart(List<LoggedRequest> calls) {
		assertThat(calls).hasSize(2);
		long first = calls.get(0).getLoggedDate().getTime();
		long second = calls.get(1).getLoggedDate().getTime();
		assertThat(Math.abs(second - first)).isGreaterThanOrEqualTo(TTL.toMillis());
	}

}
