package com.leavegateway.sandbox;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An active fault, as {@code /sandbox/faults} shows it.
 *
 * @param id Its id, for {@code DELETE /sandbox/faults/{id}}.
 * @param type What goes wrong.
 * @param employeeId The employee it concerns, as given; absent when it concerns every
 * call.
 * @param status SERVER_ERRORS: the HTTP status answered.
 * @param callsLeft SERVER_ERRORS limited to a number of calls: how many still fail.
 * @param latency SLOW: the time added to every call (ISO-8601).
 * @param until When it switches itself off.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SandboxFault(String id, SandboxFaultType type, @Nullable String employeeId, @Nullable Integer status,
		@Nullable Integer callsLeft, @Nullable Duration latency, Instant until) {
}
