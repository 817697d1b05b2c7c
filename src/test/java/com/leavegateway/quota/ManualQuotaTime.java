package com.leavegateway.quota;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link QuotaTime} the test moves by hand: {@link #advance} runs every task that falls
 * due on the way, each at its own time, in order. It starts a few minutes before the
 * {@code long} tick wraps around, so that every test also checks that the engine compares
 * ticks by difference, as {@link System#nanoTime()} values must be.
 */
final class ManualQuotaTime implements QuotaTime {

	private final PriorityQueue<Task> tasks = new PriorityQueue<>();

	private long now = Long.MAX_VALUE - Duration.ofMinutes(3).toNanos();

	private long sequence;

	@Override
	public synchronized long nanoTime() {
		return this.now;
	}

	@Override
	public synchronized Scheduled schedule(Runnable task, long delayNanos) {
		Task scheduled = new Task(this.now + Math.max(0, delayNanos), this.sequence++, task);
		this.tasks.add(scheduled);
		return () -> {
			synchronized (this) {
				this.tasks.remove(scheduled);
			}
		};
	}

	/** Moves time on by {@code duration}, running what falls due on the way. */
	void advance(Duration duration) {
		long target;
		synchronized (this) {
			target = this.now + duration.toNanos();
		}
		while (true) {
			Task next;
			synchronized (this) {
				next = this.tasks.peek();
				if (next == null || next.due - target > 0) {
					this.now = target;
					return;
				}
				this.tasks.poll();
				if (next.due - this.now > 0) {
					this.now = next.due;
				}
			}
			next.task.run();
		}
	}

	/** Tasks scheduled and neither run nor called off. */
	synchronized int pending() {
		return this.tasks.size();
	}

	private record Task(long due, long sequence, Runnable task) implements Comparable<Task> {

		@Override
		public int compareTo(Task other) {
			long byDue = this.due - other.due;
			return (byDue != 0) ? Long.signum(byDue) : Long.compare(this.sequence, other.sequence);
		}

	}

}
