package com.leavegateway.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** One clear start-up message when no caller could ever be authenticated. */
class NoCallerCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<NoCallerCredentialsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoCallerCredentialsException cause) {
		return new FailureAnalysis("No caller can be authenticated: neither an API key "
				+ "(gateway.security.api-keys.<team>) nor a JWT issuer (spring.security.oauth2.resourceserver.jwt.*) "
				+ "is configured, and the gateway has no default key outside the sandbox.",
				"Configure at least one key, e.g. GATEWAY_SECURITY_APIKEYS_FRONTEND=<key> (or {sha256}<hex>), or a JWT "
						+ "issuer; or try the gateway on its sandbox: ./mvnw spring-boot:run "
						+ "-Dspring-boot.run.profiles=sandbox",
				cause);
	}

}
