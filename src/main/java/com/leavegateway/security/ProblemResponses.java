package com.leavegateway.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import com.leavegateway.problem.ProblemCode;
import com.leavegateway.problem.Problems;

/**
 * 401, 403 and the firewall's 400 as problem details, written by the filter chain before
 * any controller runs.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.core.AuthenticationException authException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-API-Key\", Bearer");
		Problems.write(request, response, ProblemCode.UNAUTHORIZED);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.access.AccessDeniedException accessDeniedException) throws IOException {
		Problems.write(request, response, ProblemCode.FORBIDDEN);
	}

	/**
	 * Spring Security's firewall refused the request (a header value with control
	 * characters, an encoded slash or dot...), possibly only when something after it read
	 * the header. Written here and now: Spring Security's own handler sends an error to
	 * /error, which reads the same header and fails again, leaving an empty 400.
	 */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		Problems.write(request, response, HttpStatus.BAD_REQUEST, "BAD_REQUEST",
				"The request carries characters the gateway does not accept in its path, a header or a parameter.");
	}

}
