package com.leavegateway.quota;

/**
 * What holds a quota's callers back, as its line last heard it: per class, until when the
 * window is known to be full for it ({@code roomAt}), a pause the upstream asked for, and
 * a first gate that said no. Times are engine ticks, compared by difference. Not
 * thread-safe: its line's lock guards it.
 */
final class Blocks {

	private static final Priority[] PRIORITIES = Priority.values();

	/** Per class: until when the window is known to be full for it. */
	private final long[] roomAt = new long[PRIORITIES.length];

	private long pausedUntil;

	/** Until when the first gate said no. */
	private long gateClosedUntil;

	Blocks(long now) {
		this.pausedUntil = now;
		this.gateClosedUntil = now;
		roomNow(now);
	}

	/**
	 * Until when a caller of class {@code priority} cannot be served; now if nothing
	 * blocks.
	 */
	long until(Priority priority, long now) {
		long until = later(later(now, this.pausedUntil), this.gateClosedUntil);
		return later(until, this.roomAt[priority.ordinal()]);
	}

	/**
	 * The window denied a send to class {@code priority} until {@code until}: lower
	 * classes, whose thresholds are lower, are denied at least as long.
	 */
	void windowFull(Priority priority, long until) {
		for (int c = priority.ordinal(); c < PRIORITIES.length; c++) {
			this.roomAt[c] = later(this.roomAt[c], until);
		}
	}

	/** A send left the window early (given back): every class may ask again now. */
	void roomNow(long now) {
		for (int c = 0; c < PRIORITIES.length; c++) {
			this.roomAt[c] = now;
		}
	}

	/** A pause runs until {@code until}; a shorter one never shortens a longer one. */
	void paused(long until) {
		this.pausedUntil = later(this.pausedUntil, until);
	}

	long pausedUntil() {
		return this.pausedUntil;
	}

	void gateClosed(long until) {
		this.gateClosedUntil = until;
	}

	/** The later of two engine ticks. */
	static long later(long a, long b) {
		return (a - b >= 0) ? a : b;
	}

}
