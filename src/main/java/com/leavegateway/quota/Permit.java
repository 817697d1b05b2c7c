package com.leavegateway.quota;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The right to send one call now, handed explicitly to the code that makes it. Its send
 * is already counted in the window, and it holds one of the quota's places in flight
 * until the call is over: then {@link #complete()} (or {@link #close()}) it. A permit
 * whose call was never sent (the call failed before it left, or the caller gave up)
 * should be {@link #giveBack() given back}: its send record leaves the window again.
 * <p>
 * A permit neither completed nor given back holds its place in flight for ever; the
 * {@code gateway.quota.in.flight} gauge shows such leaks.
 */
public final class Permit implements AutoCloseable {

	private static final int IN_FLIGHT = 0;

	private static final int COMPLETED = 1;

	private static final int GIVEN_BACK = 2;

	private final QuotaLine line;

	private final Priority priority;

	private final SendRecord send;

	private final long grantedAtNanos;

	private final Duration waited;

	private final AtomicInteger state = new AtomicInteger(IN_FLIGHT);

	Permit(QuotaLine line, Priority priority, SendRecord send, long grantedAtNanos, Duration waited) {
		this.line = line;
		this.priority = priority;
		this.send = send;
		this.grantedAtNanos = grantedAtNanos;
		this.waited = waited;
	}

	/** The quota this permit counts against. */
	public String quota() {
		return this.line.name();
	}

	/** The class it was granted at. */
	public Priority priority() {
		return this.priority;
	}

	/** The send as its window recorded it. */
	public SendRecord send() {
		return this.send;
	}

	/** How long its caller waited for it. */
	public Duration waited() {
		return this.waited;
	}

	long grantedAtNanos() {
		return this.grantedAtNanos;
	}

	/** Whether neither {@link #complete()} nor {@link #giveBack()} has been called. */
	public boolean inFlight() {
		return this.state.get() == IN_FLIGHT;
	}

	/**
	 * The call is going on the wire now: its send counts in the window from now rather
	 * than from its grant (see {@link SendWindow#recount}). Does nothing once the permit
	 * is completed or given back.
	 */
	public void sending() {
		if (inFlight()) {
			this.line.recount(this, false);
		}
	}

	/**
	 * The call was sent and is over (answered, failed or timed out): its place in flight
	 * is free, and its send counts until a period after now, the latest moment the
	 * upstream may have counted it (see {@link SendWindow#recount}). Only the first of
	 * this and {@link #giveBack()} counts.
	 * @return whether this call changed the permit
	 */
	public boolean complete() {
		if (!this.state.compareAndSet(IN_FLIGHT, COMPLETED)) {
			return false;
		}
		this.line.recount(this, true);
		this.line.released(this, true);
		return true;
	}

	/**
	 * The call was never sent: removes its send record from the window and frees its
	 * place in flight. Only the first of this and {@link #complete()} counts.
	 * @return whether this call changed the permit
	 */
	public boolean giveBack() {
		if (!this.state.compareAndSet(IN_FLIGHT, GIVEN_BACK)) {
			return false;
		}
		this.line.released(this, false);
		return true;
	}

	/** {@link #complete()}, for try-with-resources around a call. */
	@Override
	public void close() {
		complete();
	}

	@Override
	public String toString() {
		return "Permit[" + quota() + ", " + this.priority + ", " + this.send.id() + "]";
	}

}
