package com.leavegateway.feishu;

import java.time.Duration;

/**
 * The circuit breaker of this API is open after repeated upstream failures: no call was
 * made.
 */
public final class FeishuCircuitOpenException extends FeishuException {

	private final Duration retryAfter;

	FeishuCircuitOpenException(FeishuApi api, Duration retryAfter) {
		super(api, "Circuit breaker of " + api.id() + " is open");
		this.retryAfter = retryAfter;
	}

	/** When the breaker will let a trial call through. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
