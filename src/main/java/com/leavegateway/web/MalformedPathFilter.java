package com.leavegateway.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.leavegateway.problem.Problems;

/**
 * Refuses a path whose percent-escapes are broken ({@code %} not followed by two hex
 * digits) with a 400 problem. Tomcat lets one through inside a path parameter
 * ({@code ;x=%}), and Spring's path parsing, which runs ahead of Spring Security's
 * firewall, would fail on it with a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class MalformedPathFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!wellEscaped(request.getRequestURI())) {
			Problems.write(request, response, HttpStatus.BAD_REQUEST, "BAD_REQUEST",
					"The request's path is not valid percent-encoding.");
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean wellEscaped(String path) {
		for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
			if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
					|| Character.digit(path.charAt(i + 2), 16) < 0) {
				return false;
			}
		}
		return true;
	}

}
