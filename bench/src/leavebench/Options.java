package leavebench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
				case "unique-figures" -> o.uniqueFigures = Boolean.parseBoolean(v);
				case "baseline-size" -> o.baselineSize = Integer.parseInt(v);
				case "command" -> o.command = v;
				default -> throw new IllegalArgumentException("unknown option " + arg);
			}
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
