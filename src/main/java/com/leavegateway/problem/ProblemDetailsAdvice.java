package com.leavegateway.problem;

import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.leavegateway.coordination.CoordinationUnavailableException;
import com.leavegateway.feishu.FeishuBadResponseException;
import com.leavegateway.feishu.FeishuCircuitOpenException;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.feishu.FeishuException;
import com.leavegateway.feishu.FeishuTimeoutException;
import com.leavegateway.feishu.FeishuUnreachableException;
import com.leavegateway.quota.QuotaExhaustedException;

/**
 * The one place that turns every failure into RFC 9457 problem details with a stable
 * {@code code}. Texts are fixed: they never carry stack traces, class names, tokens,
 * secrets or what the caller sent.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> apiException(ApiException ex, HttpServletRequest request) {
		return problem(ex.status(), ex.code(), ex.getMessage(), ex.properties(), null, request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> feishuException(FeishuException ex, HttpServletRequest request) {
		logger.warn("Upstream failure: {}", ex.getMessage());
		if (ex instanceof FeishuErrorException error) {
			ProblemCode code = ProblemCode.of(error);
			Duration retryAfter = null;
			if (code == ProblemCode.UPSTREAM_RATE_LIMITED) {
				retryAfter = (error.rateLimitReset() != null) ? error.rateLimitReset() : Duration.ofSeconds(1);
			}
			return problem(code, Map.of("feishuCode", error.code(), "feishuMsg", error.feishuMessage()), retryAfter,
					request);
		}
		if (ex instanceof FeishuTimeoutException) {
			return problem(ProblemCode.UPSTREAM_TIMEOUT, Map.of(), null, request);
		}
		if (ex instanceof FeishuUnreachableException) {
			return problem(ProblemCode.UPSTREAM_UNREACHABLE, Map.of(), null, request);
		}
		if (ex instanceof FeishuCircuitOpenException open) {
			return problem(ProblemCode.UPSTREAM_UNAVAILABLE, Map.of(), open.retryAfter(), request);
		}
		FeishuBadResponseException bad = (FeishuBadResponseException) ex;
		return problem(HttpStatus.BAD_GATEWAY, "UPSTREAM_ERROR", "Feishu gave an answer the gateway cannot use.",
				Map.of("upstreamStatus", bad.httpStatus()), null, request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> quotaExhausted(QuotaExhaustedException ex, HttpServletRequest request) {
		return problem(ProblemCode.QUOTA_EXHAUSTED, Map.of(), ex.retryAfter(), request);
	}

	/**
	 * The replicas' shared state (Redis) did not answer: nothing was granted and no call
	 * made (fail closed).
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> coordinationUnavailable(CoordinationUnavailableException ex,
			HttpServletRequest request) {
		logger.warn("Coordination unavailable: {}", String.valueOf(ex.getCause()));
		return problem(ProblemCode.COORDINATION_UNAVAILABLE, Map.of(), ex.retryAfter(), request);
	}

	/**
	 * Tomcat parses the query string when a parameter is first read; an invalid %-escape
	 * (or too many parameters) fails there, inside Spring MVC, as an
	 * IllegalStateException that would otherwise be a 500.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadableParameters(InvalidParameterException ex, HttpServletRequest request) {
		HttpStatus status = HttpStatus.resolve(ex.getErrorCode());
		if (status == null || !status.is4xxClientError()) {
			status = HttpStatus.BAD_REQUEST;
		}
		return problem(status, Problems.codeFor(status),
				"The query string is malformed (e.g. an invalid %-escape) or too long.", Map.of(), null, request);
	}

	/**
	 * Spring Security's firewall checks header and parameter values when they are first
	 * read, which for the controller's own parameters is inside Spring MVC: a control
	 * character in a header (e.g. a UTF-8 byte Tomcat read as a C1 control) would
	 * otherwise be a 500.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> rejectedRequest(RequestRejectedException ex, HttpServletRequest request) {
		return problem(HttpStatus.BAD_REQUEST, "BAD_REQUEST",
				"The request carries characters the gateway does not accept in a header or parameter.", Map.of(), null,
				request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		logger.error("Unexpected failure on {}", request.getRequestURI(), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "The gateway failed unexpectedly.", Map.of(),
				null, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		return asObject(problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER",
				"Parameter " + ex.getParameterName() + " is required.", Map.of("parameter", ex.getParameterName()),
				null, servletRequest(request)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "request";
		return asObject(problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER",
				"Parameter " + name + " has a value of the wrong form.", Map.of("parameter", name), null,
				servletRequest(request)));
	}

	/**
	 * Every other Spring MVC failure (404, 405, 406, 415, unreadable request...): a fixed
	 * text by status.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		HttpStatus status = HttpStatus.resolve(statusCode.value());
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		ResponseEntity<ProblemDetail> problem = problem(status, Problems.codeFor(status), Problems.detailFor(status),
				Map.of(), null, servletRequest(request));
		HttpHeaders merged = new HttpHeaders();
		merged.putAll(headers);
		merged.putAll(problem.getHeaders());
		return ResponseEntity.status(status).headers(merged).body(problem.getBody());
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemCode code, Map<String, Object> properties,
			@Nullable Duration retryAfter, HttpServletRequest request) {
		return problem(code.status(), code.name(), code.detail(), properties, retryAfter, request);
	}

	/**
	 * Builds the answer; {@code retryAfter}, when given, becomes {@code Retry-After}.
	 */
	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail,
			Map<String, Object> properties, @Nullable Duration retryAfter, @Nullable HttpServletRequest request) {
		return Problems.response(Problems.problem(status, code, detail, properties, request), retryAfter);
	}

	private static @Nullable HttpServletRequest servletRequest(WebRequest request) {
		return (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
		return (ResponseEntity) entity;
	}

}
