package com.leavegateway.feishu;

/**
 * Feishu answered, but not with something the gateway can use: an HTTP error, an
 * unreadable or incomplete body.
 */
public final class FeishuBadResponseException extends FeishuException {

	private final int httpStatus;

	FeishuBadResponseException(FeishuApi api, int httpStatus, String reason) {
		super(api, "Feishu " + api.id() + " gave an unusable answer (HTTP " + httpStatus + "): " + reason);
		this.httpStatus = httpStatus;
	}

	FeishuBadResponseException(FeishuApi api, int httpStatus, String reason, Throwable cause) {
		super(api, "Feishu " + api.id() + " gave an unusable answer (HTTP " + httpStatus + "): " + reason, cause);
		this.httpStatus = httpStatus;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

}
