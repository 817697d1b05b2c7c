package com.leavegateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the caller in the logging context ({@code consumer}) and in a request attribute
 * the request metrics read, and writes one log line per API request: method, path,
 * status, time and caller. Never the key or token.
 */
final class CallerLoggingFilter extends OncePerRequestFilter {

	/**
	 * Request attribute holding the caller's name, for the {@code consumer} tag of
	 * http.server.requests.
	 */
	static final String CONSUMER_ATTRIBUTE = CallerLoggingFilter.class.getName() + ".consumer";

	static final String ANONYMOUS = "anonymous";

	private static final Logger logger = LoggerFactory.getLogger("com.leavegateway.access");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String consumer = consumer(SecurityContextHolder.getContext().getAuthentication());
		request.setAttribute(CONSUMER_ATTRIBUTE, consumer);
		MDC.put("consumer", consumer);
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (request.getRequestURI().startsWith("/api/")) {
				logger.info("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
						(System.nanoTime() - started) / 1_000_000);
			}
			MDC.remove("consumer");
		}
	}

	/** A key's team, or a JWT's client (azp / client_id) or subject. */
	static String consumer(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return ANONYMOUS;
		}
		if (authentication instanceof JwtAuthenticationToken jwt) {
			Object client = jwt.getToken().getClaims().getOrDefault("azp", jwt.getToken().getClaims().get("client_id"));
			return "jwt:" + ((client != null) ? client : jwt.getName());
		}
		return authentication.getName();
	}

}
