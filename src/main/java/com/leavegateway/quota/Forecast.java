package com.leavegateway.quota;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When a caller's permits could all be granted, if nobody else arrived: the window's
 * sends, then the callers ahead of it served in order (class, then arrival), each at the
 * first moment its class's threshold allows, then the caller's own {@code n} permits.
 * Calls in flight count as sent now, as they will count again from their answer; they do
 * not otherwise bound the forecast (they limit how fast permits are used, not how many a
 * window holds). A caller ahead whose own deadline would pass first is left out, as it
 * will time out and leave the queue.
 * <p>
 * It is a forecast: later interactive arrivals (for lower classes), answers yet to come
 * and other replicas' queues (with a shared window) make it optimistic; callers ahead
 * that give up early and permits given back make it pessimistic. With the local window,
 * an interactive caller and nobody giving up, it is exact.
 */
final class Forecast {

	private Forecast() {
	}

	/** A caller already waiting ahead. */
	record Ahead(Priority priority, long deadlineNanos) {
	}

	/**
	 * The moment the {@code n}th permit of class {@code priority} could be granted, from
	 * a window's state, the pause its line knows of ({@code pausedUntil}) and the callers
	 * waiting ahead in serving order.
	 */
	static long readyAt(long now, WindowState state, long windowNanos, long pausedUntil, int[] thresholds,
			List<Waiter> waitingAhead, Priority priority, int n) {
		long[] sends = new long[state.sendAges().size()];
		for (int i = 0; i < sends.length; i++) {
			sends[i] = now - state.sendAges().get(i).toNanos();
		}
		List<Ahead> ahead = new ArrayList<>(waitingAhead.size());
		for (Waiter waiter : waitingAhead) {
			ahead.add(new Ahead(waiter.urgency.priority(), waiter.urgency.deadlineNanos()));
		}
		long pauseEnd = Blocks.later(pausedUntil, now + state.pauseRemaining().toNanos());
		return readyAt(now, sends, windowNanos, pauseEnd, thresholds, ahead, priority, n);
	}

	/**
	 * The moment the {@code n}th permit of class {@code priority} could be granted.
	 * @param now the engine's now
	 * @param sends the window's sends in engine time, oldest first
	 * @param windowNanos the window's length
	 * @param pausedUntil end of a pause (in the past when none)
	 * @param thresholds each class's threshold, by ordinal
	 * @param ahead the waiting callers served before this one, in serving order
	 */
	static long readyAt(long now, long[] sends, long windowNanos, long pausedUntil, int[] thresholds, List<Ahead> ahead,
			Priority priority, int n) {
		long[] log = Arrays.copyOf(sends, sends.length + ahead.size() + n);
		int size = sends.length;
		long at = (pausedUntil - now > 0) ? pausedUntil : now;
		for (Ahead caller : ahead) {
			long grant = earliest(at, log, size, windowNanos, thresholds[caller.priority().ordinal()]);
			if (caller.deadlineNanos() - grant < 0) {
				continue;
			}
			log[size++] = grant;
			at = grant;
		}
		int threshold = thresholds[priority.ordinal()];
		for (int i = 0; i < n; i++) {
			at = earliest(at, log, size, windowNanos, threshold);
			log[size++] = at;
		}
		return at;
	}

	/**
	 * First moment from {@code from} at which the window holds fewer than
	 * {@code threshold} sends: when its {@code (size - threshold + 1)}th oldest has left.
	 */
	private static long earliest(long from, long[] log, int size, long windowNanos, int threshold) {
		if (size < threshold) {
			return from;
		}
		long room = log[size - threshold] + windowNanos;
		return (room - from > 0) ? room : from;
	}

}
