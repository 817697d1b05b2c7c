package com.leavegateway.balances;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the request that opened a batch waits for others to join it: until the batch is
 * full ({@code full} counted down) or the window has passed. Production waits on the
 * system's time; a test lets windows pass by hand.
 */
@FunctionalInterface
interface BatchWindow {

	BatchWindow SYSTEM = (full, window) -> full.await(window.toNanos(), TimeUnit.NANOSECONDS);

	void await(CountDownLatch full, Duration window) throws InterruptedException;

}
