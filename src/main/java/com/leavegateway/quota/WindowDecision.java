package com.leavegateway.quota;

import java.time.Duration;

/** A window's answer to {@link SendWindow#tryTake(int)}. */
public sealed interface WindowDecision permits WindowDecision.Granted, WindowDecision.Denied {

	/** Sends in the window, this one included when granted. */
	int used();

	/**
	 * The send was recorded: the caller sends now.
	 *
	 * @param send The record, for a give-back.
	 * @param used Sends in the window, this one included.
	 */
	record Granted(SendRecord send, int used) implements WindowDecision {
	}

	/**
	 * Nothing was recorded.
	 *
	 * @param retryIn How long until the window could take a send at the asked threshold,
	 * if nothing else took one meanwhile (or until a pause ends).
	 * @param paused Whether a pause (the upstream's 99991400) was the reason.
	 * @param used Sends in the window.
	 */
	record Denied(Duration retryIn, boolean paused, int used) implements WindowDecision {
	}

}
