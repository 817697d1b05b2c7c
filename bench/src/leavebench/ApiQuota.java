package leavebench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** One Feishu API's quota: a sliding window of accepted calls, and a log of every arrival. */
final class ApiQuota {

	volatile int limit;

	volatile long periodNanos;

	private final ArrayDeque<Long> accepted = new ArrayDeque<>();

	private long[] arrivals = new long[1 << 16];

	private int arrivalCount;

	final AtomicLong acceptedCalls = new AtomicLong();

	final AtomicLong rejectedCalls = new AtomicLong();

	ApiQuota(int limit, Duration period) {
		this.limit = limit;
		this.periodNanos = period.toNanos();
	}

	synchronized void reconfigure(int limit, Duration period) {
		this.limit = limit;
		this.periodNanos = period.toNanos();
		this.accepted.clear();
	}

	/** Logs the arrival; -1 when accepted, else nanos until the oldest accepted call leaves the window. */
	synchronized long arrive(long now) {
		if (this.arrivalCount == this.arrivals.length) {
			this.arrivals = Arrays.copyOf(this.arrivals, this.arrivals.length * 2);
		}
		this.arrivals[this.arrivalCount++] = now;
		while (!this.accepted.isEmpty() && now - this.accepted.peekFirst() >= this.periodNanos) {
			this.accepted.pollFirst();
		}
		if (this.accepted.size() < this.limit) {
			this.accepted.addLast(now);
			this.acceptedCalls.incrementAndGet();
			return -1;
		}
		this.rejectedCalls.incrementAndGet();
		return this.accepted.peekFirst() + this.periodNanos - now;
	}

	long calls() {
		return this.acceptedCalls.get() + this.rejectedCalls.get();
	}

	/** Shortest time in which {@code k} consecutive arrivals in [from, to) came; -1 when fewer arrived. */
	synchronized long minSpan(int k, long from, long to) {
		long[] times = Arrays.stream(Arrays.copyOf(this.arrivals, this.arrivalCount))
			.filter((x) -> x >= from && x < to)
			.sorted()
			.toArray();
		long min = -1;
		for (int i = 0; i + k - 1 < times.length; i++) {
			long span = times[i + k - 1] - times[i];
			if (min < 0 || span < min) {
				min = span;
			}
		}
		return min;
	}

	/** Arrivals (accepted or not) in [from, to). */
	synchronized long count(long from, long to) {
		long count = 0;
		for (int i = 0; i < this.arrivalCount; i++) {
			if (this.arrivals[i] >= from && this.arrivals[i] < to) {
				count++;
			}
		}
		return count;
	}

	/** Most arrivals (accepted or not) in any half-open window [t, t + period) with from <= t < to. */
	synchronized int maxInWindow(long from, long to) {
		return maxInWindow(from, to, this.periodNanos);
	}

	/** Most arrivals (accepted or not) in any half-open window [t, t + window) with from <= t < to. */
	synchronized int maxInWindow(long from, long to, long window) {
		long[] times = Arrays.copyOf(this.arrivals, this.arrivalCount);
		Arrays.sort(times);
		int max = 0;
		int i = 0;
		for (int j = 0; j < times.length; j++) {
			if (times[j] < from || times[j] >= to) {
				continue;
			}
			if (i < j && times[i] < from) {
				i = j;
			}
			while (times[j] - times[i] >= window) {
				i++;
			}
			max = Math.max(max, j - i + 1);
		}
		return max;
	}

}
