package com.leavegateway.feishu;

/**
 * Feishu could not give a usable answer. Subclasses say why; messages never carry tokens
 * or secrets.
 */
public abstract sealed class FeishuException extends RuntimeException permits FeishuErrorException,
		FeishuTimeoutException, FeishuUnreachableException, FeishuBadResponseException, FeishuCircuitOpenException {

	private final FeishuApi api;

	FeishuException(FeishuApi api, String message, Throwable cause) {
		super(message, cause);
		this.api = api;
	}

	FeishuException(FeishuApi api, String message) {
		super(message);
		this.api = api;
	}

	FeishuApi api() {
		return this.api;
	}

}
