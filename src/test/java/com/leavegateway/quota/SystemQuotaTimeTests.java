package com.leavegateway.quota;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemQuotaTimeTests {

	@Test
	void aFailingTaskDoesNotStopTheOnesAfterIt() throws InterruptedException {
		try (SystemQuotaTime time = new SystemQuotaTime()) {
			CountDownLatch ran = new CountDownLatch(1);
			time.schedule(() -> {
				throw new IllegalStateException("failing on purpose");
			}, 0);
			time.schedule(ran::countDown, 1_000_000);

			assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void aCancelledTaskLeavesTheTimersQueue() {
		try (SystemQuotaTime time = new SystemQuotaTime()) {
			QuotaTime.Scheduled scheduled = time.schedule(() -> {
			}, TimeUnit.HOURS.toNanos(1));

			scheduled.cancel();

			assertThat(time.queued()).isZero();
		}
	}

}
