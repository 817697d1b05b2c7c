package com.leavegateway.sandbox;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Feishu's answer envelopes. Names and inclusion are spelled out on each record so that
 * the application's Jackson settings, whatever they become, cannot change the simulated
 * wire format.
 */
final class SandboxReplies {

	private SandboxReplies() {
	}

	/** A successful data API answer. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Reply<T>(@JsonProperty("code") int code, @JsonProperty("msg") String msg, @JsonProperty("data") T data) {

		static <T> Reply<T> success(T data) {
			return new Reply<>(0, "success", data);
		}

	}

	/** The token endpoint's answer: no {@code data}, the token at the top level. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TokenReply(@JsonProperty("code") int code, @JsonProperty("msg") String msg,
			@JsonProperty("tenant_access_token") String tenantAccessToken, @JsonProperty("expire") long expire) {
	}

	/**
	 * A failure: code and message, with Feishu's {@code error} details (log id, offending
	 * fields).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ErrorReply(@JsonProperty("code") int code, @JsonProperty("msg") String msg,
			@JsonProperty("error") ErrorInfo error) {
	}

	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	record ErrorInfo(@JsonProperty("log_id") String logId,
			@JsonProperty("field_violations") List<FieldViolation> fieldViolations) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FieldViolation(@JsonProperty("field") String field, @JsonProperty("value") @Nullable String value,
			@JsonProperty("description") String description) {
	}

}
