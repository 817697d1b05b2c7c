package com.leavegateway.quota;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where one quota's sends are counted: the exact send-time window of
 * {@link QuotaSpec#window()}, and the pause the upstream asked for. The engine asks it
 * for every permit; the window alone decides whether a send fits, and records it at once
 * when it does, so that a window shared by several replicas (the {@code coordination}
 * package's Redis window) never holds more than the limit.
 * <p>
 * A stage that fails means the window could not decide: the engine then grants nothing
 * and fails the waiting acquires with the stage's failure. Implementations report such
 * failures with an exception the web layer understands (the Redis window's
 * {@code CoordinationUnavailableException}); they never decide by themselves instead.
 */
public interface SendWindow {

	/**
	 * Records one send now if the window then holds at most {@code threshold} sends and
	 * no pause runs; otherwise records nothing and says how long until it could.
	 */
	CompletionStage<WindowDecision> tryTake(int threshold);

	/** Removes a recorded send whose call was never made. */
	CompletionStage<Void> giveBack(SendRecord send);

	/**
	 * The call of a recorded send is going out now, later than its grant: the send counts
	 * from now on, so that a call held up between its grant and the wire (a busy machine,
	 * a GC pause) cannot bring the calls the upstream sees closer together than a window.
	 * A window that does not implement it keeps counting from the grant.
	 */
	default CompletionStage<Void> sending(SendRecord send) {
		return CompletableFuture.completedFuture(null);
	}

	/** The sends in the window and the pause, as of now. */
	CompletionStage<WindowState> state();

	/**
	 * No send for {@code duration} from now; a shorter pause never shortens a longer one
	 * already running.
	 */
	CompletionStage<Void> pause(Duration duration);

}
