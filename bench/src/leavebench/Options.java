package leavebench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The driver's options, {@code --name=value} each; see bench/README.md. */
final class Options {

	/** Employees per Feishu leave_balances page (Feishu's maximum, as the gateway uses). */
	static final int PAGE = 20;


	Path repo = Path.of(".").toAbsolutePath().normalize();

	Path jar;

	Path out;

	int latencyMs = 50;

	int limit = 100;

	int periodSeconds = 6;

	int expireLimit = 50;

	/** Employees in the stand-in's all-employee listing (a listing without ids): 1,300 = 65 pages of 20. */
	int listingSize = 1300;

	/** Concurrent all-employee exports that fill the quota in scenario 7. */
	int exports = 3;

	/** Single-employee cold requests left waiting for quota in scenario 8. */
	int waiting = 300;

	/** The gateway's {@code feishu.quotas.max-wait} (its default), which scenario 8 checks every answer against. */
	int maxWaitSeconds = 10;

	int sustainSeconds = 60;

	int sustainClients = 200;

	int sustainBatchSeconds = 30;

	int burstFactor = 10;

	int wrkSeconds = 20;

	int wrkWarmSeconds = 10;

	int wrkThreads = 2;

	int wrkConnections = 32;

	int hitEmployees = 1000;

	int heapEmployees = 20000;

	/** Extra arguments for every gateway started (diagnostics, e.g. a logging level). */
	List<String> gatewayArgs = new ArrayList<>();

	/** Skip gateway A (scenarios 1-3); scenario 4's baseline then takes {@link #baselineSize}. */
	boolean skipCold;

	/** The stand-in gives every employee and leave type figures of their own (no two balances alike). */
	boolean uniqueFigures;

	int baselineSize = 1780;

	/**
	 * The parts to run, in this order: {@code cold} (gateway A: scenarios 1-3 and 6-8), {@code replicas} (scenario R,
	 * issue 14: replicas on one Redis), {@code hot} (scenario H, issue 15: hot employees and an outage), {@code hits}
	 * (gateway B: scenarios 4-5). The default is the whole run of before: cold and hits.
	 */
	Set<String> only = new LinkedHashSet<>(List.of("cold", "hits"));

	/** Scenario R: gateways sharing one Redis. */
	int replicas = 3;

	/** Scenario R: seconds of cold load spread round-robin over all replicas (10 windows of 6 s). */
	int replicasSeconds = 60;

	/** Scenario R: seconds of the same cold load round-robin before R1, not measured (the cold path's JIT). */
	int replicasWarmSeconds = 30;

	/** Scenario R: seconds of cold load on one replica while the others idle. */
	int aloneSeconds = 30;

	/** Scenario R: then R0, R2's load on one gateway in local mode, as the machine's control. */
	boolean replicasControl = true;

	String redisHost = "127.0.0.1";

	int redisPort = 6379;

	/** Scenario H: minutes of reads of the hot employees (the issue asks 10; 3 makes a quick run). */
	int hotMinutes = 10;

	int hotEmployees = 200;

	/** Scenario H: the gateway's {@code gateway.cache.balances.ttl}, seconds. */
	int hotTtlSeconds = 60;

	/** Scenario H: concurrent readers, each pausing {@link #hotPauseMs} between its reads. */
	int hotReaders = 4;

	int hotPauseMs = 10;

	/** Scenario H: {@code list} (GET /api/v1/leave-balances?employeeIds=id) or {@code resource} (/employees/{id}/...). */
	String hotPath = "list";

	/** Scenario H: seconds the stand-in fails every call, in the middle of the run (0: no outage). */
	int outageSeconds = 120;

	/** Scenario H: a read slower than this counts as slow (the figure beside Cache-Status fwd=miss). */
	int slowMs = 50;

	boolean runs(String part) {
		return this.only.contains(part);
	}

	/** What the whole run may take at most, seconds: the processes started are bounded by it too. */
	int boundSeconds() {
		return 900 + (runs("hot") ? 60 * this.hotMinutes + 120 : 0) + (runs("replicas") ? 300 : 0);
	}

	String command = "bench/run.sh";

	static Options parse(String[] args) {
		Options o = new Options();
		for (String arg : args) {
			String[] kv = arg.replaceFirst("^--", "").split("=", 2);
			String v = (kv.length > 1) ? kv[1] : "true";
			switch (kv[0]) {
				case "repo" -> o.repo = Path.of(v).toAbsolutePath().normalize();
				case "jar" -> o.jar = Path.of(v).toAbsolutePath();
				case "out" -> o.out = Path.of(v).toAbsolutePath();
				case "latency-ms" -> o.latencyMs = Integer.parseInt(v);
				case "limit" -> o.limit = Integer.parseInt(v);
				case "period-s" -> o.periodSeconds = Integer.parseInt(v);
				case "listing-size" -> o.listingSize = Integer.parseInt(v);
				case "exports" -> o.exports = Integer.parseInt(v);
				case "waiting" -> o.waiting = Integer.parseInt(v);
				case "max-wait-s" -> o.maxWaitSeconds = Integer.parseInt(v);
				case "sustain-s" -> o.sustainSeconds = Integer.parseInt(v);
				case "sustain-clients" -> o.sustainClients = Integer.parseInt(v);
				case "sustain-batch-s" -> o.sustainBatchSeconds = Integer.parseInt(v);
				case "wrk-s" -> o.wrkSeconds = Integer.parseInt(v);
				case "wrk-warm-s" -> o.wrkWarmSeconds = Integer.parseInt(v);
				case "wrk-threads" -> o.wrkThreads = Integer.parseInt(v);
				case "wrk-connections" -> o.wrkConnections = Integer.parseInt(v);
				case "hit-employees" -> o.hitEmployees = Integer.parseInt(v);
				case "heap-employees" -> o.heapEmployees = Integer.parseInt(v);
				case "gateway-arg" -> o.gatewayArgs.add(v);
				case "skip-cold" -> o.skipCold = Boolean.parseBoolean(v);
				case "only" -> o.only = new LinkedHashSet<>(Arrays.asList(v.split(",")));
				case "replicas" -> o.replicas = Integer.parseInt(v);
				case "replicas-s" -> o.replicasSeconds = Integer.parseInt(v);
				case "alone-s" -> o.aloneSeconds = Integer.parseInt(v);
				case "replicas-warm-s" -> o.replicasWarmSeconds = Integer.parseInt(v);
				case "redis-host" -> o.redisHost = v;
				case "replicas-control" -> o.replicasControl = Boolean.parseBoolean(v);
				case "redis-port" -> o.redisPort = Integer.parseInt(v);
				case "hot-minutes" -> o.hotMinutes = Integer.parseInt(v);
				case "hot-employees" -> o.hotEmployees = Integer.parseInt(v);
				case "hot-ttl-s" -> o.hotTtlSeconds = Integer.parseInt(v);
				case "hot-readers" -> o.hotReaders = Integer.parseInt(v);
				case "hot-pause-ms" -> o.hotPauseMs = Integer.parseInt(v);
				case "hot-path" -> o.hotPath = v;
				case "outage-s" -> o.outageSeconds = Integer.parseInt(v);
				case "slow-ms" -> o.slowMs = Integer.parseInt(v);
				case "unique-figures" -> o.uniqueFigures = Boolean.parseBoolean(v);
				case "baseline-size" -> o.baselineSize = Integer.parseInt(v);
				case "command" -> o.command = v;
				default -> throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		if (o.skipCold) {
			o.only.remove("cold");
		}
		for (String part : o.only) {
			if (!List.of("cold", "replicas", "hot", "hits").contains(part)) {
				throw new IllegalArgumentException("--only takes cold, replicas, hot, hits; not " + part);
			}
		}
		if (!List.of("list", "resource").contains(o.hotPath)) {
			throw new IllegalArgumentException("--hot-path takes list or resource");
		}
		if (o.jar == null) {
			o.jar = o.repo.resolve("target/feishu-leave-gateway-0.1.0-SNAPSHOT.jar");
		}
		if (o.out == null) {
			o.out = o.repo.resolve("bench/results/latest.md");
		}
		return o;
	}

}
