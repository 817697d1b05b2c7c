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
	 * A recorded send counts from {@code back} before now, unless it already counts from
	 * later; a send that has left the window counts again. Called when its call goes out
	 * ({@code back} zero: later than its grant) and when its answer is back ({@code back}
	 * the spacing margin). The upstream counts a call at some moment between the two, so
	 * the next call that may share the upstream's window goes no earlier than a period
	 * after the answer: however long the call was held up on its way out (a busy machine,
	 * a GC pause, a retransmission) or at the upstream before it was counted, the
	 * upstream never sees more than the limit in a window. A call answered within the
	 * margin changes nothing. A window that does not implement it keeps counting from the
	 * grant.
	 */
	default CompletionStage<Void> recount(SendRecord send, Duration back) {
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
