package com.leavegateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.leavegateway.feishu.FeishuErrorException;

/**
 * The stable codes of the gateway's problems, each with its status and its fixed detail:
 * the answers and the API document's examples are built from the same constants, so that
 * the documented example of a code is what the gateway answers. (INVALID_PARAMETER's
 * detail names the parameter; its detail here is that of a malformed asOfDate.)
 */
public enum ProblemCode {

	INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "A parameter is malformed; parameter names it."),

	UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Send a valid X-API-Key header or bearer token."),

	FORBIDDEN(HttpStatus.FORBIDDEN, "This caller may not do this."),

	EMPLOYEE_NOT_FOUND(HttpStatus.NOT_FOUND, "Feishu knows no employee with this id and idType."),

	LEAVE_TYPE_NOT_FOUND(HttpStatus.NOT_FOUND, "Feishu knows no such leave type."),

	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "None of the accepted media types can be produced."),

	QUOTA_EXHAUSTED(HttpStatus.TOO_MANY_REQUESTS,
			"The gateway's share of Feishu's quota is used up for now; retry after the time given."),

	UPSTREAM_RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Feishu's rate limit was reached; retry after the time given."),

	UPSTREAM_ERROR(HttpStatus.BAD_GATEWAY, "Feishu answered with an error."),

	UPSTREAM_FORBIDDEN(HttpStatus.BAD_GATEWAY, "Feishu refused the gateway access to this data."),

	UPSTREAM_AUTH_FAILED(HttpStatus.BAD_GATEWAY,
			"The gateway could not authenticate to Feishu; check its app credentials."),

	UPSTREAM_UNREACHABLE(HttpStatus.BAD_GATEWAY, "The connection to Feishu failed before a complete answer arrived."),

	UPSTREAM_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE,
			"Feishu is failing; the gateway pauses calls to it for a while."),

	UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "Feishu did not answer in time."),

	COORDINATION_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE,
			"The state the gateway's replicas share is unavailable for now; retry after the time given.");

	private final HttpStatus status;

	private final String detail;

	ProblemCode(HttpStatus status, String detail) {
		this.status = status;
		this.detail = detail;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String detail() {
		return this.detail;
	}

	/**
	 * The members this code's answer carries besides the standard ones, with example
	 * values: Feishu's code and message where Feishu caused it (as the answer that lists
	 * the code first would carry them).
	 */
	public Map<String, Object> exampleProperties() {
		return switch (this) {
			case LEAVE_TYPE_NOT_FOUND -> feishu(1220005, "Accessed data object not found");
			case UPSTREAM_RATE_LIMITED -> feishu(99991400, "request trigger frequency limit");
			case UPSTREAM_ERROR -> feishu(1160018, "Invalid leave balance calculate Conf");
			case UPSTREAM_FORBIDDEN -> feishu(1160035, "No permission to access the employee data");
			case UPSTREAM_AUTH_FAILED -> feishu(10014, "app secret invalid");
			default -> Map.of();
		};
	}

	private static Map<String, Object> feishu(int code, String msg) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("feishuCode", code);
		properties.put("feishuMsg", msg);
		return properties;
	}

	/**
	 * The code of a Feishu error answer: the same for a single-employee endpoint's
	 * problem and for an employee in a list's {@code failed}.
	 */
	public static ProblemCode of(FeishuErrorException error) {
		if (error.isRateLimited()) {
			return UPSTREAM_RATE_LIMITED;
		}
		if (error.isEmployeeNotFound()) {
			return EMPLOYEE_NOT_FOUND;
		}
		if (error.isLeaveTypeNotFound()) {
			return LEAVE_TYPE_NOT_FOUND;
		}
		if (error.isAuthenticationFailure()) {
			return UPSTREAM_AUTH_FAILED;
		}
		return error.isPermissionRefusal() ? UPSTREAM_FORBIDDEN : UPSTREAM_ERROR;
	}

}
