package com.leavegateway.feishu;

/**
 * The connection to Feishu failed: refused, reset, or closed before the answer was
 * complete.
 */
public final class FeishuUnreachableException extends FeishuException {

	FeishuUnreachableException(FeishuApi api, Throwable cause) {
		super(api, "Feishu " + api.id() + " could not be reached", cause);
	}

}
