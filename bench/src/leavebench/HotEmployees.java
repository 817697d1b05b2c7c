package leavebench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static leavebench.LeaveGatewayBench.fresh;
import static leavebench.LeaveGatewayBench.many;
import static leavebench.LeaveGatewayBench.single;
import static leavebench.Report.detail;
import static leavebench.Report.f1;
import static leavebench.Report.f2;
import static leavebench.Report.log;
import static leavebench.Report.n;
import static leavebench.Report.row;

/**
 * Scenario H (issue 15): a few readers read the same hot employees over and over for minutes on a gateway whose
 * balances live {@code --hot-ttl-s}, while the stand-in fails every call for {@code --outage-s} in the middle. Each
 * read's Cache-Status and the employee's {@code fetchedAt} say whether it waited for Feishu and how old its data was;
 * the stand-in counts the calls spent keeping the employees fresh.
 */
final class HotEmployees {

	private HotEmployees() {
	}

	static final Pattern FETCHED_AT = Pattern.compile("\"fetchedAt\"\\s*:\\s*\"([^\"]+)\"");

	/** The status recorded for a 200 list answer without the employee (it is under {@code failed}). */
	static final int FAILED_IN_200 = -200;

	/** Flags of one read, from its Cache-Status. */
	static final int HIT = 1, MISS = 2, STALE = 4, STALE_IF_ERROR = 8, OTHER = 16, NEGATIVE_TTL = 32;

	static final Pattern TTL = Pattern.compile("ttl=(-?\\d+)");

	/**
	 * One read: sent (nanoTime), took (nanos), status, Cache-Status flags, age of its data when received (ms, -1
	 * unknown) and its fetchedAt (epoch ms, -1 unknown).
	 */
	record Read(long sent, long nanos, int status, int flags, long ageMs, long fetchedAtMs) {
	}

	static void run(Options o, StandInProcess feishu, Api balances) throws Exception {
		Duration period = Duration.ofSeconds(o.periodSeconds);
		balances.reconfigure(o.limit, period);
		long ttl = TimeUnit.SECONDS.toNanos(o.hotTtlSeconds);
		long total = TimeUnit.MINUTES.toNanos(o.hotMinutes);
		long outage = TimeUnit.SECONDS.toNanos(o.outageSeconds);
		long outageStart = Math.max(ttl, (total - outage) / 2);
		long outageEnd = outageStart + outage;
		String[] args = { "--gateway.cache.balances.ttl=" + o.hotTtlSeconds + "s" };
		log("starting the gateway for scenario H (" + String.join(" ", args) + ")");
		try (Gateway g = new Gateway(o, feishu.port, o.limit, o.periodSeconds, o.baselineSize, "hot", args)) {
			int from = fresh(o.hotEmployees);
			log("gateway up (pid " + g.pid() + ", port " + g.port + "); " + o.hotReaders + " readers read " + o.hotEmployees
					+ " hot employees for " + o.hotMinutes + " min"
					+ ((o.outageSeconds > 0) ? ", the stand-in failing every call from " + (outageStart / 1_000_000_000L)
							+ " s to " + (outageEnd / 1_000_000_000L) + " s" : ""));
			Cpu cpu = Cpu.cpu(g);
			List<Read> reads = java.util.Collections.synchronizedList(new ArrayList<>());
			Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
			long[] clock = new long[1];
			CountDownLatch ready = new CountDownLatch(o.hotReaders);
			CountDownLatch go = new CountDownLatch(1);
			ExecutorService readers = Executors.newFixedThreadPool(o.hotReaders);
			for (int r = 0; r < o.hotReaders; r++) {
				int offset = r * o.hotEmployees / o.hotReaders;
				readers.submit(() -> {
					try (Conn conn = new Conn(g.port)) {
						conn.connect();
						ready.countDown();
						go.await();
						long end = clock[0] + total;
						for (int k = offset; System.nanoTime() < end; k++) {
							int n = from + k % o.hotEmployees;
							Res res = conn.get(o.hotPath.equals("list") ? many(n, 1) : single(n));
							reads.add(read(res, statuses));
							Thread.sleep(o.hotPauseMs);
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return null;
				});
			}
			ready.await(30, TimeUnit.SECONDS);
			long t0 = System.nanoTime();
			clock[0] = t0;
			go.countDown();
			readers.shutdown();
			long outageCalls = 0;
			long outageOffMs = -1;
			if (o.outageSeconds > 0) {
				sleepUntil(t0 + outageStart);
				long before = balances.outageCalls();
				feishu.outage(true);
				log("H: outage on");
				sleepUntil(t0 + outageEnd);
				feishu.outage(false);
				outageOffMs = System.currentTimeMillis();
				outageCalls = balances.outageCalls() - before;
				log("H: outage off (" + outageCalls + " calls answered 503 meanwhile)");
			}
			if (!readers.awaitTermination(total / 1_000_000_000L + 120, TimeUnit.SECONDS)) {
				readers.shutdownNow();
			}
			long tEnd = System.nanoTime();
			List<Read> all;
			synchronized (reads) {
				all = new ArrayList<>(reads);
			}
			figures(o, balances, all, statuses, t0, tEnd, ttl, outageStart, outageEnd, outageCalls, outageOffMs);
			detail("H: gateway " + g.gcPauses() + "; " + Cpu.cpu(g).since(cpu));
		}
	}

	private static Read read(Res res, Map<String, AtomicInteger> statuses) {
		int flags = 0;
		String cs = res.cacheStatus();
		if (cs != null) {
			statuses.computeIfAbsent(cs.replaceAll("ttl=-?\\d+", "ttl=N"), (k) -> new AtomicInteger()).incrementAndGet();
			Matcher ttl = TTL.matcher(cs);
			if (ttl.find() && Long.parseLong(ttl.group(1)) < 0) {
				flags |= NEGATIVE_TTL;
			}
			if (cs.contains("detail=stale-if-error")) {
				flags |= STALE_IF_ERROR;
			}
			else if (cs.contains("fwd=stale")) {
				flags |= STALE;
			}
			else if (cs.contains("fwd=miss") || cs.contains("fwd=partial") || cs.contains("fwd=request")) {
				flags |= MISS;
			}
			else if (cs.contains("; hit")) {
				flags |= HIT;
			}
			else {
				flags |= OTHER;
			}
		}
		else {
			statuses.computeIfAbsent("(none) HTTP " + res.status(), (k) -> new AtomicInteger()).incrementAndGet();
		}
		long age = -1;
		long fetchedAt = -1;
		if (res.status() == 200) {
			Matcher m = FETCHED_AT.matcher(res.body());
			if (m.find()) {
				fetchedAt = Instant.parse(m.group(1)).toEpochMilli();
				age = Math.max(0, System.currentTimeMillis() - fetchedAt);
			}
		}
		// A list answer is 200 even when its one employee failed (it is then under "failed"): not an answer.
		int status = (res.status() == 200 && res.employees() == 0) ? FAILED_IN_200 : res.status();
		return new Read(res.started(), res.nanos(), status, flags, age, fetchedAt);
	}

	/** The reads sent in [from, to) (offsets from t0). */
	private static List<Read> between(List<Read> all, long t0, long from, long to) {
		return all.stream().filter((r) -> r.sent() - t0 >= from && r.sent() - t0 < to).toList();
	}

	private static void figures(Options o, Api balances, List<Read> all, Map<String, AtomicInteger> statuses, long t0,
			long tEnd, long ttl, long outageStart, long outageEnd, long outageCalls, long outageOffMs) {
		boolean outage = o.outageSeconds > 0;
		long end = tEnd - t0;
		List<Read> steady = new ArrayList<>(between(all, t0, ttl, outage ? outageStart : end));
		List<Read> during = outage ? between(all, t0, outageStart, outageEnd) : List.of();
		List<Read> after = outage ? between(all, t0, outageEnd, end) : List.of();
		// After the outage, one ttl for the gateway to recover is not counted against "never waits".
		List<Read> afterSettled = outage ? between(all, t0, outageEnd + ttl, end) : List.of();
		List<Read> measured = new ArrayList<>(steady);
		measured.addAll(afterSettled);
		long slowNanos = TimeUnit.MILLISECONDS.toNanos(o.slowMs);
		long waited = measured.stream().filter((r) -> (r.flags() & MISS) != 0).count();
		long slow = measured.stream().filter((r) -> r.nanos() >= slowNanos).count();
		long measuredErrors = measured.stream().filter((r) -> r.status() != 200).count();
		long stale = measured.stream().filter((r) -> (r.flags() & (NEGATIVE_TTL | STALE | STALE_IF_ERROR)) != 0).count();
		String window = outage ? "after the first ttl, outside the outage and the ttl after it" : "after the first ttl";
		detail("H: " + n(all.size()) + " reads of " + o.hotEmployees + " hot employees by " + o.hotReaders + " readers ("
				+ o.hotPath + " form, " + o.hotPauseMs + " ms between a reader's reads) in " + f1(end / 1e9) + " s, ttl "
				+ o.hotTtlSeconds + " s; Cache-Status values seen: " + new TreeMap<>(statuses));
		detail("H: " + window + ": " + n(measured.size()) + " reads, " + waited + " with Cache-Status fwd=miss/partial/request, "
				+ slow + " took >= " + o.slowMs + " ms, " + measuredErrors + " not 200, " + stale
				+ " served stale (fwd=stale, stale-if-error or a negative ttl); " + latency(measured));
		row("H1", "Hot reads that waited for Feishu (Cache-Status fwd=miss), " + window,
				n(waited) + " of " + n(measured.size()) + " = " + pct(waited, measured.size()), "0", waited == 0);
		row("H1", "Hot reads taking >= " + o.slowMs + " ms (the stand-in's latency is " + o.latencyMs + " ms), same reads",
				n(slow) + " of " + n(measured.size()) + " = " + pct(slow, measured.size()) + "; " + latency(measured), "info",
				null);

		// Feishu calls per ttl, counted at the stand-in, for each whole ttl after the first
		List<Long> perTtl = new ArrayList<>();
		List<String> perTtlText = new ArrayList<>();
		for (long s = ttl; s + ttl <= end; s += ttl) {
			long c = balances.arrivals(t0 + s, t0 + s + ttl);
			boolean inOutage = outage && s < outageEnd + ttl && s + ttl > outageStart;
			perTtlText.add(c + (inOutage ? "*" : ""));
			if (!inOutage) {
				perTtl.add(c);
			}
		}
		long firstTtl = balances.arrivals(t0, t0 + ttl);
		detail("H: leave_balances calls that reached the stand-in per ttl of " + o.hotTtlSeconds + " s: first ttl "
				+ firstTtl + ", then " + perTtlText + " (* = touched by the outage or the ttl after it); ids per call after the first ttl: "
				+ LeaveGatewayBench.sizeSummary(balances.idsPerCall(t0 + ttl, tEnd)));
		double mean = perTtl.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
		long perTtlMax = perTtl.stream().mapToLong(Long::longValue).max().orElse(-1);
		int ideal = (o.hotEmployees + Options.PAGE - 1) / Options.PAGE;
		row("H2", "Feishu calls per ttl (" + o.hotTtlSeconds + " s) keeping " + o.hotEmployees
				+ " hot employees, whole ttls after the first, outside the outage",
				perTtl.isEmpty() ? "n/a" : "mean " + f1(mean) + ", most " + perTtlMax + " (" + perTtl.size() + " ttls)",
				"about " + ideal, null);

		long oldest = measured.stream().mapToLong(Read::ageMs).max().orElse(-1);
		long oldestAll = all.stream().mapToLong(Read::ageMs).max().orElse(-1);
		long oldestOutage = during.stream().mapToLong(Read::ageMs).max().orElse(-1);
		row("H3", "Oldest data served (now - fetchedAt), " + window + " / over the whole run"
				+ (outage ? " / during the outage" : ""),
				f1(oldest / 1000.0) + " s / " + f1(oldestAll / 1000.0) + " s" + (outage ? " / " + f1(oldestOutage / 1000.0) + " s" : ""),
				"info (ttl " + o.hotTtlSeconds + " s)", null);

		int max = balances.maxInWindow(t0, tEnd);
		long marginMs = Math.round(o.periodSeconds * 1000 * (1 + Replicas.SPACING_MARGIN));
		row("H4", "Most calls in any sliding " + o.periodSeconds + " s window over the run",
				max + " of limit " + o.limit + " (in " + marginMs + " ms: " + balances.maxInWindow(t0, tEnd, marginMs) + ")",
				"<= " + o.limit, max <= o.limit);

		if (outage) {
			long ok = during.stream().filter((r) -> r.status() == 200).count();
			Map<Integer, Long> byStatus = new TreeMap<>();
			during.forEach((r) -> byStatus.merge(r.status(), 1L, Long::sum));
			long staleIfError = during.stream().filter((r) -> (r.flags() & STALE_IF_ERROR) != 0).count();
			detail("H: during the " + o.outageSeconds + " s outage: " + n(during.size()) + " reads, by status " + byStatus
					+ " (" + FAILED_IN_200 + ": a 200 list answer whose employee is under \"failed\")"
					+ ", " + staleIfError + " with detail=stale-if-error; the gateway made " + outageCalls
					+ " calls the stand-in answered 503; " + latency(during));
			row("H5", "Hot reads answered 200 during a " + o.outageSeconds + " s Feishu outage (every call 503)",
					n(ok) + " of " + n(during.size()) + " = " + pct(ok, during.size()), "100 %",
					!during.isEmpty() && ok == during.size());
			long okAfter = after.stream().filter((r) -> r.status() == 200).count();
			long firstFresh = -1;
			for (Read r : after) {
				// The first answer whose data was fetched after the outage: the gateway reached Feishu again.
				if (r.status() == 200 && r.fetchedAtMs() > outageOffMs) {
					long at = r.sent() + r.nanos() - (t0 + outageEnd);
					firstFresh = (firstFresh < 0) ? at : Math.min(firstFresh, at);
				}
			}
			long oldestSettled = afterSettled.stream().mapToLong(Read::ageMs).max().orElse(-1);
			row("H6", "After the outage: reads answered 200 / first answer with data fetched after it / oldest data one ttl later",
					pct(okAfter, after.size()) + " of " + n(after.size()) + " / "
							+ ((firstFresh < 0) ? "none" : f1(firstFresh / 1e9) + " s after") + " / "
							+ ((oldestSettled < 0) ? "n/a" : f1(oldestSettled / 1000.0) + " s"),
					"100 % / recovers", null);
		}
	}

	private static String pct(long part, long whole) {
		return (whole == 0) ? "n/a" : f2(100.0 * part / whole) + " %";
	}

	private static String latency(List<Read> reads) {
		if (reads.isEmpty()) {
			return "no reads";
		}
		long[] sorted = reads.stream().mapToLong(Read::nanos).sorted().toArray();
		return "p50 " + f2(at(sorted, 50) / 1e6) + " ms, p99 " + f2(at(sorted, 99) / 1e6) + " ms, max "
				+ f1(sorted[sorted.length - 1] / 1e6) + " ms";
	}

	private static long at(long[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

}
