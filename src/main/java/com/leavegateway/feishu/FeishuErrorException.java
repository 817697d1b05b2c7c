package com.leavegateway.feishu;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Feishu answered with a non-zero {@code code}. */
public final class FeishuErrorException extends FeishuException {

	private final int httpStatus;

	private final int code;

	private final String feishuMessage;

	private final @Nullable Duration rateLimitReset;

	private final FeishuOutcome outcome;

	FeishuErrorException(FeishuApi api, int httpStatus, int code, @Nullable String feishuMessage,
			@Nullable Duration rateLimitReset) {
		super(api, "Feishu " + api.id() + " answered code " + code + " (HTTP " + httpStatus + ")");
		this.httpStatus = httpStatus;
		this.code = code;
		this.feishuMessage = sanitize(feishuMessage);
		this.rateLimitReset = rateLimitReset;
		this.outcome = FeishuOutcome.of(api, httpStatus, code);
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	public int code() {
		return this.code;
	}

	/** Feishu's {@code msg}, trimmed to printable text of a bounded length. */
	public String feishuMessage() {
		return this.feishuMessage;
	}

	/**
	 * With {@link #isRateLimited()}: how long Feishu asked us to wait
	 * ({@code x-ogw-ratelimit-reset}).
	 */
	public @Nullable Duration rateLimitReset() {
		return this.rateLimitReset;
	}

	/** What the answer means; see {@link FeishuOutcome}. */
	public FeishuOutcome outcome() {
		return this.outcome;
	}

	public boolean isRateLimited() {
		return this.outcome == FeishuOutcome.RATE_LIMITED;
	}

	public boolean isTokenError() {
		return this.outcome == FeishuOutcome.TOKEN_REJECTED;
	}

	public boolean isEmployeeNotFound() {
		return this.outcome == FeishuOutcome.EMPLOYEE_NOT_FOUND;
	}

	public boolean isLeaveTypeNotFound() {
		return this.outcome == FeishuOutcome.LEAVE_TYPE_NOT_FOUND;
	}

	/**
	 * Feishu refused for lack of permission: to the employee's data (1160035) or to the
	 * API (99991672, a scope the app lacks).
	 */
	public boolean isPermissionRefusal() {
		return FeishuOutcome.PERMISSION_CODES.contains(this.code);
	}

	/**
	 * The token endpoint refused the app (e.g. 10014 app secret invalid), or Feishu still
	 * refused a token after one renewal. A 5xx of the token endpoint is an outage, not a
	 * credentials problem.
	 */
	public boolean isAuthenticationFailure() {
		return (api() == FeishuApi.TOKEN && this.outcome == FeishuOutcome.APP_REFUSED) || isTokenError();
	}

	private static String sanitize(@Nullable String message) {
		if (message == null) {
			return "";
		}
		String printable = message.replaceAll("\\p{Cntrl}", " ").strip();
		return (printable.length() > 200) ? printable.substring(0, 200) : printable;
	}

}
