package com.leavegateway.problem;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the gateway itself decides, with the status and stable code callers see. Its
 * detail is a fixed text that may name a parameter but never echoes what the caller sent.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, Object> properties;

	public ApiException(HttpStatus status, String code, String detail, Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.code = code;
		this.properties = Map.copyOf(properties);
	}

	/** 400 INVALID_PARAMETER naming the parameter. */
	public static ApiException invalidParameter(String parameter, String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, ProblemCode.INVALID_PARAMETER.name(), detail,
				Map.of("parameter", parameter));
	}

	/**
	 * 404 EMPLOYEE_NOT_FOUND, said alike whether Feishu or the gateway found that the
	 * employee is unknown.
	 */
	public static ApiException employeeNotFound() {
		return of(ProblemCode.EMPLOYEE_NOT_FOUND);
	}

	/** The problem of {@code code}, with its fixed detail. */
	public static ApiException of(ProblemCode code) {
		return new ApiException(code.status(), code.name(), code.detail(), Map.of());
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

}
