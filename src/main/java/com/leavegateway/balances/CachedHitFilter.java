package com.leavegateway.balances;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import com.leavegateway.cache.CacheStatus;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.problem.ApiException;
import com.leavegateway.web.RequestParameters;

/**
 * Answers a one-employee cache hit from the entry's bytes ahead of Spring MVC, inside the
 * security filters (callers are authenticated, logged and counted as before): the same
 * status, headers, body and 304 as the controller's answer, without the handler lookup,
 * argument binding and return value handling that made a hit cost twice a trivial
 * endpoint. Anything that is not a plain hit (a miss, an entry past its ttl, any
 * Cache-Control header, a parameter given twice or invalid, an escaped id, an Accept
 * without JSON) goes on to the controller, which answers as always: stale entries and a
 * caller's own Cache-Control are judged in one place.
 */
final class CachedHitFilter extends OncePerRequestFilter {

	private static final String PREFIX = "/api/v1/employees/";

	private static final String SUFFIX = "/leave-balances";

	private final BalanceService balances;

	private final EmployeeAnswers answers;

	CachedHitFilter(BalanceService balances, EmployeeAnswers answers) {
		this.balances = balances;
		this.answers = answers;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || employeeId(request) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BalanceLoader.Hit hit = hit(request);
		CachedEmployee.Answer answer = (hit != null) ? this.answers.single(hit.entry(), language(request)) : null;
		if (answer == null) {
			chain.doFilter(request, response);
			return;
		}
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> context.setPathPattern(BalanceController.EMPLOYEE_BALANCES));
		response.setHeader(HttpHeaders.CACHE_CONTROL, BalanceController.REVALIDATE_PRIVATELY);
		response.setHeader(BalanceController.CACHE_STATUS, CacheStatus.hit(hit.ttl()).headerValue());
		// Spring's own check, as for the controller's answer: 304 (or 412) and the ETag.
		if (new ServletWebRequest(request, response).checkNotModified(answer.etag())) {
			return;
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(answer.json().length());
		answer.json().writeTo(response.getOutputStream());
	}

	private BalanceLoader.@Nullable Hit hit(HttpServletRequest request) {
		String employeeId = employeeId(request);
		String acceptLanguage = single(request, HttpHeaders.ACCEPT_LANGUAGE);
		String cacheControl = single(request, HttpHeaders.CACHE_CONTROL);
		if (employeeId == null || acceptLanguage == null || !"".equals(cacheControl) || !acceptsJson(request)) {
			return null;
		}
		BalanceParameters parameters = BalanceParametersResolver.read(request::getParameterValues);
		if (parameters == null) {
			return null;
		}
		try {
			String id = RequestParameters.employeeId(employeeId);
			BalanceQuery query = this.balances.query(parameters);
			return this.balances.fresh(query, id);
		}
		catch (ApiException ex) {
			// The controller refuses it, with the problem it always gave.
			return null;
		}
	}

	/** The request's one Accept-Language (checked by {@link #hit}), null when absent. */
	private static @Nullable String language(HttpServletRequest request) {
		String acceptLanguage = single(request, HttpHeaders.ACCEPT_LANGUAGE);
		return (acceptLanguage == null || acceptLanguage.isEmpty()) ? null : acceptLanguage;
	}

	/** The id in the path when the path is the resource's, unescaped; else null. */
	private static @Nullable String employeeId(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		int end = path.length() - SUFFIX.length();
		if (end <= PREFIX.length() || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
			return null;
		}
		String id = path.substring(PREFIX.length(), end);
		return (id.indexOf('/') < 0 && id.indexOf('%') < 0 && id.indexOf(';') < 0) ? id : null;
	}

	/** The header's one value, "" when absent, null when sent more than once. */
	private static @Nullable String single(HttpServletRequest request, String name) {
		Enumeration<String> values = request.getHeaders(name);
		if (values == null || !values.hasMoreElements()) {
			return "";
		}
		String value = values.nextElement();
		return values.hasMoreElements() ? null : value;
	}

	/** No Accept, or one that takes JSON without a zero quality anywhere. */
	private static boolean acceptsJson(HttpServletRequest request) {
		String accept = single(request, HttpHeaders.ACCEPT);
		if (accept == null) {
			return false;
		}
		if (accept.isEmpty()) {
			return true;
		}
		try {
			boolean json = false;
			for (MediaType type : MediaType.parseMediaTypes(accept)) {
				if (type.getQualityValue() == 0) {
					return false;
				}
				json |= type.isCompatibleWith(MediaType.APPLICATION_JSON);
			}
			return json;
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
