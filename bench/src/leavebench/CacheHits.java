package leavebench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static leavebench.Cpu.cpu;
import static leavebench.LeaveGatewayBench.WARM_IDS;
import static leavebench.LeaveGatewayBench.fresh;
import static leavebench.LeaveGatewayBench.many;
import static leavebench.LeaveGatewayBench.single;
import static leavebench.Report.detail;
import static leavebench.Report.f1;
import static leavebench.Report.f2;
import static leavebench.Report.n;
import static leavebench.Report.row;

/**
 * Scenario 4: cache-hit throughput against a trivial JSON endpoint of the same application, measured with wrk in
 * alternating rounds.
 */
final class CacheHits {

	private CacheHits() {
	}

	static void run(Options o, Gateway g) throws Exception {
		int from = fresh(o.hitEmployees);
		for (int i = 0; i < o.hitEmployees; i += WARM_IDS) {
			Res res = Http.get(g.port, many(from + i, Math.min(WARM_IDS, o.hitEmployees - i)));
			if (res.status() != 200) {
				throw new IllegalStateException("warming the cache failed: " + res.status() + " " + res.body());
			}
		}
		Res sample = Http.get(g.port, single(from));
		Res baseline = Http.get(g.port, "/api/v1/bench/baseline");
		int hitSize = sample.body().getBytes(StandardCharsets.UTF_8).length;
		int baseSize = baseline.body().getBytes(StandardCharsets.UTF_8).length;
		detail("4: " + n(o.hitEmployees) + " employees cached; a hit answers " + hitSize + " bytes (HTTP " + sample.status()
				+ "), /api/v1/bench/baseline " + baseSize + " bytes (HTTP " + baseline.status() + ")");
		if (baseline.status() != 200) {
			row("4", "Cache-hit throughput vs trivial JSON endpoint", "/api/v1/bench/baseline answered " + baseline.status(),
					">= 80%", false);
			return;
		}
		List<String> hitPaths = new ArrayList<>();
		for (int i = 0; i < o.hitEmployees; i++) {
			hitPaths.add(single(from + i));
		}
		Path hitScript = wrkScript(o, "hits", hitPaths);
		Path baseScript = wrkScript(o, "baseline", List.of("/api/v1/bench/baseline"));
		wrk(o, g, baseScript, o.wrkWarmSeconds);
		wrk(o, g, hitScript, o.wrkWarmSeconds);
		// Alternating rounds (B H, H B, ...): load from other processes on the machine then falls on both alike.
		int each = Math.max(1, o.wrkSeconds / WRK_ROUNDS);
		List<Wrk> bases = new ArrayList<>();
		List<Wrk> hitRounds = new ArrayList<>();
		String settings = "wrk -t" + o.wrkThreads + " -c" + o.wrkConnections + " -d" + each + "s";
		// The gateway's own CPU time per request: what a request costs, whatever else the machine runs.
		long[] ticks = new long[2];
		for (int r = 0; r < WRK_ROUNDS; r++) {
			for (int k = 0; k < 2; k++) {
				boolean baselineTurn = (k == 0) == (r % 2 == 0);
				Cpu before = cpu(g);
				long gatewayBefore = Cpu.ticks(g.pid());
				Wrk w = wrk(o, g, baselineTurn ? baseScript : hitScript, each);
				ticks[baselineTurn ? 0 : 1] += Cpu.ticks(g.pid()) - gatewayBefore;
				(baselineTurn ? bases : hitRounds).add(w);
				detail("4 round " + (r + 1) + ": " + settings + (baselineTurn ? " baseline: " : " cache hits: ") + w + "; "
						+ cpu(g).since(before));
			}
		}
		Wrk base = Wrk.combine(bases);
		Wrk hits = Wrk.combine(hitRounds);
		detail("4: baseline over " + WRK_ROUNDS + " rounds: " + base);
		detail("4: cache hits over " + n(o.hitEmployees) + " employees, " + WRK_ROUNDS + " rounds: " + hits);
		double ratio = hits.rps / base.rps;
		boolean clean = hits.errors == 0 && base.errors == 0;
		row("4", "Cache-hit throughput vs trivial " + baseSize + "-byte JSON endpoint, same app, wrk -t" + o.wrkThreads
				+ " -c" + o.wrkConnections + ", " + WRK_ROUNDS + " alternating rounds of " + each + " s each",
				n(Math.round(hits.rps)) + " vs " + n(Math.round(base.rps)) + " req/s = " + f1(ratio * 100) + "%"
						+ (clean ? "" : " (errors!)"),
				">= 80%", clean && ratio >= 0.8);
		double baseCpu = ticks[0] * 10_000.0 / Math.max(1, base.requests);
		double hitCpu = ticks[1] * 10_000.0 / Math.max(1, hits.requests);
		row("4", "Gateway CPU time per request, cache hit vs baseline (same rounds)",
				f1(hitCpu) + " vs " + f1(baseCpu) + " µs = " + f1(baseCpu / hitCpu * 100) + "% of the baseline's requests per CPU second",
				"-", null);
		row("4", "Latency p50 / p99, cache hit vs baseline (median of the rounds)",
				f2(hits.p50 / 1000.0) + " / " + f2(hits.p99 / 1000.0) + " ms vs " + f2(base.p50 / 1000.0) + " / "
						+ f2(base.p99 / 1000.0) + " ms",
				"-", null);
		// Latency when not saturated: an open loop at half of the hits' measured maximum.
		int fixedSeconds = Math.max(5, o.wrkSeconds / 2);
		Cpu before = cpu(g);
		FixedRate.Result half = FixedRate.run(g.port, hitPaths, hits.rps / 2, fixedSeconds, o.wrkConnections);
		detail("4: cache hits at a fixed rate of half the maximum, " + o.wrkConnections + " connections: " + half + "; "
				+ cpu(g).since(before));
		// The baseline at the same rate: what the machine and the framework alone give the tail.
		Cpu baseBefore = cpu(g);
		FixedRate.Result same = FixedRate.run(g.port, List.of("/api/v1/bench/baseline"), half.rate(), fixedSeconds,
				o.wrkConnections);
		detail("4: baseline at the same fixed rate: " + same + "; " + cpu(g).since(baseBefore));
		row("4", "Cache-hit latency p99 at half of the maximum throughput (fixed rate " + n(Math.round(half.rate()))
				+ " req/s, " + fixedSeconds + " s, from each request's due time; the baseline at the same rate after)",
				f2(half.p50Ms()) + " ms p50, " + f2(half.p99Ms()) + " ms p99" + ((half.errors() == 0) ? "" : " (errors!)")
						+ " (baseline " + f2(same.p50Ms()) + " / " + f2(same.p99Ms()) + " ms)",
				"p99 <= 5 ms", half.errors() == 0 && half.p99Ms() <= 5);
	}

	static final int WRK_ROUNDS = 4;

	record Wrk(double rps, long requests, long errors, long p50, long p99, long bytes, double seconds) {

		/** Rounds together: requests over their summed time; latency percentiles as the median of the rounds'. */
		static Wrk combine(List<Wrk> rounds) {
			long requests = rounds.stream().mapToLong(Wrk::requests).sum();
			double seconds = rounds.stream().mapToDouble(Wrk::seconds).sum();
			return new Wrk(requests / seconds, requests, rounds.stream().mapToLong(Wrk::errors).sum(),
					median(rounds.stream().map(Wrk::p50).toList()), median(rounds.stream().map(Wrk::p99).toList()),
					rounds.stream().mapToLong(Wrk::bytes).sum(), seconds);
		}

		private static long median(List<Long> values) {
			List<Long> sorted = new ArrayList<>(values);
			sorted.sort(null);
			int n = sorted.size();
			return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%,.0f req/s (%,d requests, %d errors/non-2xx), p50 %.2f ms, p99 %.2f ms, %,d bytes a response incl. headers",
					this.rps, this.requests, this.errors, this.p50 / 1000.0, this.p99 / 1000.0,
					(this.requests == 0) ? 0 : this.bytes / this.requests);
		}

	}

	static Path wrkScript(Options o, String name, List<String> paths) throws IOException {
		StringBuilder lua = new StringBuilder("local paths = {\n");
		for (String p : paths) {
			lua.append("  \"").append(p).append("\",\n");
		}
		lua.append("}\n").append("""
				local requests = {}
				local i = 0
				init = function(args)
				  for k, p in ipairs(paths) do
				    requests[k] = wrk.format("GET", p, { ["X-API-Key"] = "bench-key", ["Accept"] = "application/json", ["Host"] = "127.0.0.1" })
				  end
				end
				request = function()
				  i = i + 1
				  if i > #requests then i = 1 end
				  return requests[i]
				end
				done = function(summary, latency, requests)
				  local e = summary.errors
				  io.write(string.format("BENCH requests=%d duration_us=%d bytes=%d errors=%d p50=%d p99=%d\\n",
				    summary.requests, summary.duration, summary.bytes,
				    e.connect + e.read + e.write + e.status + e.timeout,
				    latency:percentile(50), latency:percentile(99)))
				end
				""");
		Path script = o.repo.resolve("bench/target/wrk-" + name + ".lua");
		Files.writeString(script, lua);
		return script;
	}

	static Wrk wrk(Options o, Gateway g, Path script, int seconds) throws Exception {
		List<String> command = List.of("timeout", (seconds + 30) + "s", "wrk", "-t" + o.wrkThreads, "-c" + o.wrkConnections, "-d" + seconds + "s",
				"--timeout", "10s", "--latency", "-s", script.toString(), "http://127.0.0.1:" + g.port + "/");
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(seconds + 30, TimeUnit.SECONDS)) {
			p.destroyForcibly();
		}
		Matcher m = Pattern.compile("BENCH requests=(\\d+) duration_us=(\\d+) bytes=(\\d+) errors=(\\d+) p50=(\\d+) p99=(\\d+)")
			.matcher(output);
		if (!m.find()) {
			throw new IllegalStateException("wrk output not understood:\n" + output);
		}
		long requests = Long.parseLong(m.group(1));
		double duration = Long.parseLong(m.group(2)) / 1e6;
		long errors = Long.parseLong(m.group(4));
		Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		return new Wrk(requests / duration, requests, errors, Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
				Long.parseLong(m.group(3)), duration);
	}

}
