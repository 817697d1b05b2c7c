package com.leavegateway.coordination;

import java.time.Duration;

/**
 * The shared store (Redis) could not answer, or its answer made no sense, so nothing that
 * needs it was done: in particular no quota permit was granted. The web layer answers 503
 * {@code COORDINATION_UNAVAILABLE} with {@link #retryAfter()}. The message is fixed and
 * names no host; the cause, for the log, says what failed.
 */
public final class CoordinationUnavailableException extends RuntimeException {

	private final Duration retryAfter;

	public CoordinationUnavailableException(Duration retryAfter, Throwable cause) {
		super("Shared state unavailable", cause);
		this.retryAfter = retryAfter;
	}

	/** When asking again makes sense ({@code gateway.coordination.retry-after}). */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
