package leavebench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static leavebench.LeaveGatewayBench.fresh;
import static leavebench.LeaveGatewayBench.many;
import static leavebench.LeaveGatewayBench.single;
import static leavebench.Options.PAGE;
import static leavebench.Report.detail;
import static leavebench.Report.f1;
import static leavebench.Report.f2;
import static leavebench.Report.log;
import static leavebench.Report.n;
import static leavebench.Report.row;

/**
 * Scenario R (issue 14): several gateway replicas in {@code redis} coordination mode on one Redis, under a key prefix
 * of this run's own, against one stand-in whose quota is the whole deployment's. R1: cold single-employee load spread
 * round-robin over all replicas (the window figure, 99991400s, the share of the ceiling, each replica's share of the
 * calls); R2: the same load on one replica while the others idle (it should get the whole quota); R3: one cold
 * 1,000-id request on one replica while the others idle.
 */
final class Replicas {

	private Replicas() {
	}

	/** The gateway's {@code feishu.quotas.spacing-margin} (its default): sends are counted in period x (1 + this). */
	static final double SPACING_MARGIN = 0.02;

	static void run(Options o, StandInProcess feishu, Api balances) throws Exception {
		Duration period = Duration.ofSeconds(o.periodSeconds);
		balances.reconfigure(o.limit, period);
		String prefix = "leavebench-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis() + ":";
		String[] redis = { "--gateway.coordination.mode=redis", "--spring.data.redis.host=" + o.redisHost,
				"--spring.data.redis.port=" + o.redisPort, "--gateway.coordination.key-prefix=" + prefix };
		log("starting " + o.replicas + " replicas (scenario R) on Redis " + o.redisHost + ":" + o.redisPort
				+ ", key prefix " + prefix + "; quota " + o.limit + " per " + o.periodSeconds + " s for all of them");
		List<Gateway> replicas = start(o, feishu, redis);
		try {
			detail("R: " + replicas.size() + " replicas started at once, healthy after " + String.join(", ", replicas.stream()
				.map((g) -> f1(g.healthyAfter.toMillis() / 1000.0) + " s (pid " + g.pid() + ", port " + g.port + ")")
				.toList()) + " (a new key prefix: each quota's window counts as full for one period, the token's 60 s)");
			warmUp(replicas);
			if (o.replicasWarmSeconds > 0) {
				// The cold path's JIT: without this, R1's calls per window climbed from ~40 to ~75 over its minute.
				phase(o, replicas, replicas, balances, "R1 warm-up (not a figure)", o.replicasWarmSeconds, null);
			}
			Thread.sleep(period.toMillis() + 500);
			phase(o, replicas, replicas, balances, "R1", o.replicasSeconds,
					replicas.size() + " replicas, cold load round-robin");
			Thread.sleep(period.toMillis() + 500);
			phase(o, replicas, List.of(replicas.get(0)), balances, "R2", o.aloneSeconds,
					"one replica alone, " + (replicas.size() - 1) + " idle");
			Thread.sleep(period.toMillis() + 500);
			oneThousand(o, replicas, balances);
			detail("R: stand-in bad requests " + balances.badRequests() + "; " + feishu.gcPauses() + " (stand-in); "
					+ String.join("; ", replicas.stream().map((g) -> "replica on port " + g.port + ": " + g.gcPauses()).toList()));
		}
		finally {
			replicas.forEach(Gateway::close);
		}
		if (o.replicasControl) {
			// R0: the same load as R2 on one gateway in local mode (the whole quota its own), right after: what the
			// machine gives at this load without Redis, so that R1-R2 can be read against it.
			log("starting a local-mode gateway (R0, the control)");
			try (Gateway local = new Gateway(o, feishu.port, o.limit, o.periodSeconds, o.baselineSize, "r0")) {
				warmUp(List.of(local));
				Thread.sleep(period.toMillis() + 500);
				phase(o, List.of(local), List.of(local), balances, "R0", o.aloneSeconds,
						"control: one gateway in local mode, no Redis");
			}
		}
	}

	/** The replicas, started at once (each start takes seconds on two shared cores). */
	private static List<Gateway> start(Options o, StandInProcess feishu, String[] redis) throws Exception {
		ExecutorService starter = Executors.newFixedThreadPool(o.replicas);
		List<Future<Gateway>> starting = new ArrayList<>();
		for (int i = 1; i <= o.replicas; i++) {
			String name = "r" + i;
			starting.add(starter.submit(() -> new Gateway(o, feishu.port, o.limit, o.periodSeconds, o.baselineSize, name,
					redis)));
		}
		starter.shutdown();
		List<Gateway> replicas = new ArrayList<>();
		Exception failure = null;
		for (Future<Gateway> f : starting) {
			try {
				replicas.add(f.get(180, TimeUnit.SECONDS));
			}
			catch (Exception ex) {
				failure = (failure == null) ? ex : failure;
			}
		}
		if (failure != null) {
			replicas.forEach(Gateway::close);
			throw failure;
		}
		return replicas;
	}

	/** JIT, threads and connections warmed on each replica, on ids no phase uses: 3 calls and 2,000 hits each. */
	private static void warmUp(List<Gateway> replicas) throws Exception {
		List<String> seen = new ArrayList<>();
		for (Gateway g : replicas) {
			int from = fresh(3 * PAGE);
			for (int i = 0; i < 3; i++) {
				Http.get(g.port, many(from + i * PAGE, PAGE));
			}
			Outcome hits = Load.clients(g.port, 20, 2000, Duration.ofSeconds(30), (i) -> single(from + i % (3 * PAGE)));
			seen.add(hits.statuses());
		}
		detail("R warm-up (3 cold 20-id requests and 2,000 hits a replica, ids not used later): " + seen);
	}

	/**
	 * Closed-loop clients, each with a connection to every target, request i going to target i mod targets: one new
	 * employee a request, for {@code seconds}. All replicas stay up; only {@code targets} get load.
	 */
	private static void phase(Options o, List<Gateway> replicas, List<Gateway> targets, Api balances, String id,
			int seconds, String what) throws Exception {
		Cpu cpu = Cpu.cpu(replicas);
		long[] before = new long[replicas.size()];
		for (int r = 0; r < replicas.size(); r++) {
			before[r] = replicas.get(r).leaveBalanceCalls();
		}
		long rejected = balances.rejected();
		int clients = o.sustainClients;
		int pool = (int) Math.ceil(PAGE * o.limit / (double) o.periodSeconds * (seconds + 15)) + clients;
		int from = fresh(pool);
		List<Outcome> outcomes = new ArrayList<>();
		targets.forEach((g) -> outcomes.add(new Outcome()));
		AtomicInteger next = new AtomicInteger();
		CountDownLatch ready = new CountDownLatch(clients);
		CountDownLatch go = new CountDownLatch(1);
		long[] window = new long[2];
		ExecutorService pool2 = Executors.newFixedThreadPool(clients);
		for (int c = 0; c < clients; c++) {
			pool2.submit(() -> {
				List<Conn> conns = new ArrayList<>();
				for (Gateway g : targets) {
					Conn conn = new Conn(g.port);
					conn.connect();
					conns.add(conn);
				}
				try {
					ready.countDown();
					go.await();
					for (int i = next.getAndIncrement(); i < pool && System.nanoTime() < window[1]; i = next.getAndIncrement()) {
						int t = i % targets.size();
						outcomes.get(t).add(conns.get(t).get(single(from + i)));
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					conns.forEach(Conn::close);
				}
			});
		}
		ready.await(60, TimeUnit.SECONDS);
		window[0] = System.nanoTime();
		window[1] = window[0] + TimeUnit.SECONDS.toNanos(seconds);
		go.countDown();
		pool2.shutdown();
		if (!pool2.awaitTermination(seconds + 70, TimeUnit.SECONDS)) {
			pool2.shutdownNow();
		}
		long t = window[0];
		long end = window[1];
		long drained = System.nanoTime();
		double elapsed = (end - t) / 1e9;
		long calls = balances.arrivals(t, end);
		long callsAll = balances.arrivals(t, drained);
		int max = balances.maxInWindow(t, drained);
		long marginMs = Math.round(o.periodSeconds * 1000 * (1 + SPACING_MARGIN));
		int maxMargin = balances.maxInWindow(t, drained, marginMs);
		long pauses = balances.rejected() - rejected;
		double ceilingCalls = o.limit * elapsed / o.periodSeconds;
		double callShare = calls / ceilingCalls;
		long served = 0;
		for (Outcome out : outcomes) {
			served += out.employeesBetween(t, end);
		}
		double employeeShare = served / (PAGE * ceilingCalls);
		List<String> perReplica = new ArrayList<>();
		long sum = 0;
		long[] made = new long[replicas.size()];
		for (int r = 0; r < replicas.size(); r++) {
			made[r] = replicas.get(r).leaveBalanceCalls() - before[r];
			sum += made[r];
		}
		for (int r = 0; r < replicas.size(); r++) {
			perReplica.add("r" + (r + 1) + " " + made[r] + " (" + f1(sum == 0 ? 0 : 100.0 * made[r] / sum) + " %)");
		}
		// Calls in each consecutive window of the phase: steady, or full windows between empty ones.
		List<Long> perWindow = new ArrayList<>();
		for (long w = t; w + TimeUnit.SECONDS.toNanos(o.periodSeconds) <= end; w += TimeUnit.SECONDS.toNanos(o.periodSeconds)) {
			perWindow.add(balances.arrivals(w, w + TimeUnit.SECONDS.toNanos(o.periodSeconds)));
		}
		List<String> answers = new ArrayList<>();
		for (int r = 0; r < targets.size(); r++) {
			answers.add("r" + (replicas.indexOf(targets.get(r)) + 1) + ": " + outcomes.get(r).statuses() + ", "
					+ outcomes.get(r).latency());
		}
		String who = (targets.size() > 1) ? "round-robin over all " + replicas.size() + " replicas"
				: (replicas.size() > 1) ? "on replica r1 alone (" + (replicas.size() - 1) + " others up and idle)" : "(" + what + ")";
		detail(id + ": " + seconds + " s of cold single-employee requests from " + clients + " clients, " + who + ": "
				+ calls + " leave_balances calls arrived within the " + seconds + " s (" + callsAll
				+ " with those of the requests in flight at the end), " + n(served) + " employees answered within the time; "
				+ LeaveGatewayBench.sizeSummary(balances.idsPerCall(t, drained)) + "; most calls in any " + o.periodSeconds
				+ " s window " + max + ", in any " + marginMs + " ms window (period + spacing margin) " + maxMargin
				+ ", the fastest " + (o.limit + 1) + " consecutive calls within "
				+ f1(balances.minSpan(o.limit + 1, t, drained) / 1e6) + " ms"
				+ "; calls in each consecutive " + o.periodSeconds + " s window " + perWindow
				+ "; 99991400 answered " + pauses + "; calls by each replica's own count: " + String.join(", ", perReplica)
				+ "; answers " + String.join("; ", answers) + "; " + Cpu.cpu(replicas).since(cpu));
		if (what == null) {
			return;
		}
		row(id, "Most calls in any sliding " + o.periodSeconds + " s window / 99991400, " + what + " (" + seconds + " s)",
				max + " of limit " + o.limit + " / " + pauses, "<= " + o.limit + " / 0", max <= o.limit && pauses == 0);
		row(id, "Calls made as a share of the ceiling (limit x elapsed / period), " + what,
				n(calls) + " of " + n(Math.round(ceilingCalls)) + " = " + f1(callShare * 100) + " % (employees: "
						+ f1(employeeShare * 100) + " %)",
				">= 95 %", callShare >= 0.95);
		if (targets.size() > 1) {
			row(id, "Each replica's share of the calls (its own count)", String.join(", ", perReplica), "info", null);
		}
		else if (replicas.size() > 1) {
			row(id, "One replica alone: most of its calls in any window vs the limit", max + " of " + o.limit,
					">= 95 % of the limit", max >= 0.95 * o.limit);
		}
	}

	/** R3: one cold 1,000-id request on replica r2 while the others idle, on an empty window. */
	private static void oneThousand(Options o, List<Gateway> replicas, Api balances) throws Exception {
		Gateway g = replicas.get(Math.min(1, replicas.size() - 1));
		long calls = balances.calls();
		int from = fresh(1000);
		long t = System.nanoTime();
		Res res = Http.get(g.port, many(from, 1000));
		double seconds = (System.nanoTime() - t) / 1e9;
		long c = balances.calls() - calls;
		int employees = (res.status() == 200) ? res.employees() : 0;
		detail("R3: one cold 1,000-id request on one replica while " + (replicas.size() - 1) + " idle: HTTP "
				+ res.status() + ", " + employees + " employees, " + c + " leave_balances calls, " + f2(seconds)
				+ " s (a per-pod share of " + o.limit + " / " + replicas.size() + " = " + (o.limit / replicas.size())
				+ " calls per window would need " + ((50 + o.limit / replicas.size() - 1) / (o.limit / replicas.size()))
				+ " windows of " + o.periodSeconds + " s for its 50 calls)");
		row("R3", "Cold 1,000-id request on one replica, " + (replicas.size() - 1) + " idle, room in the quota",
				f2(seconds) + " s (" + employees + " employees, " + c + " calls)", "< one window (" + o.periodSeconds + " s)",
				res.status() == 200 && employees == 1000 && seconds < o.periodSeconds);
	}

}
