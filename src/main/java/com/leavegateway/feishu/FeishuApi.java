package com.leavegateway.feishu;

/**
 * The Feishu endpoints the gateway calls; also the names of their rate limiters and
 * metrics.
 */
enum FeishuApi {

	TOKEN("feishu-token", "/open-apis/auth/v3/tenant_access_token/internal"),

	LEAVE_BALANCES("feishu-leave-balances", "/open-apis/corehr/v1/leaves/leave_balances"),

	LEAVE_EXPIRE_RECORDS("feishu-leave-expire-records", "/open-apis/attendance/v1/leave_employ_expire_records");

	private final String id;

	private final String path;

	FeishuApi(String id, String path) {
		this.id = id;
		this.path = path;
	}

	/** Stable name for limiters, circuit breakers, metrics and logs. */
	String id() {
		return this.id;
	}

	String path() {
		return this.path;
	}

}
