package com.leavegateway.quota;

import java.time.Duration;

/**
 * The permits a caller asked for cannot be had by its deadline. Raised up front when the
 * window, the callers ahead and a pause already say so, or when a waiting caller's
 * deadline passes; no permit is held and no queue place is left behind.
 */
public final class QuotaExhaustedException extends RuntimeException {

	private final String quota;

	private final Duration retryAfter;

	private final boolean beyondBudget;

	QuotaExhaustedException(String quota, Duration retryAfter, boolean beyondBudget) {
		super("Quota " + quota + " exhausted");
		this.quota = quota;
		this.retryAfter = retryAfter;
		this.beyondBudget = beyondBudget;
	}

	/**
	 * The exception for a caller who could have its permits this long after its deadline:
	 * asking again with the same budget after {@code late} could succeed. Whole seconds,
	 * at least one, as a {@code Retry-After} header carries them.
	 */
	static QuotaExhaustedException late(String quota, long lateNanos) {
		return late(quota, lateNanos, false);
	}

	static QuotaExhaustedException late(String quota, long lateNanos, boolean beyondBudget) {
		long seconds = Math.max(1, (Math.max(0, lateNanos) + 999_999_999L) / 1_000_000_000L);
		return new QuotaExhaustedException(quota, Duration.ofSeconds(seconds), beyondBudget);
	}

	/** The quota's name, as in {@link QuotaSpec#name()}. */
	public String quota() {
		return this.quota;
	}

	/**
	 * When asking again (with the same budget) could succeed, if nobody else arrived
	 * meanwhile: whole seconds, at least one.
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether the permits asked for need more windows than the budget spans even with an
	 * idle quota ({@code floor((n - 1) / threshold)} windows): asking again with the same
	 * budget will never succeed; the request must be smaller, or the budget or the quota
	 * larger. {@link #retryAfter()} is then only when the quota is as idle as it gets.
	 */
	public boolean beyondBudget() {
		return this.beyondBudget;
	}

}
