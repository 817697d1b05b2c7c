package com.leavegateway.quota;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A quota's waiting callers, by class and then by arrival. Not thread-safe: its line's
 * lock guards it.
 */
final class WaitingCallers {

	private static final Priority[] PRIORITIES = Priority.values();

	/** Per class, in arrival order. */
	private final List<LinkedHashSet<Waiter>> waiting = new ArrayList<>();

	WaitingCallers() {
		for (int i = 0; i < PRIORITIES.length; i++) {
			this.waiting.add(new LinkedHashSet<>());
		}
	}

	void add(Waiter waiter) {
		this.waiting.get(waiter.urgency.priority().ordinal()).add(waiter);
		waiter.queued = true;
	}

	/** Takes the caller out of the queue and calls off its deadline. */
	void remove(Waiter waiter) {
		this.waiting.get(waiter.urgency.priority().ordinal()).remove(waiter);
		waiter.queued = false;
		QuotaTime.Scheduled deadline = waiter.deadline;
		if (deadline != null) {
			deadline.cancel();
			waiter.deadline = null;
		}
	}

	/** The caller served next: the first arrival of the highest class waiting. */
	@Nullable Waiter first() {
		for (LinkedHashSet<Waiter> waiters : this.waiting) {
			if (!waiters.isEmpty()) {
				return waiters.iterator().next();
			}
		}
		return null;
	}

	/** Every waiting caller, in serving order. */
	List<Waiter> all() {
		return servedBefore(PRIORITIES[PRIORITIES.length - 1]);
	}

	/**
	 * The callers a new caller of class {@code priority} would be served after, in
	 * serving order.
	 */
	List<Waiter> servedBefore(Priority priority) {
		List<Waiter> ahead = new ArrayList<>();
		for (int c = 0; c <= priority.ordinal(); c++) {
			ahead.addAll(this.waiting.get(c));
		}
		return ahead;
	}

	int count(Priority priority) {
		return this.waiting.get(priority.ordinal()).size();
	}

	int count() {
		int count = 0;
		for (LinkedHashSet<Waiter> waiters : this.waiting) {
			count += waiters.size();
		}
		return count;
	}

	/** How long the class's longest-waiting caller has waited; zero when none waits. */
	long oldestWaitNanos(Priority priority, long now) {
		LinkedHashSet<Waiter> waiters = this.waiting.get(priority.ordinal());
		return waiters.isEmpty() ? 0 : now - waiters.iterator().next().enqueuedAt;
	}

}
