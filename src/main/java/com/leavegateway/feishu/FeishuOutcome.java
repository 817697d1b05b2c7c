package com.leavegateway.feishu;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What one Feishu answer (or failed call) means, decided here and nowhere else: the
 * transport, the retry ({@link RetryableFailure}), the circuit breaker
 * ({@link UpstreamFailure}), the token renewal and the isolation of employees all act on
 * this class, not on codes.
 * <p>
 * Codes were checked against the two API documents in /work/shared/feishu (116xxxx:
 * leave_balances, 122xxxx: leave_employ_expire_records, their twins) and the platform's
 * 9999xxxx codes in FACTS.md. <b>A code not listed here is a deterministic error for the
 * employee</b> ({@link #EMPLOYEE_ERROR}): isolated to the ids it concerns, never retried,
 * never counted by the breaker. Guessing "outage" for an unknown code would let one
 * employee's odd answer open the breaker for everyone; guessing "per employee" costs at
 * most a few extra calls to isolate it.
 */
public enum FeishuOutcome {

	/** Code 0 with a 2xx status. */
	SUCCESS,

	/** The tenant token is missing, invalid or expired: renew it and retry once. */
	TOKEN_REJECTED,

	/** 99991400 (or a bare 429): pause the API as Feishu asks. */
	RATE_LIMITED,

	/** Feishu does not know the employee (1160006, 1160017 and twins). */
	EMPLOYEE_NOT_FOUND,

	/** Feishu does not know the leave type (1160005, 1220005). */
	LEAVE_TYPE_NOT_FOUND,

	/**
	 * Feishu refuses this employee: no permission (1160035), no matching or valid leave
	 * plan (1160007, 1160008, 1160009, 1160020, 1160021, 1160022), a leave type that
	 * needs its sub-type (1160024), and twins. Isolated, not retried, not counted.
	 */
	EMPLOYEE_REFUSED,

	/**
	 * A deterministic failure of Feishu for this employee, though often an HTTP 500:
	 * calculation configuration (1160018, 1160019, 1160028, 1160013, 1160014, 1160023 and
	 * twins), and every code not listed here. Asking again gives the same answer:
	 * isolated, not retried, not counted.
	 */
	EMPLOYEE_ERROR,

	/**
	 * Feishu refuses the app, whoever is asked about: 99991672 (a scope is missing),
	 * 10014 (app secret invalid), 1160001/1220001 (no tenant), any refusal of the token
	 * endpoint. Every employee would meet it, so it fails the whole request; not retried,
	 * not counted.
	 */
	APP_REFUSED,

	/**
	 * An outage: HTTP 5xx without a deterministic code, 1160011 (employment service),
	 * 1160012 (database), 1160015 (internal), 1169999 (Feishu's "unknown error"; its
	 * advice is the same as for 1160015) and twins, a broken connection, a time-out.
	 * Retried with back-off, counted by the breaker.
	 */
	TRANSIENT,

	/**
	 * Feishu answered something the gateway cannot read (an HTML page, a body without
	 * code, code 0 with an error status): counted by the breaker where it sees it, not
	 * retried.
	 */
	UNUSABLE;

	static final int RATE_LIMITED_CODE = 99991400;

	static final Set<Integer> TOKEN_CODES = Set.of(99991661, 99991663, 99991664, 99991671, 99991677);

	/** Refusals about permission, which callers see as UPSTREAM_FORBIDDEN. */
	static final Set<Integer> PERMISSION_CODES = Set.of(1160035, 99991672);

	private static final Set<Integer> EMPLOYEE_NOT_FOUND_CODES = Set.of(1160006, 1160017, 1220006, 1220017);

	private static final Set<Integer> LEAVE_TYPE_NOT_FOUND_CODES = Set.of(1160005, 1220005);

	private static final Set<Integer> EMPLOYEE_REFUSED_CODES = Set.of(1160007, 1160008, 1160009, 1160020, 1160021,
			1160022, 1160024, 1160035, 1220007, 1220008, 1220009, 1220020, 1220021, 1220022, 1220024);

	private static final Set<Integer> APP_REFUSED_CODES = Set.of(99991672, 10014, 1160001, 1220001);

	private static final Set<Integer> TRANSIENT_CODES = Set.of(1160011, 1160012, 1160015, 1169999, 1220011, 1220012,
			1220015, 1229999);

	/**
	 * The class of an answer of {@code api} with this HTTP status and body code (null:
	 * the body is not Feishu JSON).
	 */
	static FeishuOutcome of(FeishuApi api, int httpStatus, @Nullable Integer code) {
		if (code == null) {
			if (httpStatus == 429) {
				return RATE_LIMITED;
			}
			return (httpStatus >= 500) ? TRANSIENT : UNUSABLE;
		}
		if (code == 0) {
			if (httpStatus >= 200 && httpStatus <= 299) {
				return SUCCESS;
			}
			return (httpStatus >= 500) ? TRANSIENT : UNUSABLE;
		}
		if (code == RATE_LIMITED_CODE) {
			return RATE_LIMITED;
		}
		if (TOKEN_CODES.contains(code)) {
			return TOKEN_REJECTED;
		}
		if (TRANSIENT_CODES.contains(code)) {
			return TRANSIENT;
		}
		if (api == FeishuApi.TOKEN) {
			// The token endpoint's own refusals are about the app's credentials; its 5xx
			// with an unknown code is an outage like any bare 5xx.
			return (httpStatus >= 500) ? TRANSIENT : APP_REFUSED;
		}
		if (APP_REFUSED_CODES.contains(code)) {
			return APP_REFUSED;
		}
		if (EMPLOYEE_NOT_FOUND_CODES.contains(code)) {
			return EMPLOYEE_NOT_FOUND;
		}
		if (LEAVE_TYPE_NOT_FOUND_CODES.contains(code)) {
			return LEAVE_TYPE_NOT_FOUND;
		}
		return EMPLOYEE_REFUSED_CODES.contains(code) ? EMPLOYEE_REFUSED : EMPLOYEE_ERROR;
	}

	/** The class of a failed call, as the retry and the circuit breaker see it. */
	static FeishuOutcome of(Throwable failure) {
		if (failure instanceof FeishuErrorException error) {
			return error.outcome();
		}
		if (failure instanceof FeishuBadResponseException bad) {
			return (bad.httpStatus() >= 500 || bad.httpStatus() == 0) ? TRANSIENT : UNUSABLE;
		}
		if (failure instanceof FeishuTimeoutException || failure instanceof FeishuUnreachableException) {
			return TRANSIENT;
		}
		// An open breaker, an exhausted quota, anything else: no call was made.
		return UNUSABLE;
	}

	/** Worth another try: an outage may be over a moment later. */
	boolean isRetried() {
		return this == TRANSIENT;
	}

	/** Says that Feishu is failing, for the circuit breaker. */
	boolean isOutage() {
		return this == TRANSIENT || this == UNUSABLE;
	}

	/**
	 * Concerns the employees asked about, not the call: a list is split until the ids
	 * that meet it stand alone, and the others are answered.
	 */
	public boolean isPerEmployee() {
		return this == EMPLOYEE_NOT_FOUND || this == EMPLOYEE_REFUSED || this == EMPLOYEE_ERROR;
	}

}
