package leavebench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static leavebench.LeaveGatewayBench.API_KEY;

/** One gateway under test: the real jar in a JVM of its own, started and stopped by the driver. */
final class Gateway implements AutoCloseable {

	/** Gateways running, for the shutdown hook. */
	static final List<Gateway> GATEWAYS = new CopyOnWriteArrayList<>();

	final Process process;

	final int port;

	final Path log;

	final Path gcLog;

	Gateway(Options options, int standInPort, int limit, int periodSeconds, int baselineSize, String name,
			String... extraArgs) throws Exception {
		this.port = freePort();
		this.log = options.repo.resolve("bench/target/gateway-" + name + ".log");
		this.gcLog = options.repo.resolve("bench/target/gateway-" + name + "-gc.log");
		Files.deleteIfExists(this.log);
		Files.deleteIfExists(this.gcLog);
		// Under timeout(1): should the driver be killed outright, the gateway still stops by itself.
		List<String> command = new ArrayList<>(List.of("timeout", "--kill-after=10s", (options.boundSeconds() + 300) + "s",
				"java", "-Xmx1g",
				"-Xlog:gc:file=" + this.gcLog, "-jar",
				options.jar.toString(),
				"--server.port=" + this.port, "--feishu.base-url=http://127.0.0.1:" + standInPort,
				"--feishu.app-id=cli_bench", "--feishu.app-secret=bench-secret",
				"--feishu.quotas.leave-balances.limit=" + limit,
				"--feishu.quotas.leave-balances.period=" + periodSeconds + "s",
				"--feishu.quotas.leave-expire-records.limit=" + options.expireLimit,
				"--feishu.quotas.leave-expire-records.period=1s",
				"--feishu.quotas.max-wait=" + options.maxWaitSeconds + "s", "--gateway.security.api-keys.bench=" + API_KEY,
				"--gateway.security.admins=bench", "--spring.profiles.active=bench",
				"--gateway.bench.baseline-size=" + baselineSize));
		command.addAll(List.of(extraArgs));
		command.addAll(options.gatewayArgs);
		this.process = new ProcessBuilder(command).directory(options.repo.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		GATEWAYS.add(this);
		// In redis mode a new key prefix looks like a Redis that lost its state: every quota's window counts as full
		// for one period (docs/deployment.md), the token quota's being 60 s, so readiness waits for a minute more.
		long launched = System.nanoTime();
		int healthySeconds = command.contains("--gateway.coordination.mode=redis") ? 300 : 120;
		long deadline = launched + TimeUnit.SECONDS.toNanos(healthySeconds);
		while (true) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("gateway exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try {
				Res health = Http.get(this.port, "/actuator/health");
				if (health.status() == 200) {
					break;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("gateway not healthy after " + healthySeconds + " s; see " + this.log);
			}
			Thread.sleep(250);
		}
		this.healthyAfter = Duration.ofNanos(System.nanoTime() - launched);
	}

	/** From launch to the first 200 of /actuator/health. */
	final Duration healthyAfter;

	/** The gateway JVM's pid (the child of timeout(1)). */
	long pid() {
		return this.process.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(this.process.pid());
	}

	/** Leave-balance calls this gateway made, by its own count ({@code feishu_calls_seconds_count}, all outcomes). */
	long leaveBalanceCalls() {
		try {
			long sum = 0;
			for (String line : Http.get(this.port, "/actuator/prometheus", "text/plain").body().split("\n")) {
				if (line.startsWith("feishu_calls_seconds_count{") && line.contains("api=\"feishu-leave-balances\"")) {
					sum += Math.round(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
				}
			}
			return sum;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	String gcPauses() {
		return Machine.gcPauses(this.gcLog);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		GATEWAYS.remove(this);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
