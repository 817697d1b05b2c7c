package com.leavegateway.feishu;

/** Start-up without {@code feishu.app-id} or {@code feishu.app-secret}. */
class MissingFeishuCredentialsException extends RuntimeException {

	MissingFeishuCredentialsException() {
		super("feishu.app-id and feishu.app-secret are not set");
	}

}
