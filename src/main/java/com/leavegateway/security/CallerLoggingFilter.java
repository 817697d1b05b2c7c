package com.leavegateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes one log line per API request: method, path, status, time and caller, never the
 * key or token. It wraps every authentication filter, so that requests refused before any
 * caller is known (a wrong API key, a bad JWT) are logged like every other 401.
 * {@link Naming}, placed after authentication, names the caller for the request's own log
 * lines ({@code consumer}) and for the request metrics.
 */
final class CallerLoggingFilter extends OncePerRequestFilter {

	/**
	 * Request attribute holding the caller's name, for the {@code consumer} tag of
	 * http.server.requests.
	 */
	static final String CONSUMER_ATTRIBUTE = CallerLoggingFilter.class.getName() + ".consumer";

	/** The one name of a request without an authenticated caller, in logs and metrics. */
	static final String ANONYMOUS = "anonymous";

	private static final String MDC_KEY = "consumer";

	private static final Logger logger = LoggerFactory.getLogger("com.leavegateway.access");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			// Refused before authentication, the request has no name yet: it gets one
			// here, for the metrics too.
			if (request.getAttribute(CONSUMER_ATTRIBUTE) == null) {
				request.setAttribute(CONSUMER_ATTRIBUTE, ANONYMOUS);
			}
			if (request.getRequestURI().startsWith("/api/")) {
				MDC.put(MDC_KEY, request.getAttribute(CONSUMER_ATTRIBUTE).toString());
				logger.info("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
						(System.nanoTime() - started) / 1_000_000);
			}
			MDC.remove(MDC_KEY);
		}
	}

	/** A key's team, or a JWT's client (azp / client_id) or subject. */
	static String consumer(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return ANONYMOUS;
		}
		if (authentication instanceof JwtAuthenticationToken jwt) {
			Object client = jwt.getToken().getClaims().getOrDefault("azp", jwt.getToken().getClaims().get("client_id"));
			return "jwt:" + ((client != null) ? client : jwt.getName());
		}
		return authentication.getName();
	}

	/**
	 * Names the authenticated caller (or {@value #ANONYMOUS}) in the logging context and
	 * in the request attribute the metrics and the access line read.
	 */
	static final class Naming extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String consumer = consumer(SecurityContextHolder.getContext().getAuthentication());
			request.setAttribute(CONSUMER_ATTRIBUTE, consumer);
			try (MDC.MDCCloseable named = MDC.putCloseable(MDC_KEY, consumer)) {
				chain.doFilter(request, response);
			}
		}

	}

}
