package com.leavegateway.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * A rate limit counted over a sliding window: a log of the instants of admitted calls.
 * Feishu does not say whether its windows are fixed or sliding; sliding is the stricter
 * of the two, so a client that passes here passes there.
 */
final class SlidingWindow {

	private final int limit;

	private final Duration period;

	private final Clock clock;

	private final Deque<Instant> admitted = new ArrayDeque<>();

	SlidingWindow(int limit, Duration period, Clock clock) {
		this.limit = limit;
		this.period = period;
		this.clock = clock;
	}

	int limit() {
		return this.limit;
	}

	/**
	 * Admits a call and records it, or refuses it without recording it.
	 * @return empty when admitted; else the whole seconds, at least 1, until the oldest
	 * call leaves the window
	 */
	synchronized OptionalLong tryAcquire() {
		Instant now = this.clock.instant();
		Instant horizon = now.minus(this.period);
		while (!this.admitted.isEmpty() && !this.admitted.peekFirst().isAfter(horizon)) {
			this.admitted.pollFirst();
		}
		if (this.admitted.size() < this.limit) {
			this.admitted.addLast(now);
			return OptionalLong.empty();
		}
		Duration wait = Duration.between(horizon, this.admitted.peekFirst());
		long seconds = wait.getSeconds() + ((wait.getNano() > 0) ? 1 : 0);
		return OptionalLong.of(Math.max(1, seconds));
	}

	synchronized void reset() {
		this.admitted.clear();
	}

}
