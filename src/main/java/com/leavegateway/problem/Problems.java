package com.leavegateway.problem;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * The one builder of the gateway's RFC 9457 problem details: fixed texts, a stable
 * {@code code}, the request path, and {@code Retry-After} where waiting helps. Spring MVC
 * answers with {@link #response}; what answers outside it (the security filters, Tomcat's
 * error report valve) writes the same JSON with {@link #write} or {@link #json}.
 */
public final class Problems {

	/**
	 * Writes a problem as Spring MVC does: Spring's mix-in puts its properties,
	 * {@code code} among them, at the top level and leaves out what is absent.
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private Problems() {
	}

	/**
	 * A problem with {@code status}'s reason phrase as its title; {@code request} gives
	 * the instance (left out when its path is no valid URI, or when there is none).
	 */
	public static ProblemDetail problem(HttpStatus status, String code, String detail,
			@Nullable HttpServletRequest request) {
		return problem(status, code, detail, Map.of(), request);
	}

	/** The same, with more properties (the parameter at fault, Feishu's code...). */
	public static ProblemDetail problem(HttpStatus status, String code, String detail, Map<String, Object> properties,
			@Nullable HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		if (request != null) {
			try {
				problem.setInstance(URI.create(request.getRequestURI()));
			}
			catch (IllegalArgumentException ex) {
				// A path that is no valid URI is simply not repeated back.
			}
		}
		problem.setProperty("code", code);
		properties.forEach(problem::setProperty);
		return problem;
	}

	/**
	 * The problem as Spring MVC's answer; {@code retryAfter} becomes {@code Retry-After}
	 * in whole seconds, rounded up, at least 1.
	 */
	static ResponseEntity<ProblemDetail> response(ProblemDetail problem, @Nullable Duration retryAfter) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(retryAfter))));
		}
		return response.body(problem);
	}

	/**
	 * Writes a problem as the whole answer, where no Spring MVC message converter is at
	 * hand (a filter, the security chain).
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail) throws IOException {
		ProblemDetail problem = problem(status, code, detail, request);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), problem);
	}

	/** The problem of {@code code} with its fixed detail as the whole answer. */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemCode code)
			throws IOException {
		write(request, response, code.status(), code.name(), code.detail());
	}

	/**
	 * The JSON members of the answer of {@code code} to a request for {@code instance},
	 * for the API document's examples: built as the answer is.
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> example(ProblemCode code, String detail, Map<String, Object> properties,
			String instance) {
		ProblemDetail problem = problem(code.status(), code.name(), detail, properties, null);
		problem.setInstance(URI.create(instance));
		return JSON.readValue(JSON.writeValueAsString(problem), LinkedHashMap.class);
	}

	/** The problem's JSON, for a writer of the servlet container's own. */
	static String json(ProblemDetail problem) {
		return JSON.writeValueAsString(problem);
	}

	/**
	 * The code of a failure known only by its status (404, 405, a refused request...).
	 */
	static String codeFor(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "BAD_REQUEST";
			case NOT_FOUND -> "NOT_FOUND";
			case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
			case NOT_ACCEPTABLE -> "NOT_ACCEPTABLE";
			case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
			case PAYLOAD_TOO_LARGE, CONTENT_TOO_LARGE, URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE ->
				"REQUEST_TOO_LARGE";
			case SERVICE_UNAVAILABLE -> "SERVICE_UNAVAILABLE";
			default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
		};
	}

	/** The fixed detail of a failure known only by its status. */
	static String detailFor(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "No such resource.";
			case METHOD_NOT_ALLOWED -> "This method is not supported on this resource.";
			case NOT_ACCEPTABLE -> ProblemCode.NOT_ACCEPTABLE.detail();
			case UNSUPPORTED_MEDIA_TYPE -> "This media type is not supported.";
			default -> status.is4xxClientError() ? "The request is malformed." : "The gateway failed unexpectedly.";
		};
	}

	private static long ceilSeconds(Duration duration) {
		return (duration.toNanos() + 999_999_999L) / 1_000_000_000L;
	}

}
