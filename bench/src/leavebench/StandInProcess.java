package leavebench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stand-in runs in a JVM of its own, so that the driver's clients (their threads, their garbage) do not
 * delay the instants at which it logs arrivals. Both processes read the same monotonic clock
 * (System.nanoTime(), CLOCK_MONOTONIC on Linux), so the driver's instants bound the stand-in's logs.
 */
final class StandInProcess implements AutoCloseable {

	/** The one stand-in of this run, for the shutdown hook and the CPU figures. */
	static final AtomicReference<StandInProcess> STAND_IN = new AtomicReference<>();

	final Process process;

	final int port;

	final Path gcLog;

	StandInProcess(Options o) throws Exception {
		this.gcLog = o.repo.resolve("bench/target/standin-gc.log");
		Files.deleteIfExists(this.gcLog);
		String classpath = System.getProperty("java.class.path");
		this.process = new ProcessBuilder("java", "-Xmx512m", "-Xlog:gc:file=" + this.gcLog, "-cp", classpath,
				LeaveGatewayBench.class.getName(), "standin", "--latency-ms=" + o.latencyMs, "--limit=" + o.limit,
				"--period-s=" + o.periodSeconds, "--unique-figures=" + o.uniqueFigures,
				"--listing-size=" + o.listingSize, "--only=" + String.join(",", o.only), "--hot-minutes=" + o.hotMinutes)
			.redirectError(ProcessBuilder.Redirect.appendTo(o.repo.resolve("bench/target/standin.log").toFile()))
			.start();
		STAND_IN.set(this);
		java.io.BufferedReader out = new java.io.BufferedReader(
				new java.io.InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		String line = out.readLine();
		if (line == null || !line.startsWith("PORT ")) {
			throw new IllegalStateException("stand-in did not start: " + line);
		}
		this.port = Integer.parseInt(line.substring(5).strip());
	}

	Api api(String name) {
		return new Api(this, name);
	}

	String ask(String pathAndQuery) {
		Res res = Http.getOrError(this.port, pathAndQuery);
		if (res.status() != 200) {
			throw new IllegalStateException("stand-in control " + pathAndQuery + ": " + res.status() + " " + res.body());
		}
		return res.body();
	}

	/** Switches the outage on or off: while on, every Feishu call is answered 503. */
	void outage(boolean on) {
		ask("/_bench/outage?on=" + on);
	}

	String gcPauses() {
		return Machine.gcPauses(this.gcLog);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

}
