package com.leavegateway.feishu;

/**
 * Feishu did not answer within {@code feishu.connect-timeout} /
 * {@code feishu.response-timeout}.
 */
public final class FeishuTimeoutException extends FeishuException {

	FeishuTimeoutException(FeishuApi api, Throwable cause) {
		super(api, "Feishu " + api.id() + " did not answer in time", cause);
	}

}
