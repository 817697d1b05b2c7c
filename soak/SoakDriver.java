import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak driver for the leave gateway (soak/run.sh starts the gateway and calls this). Plain JDK 17, one file, run as
 * {@code java soak/SoakDriver.java ...}. Drives a bounded mixed load from many concurrent clients against a gateway
 * on 127.0.0.1, measures heap after a full GC and live threads before and after, and writes a Markdown report.
 *
 * Mix per request: 70 % one of 200 "hot" employees today (cache hits after the first), 20 % a random employee on a
 * random date of the last ten years (cache misses: one upstream call each, batched when they meet), 5 % ten ids at
 * once (hot and cold mixed), 5 % all expiring grants of a hot employee.
 */
public class SoakDriver {

	private static final Pattern METRIC_VALUE = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([0-9.Ee+-]+)");

	private final Map<String, String> options;

	private final String base;

	private final String key;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

	private final Map<String, List<long[]>> latencies = new ConcurrentHashMap<>();

	private final AtomicLong sent = new AtomicLong();

	SoakDriver(Map<String, String> options) {
		this.options = options;
		this.base = "http://127.0.0.1:" + options.get("port");
		this.key = options.getOrDefault("key", "sandbox-demo-key");
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 1 && args[0].equals("free-port")) {
			try (ServerSocket socket = new ServerSocket(0)) {
				System.out.println(socket.getLocalPort());
			}
			return;
		}
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		new SoakDriver(options).run();
	}

	private void run() throws Exception {
		int clients = Integer.parseInt(this.options.getOrDefault("clients", "32"));
		Duration duration = Duration.ofSeconds(Long.parseLong(this.options.getOrDefault("duration-s", "180")));
		long maxRequests = Long.parseLong(this.options.getOrDefault("max-requests", "400000"));
		long thinkMs = Long.parseLong(this.options.getOrDefault("think-ms", "10"));
		String pid = this.options.get("pid");

		List<String> employees = employeeIds();
		log("sandbox directory: " + employees.size() + " employees");
		List<String> hot = employees.subList(0, Math.min(200, employees.size()));
		// Today's balances of the hot set are in the cache before the clock starts (the directory read put them there).
		Snapshot start = snapshot(pid);
		log("idle start: " + start);

		long warmUpSeconds = Long.parseLong(this.options.getOrDefault("warm-up-s", "30"));
		log("warm-up: " + warmUpSeconds + " s of the same load, not counted");
		drive(clients, Duration.ofSeconds(warmUpSeconds),
				Long.parseLong(this.options.getOrDefault("warm-up-max-requests", Long.toString(maxRequests))), thinkMs,
				employees, hot);
		this.warmUp = String.format(Locale.ROOT, "%,d requests, statuses %s, failed connections %s", total(),
				counts(this.statuses), counts(this.failures));
		log("warm-up done: " + this.warmUp);
		this.statuses.clear();
		this.failures.clear();
		this.latencies.clear();
		this.sent.set(0);
		Snapshot warm = snapshot(pid);
		log("after warm-up: " + warm);

		String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
		long began = System.nanoTime();
		drive(clients, duration, maxRequests, thinkMs, employees, hot);
		this.load = "load average (1, 5, 15 min; /proc/loadavg) before the soak " + loadBefore + ", after it "
				+ Files.readString(Path.of("/proc/loadavg")).strip();
		double seconds = (System.nanoTime() - began) / 1e9;
		Thread.sleep(2000);
		Snapshot end = snapshot(pid);
		log("end: " + end);
		send("DELETE", "/api/v1/admin/caches");
		Snapshot evicted = snapshot(pid);
		log("end, caches evicted: " + evicted);
		String report = report(clients, duration, maxRequests, thinkMs, seconds, employees.size(), start, warm, end,
				evicted, warmUpSeconds);
		System.out.println(report);
		Path out = Path.of(this.options.getOrDefault("out", "soak/results/latest.md"));
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, report);
		log("written to " + out);
	}

	/** {@code clients} threads send the mix until {@code duration} has passed or {@code maxRequests} were sent. */
	private void drive(int clients, Duration duration, long maxRequests, long thinkMs, List<String> employees,
			List<String> hot) throws InterruptedException {
		long began = System.nanoTime();
		long deadline = began + duration.toNanos();
		CountDownLatch done = new CountDownLatch(clients);
		for (int c = 0; c < clients; c++) {
			Random random = new Random(this.seed.incrementAndGet());
			Thread thread = new Thread(() -> {
				try {
					while (System.nanoTime() < deadline && this.sent.incrementAndGet() <= maxRequests) {
						request(random, employees, hot);
						if (thinkMs > 0) {
							Thread.sleep(thinkMs);
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					flushAll();
					done.countDown();
				}
			}, "soak-client-" + c);
			thread.start();
		}
		long lastReport = System.nanoTime();
		while (!done.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
			if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
				lastReport = System.nanoTime();
				log(String.format(Locale.ROOT, "%3.0f s: %d requests, statuses %s, failures %s",
						(lastReport - began) / 1e9, total(), counts(this.statuses), counts(this.failures)));
			}
		}
	}

	private final AtomicLong seed = new AtomicLong(1000);

	private String warmUp = "";

	private String load = "";

	/** One request of the mix, timed; its status (or failure) counted. */
	private void request(Random random, List<String> employees, List<String> hot) {
		int dice = random.nextInt(100);
		String kind;
		String path;
		if (dice < 70) {
			kind = "hot employee (cached)";
			path = "/api/v1/employees/" + hot.get(random.nextInt(hot.size())) + "/leave-balances";
		}
		else if (dice < 90) {
			kind = "random employee and date (uncached)";
			LocalDate date = LocalDate.of(2016, 1, 1).plusDays(random.nextInt(3650));
			path = "/api/v1/employees/" + employees.get(random.nextInt(employees.size())) + "/leave-balances?asOfDate="
					+ date;
		}
		else if (dice < 95) {
			kind = "ten ids, hot and cold";
			StringBuilder ids = new StringBuilder();
			for (int i = 0; i < 10; i++) {
				List<String> from = (i % 2 == 0) ? hot : employees;
				ids.append((i == 0) ? "" : ",").append(from.get(random.nextInt(from.size())));
			}
			path = "/api/v1/leave-balances?employeeIds=" + ids;
		}
		else {
			kind = "expiring grants of a hot employee";
			path = "/api/v1/employees/" + hot.get(random.nextInt(40)) + "/expiring-grants";
		}
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(get(path), HttpResponse.BodyHandlers.ofString());
			long micros = (System.nanoTime() - started) / 1000;
			this.statuses.computeIfAbsent(Integer.toString(response.statusCode()), (k) -> new LongAdder()).increment();
			record(kind, micros);
			record("all", micros);
		}
		catch (IOException ex) {
			this.failures.computeIfAbsent(ex.getClass().getSimpleName(), (k) -> new LongAdder()).increment();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private final ThreadLocal<Map<String, long[]>> buffers = ThreadLocal.withInitial(LinkedHashMap::new);

	private final ThreadLocal<Map<String, int[]>> fills = ThreadLocal.withInitial(LinkedHashMap::new);

	/** Latencies go to per-thread arrays; each full array is handed over to the shared list. */
	private void record(String kind, long micros) {
		long[] buffer = this.buffers.get().computeIfAbsent(kind, (k) -> new long[4096]);
		int[] fill = this.fills.get().computeIfAbsent(kind, (k) -> new int[1]);
		buffer[fill[0]++] = micros;
		if (fill[0] == buffer.length) {
			flush(kind, buffer, fill[0]);
			this.buffers.get().put(kind, new long[4096]);
			fill[0] = 0;
		}
	}

	/** A client thread's partly filled arrays, when it stops. */
	private void flushAll() {
		this.buffers.get().forEach((kind, buffer) -> flush(kind, buffer, this.fills.get().get(kind)[0]));
	}

	private void flush(String kind, long[] buffer, int count) {
		this.latencies.computeIfAbsent(kind, (k) -> java.util.Collections.synchronizedList(new ArrayList<>()))
			.add(Arrays.copyOf(buffer, count));
	}

	private long[] sorted(String kind) {
		List<long[]> parts = this.latencies.getOrDefault(kind, List.of());
		long[] all;
		synchronized (parts) {
			all = parts.stream().flatMapToLong(Arrays::stream).toArray();
		}
		Arrays.sort(all);
		return all;
	}

	private long total() {
		return this.statuses.values().stream().mapToLong(LongAdder::sum).sum()
				+ this.failures.values().stream().mapToLong(LongAdder::sum).sum();
	}

	private static String counts(Map<String, LongAdder> counts) {
		Map<String, Long> sorted = new TreeMap<>();
		counts.forEach((k, v) -> sorted.put(k, v.sum()));
		return sorted.toString();
	}

	private List<String> employeeIds() throws Exception {
		HttpResponse<String> response = send("GET", "/api/v1/leave-balances");
		if (response.statusCode() != 200) {
			throw new IllegalStateException("reading the directory: HTTP " + response.statusCode() + " " + response.body());
		}
		List<String> ids = new ArrayList<>();
		Matcher matcher = Pattern.compile("\"employeeId\":\"([^\"]+)\"").matcher(response.body());
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.header("X-API-Key", this.key)
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build();
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("X-API-Key", this.key)
			.timeout(Duration.ofSeconds(120))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Heap used after a full GC (jcmd GC.run, then the actuator's jvm.memory.used), threads, balance cache size. */
	private Snapshot snapshot(String pid) throws Exception {
		for (int i = 0; i < 2; i++) {
			Process gc = new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start();
			gc.getInputStream().readAllBytes();
			gc.waitFor();
		}
		Thread.sleep(500);
		return new Snapshot(metric("jvm.memory.used?tag=area:heap"), metric("jvm.threads.live"),
				metric("cache.size?tag=cache:balances"), rssKb(pid));
	}

	private double metric(String name) throws Exception {
		HttpResponse<String> response = send("GET", "/actuator/metrics/" + name);
		Matcher matcher = METRIC_VALUE.matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException(name + ": HTTP " + response.statusCode() + " " + response.body());
		}
		return Double.parseDouble(matcher.group(1));
	}

	private static long rssKb(String pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

	private String report(int clients, Duration duration, long maxRequests, long thinkMs, double seconds,
			int employees, Snapshot start, Snapshot warm, Snapshot end, Snapshot evicted, long warmUpSeconds)
			throws IOException {
		long total = total();
		long tooMany = this.statuses.getOrDefault("429", new LongAdder()).sum();
		long ok = this.statuses.entrySet().stream().filter((e) -> e.getKey().startsWith("2")).mapToLong((e) -> e.getValue().sum()).sum();
		long errors = total - ok - tooMany;
		long[] all = sorted("all");
		StringBuilder md = new StringBuilder();
		md.append("# Soak test: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append("\n\n");
		md.append("Command: `").append(this.options.getOrDefault("command", "soak/run.sh")).append("`\n\n");
		md.append("Machine: ").append(machine()).append("\n\n");
		md.append(String.format(Locale.ROOT, "Load: %d clients for %d s (bound: %,d requests), %d ms think time between a client's requests; "
				+ "gateway %s on the sandbox profile (%d simulated employees, simulated Feishu latency %s, quotas %s).%n%n",
				clients, duration.toSeconds(), maxRequests, thinkMs, this.options.getOrDefault("jvm", ""), employees,
				this.options.getOrDefault("latency", "?"), this.options.getOrDefault("quotas", "?")));
		md.append(String.format(Locale.ROOT, "| Figure | Measured | Goal |%n|---|---|---|%n"));
		md.append(String.format(Locale.ROOT, "| Requests | %,d in %.0f s (%,.0f/s) | bounded |%n", total, seconds, total / seconds));
		md.append(String.format(Locale.ROOT, "| Errors (not 2xx, not 429; failed connections included) | %,d | 0 |%n", errors));
		md.append(String.format(Locale.ROOT, "| 429 (quota, counted apart) | %,d | deliberate only |%n", tooMany));
		md.append(String.format(Locale.ROOT, "| Latency p50 / p90 / p99 / max | %s | - |%n%n", percentiles(all)));
		md.append(String.format(Locale.ROOT, "| Snapshot (heap after a full GC) | Heap used | Live threads | Cached balances | RSS |%n|---|---|---|---|---|%n"));
		md.append(start.row("Idle, before any load"));
		md.append(warm.row("Start: after " + warmUpSeconds + " s of warm-up"));
		md.append(end.row("End: after the soak"));
		md.append(evicted.row("End, all caches evicted"));
		md.append("\n");
		md.append("By request kind:\n\n| Kind | Requests | p50 / p90 / p99 / max |\n|---|---|---|\n");
		for (String kind : List.of("hot employee (cached)", "random employee and date (uncached)", "ten ids, hot and cold",
				"expiring grants of a hot employee")) {
			long[] latencies = sorted(kind);
			md.append(String.format(Locale.ROOT, "| %s | %,d | %s |%n", kind, latencies.length, percentiles(latencies)));
		}
		md.append("\nWarm-up (not counted above): ").append(this.warmUp).append(".\n");
		md.append("\nMachine ").append(this.load).append(" (the gateway and this driver share the machine's CPUs).\n");
		md.append("\nStatuses: ").append(counts(this.statuses)).append("; failed connections: ").append(counts(this.failures)).append("\n");
		return md.toString();
	}

	private static String percentiles(long[] sorted) {
		if (sorted.length == 0) {
			return "-";
		}
		return String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.0f ms", at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
				sorted[sorted.length - 1] / 1000.0);
	}

	private static double at(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
	}

	private static String machine() throws IOException {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter((l) -> l.startsWith("model name"))
			.findFirst().map((l) -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
		String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter((l) -> l.startsWith("MemTotal"))
			.findFirst().map((l) -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB").orElse("?");
		return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), " + memory + " RAM, Java "
				+ System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")";
	}

	private static void log(String message) {
		System.err.println("[soak] " + message);
	}

	private record Snapshot(double heap, double threads, double cacheSize, long rssKb) {

		String row(String name) {
			return String.format(Locale.ROOT, "| %s | %.1f MiB | %.0f | %,.0f | %,d MiB |%n", name, this.heap / 1048576,
					this.threads, this.cacheSize, this.rssKb / 1024);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "heap %.1f MiB after full GC, %.0f live threads, %.0f cached balances, RSS %d MiB",
					this.heap / 1048576, this.threads, this.cacheSize, this.rssKb / 1024);
		}

	}

}
