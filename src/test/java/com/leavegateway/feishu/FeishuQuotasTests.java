package com.leavegateway.feishu;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FeishuQuotas} on its own: one limiter per API from its own quota, and refusals
 * that come at once. Quotas of 2 an hour give one permit now and the next in about an
 * hour, so nothing here depends on timing.
 */
class FeishuQuotasTests {

	private static final Duration MAX_WAIT = Duration.ofSeconds(5);

	private final RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();

	private final FeishuQuotas quotas = new FeishuQuotas(
			new FeishuProperties.Quotas(new FeishuProperties.Quota(100, Duration.ofMinutes(1)),
					new FeishuProperties.Quota(50, Duration.ofSeconds(1)),
					new FeishuProperties.Quota(2, Duration.ofHours(1)), MAX_WAIT, 0),
			this.registry);

	@Test
	void eachApiHasALimiterOfOnePermitEveryPeriodOverLimitMinusOne() {
		assertConfig("feishu-leave-balances", Duration.ofMinutes(1).dividedBy(99));
		assertConfig("feishu-leave-expire-records", Duration.ofSeconds(1).dividedBy(49));
		assertConfig("feishu-token", Duration.ofHours(1));
	}

	@Test
	void aPermitBeyondMaxWaitIsRefusedAtOnceWithWhenToAskAgain() {
		this.quotas.acquire(FeishuApi.TOKEN);

		long started = System.nanoTime();
		assertThatExceptionOfType(QuotaExhaustedException.class).isThrownBy(() -> this.quotas.acquire(FeishuApi.TOKEN))
			.satisfies((ex) -> {
				assertThat(ex.api()).isEqualTo(FeishuApi.TOKEN);
				// The next permit in under an hour, minus the max-wait a caller may wait
				// for it anyway.
				assertThat(ex.retryAfter()).isBetween(Duration.ofMinutes(50),
						Duration.ofHours(1).minus(MAX_WAIT).plusSeconds(1));
			});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MAX_WAIT);
		// Other APIs have quotas of their own.
		this.quotas.acquire(FeishuApi.LEAVE_BALANCES);
		this.quotas.acquire(FeishuApi.LEAVE_EXPIRE_RECORDS);
	}

	@Test
	void aPauseLongerThanMaxWaitIsRefusedAtOnceForThatApiOnly() {
		this.quotas.pause(FeishuApi.LEAVE_BALANCES, Duration.ofSeconds(52));

		assertThatExceptionOfType(QuotaExhaustedException.class)
			.isThrownBy(() -> this.quotas.acquire(FeishuApi.LEAVE_BALANCES))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(52)));
		this.quotas.acquire(FeishuApi.LEAVE_EXPIRE_RECORDS);
	}

	@Test
	void callsThatAllBecameDueAtOnceAreStillSpreadOverThePeriod() {
		// As after a JVM stall: three permits' holders wake together and a fourth call
		// follows at once.
		FeishuQuotas.SendLog log = new FeishuQuotas.SendLog(new FeishuProperties.Quota(3, Duration.ofMillis(300)), 0);
		long first = System.nanoTime();
		log.awaitRoom();
		log.awaitRoom();
		log.awaitRoom();
		log.awaitRoom();

		assertThat(Duration.ofNanos(System.nanoTime() - first)).as("the 4th call waits for the 1st to leave the window")
			.isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void aPrepaidPermitIsUsedByTheNextCallInsteadOfASecondOne() {
		this.quotas.prepay(FeishuApi.TOKEN);
		this.quotas.acquire(FeishuApi.TOKEN);

		// The token quota (2 an hour, so one permit an hour) is now spent: had acquire
		// taken a permit of its own,
		// it would have been refused above.
		assertThatExceptionOfType(QuotaExhaustedException.class).isThrownBy(() -> this.quotas.acquire(FeishuApi.TOKEN));
	}

	@Test
	void aForgottenPrepaidPermitIsSimplyLost() {
		this.quotas.prepay(FeishuApi.TOKEN);
		this.quotas.forgetPrepaid();

		assertThatExceptionOfType(QuotaExhaustedException.class).isThrownBy(() -> this.quotas.acquire(FeishuApi.TOKEN));
	}

	@Test
	void theSpacingMarginSpacesCallsFurtherApart() {
		RateLimiterRegistry withMargin = RateLimiterRegistry.ofDefaults();
		new FeishuQuotas(new FeishuProperties.Quotas(new FeishuProperties.Quota(100, Duration.ofMinutes(1)),
				new FeishuProperties.Quota(50, Duration.ofSeconds(1)),
				new FeishuProperties.Quota(2, Duration.ofHours(1)), MAX_WAIT, 0.02), withMargin);

		Duration cycle = Duration.ofMinutes(1).dividedBy(99);
		assertThat(withMargin.rateLimiter("feishu-leave-balances").getRateLimiterConfig().getLimitRefreshPeriod())
			.isEqualTo(cycle.plusNanos(Math.round(cycle.toNanos() * 0.02)));
	}

	@Test
	void aShorterPauseNeverShortensALongerOne() {
		this.quotas.pause(FeishuApi.LEAVE_BALANCES, Duration.ofSeconds(52));
		this.quotas.pause(FeishuApi.LEAVE_BALANCES, Duration.ofSeconds(1));

		assertThatExceptionOfType(QuotaExhaustedException.class)
			.isThrownBy(() -> this.quotas.acquire(FeishuApi.LEAVE_BALANCES));
	}

	private void assertConfig(String name, Duration cycle) {
		RateLimiterConfig config = this.registry.rateLimiter(name).getRateLimiterConfig();
		assertThat(config.getLimitForPeriod()).as(name).isEqualTo(1);
		assertThat(config.getLimitRefreshPeriod()).as(name).isEqualTo(cycle);
		assertThat(config.getTimeoutDuration()).as(name).isEqualTo(MAX_WAIT);
	}

}
