package com.leavegateway.quota;

/**
 * Whose call a permit is for. Waiting callers are served by class first, then by arrival;
 * each class may fill a window only up to its own threshold
 * ({@link QuotaSpec#threshold(Priority)}), so that a share of every window stays for
 * people waiting on an answer.
 */
public enum Priority {

	/**
	 * Someone waits for this answer (one employee, a short list): may fill the window up
	 * to the limit.
	 */
	INTERACTIVE,

	/**
	 * Large work (all-employee listings, exports, long lists): may fill the window up to
	 * {@code floor(limit x (1 - reserve))}, and still finishes, since it gets all that
	 * interactive callers leave.
	 */
	BULK,

	/**
	 * Work nobody waits for (refreshing caches): only spare quota, a send that leaves the
	 * window below {@code limit x (1 - 2 x reserve)}.
	 */
	BACKGROUND

}
