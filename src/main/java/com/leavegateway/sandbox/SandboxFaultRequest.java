package com.leavegateway.sandbox;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import com.leavegateway.problem.ApiException;

/**
 * The body of {@code POST /sandbox/faults}: a fault to switch on.
 *
 * @param type What goes wrong: {@code EMPLOYEE_REFUSED}, {@code CALCULATION_ERROR},
 * {@code SERVER_ERRORS}, {@code RATE_LIMITED} or {@code SLOW} (see
 * {@link SandboxFaultType}).
 * @param employeeId With EMPLOYEE_REFUSED (required) and CALCULATION_ERROR (optional:
 * every call when absent): a sandbox employee, by any of its four ids.
 * @param duration How long the fault lasts, with its unit ({@code 30s}, {@code 5m},
 * {@code 1h}, or ISO-8601 like {@code PT5M}); {@code sandbox.faults.default-duration}
 * when absent.
 * @param status With SERVER_ERRORS: the HTTP status answered, 500, 502, 503 (the default)
 * or 504.
 * @param calls With SERVER_ERRORS: only this many calls fail, then the fault ends; every
 * call while it lasts when absent.
 * @param latency With SLOW (required): the time added to every call, with its unit (e.g.
 * {@code 3s}).
 */
record SandboxFaultRequest(@Nullable SandboxFaultType type, @Nullable String employeeId, @Nullable String duration,
		@Nullable Integer status, @Nullable Integer calls, @Nullable String latency) {

	/**
	 * Strict on field names, so that a misspelt one is refused rather than ignored;
	 * lenient on the case of {@code type}.
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.build();

	private static final List<String> FIELDS = List.of("type", "employeeId", "duration", "status", "calls", "latency");

	/**
	 * Reads a request body; a value of the wrong form is a 400 naming its field (a field
	 * the endpoint does not know is named {@code body}, never echoed).
	 */
	static SandboxFaultRequest read(JsonNode body) {
		if (!body.isObject()) {
			throw ApiException.invalidParameter("body", "The body must be a JSON object.");
		}
		try {
			return JSON.treeToValue(body, SandboxFaultRequest.class);
		}
		catch (JacksonException ex) {
			String field = ex.getPath().isEmpty() ? null : ex.getPath().get(0).getPropertyName();
			if (ex instanceof UnrecognizedPropertyException || field == null || !FIELDS.contains(field)) {
				throw ApiException.invalidParameter("body", "The body has a field the fault endpoint does not know.");
			}
			throw ApiException.invalidParameter(field, "Field " + field + " has a value of the wrong form.");
		}
	}

}
