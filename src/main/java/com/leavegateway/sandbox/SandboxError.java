package com.leavegateway.sandbox;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.leavegateway.sandbox.SandboxReplies.FieldViolation;

/**
 * A failure the simulator answers the way Feishu would: an HTTP status, a code and a
 * message.
 */
final class SandboxError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** leave_balances' "Invalid param". */
	static final int BALANCES_INVALID_PARAM = 1160016;

	/** leave_employ_expire_records' "Invalid param". */
	static final int RECORDS_INVALID_PARAM = 1220016;

	private final HttpStatus status;

	private final int code;

	private final transient List<FieldViolation> violations;

	private final transient HttpHeaders headers;

	SandboxError(HttpStatus status, int code, String msg) {
		this(status, code, msg, List.of(), HttpHeaders.EMPTY);
	}

	private SandboxError(HttpStatus status, int code, String msg, List<FieldViolation> violations,
			HttpHeaders headers) {
		super(msg, null, false, false);
		this.status = status;
		this.code = code;
		this.violations = violations;
		this.headers = headers;
	}

	/**
	 * HTTP 400 "Invalid param" with the code of the API, naming the offending field as
	 * Feishu does.
	 */
	static SandboxError invalidParam(int code, String field, @Nullable String value, String description) {
		return new SandboxError(HttpStatus.BAD_REQUEST, code, "Invalid param",
				List.of(new FieldViolation(field, value, description)), HttpHeaders.EMPTY);
	}

	/** HTTP 429 99991400 with Feishu's rate-limit headers. */
	static SandboxError rateLimited(int limit, long resetSeconds) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-ogw-ratelimit-limit", Integer.toString(limit));
		headers.set("x-ogw-ratelimit-reset", Long.toString(resetSeconds));
		return new SandboxError(HttpStatus.TOO_MANY_REQUESTS, 99991400, "request trigger frequency limit", List.of(),
				headers);
	}

	HttpStatus status() {
		return this.status;
	}

	int code() {
		return this.code;
	}

	List<FieldViolation> violations() {
		return this.violations;
	}

	HttpHeaders headers() {
		return this.headers;
	}

}
