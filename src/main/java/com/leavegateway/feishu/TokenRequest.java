package com.leavegateway.feishu;

/** Body of the tenant-token call. Its toString hides the secret. */
record TokenRequest(String appId, String appSecret) {

	@Override
	public String toString() {
		return "TokenRequest[appId=" + this.appId + ", appSecret=******]";
	}

}
