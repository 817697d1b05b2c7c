package com.leavegateway.feishu;

import org.jspecify.annotations.Nullable;

/**
 * Answer of POST /open-apis/auth/v3/tenant_access_token/internal; {@code expire} is the
 * seconds the token has left.
 */
record TenantTokenResponse(@Nullable Integer code, @Nullable String msg, @Nullable String tenantAccessToken,
		@Nullable Long expire) {
}
