package com.leavegateway.feishu;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Feishu answered with a non-zero {@code code}. */
public final class FeishuErrorException extends FeishuException {

	/**
	 * Codes that mean the tenant access token is missing, invalid or expired: renew it
	 * and retry once.
	 */
	static final Set<Integer> TOKEN_ERRORS = Set.of(99991661, 99991663, 99991664, 99991671, 99991677);

	static final int RATE_LIMITED = 99991400;

	/**
	 * "Employment not found" and "User not found" on leave_balances (116xxxx) and expire
	 * records (122xxxx).
	 */
	private static final Set<Integer> EMPLOYEE_NOT_FOUND = Set.of(1160006, 1160017, 1220006, 1220017);

	/** "Accessed data object not found": the leave type does not exist. */
	private static final Set<Integer> LEAVE_TYPE_NOT_FOUND = Set.of(1160005, 1220005);

	private final int httpStatus;

	private final int code;

	private final String feishuMessage;

	private final @Nullable Duration rateLimitReset;

	FeishuErrorException(FeishuApi api, int httpStatus, int code, @Nullable String feishuMessage,
			@Nullable Duration rateLimitReset) {
		super(api, "Feishu " + api.id() + " answered code " + code + " (HTTP " + httpStatus + ")");
		this.httpStatus = httpStatus;
		this.code = code;
		this.feishuMessage = sanitize(feishuMessage);
		this.rateLimitReset = rateLimitReset;
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

	public boolean isRateLimited() {
		return this.code == RATE_LIMITED;
	}

	public boolean isTokenError() {
		return TOKEN_ERRORS.contains(this.code);
	}

	public boolean isEmployeeNotFound() {
		return EMPLOYEE_NOT_FOUND.contains(this.code);
	}

	public boolean isLeaveTypeNotFound() {
		return LEAVE_TYPE_NOT_FOUND.contains(this.code);
	}

	/**
	 * The token endpoint refused the app (e.g. 10014 app secret invalid), or Feishu still
	 * refused a token after one renewal. A 5xx of the token endpoint is an outage, not a
	 * credentials problem.
	 */
	public boolean isAuthenticationFailure() {
		return (api() == FeishuApi.TOKEN && this.httpStatus < 500) || isTokenError();
	}

	private static String sanitize(@Nullable String message) {
		if (message == null) {
			return "";
		}
		String printable = message.replaceAll("\\p{Cntrl}", " ").strip();
		return (printable.length() > 200) ? printable.substring(0, 200) : printable;
	}

}
