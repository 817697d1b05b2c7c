package com.leavegateway.quota;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

/**
 * A Resilience4j {@link RateLimiter} as the engine's {@link FirstGate}: {@code limit}
 * permits per {@code period}, time-out zero. Its fixed cycles are coarser than the exact
 * window (a window never holds more than {@code limit} sends, so neither does a cycle,
 * which is shorter), so it only says no when permits were given back after it counted
 * them; it is kept for its configuration, its actuator endpoint and its metrics
 * ({@code resilience4j_ratelimiter_*}), and it never spaces calls out or parks a thread.
 */
public final class RateLimiterGate implements FirstGate {

	private final RateLimiter limiter;

	/**
	 * A gate of an existing limiter, which must have a zero time-out: with any other,
	 * asking it would park the calling thread.
	 */
	public RateLimiterGate(RateLimiter limiter) {
		if (!limiter.getRateLimiterConfig().getTimeoutDuration().isZero()) {
			throw new IllegalArgumentException(
					"Rate limiter " + limiter.getName() + " has a time-out; a quota's first gate never waits");
		}
		this.limiter = limiter;
	}

	/**
	 * The registry's limiter named after the quota, set to {@code limit} permits per
	 * {@code period} and no waiting. A limiter of that name already in the registry is
	 * used as it is (a registry keeps the first configuration it was given), and refused
	 * when it could wait.
	 */
	public static RateLimiterGate register(RateLimiterRegistry registry, QuotaSpec quota) {
		RateLimiterConfig config = RateLimiterConfig.custom()
			.limitForPeriod(quota.limit())
			.limitRefreshPeriod(quota.period())
			.timeoutDuration(Duration.ZERO)
			.build();
		return new RateLimiterGate(registry.rateLimiter(quota.name(), config));
	}

	@Override
	public boolean tryPass() {
		// With a zero time-out this answers at once; it never parks.
		return this.limiter.acquirePermission();
	}

	@Override
	public Duration retryIn() {
		RateLimiterConfig config = this.limiter.getRateLimiterConfig();
		Duration step = config.getLimitRefreshPeriod().dividedBy(Math.max(1, config.getLimitForPeriod()));
		return (step.compareTo(Duration.ofMillis(1)) < 0) ? Duration.ofMillis(1) : step;
	}

}
