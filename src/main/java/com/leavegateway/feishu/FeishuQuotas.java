package com.leavegateway.feishu;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * One Resilience4j rate limiter per Feishu API, set up so that no sliding window of the quota's period ever holds
 * more than its limit, plus the pause Feishu asks for when it answers 99991400 all the same.
 * <p>
 * Resilience4j's limiter hands out permits in fixed cycles. With {@code limit} permits a cycle of {@code period},
 * a burst at the end of one cycle and another at the start of the next put {@code 2 * limit} calls into one
 * window. With one permit a cycle the first call of an idle limiter may still fall at the very end of its cycle,
 * so {@code limit + 1} calls span just over {@code (limit - 1)} cycles; a cycle of {@code period / (limit - 1)}
 * makes that span at least {@code period}. The price is one call a window (99 of Feishu's 100 a minute).
 */
final class FeishuQuotas {

	private final Map<FeishuApi, RateLimiter> limiters = new EnumMap<>(FeishuApi.class);

	/** Per API, the System.nanoTime() before which Feishu asked not to be called (0: no pause). */
	private final Map<FeishuApi, AtomicLong> pausedUntil = new EnumMap<>(FeishuApi.class);

	private final Duration maxWait;

	FeishuQuotas(FeishuProperties.Quotas quotas, RateLimiterRegistry registry) {
		this.maxWait = quotas.maxWait();
		this.limiters.put(FeishuApi.TOKEN, register(registry, FeishuApi.TOKEN, quotas.token(), quotas.spacingMargin()));
		this.limiters.put(FeishuApi.LEAVE_BALANCES, register(registry, FeishuApi.LEAVE_BALANCES, quotas.leaveBalances(), quotas.spacingMargin()));
		this.limiters.put(FeishuApi.LEAVE_EXPIRE_RECORDS,
				register(registry, FeishuApi.LEAVE_EXPIRE_RECORDS, quotas.leaveExpireRecords(), quotas.spacingMargin()));
		for (FeishuApi api : FeishuApi.values()) {
			this.pausedUntil.put(api, new AtomicLong());
		}
	}

	private RateLimiter register(RateLimiterRegistry registry, FeishuApi api, FeishuProperties.Quota quota,
			double spacingMargin) {
		Duration cycle = quota.period().dividedBy(quota.limit() - 1);
		RateLimiterConfig config = RateLimiterConfig.custom()
			.limitForPeriod(1)
			.limitRefreshPeriod(cycle.plusNanos(Math.round(cycle.toNanos() * spacingMargin)))
			.timeoutDuration(this.maxWait)
			.build();
		return registry.rateLimiter(api.id(), config);
	}

	Duration maxWait() {
		return this.maxWait;
	}

	/**
	 * Waits out a pause Feishu asked for, then for a permit, in all up to {@code feishu.quotas.max-wait}; a longer
	 * wait is refused at once with the time after which asking again makes sense.
	 */
	void acquire(FeishuApi api) {
		long pauseNanos = this.pausedUntil.get(api).get() - System.nanoTime();
		if (pauseNanos > 0) {
			if (pauseNanos > this.maxWait.toNanos()) {
				throw new QuotaExhaustedException(api, Duration.ofNanos(pauseNanos));
			}
			parkFor(pauseNanos);
		}
		RateLimiter limiter = this.limiters.get(api);
		// reservePermission, not acquirePermission: the latter sits out the whole max-wait before it says no.
		long waitNanos = limiter.reservePermission();
		if (waitNanos < 0) {
			throw new QuotaExhaustedException(api, retryAfter(limiter));
		}
		if (waitNanos > 0) {
			parkFor(waitNanos);
			if (Thread.currentThread().isInterrupted()) {
				throw new QuotaExhaustedException(api, retryAfter(limiter));
			}
		}
	}

	/** Feishu answered 99991400: no call to {@code api} until {@code reset} has passed. */
	void pause(FeishuApi api, Duration reset) {
		long until = System.nanoTime() + reset.toNanos();
		this.pausedUntil.get(api).accumulateAndGet(until, (current, next) -> (next - current > 0) ? next : current);
	}

	private static void parkFor(long nanos) {
		long deadline = System.nanoTime() + nanos;
		for (long left = nanos; left > 0 && !Thread.currentThread().isInterrupted(); left = deadline
				- System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	/** When waiting for a permit would take no longer than max-wait again. */
	private Duration retryAfter(RateLimiter limiter) {
		Duration wait = (limiter instanceof AtomicRateLimiter atomic)
				? Duration.ofNanos(atomic.getDetailedMetrics().getNanosToWait()).minus(this.maxWait)
				: limiter.getRateLimiterConfig().getLimitRefreshPeriod();
		return (wait.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1)
				: Duration.ofSeconds(TimeUnit.NANOSECONDS.toSeconds(wait.toNanos()) + 1);
	}

}
