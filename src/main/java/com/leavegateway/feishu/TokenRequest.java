package com.leavegateway.feishu;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of the tenant-token call. Its toString hides the secret. */
record TokenRequest(@JsonProperty("app_id") String appId, @JsonProperty("app_secret") String appSecret) {

	@Override
	public String toString() {
		return "TokenRequest[appId=" + this.appId + ", appSecret=******]";
	}

}
