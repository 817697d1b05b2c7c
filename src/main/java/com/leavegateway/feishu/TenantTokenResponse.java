package com.leavegateway.feishu;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Answer of POST /open-apis/auth/v3/tenant_access_token/internal; {@code expire} is the
 * seconds the token has left.
 */
record TenantTokenResponse(@Nullable Integer code, @Nullable String msg,
		@JsonProperty("tenant_access_token") @Nullable String tenantAccessToken, @Nullable Long expire) {
}
