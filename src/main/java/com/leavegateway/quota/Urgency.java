package com.leavegateway.quota;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;

/**
 * How urgent a caller's permits are: its class and its deadline, passed explicitly with
 * every {@link QuotaEngine#acquire} and {@link QuotaEngine#admit} of one request (its
 * batches, its pages, its retries). Times are the engine's {@link QuotaTime#nanoTime()};
 * make one with {@link QuotaEngine#urgency(Priority, Duration)}.
 *
 * @param priority The caller's class.
 * @param arrivalNanos When the request arrived: with the deadline it gives the request's
 * budget, used to say when asking again could succeed.
 * @param deadlineNanos The last moment a permit is of use: a waiting acquire fails with
 * {@link QuotaExhaustedException} then.
 */
public record Urgency(Priority priority, long arrivalNanos, long deadlineNanos) {

	public Urgency {
		Objects.requireNonNull(priority, "priority");
		if (deadlineNanos - arrivalNanos < 0) {
			throw new IllegalArgumentException("deadline before arrival");
		}
	}

	/** The request's whole wait budget: deadline minus arrival. */
	public Duration budget() {
		return Duration.ofNanos(this.deadlineNanos - this.arrivalNanos);
	}

	/**
	 * The urgency of one call made for several requests (a micro-batch of employees): the
	 * highest class among them and the earliest deadline, so that the call serves its
	 * most urgent member. The budget is that of the member with the earliest deadline.
	 */
	public static Urgency mostUrgent(Collection<Urgency> members) {
		Iterator<Urgency> iterator = members.iterator();
		if (!iterator.hasNext()) {
			throw new IllegalArgumentException("no members");
		}
		Urgency first = iterator.next();
		Priority priority = first.priority;
		Urgency earliest = first;
		while (iterator.hasNext()) {
			Urgency member = iterator.next();
			if (member.priority.compareTo(priority) < 0) {
				priority = member.priority;
			}
			if (member.deadlineNanos - earliest.deadlineNanos < 0) {
				earliest = member;
			}
		}
		return new Urgency(priority, earliest.arrivalNanos, earliest.deadlineNanos);
	}

}
