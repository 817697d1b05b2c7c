package com.leavegateway.sandbox;

/**
 * What a fault switched on at {@code /sandbox/faults} makes the simulated Feishu do.
 * Faults touch the two data APIs only, never the token endpoint.
 */
enum SandboxFaultType {

	/**
	 * {@code leave_balances} calls that name the employee answer HTTP 400, code 1160035
	 * "No permission to access the employee data". Only leave_balances documents this
	 * refusal; listings that name no employee and expire records are not affected.
	 */
	EMPLOYEE_REFUSED,

	/**
	 * HTTP 500, "Invalid leave balance calculate Conf": code 1160018 on
	 * {@code leave_balances}, 1220018 on expire records; for calls that name the
	 * employee, or for every call when the fault names none.
	 */
	CALCULATION_ERROR,

	/**
	 * Every data call, or only the next {@code calls} ones, answers an HTTP 5xx with no
	 * Feishu body: an outage in front of Feishu's API.
	 */
	SERVER_ERRORS,

	/**
	 * Every data call answers HTTP 429, code 99991400, with {@code x-ogw-ratelimit-reset}
	 * set to the seconds until the fault ends.
	 */
	RATE_LIMITED,

	/** Every data call takes {@code latency} longer to answer. */
	SLOW

}
