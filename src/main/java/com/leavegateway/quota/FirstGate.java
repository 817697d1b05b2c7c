package com.leavegateway.quota;

import java.time.Duration;

/**
 * A coarse check a granted send must also pass before its permit is handed out (the
 * Resilience4j limiter of {@link RateLimiterGate}). It never waits: it says yes or no at
 * once. A no gives the send record back and the engine asks again after
 * {@link #retryIn()}.
 */
public interface FirstGate {

	/** Whether one more call may go now; counts it when it may. */
	boolean tryPass();

	/** How long after a no asking again is worth it. */
	Duration retryIn();

}
