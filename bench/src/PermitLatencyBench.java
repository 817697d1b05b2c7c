import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.ClientOptions;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.leavegateway.coordination.RedisSendWindows;
import com.leavegateway.quota.Permit;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.QuotaEngine;
import com.leavegateway.quota.QuotaSpec;
import com.leavegateway.quota.SendWindow;
import com.leavegateway.quota.SendWindows;
import com.leavegateway.quota.SystemQuotaTime;
import com.leavegateway.quota.WindowDecision;

/**
 * What one quota permit costs, side by side in one run (bench/permit-latency.sh):
 * <ol>
 * <li>the Redis send-window script alone (one {@code tryTake}, one round trip);</li>
 * <li>a permit through the engine over the Redis window ({@code acquire} until the future
 * completes, then {@code complete()});</li>
 * <li>the same through the engine's in-memory window;</li>
 * <li>permits per second through the engine over Redis with 8 callers at once (one window
 * question is open at a time per quota, so this is the ceiling of one quota on one
 * replica).</li>
 * </ol>
 * The quota is so large (a million a second) that every permit is granted: this measures
 * the cost of a grant, not waiting. Keys live under a prefix of their own, deleted at the
 * end. Calls are sequential in 1-3, so each latency is one permit alone.
 */
public final class PermitLatencyBench {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int calls = Integer.parseInt(options.getOrDefault("calls", "10000"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "2000"));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		String host = options.getOrDefault("redis-host", "127.0.0.1");
		int port = Integer.parseInt(options.getOrDefault("redis-port", "6379"));
		String prefix = "bench-" + UUID.randomUUID() + ":";
		QuotaSpec quota = new QuotaSpec("bench-quota", 1_000_000, Duration.ofSeconds(1), 0, 0.2, 64);

		System.out.println(machine());
		System.out.printf(Locale.ROOT, "calls=%d warmup=%d rounds=%d redis=%s:%d%n%n", calls, warmup, rounds, host,
				port);

		LettuceConnectionFactory factory = connect(host, port);
		try (SystemQuotaTime time = new SystemQuotaTime()) {
			RedisSendWindows redis = new RedisSendWindows(factory, prefix, "cli_bench", Duration.ofSeconds(2),
					Duration.ofSeconds(5));
			redis.startEmpty(quota).get(10, TimeUnit.SECONDS);
			System.out.println("redis-server " + redisVersion(factory));

			SendWindow window = redis.window(quota, time);
			QuotaEngine overRedis = QuotaEngine.builder(redis).quota(quota).time(time).build();
			QuotaEngine inMemory = QuotaEngine.builder(SendWindows.local()).quota(quota).time(time).build();
			// Rounds alternate the three, so that JIT warm-up and the machine's other work fall on all alike.
			for (int round = 1; round <= rounds; round++) {
				System.out.println("round " + round);
				report("1. Redis script alone (tryTake)", measure(warmup, calls, () -> {
					if (!(window.tryTake(quota.limit()).toCompletableFuture().get() instanceof WindowDecision.Granted)) {
						throw new IllegalStateException("denied");
					}
				}));
				report("2. Engine over Redis (acquire + complete)",
						measure(warmup, calls, () -> permit(overRedis, quota)));
				report("3. Engine in memory (acquire + complete)",
						measure(warmup, calls, () -> permit(inMemory, quota)));
			}
			System.out.printf(Locale.ROOT, "4. Engine over Redis, 8 callers at once: %,.0f permits/s%n",
					throughput(overRedis, quota, 8, calls));
		}
		finally {
			StringRedisTemplate cleanup = new StringRedisTemplate(factory);
			Set<String> keys = cleanup.keys(prefix + "*");
			if (!keys.isEmpty()) {
				cleanup.delete(keys);
			}
			factory.destroy();
		}
	}

	private static void permit(QuotaEngine engine, QuotaSpec quota) throws Exception {
		Permit permit = engine.acquire(quota.name(), engine.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10)))
			.get();
		permit.complete();
	}

	private static double throughput(QuotaEngine engine, QuotaSpec quota, int callers, int calls)
			throws InterruptedException {
		AtomicLong left = new AtomicLong(calls);
		CountDownLatch done = new CountDownLatch(callers);
		long started = System.nanoTime();
		for (int i = 0; i < callers; i++) {
			Thread caller = new Thread(() -> {
				try {
					while (left.decrementAndGet() >= 0) {
						permit(engine, quota);
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				finally {
					done.countDown();
				}
			});
			caller.start();
		}
		done.await();
		return calls / ((System.nanoTime() - started) / 1e9);
	}

	private static long[] measure(int warmup, int calls, Call call) throws Exception {
		for (int i = 0; i < warmup; i++) {
			call.run();
		}
		long[] nanos = new long[calls];
		for (int i = 0; i < calls; i++) {
			long started = System.nanoTime();
			call.run();
			nanos[i] = System.nanoTime() - started;
		}
		return nanos;
	}

	private static void report(String what, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double mean = Arrays.stream(sorted).average().orElse(0);
		System.out.printf(Locale.ROOT, "%-45s p50 %7.1f us  p90 %7.1f us  p99 %7.1f us  max %8.1f us  mean %7.1f us%n",
				what, micros(sorted, 0.50), micros(sorted, 0.90), micros(sorted, 0.99), sorted[sorted.length - 1] / 1e3,
				mean / 1e3);
	}

	private static double micros(long[] sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e3;
	}

	private static LettuceConnectionFactory connect(String host, int port) {
		// As the application connects in redis mode: commands refused at once while disconnected.
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.clientOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build())
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port),
				client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private static String redisVersion(LettuceConnectionFactory factory) {
		try (var connection = factory.getConnection()) {
			Object version = connection.serverCommands().info("server").get("redis_version");
			return String.valueOf(version);
		}
	}

	private static String machine() {
		String cpu = "unknown CPU";
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse(cpu);
		}
		catch (Exception ex) {
			// Not Linux: the CPU stays unnamed.
		}
		long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		return String.format(Locale.ROOT, "%d cores, %d GiB, %s, Java %s (%s)",
				Runtime.getRuntime().availableProcessors(), memory >> 30, cpu, System.getProperty("java.version"),
				System.getProperty("java.vm.name"));
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("options are --name=value: " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		return options;
	}

	@FunctionalInterface
	private interface Call {

		void run() throws Exception;

	}

}
