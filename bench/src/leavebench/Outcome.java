package leavebench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static leavebench.Report.f1;

/** What a set of clients saw. */
final class Outcome {

	final AtomicInteger ok = new AtomicInteger();

	final AtomicInteger tooMany = new AtomicInteger();

	final AtomicInteger other = new AtomicInteger();

	final AtomicLong employees = new AtomicLong();

	final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

	/** Per 200 answer: when it was sent and how long it took (System.nanoTime()). */
	final List<long[]> timed = java.util.Collections.synchronizedList(new ArrayList<>());

	/** Per 200 answer: when it completed (System.nanoTime()) and how many employees it carried. */
	final List<long[]> completions = java.util.Collections.synchronizedList(new ArrayList<>());

	final Map<Integer, AtomicInteger> otherStatuses = new ConcurrentHashMap<>();

	volatile String sampleError;

	final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);

	final AtomicLong lastStart = new AtomicLong(Long.MIN_VALUE);

	/** The longest time to any answer, whatever its status (a 429 included). */
	final AtomicLong longest = new AtomicLong();

	/** Time between the first and the last request sent. */
	String sendSpread() {
		return f1((this.lastStart.get() - this.firstStart.get()) / 1e6) + " ms";
	}

	void add(Res res) {
		if (res.started() != 0) {
			this.firstStart.accumulateAndGet(res.started(), Math::min);
			this.lastStart.accumulateAndGet(res.started(), Math::max);
		}
		this.longest.accumulateAndGet(res.nanos(), Math::max);
		if (res.status() == 200) {
			this.ok.incrementAndGet();
			int employees = res.employees();
			this.employees.addAndGet(employees);
			this.latencies.add(res.nanos());
			this.timed.add(new long[] { res.started(), res.nanos() });
			this.completions.add(new long[] { System.nanoTime(), employees });
		}
		else if (res.status() == 429) {
			this.tooMany.incrementAndGet();
		}
		else {
			this.other.incrementAndGet();
			this.otherStatuses.computeIfAbsent(res.status(), (k) -> new AtomicInteger()).incrementAndGet();
			if (this.sampleError == null) {
				this.sampleError = res.status() + " " + res.body().substring(0, Math.min(300, res.body().length()));
			}
		}
	}

	String latency() {
		List<Long> sorted;
		synchronized (this.latencies) {
			sorted = new ArrayList<>(this.latencies);
		}
		if (sorted.isEmpty()) {
			return "n/a";
		}
		sorted.sort(null);
		return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms", ms(pct(sorted, 50)),
				ms(pct(sorted, 99)), ms(sorted.get(sorted.size() - 1)));
	}

	/** The {@code p}th percentile of the 200 answers' latencies, in ms; -1 when there were none. */
	double percentileMs(int p) {
		List<Long> sorted;
		synchronized (this.latencies) {
			sorted = new ArrayList<>(this.latencies);
		}
		if (sorted.isEmpty()) {
			return -1;
		}
		sorted.sort(null);
		return ms(pct(sorted, p));
	}

	/** The {@code p}th percentile, in ms, of the 200 answers to requests sent before {@code before}; -1 if none. */
	double percentileMsSentBefore(int p, long before) {
		List<Long> sorted = new ArrayList<>();
		synchronized (this.timed) {
			for (long[] t : this.timed) {
				if (t[0] < before) {
					sorted.add(t[1]);
				}
			}
		}
		if (sorted.isEmpty()) {
			return -1;
		}
		sorted.sort(null);
		return ms(pct(sorted, p));
	}

	/** When the first 200 answer completed (System.nanoTime()); Long.MAX_VALUE if none did. */
	long firstCompletion() {
		synchronized (this.completions) {
			return this.completions.stream().mapToLong((c) -> c[0]).min().orElse(Long.MAX_VALUE);
		}
	}

	/** Employees carried by 200 answers that completed in [from, to). */
	long employeesBetween(long from, long to) {
		long sum = 0;
		synchronized (this.completions) {
			for (long[] c : this.completions) {
				if (c[0] >= from && c[0] < to) {
					sum += c[1];
				}
			}
		}
		return sum;
	}

	String statuses() {
		String s = this.ok + " x 200, " + this.tooMany + " x 429";
		if (this.other.get() > 0) {
			s += ", " + this.other + " other " + this.otherStatuses + " e.g. " + this.sampleError;
		}
		return s;
	}

	private static long pct(List<Long> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}

}
