package leavebench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static leavebench.Options.PAGE;
import static leavebench.Cpu.cpu;
import static leavebench.Load.burst;
import static leavebench.Load.clients;
import static leavebench.Report.detail;
import static leavebench.Report.f1;
import static leavebench.Report.f2;
import static leavebench.Report.log;
import static leavebench.Report.n;
import static leavebench.Report.report;
import static leavebench.Report.row;

/**
 * Benchmark of the Feishu leave gateway against a stand-in Feishu whose quota and latency are set: upstream
 * efficiency, quota safety, sustained cold throughput, cache-hit throughput against a trivial endpoint, and heap
 * per cached employee-day. Plain JDK 17, no dependencies; started by bench/run.sh. Every loop is bounded in count
 * and time, and all traffic goes to 127.0.0.1. This class holds the run and scenarios 1-3; the other files: {@link
 * Options}, the stand-in ({@link StandIn}, {@link ApiQuota}, {@link StandInProcess}, {@link Api}), the gateway
 * ({@link Gateway}), HTTP ({@link Http}, {@link Conn}, {@link Load}, {@link Outcome}), the results ({@link Report},
 * {@link Cpu}, {@link Machine}), scenarios 4 ({@link CacheHits}), 5 ({@link Heap}) and 6-8 ({@link Scheduling}).
 */
public final class LeaveGatewayBench {

	static final String API_KEY = "bench-key";

	static final String TOKEN = "t-bench-0123456789abcdef";

	static final String BALANCES = "leave_balances";

	static final String EXPIRE = "expire_records";

	static final String TOKEN_API = "token";

	static final String DATE = "2025-06-30";

	static String employee(int n) {
		return String.format(Locale.ROOT, "e%06d", n);
	}

	static String single(int n) {
		return "/api/v1/employees/" + employee(n) + "/leave-balances?asOfDate=" + DATE;
	}

	static String many(int from, int count) {
		StringBuilder ids = new StringBuilder();
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				ids.append(',');
			}
			ids.append(employee(from + i));
		}
		return "/api/v1/leave-balances?asOfDate=" + DATE + "&employeeIds=" + ids;
	}

	/** Hands out employee numbers never asked before in this run. */
	static final AtomicInteger NEXT_EMPLOYEE = new AtomicInteger(1);

	static int fresh(int count) {
		int from = NEXT_EMPLOYEE.getAndAdd(count);
		if (from + count > StandIn.DIRECTORY_SIZE) {
			throw new IllegalStateException("directory exhausted");
		}
		return from;
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("standin")) {
			StandIn.serve(Options.parse(Arrays.copyOfRange(args, 1, args.length)));
			return;
		}
		Options o = Options.parse(args);
		Files.createDirectories(o.repo.resolve("bench/target"));
		Files.createDirectories(o.out.getParent());
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			Gateway.GATEWAYS.forEach(Gateway::close);
			StandInProcess standIn = StandInProcess.STAND_IN.get();
			if (standIn != null) {
				standIn.close();
			}
		}));
		if (!Files.isRegularFile(o.jar)) {
			throw new IllegalStateException("no gateway jar at " + o.jar + "; run ./mvnw -q -B -Dmaven.test.skip=true package");
		}
		String machine = Machine.describe();
		String loadStart = Machine.loadAverage();
		Cpu runCpu = Cpu.now();
		log("machine: " + machine.replace("\n", "; "));
		Duration period = Duration.ofSeconds(o.periodSeconds);
		StandInProcess feishu = new StandInProcess(o);
		log("stand-in Feishu on 127.0.0.1:" + feishu.port + ": leave_balances " + o.limit + " calls per sliding "
				+ o.periodSeconds + " s, " + o.latencyMs + " ms a call");
		Api balances = feishu.api(BALANCES);
		double ceilingPerSecond = (double) PAGE * o.limit / o.periodSeconds;
		long runStart = System.nanoTime();
		int measuredSize = o.baselineSize;
		boolean oneThousand = true;
		try {
			if (o.runs("cold")) {
				// ---- gateway A: cold-cache scenarios 1 to 3, all at the scaled-down quota
				log("starting gateway A (scenarios 1-3)");
				try (Gateway a = new Gateway(o, feishu.port, o.limit, o.periodSeconds, 2000, "a")) {
					long aStart = System.nanoTime();
					Cpu cpuA = cpu(a);
					log("gateway A up (pid " + a.pid() + ", port " + a.port + ") in "
							+ f1((aStart - runStart) / 1e9) + " s; warming up the JVM");
					warmUp(a, o);

					// 1a, on an empty window: its 50 calls all fit at once
					Thread.sleep(period.toMillis());
					oneThousand = oneThousand(a, balances, "1a", "");

					// 1b, five times on fresh ids: on two shared cores one burst's figure varies
					int from1b = NEXT_EMPLOYEE.get();
					List<Double> perCall = new ArrayList<>();
					boolean all1b = true;
					for (int r = 1; r <= REPEATS_1B; r++) {
						Thread.sleep(1000);
						Cpu cpu1b = cpu(a);
						long calls = balances.calls();
						long t1b = System.nanoTime();
						int from = fresh(200);
						Outcome o1b = burst(a.port, 200, (i) -> single(from + i), Duration.ofSeconds(60));
						long c1b = balances.calls() - calls;
						perCall.add((c1b == 0) ? 0 : (double) o1b.employees.get() / c1b);
						all1b &= o1b.ok.get() == 200;
						detail("1b run " + r + ": 200 concurrent single-employee cold requests: " + o1b.statuses() + ", " + c1b
								+ " leave_balances calls carrying " + balances.idsPerCall(t1b, System.nanoTime()) + " ids, "
								+ o1b.latency() + "; the driver sent the 200 requests within " + o1b.sendSpread() + "; "
								+ cpu(a).since(cpu1b));
					}
					List<Double> sorted1b = new ArrayList<>(perCall);
					sorted1b.sort(null);
					double median1b = sorted1b.get(sorted1b.size() / 2);
					row("1b", "Employees per upstream call, 200 concurrent single-employee cold requests (median of "
							+ REPEATS_1B + " bursts)",
							f2(median1b) + " (runs: " + String.join(", ", perCall.stream().map(Report::f1).toList()) + ")",
							">= 19 of 20", all1b && median1b >= 19);

					// 2: bursts of ten times the quota
					Thread.sleep(period.toMillis());
					long burstStart = System.nanoTime();
					Cpu cpu2 = cpu(a);
					long rejected = balances.rejected();
					int burst = o.burstFactor * o.limit;
					long calls = balances.calls();
					int from2a = fresh(burst);
					long t2a = System.nanoTime();
					Outcome o2a = burst(a.port, burst, (i) -> single(from2a + i), Duration.ofSeconds(90));
					long t2aEnd = System.nanoTime();
					long c2a = balances.calls() - calls;
					detail("2a: " + n(burst) + " single-employee cold requests (" + o.burstFactor
							+ "x the quota in requests) at once: " + o2a.statuses() + ", " + c2a + " leave_balances calls in "
							+ f1((t2aEnd - t2a) / 1e9) + " s (" + sizeSummary(balances.idsPerCall(t2a, t2aEnd)) + "), " + o2a.latency() + ", sent within " + o2a.sendSpread() + "; most calls in a window "
							+ balances.maxInWindow(t2a, t2aEnd));
					calls = balances.calls();
					int from2b = fresh(burst * PAGE);
					long t2b = System.nanoTime();
					Outcome o2b = burst(a.port, burst, (i) -> many(from2b + i * PAGE, PAGE), Duration.ofSeconds(120));
					long t2bEnd = System.nanoTime();
					long c2b = balances.calls() - calls;
					detail("2b: " + n(burst) + " requests of 20 cold ids (" + o.burstFactor + "x the quota in calls: "
							+ n((long) burst * PAGE) + " employees) at once: " + o2b.statuses() + ", " + c2b
							+ " leave_balances calls in " + f1((t2bEnd - t2b) / 1e9) + " s, " + o2b.latency()
							+ "; most calls in a window " + balances.maxInWindow(t2b, t2bEnd));
					Thread.sleep(1000);
					long burstEnd = System.nanoTime();
					int max2 = balances.maxInWindow(burstStart, burstEnd);
					long standIn429 = balances.rejected() - rejected;
					detail("2: most leave_balances calls in any sliding " + o.periodSeconds + " s window during the bursts: "
							+ max2 + " (limit " + o.limit + "); stand-in answered 99991400 " + standIn429 + " times; the fastest "
							+ (o.limit + 1) + " consecutive calls came within " + f1(balances.minSpan(o.limit + 1, burstStart, burstEnd) / 1e6)
							+ " ms (a window is " + period.toMillis() + " ms); gateway " + a.gcPauses() + "; " + cpu(a).since(cpu2));
					row("2", "Most calls in any sliding " + o.periodSeconds + " s window, bursts of 10x the quota",
							max2 + " of limit " + o.limit, "<= " + o.limit, max2 <= o.limit);
					row("2", "99991400 answers by the stand-in during the bursts", String.valueOf(standIn429), "0",
							standIn429 == 0);

					// 3: sustained cold load
					Thread.sleep(period.toMillis());
					sustained(o, a, balances, ceilingPerSecond, "3a", o.sustainSeconds, o.sustainClients, 1);
					if (o.sustainBatchSeconds > 0) {
						Thread.sleep(period.toMillis());
						sustained(o, a, balances, ceilingPerSecond, "3b", o.sustainBatchSeconds, 8, PAGE);
					}

					// 6-8: scheduling (issue 11)
					Scheduling.listing(o, a, balances);
					Scheduling.exportAndInteractive(o, a, balances);
					Scheduling.hitsWhileWaiting(o, a, balances);
					long aEnd = System.nanoTime();
					int maxA = balances.maxInWindow(aStart, aEnd);
					detail("gateway A overall: " + n(balances.calls()) + " leave_balances calls, most in any " + o.periodSeconds
							+ " s window " + maxA + " (limit " + o.limit + "), 99991400 answered " + balances.rejected()
							+ ", stand-in bad requests " + balances.badRequests() + "; stand-in " + feishu.gcPauses());
					detail("gateway A's own count (feishu_calls_seconds_count): " + feishuCalls(a.port) + "; fastest "
							+ (o.limit + 1) + " consecutive calls within " + f1(balances.minSpan(o.limit + 1, aStart, aEnd) / 1e6)
							+ " ms; " + a.gcPauses() + "; " + cpu(a).since(cpuA));
					row("2", "Most calls in any sliding window over all of scenarios 1-3 and 6-8", maxA + " of limit " + o.limit,
							"<= " + o.limit, maxA <= o.limit);

					measuredSize = responseSize(a, from1b);
					detail("size of a cached single-employee answer: " + measuredSize + " bytes (baseline set to that)");
				}
			}

			// ---- scenario R (issue 14): replicas on one Redis; scenario H (issue 15): hot employees and an outage
			if (o.runs("replicas")) {
				Replicas.run(o, feishu, balances);
			}
			if (o.runs("hot")) {
				HotEmployees.run(o, feishu, balances);
			}
			// ---- gateway B: cache hits against a trivial endpoint, then heap per cached employee-day
			if (o.runs("hits")) {
				hits(o, feishu, balances, measuredSize, oneThousand);
			}
		}
		finally {
			Gateway.GATEWAYS.forEach(Gateway::close);
			feishu.close();
		}
		machine += "\nLoad average (1/5/15 min) at start: " + loadStart + ", at end: " + Machine.loadAverage()
				+ "\nOver the whole run, " + Cpu.now().since(runCpu);
		String report = report(o, machine, (System.nanoTime() - runStart) / 1e9);
		System.out.println();
		System.out.println(report);
		Files.writeString(o.out, report);
		log("written to " + o.repo.relativize(o.out));
		System.exit(0);
	}

	/** Gateway B: scenarios 4-5, with the quota raised at both ends (they do not measure the quota). */
	static void hits(Options o, StandInProcess feishu, Api balances, int measuredSize, boolean oneThousand)
			throws Exception {
		int fastLimit = 1000;
		balances.reconfigure(fastLimit, Duration.ofSeconds(1));
		String[] extra = oneThousand ? new String[0] : new String[] { "--server.max-http-request-header-size=" + HEADER_SIZE };
		log("starting gateway B (scenarios 4-5), quota raised to " + fastLimit + "/s at both ends "
				+ String.join(" ", extra));
		try (Gateway b = new Gateway(o, feishu.port, fastLimit, 1, measuredSize, "b", extra)) {
			log("gateway B up (pid " + b.pid() + ", port " + b.port + ")");
			if (!oneThousand) {
				oneThousand(b, balances, "1a*", " (gateway B started with --server.max-http-request-header-size="
						+ HEADER_SIZE + ")");
			}
			CacheHits.run(o, b);
			Heap.run(o, b);
		}
	}

	static final String HEADER_SIZE = "64KB";

	static final int REPEATS_1B = 5;

	/** "[20, 20, 7, 1]" as "4 calls: 2 of 20 ids, 0 of 10-19, 2 of 1-9". */
	static String sizeSummary(String list) {
		int full = 0;
		int half = 0;
		int small = 0;
		int calls = 0;
		for (String item : list.replaceAll("[\\[\\] ]", "").split(",")) {
			if (item.isEmpty()) {
				continue;
			}
			int size = Integer.parseInt(item);
			calls++;
			if (size >= PAGE) {
				full++;
			}
			else if (size >= 10) {
				half++;
			}
			else {
				small++;
			}
		}
		return calls + " calls: " + full + " of 20 ids, " + half + " of 10-19, " + small + " of 1-9";
	}

	/** Scenario 1a: one request for 1,000 cold ids; true when it was answered. */
	static boolean oneThousand(Gateway g, Api balances, String id, String note) throws Exception {
		long calls = balances.calls();
		long t = System.nanoTime();
		int from = fresh(1000);
		String path = many(from, 1000);
		Res big = Http.get(g.port, path);
		double seconds = (System.nanoTime() - t) / 1e9;
		long c = balances.calls() - calls;
		int employees = (big.status() == 200) ? big.employees() : 0;
		String why = "";
		if (big.status() != 200) {
			Thread.sleep(200);
			boolean tooLarge = Files.readString(g.log).contains("Request header is too large");
			why = tooLarge ? "Tomcat: \"Request header is too large\"" : big.body().replaceAll("<[^>]*>", " ");
			why = why.replaceAll("\\s+", " ").strip();
			why = " (" + why.substring(0, Math.min(160, why.length())) + "; the request line is "
					+ n(("GET " + path + " HTTP/1.1").length()) + " bytes)";
		}
		detail(id + ": one request for 1,000 cold ids" + note + ": HTTP " + big.status() + why + ", " + employees
				+ " employees, " + c + " leave_balances calls, " + f2(seconds) + " s");
		if (big.status() == 200) {
			row(id, "Time of one cold 1,000-id request, room in the quota" + note, f2(seconds) + " s", "<= 1.5 s",
					employees == 1000 && seconds <= 1.5);
		}
		row(id, "Employees per upstream call, one 1,000-id cold request" + note,
				(big.status() != 200) ? "HTTP " + big.status() + why
						: (c == 0) ? "n/a" : f2((double) employees / c) + " (" + employees + " / " + c + " calls)",
				">= 19 of 20", c > 0 && (double) employees / c >= 19 && employees == 1000);
		return big.status() == 200;
	}

	/** JIT, Tomcat threads and pooled client connections warmed on ids no scenario uses. */
	static void warmUp(Gateway g, Options o) throws Exception {
		int from = fresh(10 * PAGE);
		for (int i = 0; i < 10; i++) {
			Http.get(g.port, many(from + i * PAGE, PAGE));
		}
		int from2 = fresh(200);
		Outcome cold = burst(g.port, 200, (i) -> single(from2 + i), Duration.ofSeconds(60));
		Outcome hits = clients(g.port, 50, 5000, Duration.ofSeconds(30), (i) -> single(from + i % (10 * PAGE)));
		Outcome base = clients(g.port, 50, 2000, Duration.ofSeconds(30), (i) -> "/api/v1/bench/baseline");
		detail("warm-up (ids not used later): cold " + cold.statuses() + "; hits " + hits.statuses() + "; baseline "
				+ base.statuses());
		if (base.ok.get() == 0) {
			detail("warm-up: /api/v1/bench/baseline did not answer 200 (" + base.sampleError + ")");
		}
	}

	static void sustained(Options o, Gateway g, Api balances, double ceilingPerSecond, String id, int seconds,
			int clients, int idsPerRequest) throws Exception {
		Cpu cpu = cpu(g);
		long calls = balances.calls();
		long rejected = balances.rejected();
		int pool = (int) Math.ceil(ceilingPerSecond * (seconds + 15)) + clients * idsPerRequest;
		int from = fresh(pool);
		int requests = pool / idsPerRequest;
		long t = System.nanoTime();
		long end = t + TimeUnit.SECONDS.toNanos(seconds);
		Outcome out = clients(g.port, clients, requests, Duration.ofSeconds(seconds),
				(i) -> (idsPerRequest == 1) ? single(from + i) : many(from + i * idsPerRequest, idsPerRequest));
		double drained = (System.nanoTime() - t) / 1e9;
		long served = out.employeesBetween(t, end);
		long c = balances.calls() - calls;
		String sizes = sizeSummary(balances.idsPerCall(t, System.nanoTime()));
		double perMinute = served / (double) seconds * 60;
		double ceilingPerMinute = ceilingPerSecond * 60;
		double share = perMinute / ceilingPerMinute;
		String what = (idsPerRequest == 1) ? "single-employee requests" : idsPerRequest + "-id requests";
		detail(id + ": " + seconds + " s of cold " + what + " from " + clients + " clients: " + n(served)
				+ " employees answered within the " + seconds + " s; all requests (incl. those in flight at the end, done after "
				+ f1(drained) + " s): " + out.statuses() + ", " + n(out.employees.get()) + " employees over " + c + " calls ("
				+ f2(c == 0 ? 0 : (double) out.employees.get() / c) + " a call; " + sizes + "), 99991400 answered "
				+ (balances.rejected() - rejected) + "; " + out.latency() + "; " + cpu(g).since(cpu));
		row(id, "Sustained cold throughput, " + what + " (" + clients + " clients, " + seconds + " s)",
				n(Math.round(perMinute)) + "/min of " + n(Math.round(ceilingPerMinute)) + "/min ceiling = "
						+ f1(share * 100) + "% (= " + n(Math.round(share * 2000)) + " of 2,000/min at Feishu's quota)",
				">= 95%", share >= 0.95);
	}

	static int responseSize(Gateway g, int cachedFrom) throws Exception {
		List<Integer> sizes = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Res res = Http.get(g.port, single(cachedFrom + i));
			if (res.status() == 200) {
				sizes.add(res.body().getBytes(StandardCharsets.UTF_8).length);
			}
		}
		if (sizes.isEmpty()) {
			return 2000;
		}
		sizes.sort(null);
		return sizes.get(sizes.size() / 2);
	}

	/** Ids a request when filling the cache: 100 keep the URL under Tomcat's default 8 KB header limit. */
	static final int WARM_IDS = 100;

	static String feishuCalls(int port) {
		try {
			Res res = Http.get(port, "/actuator/prometheus", "text/plain");
			StringBuilder s = new StringBuilder();
			for (String line : res.body().split("\n")) {
				if (line.startsWith("feishu_calls_seconds_count{")) {
					Matcher api = Pattern.compile("api=\"([^\"]+)\"").matcher(line);
					Matcher outcome = Pattern.compile("outcome=\"([^\"]+)\"").matcher(line);
					String value = line.substring(line.lastIndexOf(' ') + 1);
					if (api.find() && outcome.find()) {
						s.append((s.length() == 0) ? "" : ", ").append(api.group(1)).append('/').append(outcome.group(1))
							.append('=').append(Math.round(Double.parseDouble(value)));
					}
				}
			}
			return (s.length() == 0) ? "none" : s.toString();
		}
		catch (Exception ex) {
			return "unavailable (" + ex + ")";
		}
	}

}
