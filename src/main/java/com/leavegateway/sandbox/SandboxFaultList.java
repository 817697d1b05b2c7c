package com.leavegateway.sandbox;

import java.util.List;

/**
 * The answer of {@code GET /sandbox/faults}.
 *
 * @param faults The faults active now, oldest first.
 */
record SandboxFaultList(List<SandboxFault> faults) {
}
