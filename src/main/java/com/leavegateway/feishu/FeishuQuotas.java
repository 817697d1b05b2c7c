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

/**
 * One Resilience4j rate limiter per Feishu API, set up so that no sliding window of the
 * quota's period ever holds more than its limit, plus the pause Feishu asks for when it
 * answers 99991400 all the same.
 * <p>
 * Resilience4j's limiter hands out permits in fixed cycles. With {@code limit} permits a
 * cycle of {@code period}, a burst at the end of one cycle and another at the start of
 * the next put {@code 2 * limit} calls into one window. With one permit a cycle the first
 * call of an idle limiter may still fall at the very end of its cycle, so
 * {@code limit + 1} calls span just over {@code (limit - 1)} cycles; a cycle of
 * {@code period / (limit - 1)} makes that span at least {@code period}. The price is one
 * call a window (99 of Feishu's 100 a minute).
 * <p>
 * The limiter hands out permits for the future: a thread parks until its turn. If the JVM
 * stalls (a long GC, CPU starvation), every thread whose turn passed meanwhile wakes at
 * once. A {@link SendLog} of the last {@code limit} sends per API therefore checks, at
 * the moment of sending, that the call would not be the {@code limit + 1}th in any window
 * of {@code period}, and waits if it would.
 * <p>
 * A caller that gathers work while it waits (a batch of employees) may take its permit
 * first with {@link #prepay}; its next {@link #acquire} of that API on the same thread
 * then uses it.
 */
final class FeishuQuotas {

	private final Map<FeishuApi, RateLimiter> limiters = new EnumMap<>(FeishuApi.class);

	/**
	 * Per API, the System.nanoTime() before which Feishu asked not to be called (0: no
	 * pause).
	 */
	private final Map<FeishuApi, AtomicLong> pausedUntil = new EnumMap<>(FeishuApi.class);

	private final Map<FeishuApi, SendLog> sendLogs = new EnumMap<>(FeishuApi.class);

	/** The API whose permit this thread already holds, taken by {@link #prepay}. */
	private final ThreadLocal<FeishuApi> prepaid = new ThreadLocal<>();

	private final Duration maxWait;

	FeishuQuotas(FeishuProperties.Quotas quotas, RateLimiterRegistry registry) {
		this.maxWait = quotas.maxWait();
		this.sendLogs.put(FeishuApi.TOKEN, new SendLog(quotas.token(), quotas.spacingMargin()));
		this.sendLogs.put(FeishuApi.LEAVE_BALANCES, new SendLog(quotas.leaveBalances(), quotas.spacingMargin()));
		this.sendLogs.put(FeishuApi.LEAVE_EXPIRE_RECORDS,
				new SendLog(quotas.leaveExpireRecords(), quotas.spacingMargin()));
		this.limiters.put(FeishuApi.TOKEN, register(registry, FeishuApi.TOKEN, quotas.token(), quotas.spacingMargin()));
		this.limiters.put(FeishuApi.LEAVE_BALANCES,
				register(registry, FeishuApi.LEAVE_BALANCES, quotas.leaveBalances(), quotas.spacingMargin()));
		this.limiters.put(FeishuApi.LEAVE_EXPIRE_RECORDS, register(registry, FeishuApi.LEAVE_EXPIRE_RECORDS,
				quotas.leaveExpireRecords(), quotas.spacingMargin()));
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
	 * Waits out a pause Feishu asked for, then for a permit, in all up to
	 * {@code feishu.quotas.max-wait}; a longer wait is refused at once with the time
	 * after which asking again makes sense.
	 */
	void acquire(FeishuApi api) {
		if (this.prepaid.get() == api) {
			this.prepaid.remove();
			this.sendLogs.get(api).awaitRoom();
			return;
		}
		acquireFromLimiter(api);
		this.sendLogs.get(api).awaitRoom();
	}

	private void acquireFromLimiter(FeishuApi api) {
		long pauseNanos = this.pausedUntil.get(api).get() - System.nanoTime();
		if (pauseNanos > 0) {
			if (pauseNanos > this.maxWait.toNanos()) {
				throw new QuotaExhaustedException(api, Duration.ofNanos(pauseNanos));
			}
			parkFor(pauseNanos);
		}
		RateLimiter limiter = this.limiters.get(api);
		// reservePermission, not acquirePermission: the latter sits out the whole
		// max-wait before it says no.
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

	/**
	 * Takes a permit of {@code api} now (waiting as {@link #acquire} does) for this
	 * thread's next call of it. Pair with {@link #forgetPrepaid} in a finally block: a
	 * permit not used is simply lost.
	 */
	void prepay(FeishuApi api) {
		forgetPrepaid();
		acquireFromLimiter(api);
		this.prepaid.set(api);
	}

	void forgetPrepaid() {
		this.prepaid.remove();
	}

	/**
	 * Feishu answered 99991400: no call to {@code api} until {@code reset} has passed.
	 */
	void pause(FeishuApi api, Duration reset) {
		long until = System.nanoTime() + reset.toNanos();
		this.pausedUntil.get(api).accumulateAndGet(until, (current, next) -> (next - current > 0) ? next : current);
	}

	private static void parkFor(long nanos) {
		long deadline = System.nanoTime() + nanos;
		for (long left = nanos; left > 0
				&& !Thread.currentThread().isInterrupted(); left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	/**
	 * The send times of the last {@code limit} calls of one API: a call may go only when
	 * the oldest of them is at least {@code period} (plus the spacing margin, for jitter
	 * on the way to Feishu) old, so no window of {@code period} ever holds more than
	 * {@code limit} sends.
	 */
	static final class SendLog {

		private final long[] sentAt;

		private final long periodNanos;

		private int oldest;

		private int sends;

		SendLog(FeishuProperties.Quota quota, double spacingMargin) {
			this.sentAt = new long[quota.limit()];
			this.periodNanos = Math.round(quota.period().toNanos() * (1 + spacingMargin));
		}

		/** Waits, if need be, until one more call fits, and records it as sent now. */
		synchronized void awaitRoom() {
			if (this.sends == this.sentAt.length) {
				long wait = this.sentAt[this.oldest] + this.periodNanos - System.nanoTime();
				if (wait > 0) {
					parkFor(wait);
				}
			}
			else {
				this.sends++;
			}
			this.sentAt[this.oldest] = System.nanoTime();
			this.oldest = (this.oldest + 1) % this.sentAt.length;
		}

	}

	/**
	 * When waiting for a permit would take no longer than max-wait again. The limiter's
	 * public metrics tell how many permits are promised ahead (negative available
	 * permissions), not how far into its cycle it is; taking the cycle as just begun errs
	 * late by at most one cycle, never early.
	 */
	private Duration retryAfter(RateLimiter limiter) {
		long promised = Math.max(0, -(long) limiter.getMetrics().getAvailablePermissions());
		Duration wait = limiter.getRateLimiterConfig()
			.getLimitRefreshPeriod()
			.multipliedBy(promised + 1)
			.minus(this.maxWait);
		return (wait.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1)
				: Duration.ofSeconds(TimeUnit.NANOSECONDS.toSeconds(wait.toNanos()) + 1);
	}

}
