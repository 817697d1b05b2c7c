package com.leavegateway.feishu;

import java.time.Duration;

/** No permit for a Feishu call could be had within {@code feishu.quotas.max-wait}. */
public final class QuotaExhaustedException extends RuntimeException {

	private final FeishuApi api;

	private final Duration retryAfter;

	QuotaExhaustedException(FeishuApi api, Duration retryAfter) {
		super("Quota of " + api.id() + " exhausted");
		this.api = api;
		this.retryAfter = retryAfter;
	}

	FeishuApi api() {
		return this.api;
	}

	/** When a permit is expected to be free again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
