package com.leavegateway.sandbox;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import com.leavegateway.support.MutableClock;

class SlidingWindowTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));

	private final SlidingWindow window = new SlidingWindow(3, Duration.ofSeconds(60), this.clock);

	@Test
	void admitsUpToTheLimitThenTellsWhenTheOldestCallLeaves() {
		assertThat(this.window.tryAcquire()).isEmpty();
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.window.tryAcquire()).isEmpty();
		assertThat(this.window.tryAcquire()).isEmpty();
		this.clock.advance(Duration.ofMillis(500));
		// The first call, 10.5 s ago, leaves the window in 49.5 s: rounded up to 50.
		assertThat(this.window.tryAcquire()).hasValue(50);
	}

	@Test
	void slidesRatherThanResettingAtFixedBoundaries() {
		this.window.tryAcquire();
		this.clock.advance(Duration.ofSeconds(59));
		this.window.tryAcquire();
		this.window.tryAcquire();
		assertThat(this.window.tryAcquire()).hasValue(1);
		this.clock.advance(Duration.ofSeconds(1));
		// Only the first call has left: one slot, not three.
		assertThat(this.window.tryAcquire()).isEmpty();
		assertThat(this.window.tryAcquire()).hasValue(59);
	}

	@Test
	void rejectedCallsDoNotCount() {
		for (int i = 0; i < 3; i++) {
			this.window.tryAcquire();
		}
		for (int i = 0; i < 10; i++) {
			assertThat(this.window.tryAcquire()).isPresent();
		}
		this.clock.advance(Duration.ofSeconds(60));
		for (int i = 0; i < 3; i++) {
			assertThat(this.window.tryAcquire()).isEmpty();
		}
	}

	@Test
	void resetAtLeastOneSecondAndResetForgetsCalls() {
		SlidingWindow fast = new SlidingWindow(1, Duration.ofMillis(200), this.clock);
		assertThat(fast.tryAcquire()).isEmpty();
		assertThat(fast.tryAcquire()).hasValue(1);
		fast.reset();
		assertThat(fast.tryAcquire()).isEmpty();
	}

}
