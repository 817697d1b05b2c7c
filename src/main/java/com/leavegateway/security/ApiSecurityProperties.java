package com.leavegateway.security;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Callers of the gateway.
 *
 * @param apiKeys API key per consuming team:
 * {@code gateway.security.api-keys.<team>=<key>}, or {@code {sha256}<hex>} so that the
 * plain key need not sit in configuration. The team's name appears in logs and metrics;
 * the key never does.
 * @param admins Teams whose keys may also evict caches and read the actuator endpoints
 * besides health and info.
 */
@ConfigurationProperties("gateway.security")
@Validated
record ApiSecurityProperties(@DefaultValue Map<String, String> apiKeys, @DefaultValue Set<String> admins) {

	/** Keys stay out of anything that prints the properties. */
	@Override
	public String toString() {
		return "ApiSecurityProperties[consumers=" + this.apiKeys.keySet() + ", admins=" + this.admins + "]";
	}

}
