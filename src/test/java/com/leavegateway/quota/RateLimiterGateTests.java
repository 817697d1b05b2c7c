package com.leavegateway.quota;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class RateLimiterGateTests {

	private final RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();

	private final QuotaSpec quota = new QuotaSpec("feishu-token", 2, Duration.ofHours(1), 0.02, 0.2, 8);

	@Test
	void registersALimiterOfTheWholeLimitPerPeriodThatNeverWaits() {
		RateLimiterGate gate = RateLimiterGate.register(this.registry, this.quota);

		RateLimiterConfig config = this.registry.rateLimiter("feishu-token").getRateLimiterConfig();
		assertThat(config.getLimitForPeriod()).isEqualTo(2);
		assertThat(config.getLimitRefreshPeriod()).isEqualTo(Duration.ofHours(1));
		assertThat(config.getTimeoutDuration()).isZero();
		// Without a permit it says no at once instead of parking the thread for an hour.
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
			assertThat(gate.tryPass()).isTrue();
			assertThat(gate.tryPass()).isTrue();
			assertThat(gate.tryPass()).isFalse();
		});
		assertThat(this.registry.rateLimiter("feishu-token").getMetrics().getAvailablePermissions()).isZero();
		assertThat(gate.retryIn()).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void refusesALimiterThatWouldParkItsCaller() {
		this.registry.rateLimiter("feishu-token",
				RateLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(10)).build());

		assertThatIllegalArgumentException().isThrownBy(() -> RateLimiterGate.register(this.registry, this.quota));
	}

}
