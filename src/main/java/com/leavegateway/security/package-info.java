/**
 * Who may call the gateway: API keys per consuming team ({@code X-API-Key}) and, when
 * configured, OAuth2 JWT bearer tokens with the scopes {@code leave.read} and
 * {@code leave.admin}. 401 and 403 are problem details too.
 */
@NullMarked
package com.leavegateway.security;

import org.jspecify.annotations.NullMarked;
