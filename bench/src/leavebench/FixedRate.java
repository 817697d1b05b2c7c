package leavebench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop client (wrk has no fixed-rate mode): request i is due at start + i / rate, whatever the answers
 * before it did, on one of a set of kept-alive connections. A request's latency counts from when it was due, not
 * from when a connection was free to send it, so that a slow answer delaying the next ones shows in the figures.
 */
final class FixedRate {

	private FixedRate() {
	}

	record Result(double rate, long sent, long errors, double p50Ms, double p99Ms, double maxMs, double seconds) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%,.0f req/s asked, %,d requests in %.1f s (%d errors/non-2xx), latency from the due time p50 %.2f ms, p99 %.2f ms, max %.2f ms",
					this.rate, this.sent, this.seconds, this.errors, this.p50Ms, this.p99Ms, this.maxMs);
		}

	}

	static Result run(int port, List<String> paths, double rate, int seconds, int connections)
			throws InterruptedException {
		int total = (int) Math.round(rate * seconds);
		long[] latencies = new long[total];
		AtomicInteger next = new AtomicInteger();
		AtomicLong errors = new AtomicLong();
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
		double interval = 1e9 / rate;
		List<Thread> workers = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			Thread worker = new Thread(() -> {
				try (Conn conn = new Conn(port)) {
					// Only the status matters here, and the client shares the machine's 2 cores.
					conn.discardBodies = true;
					conn.connect();
					for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
						long due = start + (long) (i * interval);
						for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
							LockSupport.parkNanos(wait);
						}
						Res res = conn.get(paths.get(i % paths.size()));
						latencies[i] = System.nanoTime() - due;
						if (res.status() < 200 || res.status() >= 300) {
							errors.incrementAndGet();
						}
					}
				}
			}, "fixed-rate-" + c);
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join(TimeUnit.SECONDS.toMillis(seconds + 60));
		}
		double took = (System.nanoTime() - start) / 1e9;
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		return new Result(rate, total, errors.get(), percentile(sorted, 50), percentile(sorted, 99),
				sorted[sorted.length - 1] / 1e6, took);
	}

	private static double percentile(long[] sorted, int percent) {
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

}
