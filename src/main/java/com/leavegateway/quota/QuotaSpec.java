package com.leavegateway.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * One upstream quota as the engine enforces it.
 *
 * @param name The quota's name, unique in one engine (for Feishu, the API's id, e.g.
 * {@code feishu-leave-balances}); also the {@code quota} tag of the metrics and part of
 * the shared store's keys.
 * @param limit Most sends in any window.
 * @param period The upstream's window.
 * @param spacingMargin Extra length of the window the engine counts in, as a fraction of
 * the period (0.02 = 2 %): the upstream counts arrivals, the engine counts sends, and the
 * margin absorbs the jitter between the two.
 * @param interactiveReserve The share of every window that {@link Priority#BULK} and
 * {@link Priority#BACKGROUND} calls never take (below 0.5).
 * @param maxConcurrentCalls Most calls of this quota in flight at once (per engine, that
 * is per replica): a permit is only granted when its call can be sent at once.
 * @param fullAfterLoss Whether a shared window whose log was lost (the store restarted or
 * was flushed, or never held it) counts as full for one period: the upstream may still
 * count the calls of the last period. Not needed for a bound of one's own that the
 * upstream does not enforce.
 */
public record QuotaSpec(String name, int limit, Duration period, double spacingMargin, double interactiveReserve,
		int maxConcurrentCalls, boolean fullAfterLoss) {

	/** A quota the upstream enforces: full after a loss. */
	public QuotaSpec(String name, int limit, Duration period, double spacingMargin, double interactiveReserve,
			int maxConcurrentCalls) {
		this(name, limit, period, spacingMargin, interactiveReserve, maxConcurrentCalls, true);
	}

	public QuotaSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(period, "period");
		if (name.isBlank() || name.chars().anyMatch((c) -> c == '{' || c == '}' || Character.isWhitespace(c))) {
			// Braces would break the shared store's key hash tags.
			throw new IllegalArgumentException("Quota name must be a plain token: '" + name + "'");
		}
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1: " + limit);
		}
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("period must be positive: " + period);
		}
		if (!(spacingMargin >= 0 && spacingMargin <= 1)) {
			throw new IllegalArgumentException("spacingMargin must be within [0, 1]: " + spacingMargin);
		}
		if (!(interactiveReserve >= 0 && interactiveReserve < 0.5)) {
			throw new IllegalArgumentException("interactiveReserve must be within [0, 0.5): " + interactiveReserve);
		}
		if (maxConcurrentCalls < 1) {
			throw new IllegalArgumentException("maxConcurrentCalls must be at least 1: " + maxConcurrentCalls);
		}
	}

	/**
	 * The window sends are counted in: {@code period x (1 + spacingMargin)}. No window of
	 * this length ever holds more than {@link #limit()} sends.
	 */
	public Duration window() {
		return this.period.plusNanos(Math.round(this.period.toNanos() * this.spacingMargin));
	}

	/**
	 * Most sends a window may hold after a send of this class: the limit for
	 * {@link Priority#INTERACTIVE}, {@code floor(limit x (1 - reserve))} for
	 * {@link Priority#BULK}, and for {@link Priority#BACKGROUND} the most that stays
	 * below {@code limit x (1 - 2 x reserve)}. Never below one, so that every class still
	 * gets a call through on a tiny quota (a limit of 1 or 2 in tests) instead of
	 * starving for ever. Computed in decimal, so that 100 x (1 - 0.2) is 80, not 79.
	 */
	public int threshold(Priority priority) {
		BigDecimal limit = BigDecimal.valueOf(this.limit);
		BigDecimal reserve = BigDecimal.valueOf(this.interactiveReserve);
		int most = switch (priority) {
			case INTERACTIVE -> this.limit;
			case BULK -> limit.multiply(BigDecimal.ONE.subtract(reserve)).setScale(0, RoundingMode.FLOOR).intValue();
			case BACKGROUND -> limit.multiply(BigDecimal.ONE.subtract(reserve.multiply(BigDecimal.valueOf(2))))
				.setScale(0, RoundingMode.CEILING)
				.intValue() - 1;
		};
		return Math.max(1, most);
	}

}
