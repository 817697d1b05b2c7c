package com.leavegateway.sandbox;

import org.springframework.http.HttpStatus;

/**
 * An HTTP 5xx with no Feishu body, as a failing front end of Feishu's API would answer.
 */
final class SandboxOutage extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	SandboxOutage(HttpStatus status) {
		super(status.getReasonPhrase(), null, false, false);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

}
