package com.leavegateway.problem;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The shape of every error the API answers (RFC 9457, application/problem+json).
 * Documentation only: the advice writes Spring's ProblemDetail, whose JSON is this.
 *
 * @param type Always about:blank; {@code code} says what happened.
 * @param title The HTTP status text.
 * @param status The HTTP status.
 * @param detail A fixed, human-readable explanation.
 * @param instance The path of the request.
 * @param code Stable machine-readable code.
 * @param parameter With INVALID_PARAMETER: the parameter at fault.
 * @param feishuCode When Feishu caused it: Feishu's error code.
 * @param feishuMsg When Feishu caused it: Feishu's message.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details with a stable code")
public record ApiProblem(@Schema(example = "about:blank") String type, @Schema(example = "Bad Request") String title,
		@Schema(example = "400") int status,
		@Schema(example = "asOfDate must be a date in the form yyyy-MM-dd.") String detail,
		@Schema(example = "/api/v1/leave-balances") String instance,
		@Schema(example = "INVALID_PARAMETER", allowableValues = {
				"INVALID_PARAMETER", "BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "EMPLOYEE_NOT_FOUND",
				"LEAVE_TYPE_NOT_FOUND", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "UNSUPPORTED_MEDIA_TYPE",
				"REQUEST_TOO_LARGE", "QUOTA_EXHAUSTED", "UPSTREAM_RATE_LIMITED", "UPSTREAM_ERROR", "UPSTREAM_FORBIDDEN",
				"UPSTREAM_AUTH_FAILED", "UPSTREAM_UNREACHABLE", "UPSTREAM_UNAVAILABLE", "UPSTREAM_TIMEOUT",
				"INTERNAL_ERROR" }) String code,
		@Schema(example = "asOfDate") @Nullable String parameter,
		@Schema(example = "1160006") @Nullable Integer feishuCode,
		@Schema(example = "Employment not found") @Nullable String feishuMsg){
}
