package com.leavegateway.coordination;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} of one test's own (Debian's binary, on a free port, in memory
 * only), which the test stops and starts again: Redis really goes away, and comes back
 * with its state lost, or restored from a snapshot the test asked for
 * ({@link #snapshot()}). The shared Redis at 6379 is never touched.
 */
final class PrivateRedis implements AutoCloseable {

	private final int port = TestRedis.closedPort();

	private final Path directory;

	private Process process;

	PrivateRedis() {
		try {
			this.directory = Files.createTempDirectory("private-redis");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start();
	}

	int port() {
		return this.port;
	}

	/**
	 * Starts the server (loading the last {@link #snapshot()}, if any) and returns once
	 * it answers.
	 */
	synchronized void start() {
		if (this.process != null) {
			return;
		}
		try {
			File log = this.directory.resolve("redis.log").toFile();
			this.process = new ProcessBuilder(
					List.of("redis-server", "--bind", TestRedis.HOST, "--port", Integer.toString(this.port), "--save",
							"", "--appendonly", "no", "--dir", this.directory.toString()))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("redis-server could not be started (apt-get install redis-server)", ex);
		}
		await("redis-server on port " + this.port).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions()
			.until(() -> "PONG".equals(command((redis) -> redis.ping())));
		try {
			// Loaded (Redis answers only once it has): a snapshot serves one restart.
			Files.deleteIfExists(this.directory.resolve("dump.rdb"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops the server (SIGTERM; without save points it writes nothing), connections cut
	 * and the port refusing.
	 */
	synchronized void stop() {
		if (this.process == null) {
			return;
		}
		// A frozen server would not hear SIGTERM.
		thaw();
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.process = null;
	}

	/**
	 * Freezes the server ({@code SIGSTOP}): connections stay open and commands are taken
	 * but never answered, as from a Redis that hangs or a network that drops packets.
	 */
	void freeze() {
		signal("STOP");
	}

	/** Lets a frozen server go on ({@code SIGCONT}): it answers what it was sent. */
	void thaw() {
		signal("CONT");
	}

	private synchronized void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Writes a snapshot now ({@code SAVE}): the next {@link #start()}, and only that one,
	 * loads it.
	 */
	void snapshot() {
		command((redis) -> {
			redis.serverCommands().save();
			return null;
		});
	}

	/** Stops the server and removes its directory. */
	@Override
	public void close() {
		stop();
		try (var files = Files.walk(this.directory)) {
			files.sorted((a, b) -> b.compareTo(a)).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory: left behind at worst.
		}
	}

	private <T> T command(RedisCallback<T> command) {
		LettuceConnectionFactory factory = TestRedis.connect(this.port);
		try {
			return new StringRedisTemplate(factory).execute(command);
		}
		finally {
			factory.destroy();
		}
	}

}
