package leavebench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static leavebench.Cpu.cpu;
import static leavebench.LeaveGatewayBench.DATE;
import static leavebench.LeaveGatewayBench.fresh;
import static leavebench.LeaveGatewayBench.many;
import static leavebench.LeaveGatewayBench.single;
import static leavebench.Load.burst;
import static leavebench.Options.PAGE;
import static leavebench.Report.detail;
import static leavebench.Report.f1;
import static leavebench.Report.f2;
import static leavebench.Report.n;
import static leavebench.Report.row;

/**
 * Scenarios 6-8, how the quota is scheduled (issue 11), on gateway A at the scaled quota, each after a quiet period so
 * that it starts on an empty window: 6, a cold all-employee listing against its pages' Feishu time; 7, single-employee
 * cold requests while concurrent exports fill the quota; 8, cache hits while hundreds of requests wait for quota.
 */
final class Scheduling {

	private Scheduling() {
	}

	static final String LISTING = "/api/v1/leave-balances?asOfDate=" + DATE;

	/**
	 * Scenario 7's exports ask for another date: scenario 6 leaves its listing's roster and employees in the cache, and
	 * exports served from it would not fill the quota.
	 */
	static final String EXPORT_LISTING = "/api/v1/leave-balances?asOfDate=2025-05-31";

	/** Scenario 6: one cold listing of every employee; its pages go one after another (page tokens). */
	static void listing(Options o, Gateway g, Api balances) throws Exception {
		Thread.sleep(TimeUnit.SECONDS.toMillis(o.periodSeconds));
		Cpu cpu = cpu(g);
		long calls = balances.calls();
		long t = System.nanoTime();
		Res res = Http.get(g.port, LISTING);
		double seconds = (System.nanoTime() - t) / 1e9;
		long c = balances.calls() - calls;
		int pages = (o.listingSize + PAGE - 1) / PAGE;
		double feishu = pages * o.latencyMs / 1000.0;
		int employees = (res.status() == 200) ? res.employees() : 0;
		detail("6: cold all-employee listing: HTTP " + res.status() + ", " + n(employees) + " employees, " + c
				+ " leave_balances calls in " + f2(seconds) + " s (" + f2(seconds / feishu) + "x the " + pages + " pages x "
				+ o.latencyMs + " ms = " + f2(feishu) + " s of Feishu time); " + cpu(g).since(cpu));
		row("6", "Cold all-employee listing of " + n(o.listingSize) + " (" + pages + " pages of " + o.latencyMs + " ms)",
				(res.status() != 200) ? "HTTP " + res.status()
						: f2(seconds) + " s = " + f2(seconds / feishu) + "x the pages' Feishu time (" + f2(feishu) + " s)",
				"<= 1.2x", res.status() == 200 && employees == o.listingSize && seconds <= 1.2 * feishu);
	}

	/**
	 * Scenario 7: {@code exports} all-employee NDJSON exports at once (bulk: together they ask more than a window's
	 * bulk share), and meanwhile two clients each asking one new employee, then pausing 500 ms, until the exports are
	 * done.
	 */
	static void exportAndInteractive(Options o, Gateway g, Api balances) throws Exception {
		Thread.sleep(TimeUnit.SECONDS.toMillis(o.periodSeconds));
		Cpu cpu = cpu(g);
		long calls = balances.calls();
		long rejected = balances.rejected();
		ExecutorService pool = Executors.newFixedThreadPool(o.exports + 2);
		long t = System.nanoTime();
		List<Future<Res>> exports = new ArrayList<>();
		for (int i = 0; i < o.exports; i++) {
			exports.add(pool.submit(() -> Http.get(g.port, EXPORT_LISTING, "application/x-ndjson")));
		}
		// The exports take the window first; interactive callers arrive into a full bulk share.
		Thread.sleep(1000);
		AtomicBoolean exporting = new AtomicBoolean(true);
		Outcome interactive = new Outcome();
		List<Future<?>> clients = whileRunning(pool, g, 2, exporting, 500, interactive, (i) -> single(fresh(1)));
		List<String> exported = new ArrayList<>();
		boolean complete = true;
		long exportsEnd = t;
		for (Future<Res> export : exports) {
			Res res = export.get(180, TimeUnit.SECONDS);
			exportsEnd = Math.max(exportsEnd, res.started() + res.nanos());
			int rows = (res.status() == 200) ? res.employees() : 0;
			exported.add("HTTP " + res.status() + " " + n(rows) + " rows in " + f1(res.nanos() / 1e9) + " s");
			complete &= res.status() == 200 && rows == o.listingSize;
		}
		stop(exporting, clients, pool);
		long end = System.nanoTime();
		double p95 = interactive.percentileMs(95);
		detail("7: " + o.exports + " all-employee exports at once: " + exported + "; meanwhile single-employee cold requests "
				+ "(2 clients, 500 ms apart): " + interactive.statuses() + ", " + interactive.latency() + ", p95 "
				+ f1(p95) + " ms; " + (balances.calls() - calls) + " leave_balances calls, most in a "
				+ o.periodSeconds + " s window " + balances.maxInWindow(t, exportsEnd) + " (limit " + o.limit
				+ "), 99991400 answered " + (balances.rejected() - rejected) + "; " + cpu(g).since(cpu));
		row("7", "Single-employee cold requests while " + o.exports + " exports fill the quota: p95",
				f1(p95) + " ms (" + interactive.statuses() + ")", "<= 1,000 ms",
				p95 >= 0 && p95 <= 1000 && interactive.tooMany.get() == 0 && interactive.other.get() == 0);
		row("7", "The " + o.exports + " exports of " + n(o.listingSize) + " employees complete",
				(complete ? "all complete, " : "NOT all complete, ") + "last after " + f1((exportsEnd - t) / 1e9) + " s",
				"complete", complete);
		detail("7: phase took " + f1((end - t) / 1e9) + " s");
	}

	/**
	 * Scenario 8: the window filled by 20-id requests, then {@code waiting} single-employee cold requests at once
	 * (they wait for the next window), and meanwhile four clients asking employees already in the cache.
	 */
	static void hitsWhileWaiting(Options o, Gateway g, Api balances) throws Exception {
		Thread.sleep(TimeUnit.SECONDS.toMillis(o.periodSeconds));
		Cpu cpu = cpu(g);
		int hitCount = 100;
		int hitFrom = fresh(hitCount);
		Res warm = Http.get(g.port, many(hitFrom, hitCount));
		long calls = balances.calls();
		int fill = o.limit - hitCount / PAGE;
		int fillFrom = fresh(fill * PAGE);
		long t = System.nanoTime();
		Outcome filled = burst(g.port, fill, (i) -> many(fillFrom + i * PAGE, PAGE), Duration.ofSeconds(60));
		int waitFrom = fresh(o.waiting);
		AtomicBoolean waiting = new AtomicBoolean(true);
		Outcome hits = new Outcome();
		ExecutorService pool = Executors.newFixedThreadPool(5);
		List<Future<?>> clients = whileRunning(pool, g, 4, waiting, 5, hits, (i) -> single(hitFrom + i % hitCount));
		long tw = System.nanoTime();
		Future<Outcome> burst = pool.submit(() -> burst(g.port, o.waiting, (i) -> single(waitFrom + i),
				Duration.ofSeconds(o.maxWaitSeconds + 60)));
		Outcome waited = burst.get(o.maxWaitSeconds + 90, TimeUnit.SECONDS);
		stop(waiting, clients, pool);
		long end = System.nanoTime();
		double hitP99 = hits.percentileMs(99);
		// While all of them still waited: hits sent before the first of them was answered.
		double waitingP99 = hits.percentileMsSentBefore(99, waited.firstCompletion());
		double longest = waited.longest.get() / 1e9;
		double fastest = waited.latencies.stream().mapToLong(Long::longValue).min().orElse(0) / 1e9;
		detail("8: " + hitCount + " employees cached (HTTP " + warm.status() + "); the window filled by " + fill
				+ " requests of 20 new ids (" + filled.statuses() + ", " + filled.latency() + "); then " + o.waiting
				+ " single-employee cold requests at once: " + waited.statuses() + ", fastest " + f2(fastest)
				+ " s (they waited for the next window), " + waited.latency() + ", longest answer of any status "
				+ f2(longest) + " s; " + (balances.calls() - calls) + " leave_balances calls, most in a window "
				+ balances.maxInWindow(t, end) + "; cache hits meanwhile from 4 clients: " + hits.statuses() + ", "
				+ hits.latency() + " (sent while all " + o.waiting + " still waited: p99 " + f2(waitingP99) + " ms); "
				+ cpu(g).since(cpu));
		row("8", "Cache-hit p99 while " + o.waiting + " requests wait for quota (whole phase: also while they are answered)",
				f2(waitingP99) + " ms (whole phase " + f2(hitP99) + " ms, " + n(hits.ok.get()) + " hits)", "<= 10 ms",
				waitingP99 >= 0 && waitingP99 <= 10 && hits.other.get() == 0);
		row("8", "Longest answer of the " + o.waiting + " waiting requests vs feishu.quotas.max-wait",
				f2(longest) + " s (" + waited.statuses() + ")", "<= " + o.maxWaitSeconds + " s",
				longest <= o.maxWaitSeconds && waited.other.get() == 0);
		detail("8: phase took " + f1((end - tw) / 1e9) + " s after the window was full");
	}

	/**
	 * {@code clients} closed-loop clients on kept-alive connections, each pausing {@code pauseMs} between requests,
	 * until {@code running} turns false (two minutes at most); {@code request} turns a running number into a path.
	 */
	static List<Future<?>> whileRunning(ExecutorService pool, Gateway g, int clients, AtomicBoolean running, long pauseMs,
			Outcome outcome, IntFunction<String> request) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		AtomicInteger next = new AtomicInteger();
		List<Future<?>> futures = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			futures.add(pool.submit(() -> {
				try (Conn conn = new Conn(g.port)) {
					while (running.get() && System.nanoTime() < deadline) {
						outcome.add(conn.get(request.apply(next.getAndIncrement())));
						Thread.sleep(pauseMs);
					}
				}
				return null;
			}));
		}
		return futures;
	}

	/** Stops the clients of {@link #whileRunning} and their pool. */
	static void stop(AtomicBoolean running, List<Future<?>> clients, ExecutorService pool) throws Exception {
		running.set(false);
		for (Future<?> client : clients) {
			client.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();
	}

}
