package com.leavegateway.sandbox;

import java.time.Clock;

import com.leavegateway.sandbox.SandboxProperties.Quota;

/**
 * Feishu's per-API rate limits, as {@code sandbox.quotas} configures them. Tests that
 * drive the simulator into its limits can {@linkplain #reset() reset} the windows between
 * scenarios.
 */
public final class SandboxRateLimits {

	private final SlidingWindow leaveBalances;

	private final SlidingWindow leaveExpireRecords;

	SandboxRateLimits(SandboxProperties.Quotas quotas, Clock clock) {
		this.leaveBalances = window(quotas.leaveBalances(), clock);
		this.leaveExpireRecords = window(quotas.leaveExpireRecords(), clock);
	}

	/** Forgets every call counted so far, on every API. */
	public void reset() {
		this.leaveBalances.reset();
		this.leaveExpireRecords.reset();
	}

	SlidingWindow leaveBalances() {
		return this.leaveBalances;
	}

	SlidingWindow leaveExpireRecords() {
		return this.leaveExpireRecords;
	}

	private static SlidingWindow window(Quota quota, Clock clock) {
		return new SlidingWindow(quota.limit(), quota.period(), clock);
	}

}
