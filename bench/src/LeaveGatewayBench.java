import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Benchmark of the Feishu leave gateway against a stand-in Feishu whose quota and latency are set: upstream
 * efficiency, quota safety, sustained cold throughput, cache-hit throughput against a trivial endpoint, and heap
 * per cached employee-day. Plain JDK 17, no dependencies; started by bench/run.sh. Every loop is bounded in count
 * and time, and all traffic goes to 127.0.0.1.
 */
public final class LeaveGatewayBench {

	static final String API_KEY = "bench-key";

	static final String TOKEN = "t-bench-0123456789abcdef";

	static final String BALANCES = "leave_balances";

	static final String EXPIRE = "expire_records";

	static final String TOKEN_API = "token";

	static final String DATE = "2025-06-30";

	static final int PAGE = 20;

	// ------------------------------------------------------------------------------------------ options

	static final class Options {

		Path repo = Path.of(".").toAbsolutePath().normalize();

		Path jar;

		Path out;

		int latencyMs = 50;

		int limit = 100;

		int periodSeconds = 6;

		int expireLimit = 50;

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

	// ------------------------------------------------------------------------------------------ stand-in Feishu

	/** One Feishu API's quota: a sliding window of accepted calls, and a log of every arrival. */
	static final class ApiQuota {

		volatile int limit;

		volatile long periodNanos;

		private final ArrayDeque<Long> accepted = new ArrayDeque<>();

		private long[] arrivals = new long[1 << 16];

		private int arrivalCount;

		final AtomicLong acceptedCalls = new AtomicLong();

		final AtomicLong rejectedCalls = new AtomicLong();

		ApiQuota(int limit, Duration period) {
			this.limit = limit;
			this.periodNanos = period.toNanos();
		}

		synchronized void reconfigure(int limit, Duration period) {
			this.limit = limit;
			this.periodNanos = period.toNanos();
			this.accepted.clear();
		}

		/** Logs the arrival; -1 when accepted, else nanos until the oldest accepted call leaves the window. */
		synchronized long arrive(long now) {
			if (this.arrivalCount == this.arrivals.length) {
				this.arrivals = Arrays.copyOf(this.arrivals, this.arrivals.length * 2);
			}
			this.arrivals[this.arrivalCount++] = now;
			while (!this.accepted.isEmpty() && now - this.accepted.peekFirst() >= this.periodNanos) {
				this.accepted.pollFirst();
			}
			if (this.accepted.size() < this.limit) {
				this.accepted.addLast(now);
				this.acceptedCalls.incrementAndGet();
				return -1;
			}
			this.rejectedCalls.incrementAndGet();
			return this.accepted.peekFirst() + this.periodNanos - now;
		}

		long calls() {
			return this.acceptedCalls.get() + this.rejectedCalls.get();
		}

		/** Shortest time in which {@code k} consecutive arrivals in [from, to) came; -1 when fewer arrived. */
		synchronized long minSpan(int k, long from, long to) {
			long[] times = Arrays.stream(Arrays.copyOf(this.arrivals, this.arrivalCount))
				.filter((x) -> x >= from && x < to)
				.sorted()
				.toArray();
			long min = -1;
			for (int i = 0; i + k - 1 < times.length; i++) {
				long span = times[i + k - 1] - times[i];
				if (min < 0 || span < min) {
					min = span;
				}
			}
			return min;
		}

		/** Most arrivals (accepted or not) in any half-open window [t, t + period) with from <= t < to. */
		synchronized int maxInWindow(long from, long to) {
			long[] times = Arrays.copyOf(this.arrivals, this.arrivalCount);
			Arrays.sort(times);
			int max = 0;
			int i = 0;
			for (int j = 0; j < times.length; j++) {
				if (times[j] < from || times[j] >= to) {
					continue;
				}
				if (i < j && times[i] < from) {
					i = j;
				}
				while (times[j] - times[i] >= this.periodNanos) {
					i++;
				}
				max = Math.max(max, j - i + 1);
			}
			return max;
		}

	}

	/**
	 * A stand-in Feishu on the JDK's HTTP server: tenant tokens, leave_balances over a synthetic directory (paging
	 * honest: 20 a page, has_more and an opaque page_token; employment_id_list filters), expire records, a sliding
	 * window quota per API that answers 429 + 99991400 + x-ogw-ratelimit-* headers, and a set latency per call.
	 */
	static final class StandIn {

		static final int DIRECTORY_SIZE = 999_999;

		static final Pattern ID = Pattern.compile("e(\\d{6})");

		static final Pattern TOKEN_OFFSET = Pattern.compile("^\\{\"eu_nc\":\"\\[\\\\\"(\\d+)\\\\\"\\]\"\\}$");

		static final String[][] LEAVE_TYPES = { { "7001000000000000001", "年假", "Annual leave", "1" },
				{ "7001000000000000002", "病假", "Sick leave", "1" }, { "7001000000000000003", "事假", "Personal leave", "1" },
				{ "7001000000000000004", "婚假", "Marriage leave", "1" },
				{ "7001000000000000005", "育儿假", "Parental leave", "1" },
				{ "7001000000000000006", "调休假", "Time off in lieu", "2" } };

		final HttpServer server;

		final ExecutorService executor;

		final Map<String, ApiQuota> quotas = new ConcurrentHashMap<>();

		volatile int latencyMs;

		final AtomicLong employeesReturned = new AtomicLong();

		/** Per accepted leave_balances call: its arrival and how many ids it named. */
		final List<long[]> idsPerCall = java.util.Collections.synchronizedList(new ArrayList<>());

		final AtomicLong badRequests = new AtomicLong();

		StandIn(int latencyMs, int limit, Duration period, int expireLimit) throws IOException {
			this.latencyMs = latencyMs;
			this.quotas.put(BALANCES, new ApiQuota(limit, period));
			this.quotas.put(EXPIRE, new ApiQuota(expireLimit, Duration.ofSeconds(1)));
			this.quotas.put(TOKEN_API, new ApiQuota(1000, Duration.ofSeconds(60)));
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
			AtomicInteger n = new AtomicInteger();
			this.executor = Executors.newFixedThreadPool(128, (r) -> {
				Thread t = new Thread(r, "stand-in-" + n.incrementAndGet());
				t.setDaemon(true);
				return t;
			});
			this.server.setExecutor(this.executor);
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		ApiQuota quota(String api) {
			return this.quotas.get(api);
		}

		void stop() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

		private void handle(HttpExchange exchange) throws IOException {
			long now = System.nanoTime();
			try (exchange) {
				String path = exchange.getRequestURI().getRawPath();
				if (path.startsWith("/_bench/")) {
					control(exchange, path);
					return;
				}
				byte[] requestBody = exchange.getRequestBody().readAllBytes();
				String api;
				if (path.equals("/open-apis/auth/v3/tenant_access_token/internal")) {
					api = TOKEN_API;
				}
				else if (path.equals("/open-apis/corehr/v1/leaves/leave_balances")) {
					api = BALANCES;
				}
				else if (path.startsWith("/open-apis/attendance/v1/leave_employ_expire_records/")) {
					api = EXPIRE;
				}
				else {
					reply(exchange, 404, "{\"code\":404,\"msg\":\"not found\"}", null);
					return;
				}
				long wait = quota(api).arrive(now);
				sleep(this.latencyMs);
				if (wait >= 0) {
					long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
					reply(exchange, 429, "{\"code\":99991400,\"msg\":\"request trigger frequency limit\"}",
							Map.of("x-ogw-ratelimit-limit", String.valueOf(quota(api).limit), "x-ogw-ratelimit-reset",
									String.valueOf(seconds)));
					return;
				}
				switch (api) {
					case TOKEN_API -> token(exchange, new String(requestBody, StandardCharsets.UTF_8));
					case BALANCES -> balances(exchange, now);
					default -> expireRecords(exchange);
				}
			}
			catch (RuntimeException ex) {
				this.badRequests.incrementAndGet();
				reply(exchange, 500, "{\"code\":1160015,\"msg\":\"Internal error: " + ex + "\"}", null);
			}
		}

		/** The driver's questions and settings; never counted as calls. */
		private void control(HttpExchange exchange, String path) throws IOException {
			Map<String, List<String>> q = query(exchange.getRequestURI().getRawQuery());
			ApiQuota quota = quota(first(q, "api"));
			String answer;
			switch (path) {
				case "/_bench/stats" -> answer = "calls=" + quota.calls() + " rejected=" + quota.rejectedCalls.get()
						+ " employees=" + this.employeesReturned.get() + " bad=" + this.badRequests.get();
				case "/_bench/window" -> {
					long from = Long.parseLong(first(q, "from"));
					long to = Long.parseLong(first(q, "to"));
					answer = "max=" + quota.maxInWindow(from, to) + " minspan="
							+ quota.minSpan(Integer.parseInt(first(q, "k")), from, to);
				}
				case "/_bench/sizes" -> {
					long from = Long.parseLong(first(q, "from"));
					long to = Long.parseLong(first(q, "to"));
					List<Long> sizes = new ArrayList<>();
					synchronized (this.idsPerCall) {
						for (long[] call : this.idsPerCall) {
							if (call[0] >= from && call[0] < to) {
								sizes.add(call[1]);
							}
						}
					}
					answer = sizes.toString();
				}
				case "/_bench/config" -> {
					quota.reconfigure(Integer.parseInt(first(q, "limit")),
							Duration.ofMillis(Long.parseLong(first(q, "periodMs"))));
					answer = "ok";
				}
				default -> answer = "?";
			}
			reply(exchange, 200, answer, null);
		}

		private void token(HttpExchange exchange, String body) throws IOException {
			if (!body.contains("\"cli_bench\"") || !body.contains("\"bench-secret\"")) {
				this.badRequests.incrementAndGet();
				reply(exchange, 400, "{\"code\":10014,\"msg\":\"app secret invalid\"}", null);
				return;
			}
			reply(exchange, 200,
					"{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + TOKEN + "\",\"expire\":7200}", null);
		}

		private boolean authorized(HttpExchange exchange) throws IOException {
			String auth = exchange.getRequestHeaders().getFirst("Authorization");
			if (!("Bearer " + TOKEN).equals(auth)) {
				this.badRequests.incrementAndGet();
				reply(exchange, 400,
						"{\"code\":99991663,\"msg\":\"Invalid access token for authorization. Please make a request with token attached.\"}",
						null);
				return false;
			}
			return true;
		}

		private void invalid(HttpExchange exchange, String why) throws IOException {
			this.badRequests.incrementAndGet();
			reply(exchange, 400, "{\"code\":1160016,\"msg\":\"Invalid param: " + why + "\"}", null);
		}

		private void balances(HttpExchange exchange, long arrival) throws IOException {
			if (!authorized(exchange)) {
				return;
			}
			Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
			String pageSizeText = first(query, "page_size");
			int pageSize;
			try {
				pageSize = Integer.parseInt(pageSizeText);
			}
			catch (RuntimeException ex) {
				invalid(exchange, "page_size");
				return;
			}
			if (pageSize < 1 || pageSize > PAGE) {
				invalid(exchange, "page_size");
				return;
			}
			String userIdType = first(query, "user_id_type");
			if (userIdType != null && !userIdType.equals("people_corehr_id")) {
				invalid(exchange, "user_id_type");
				return;
			}
			String asOfDate = first(query, "as_of_date");
			if (asOfDate == null || !asOfDate.matches("\\d{4}-\\d{2}-\\d{2}")) {
				invalid(exchange, "as_of_date");
				return;
			}
			boolean offboard = "true".equals(first(query, "include_offboard"));
			List<String> ids = query.getOrDefault("employment_id_list", List.of());
			if (ids.size() > 100) {
				invalid(exchange, "employment_id_list takes at most 100 ids");
				return;
			}
			for (String id : ids) {
				if (number(id) < 0) {
					this.badRequests.incrementAndGet();
					reply(exchange, 400, "{\"code\":1160006,\"msg\":\"Employment not found\"}", null);
					return;
				}
			}
			this.idsPerCall.add(new long[] { arrival, ids.size() });
			int total = ids.isEmpty() ? DIRECTORY_SIZE : ids.size();
			int offset = 0;
			String pageToken = first(query, "page_token");
			if (pageToken != null) {
				Matcher m = TOKEN_OFFSET.matcher(pageToken);
				if (!m.matches() || Integer.parseInt(m.group(1)) >= total) {
					invalid(exchange, "page_token");
					return;
				}
				offset = Integer.parseInt(m.group(1));
			}
			int end = Math.min(total, offset + pageSize);
			StringBuilder json = new StringBuilder(1024 * (end - offset) + 128);
			json.append("{\"code\":0,\"msg\":\"success\",\"data\":{\"employment_leave_balance_list\":[");
			for (int i = offset; i < end; i++) {
				if (i > offset) {
					json.append(',');
				}
				int n = ids.isEmpty() ? i + 1 : number(ids.get(i));
				employee(json, n, asOfDate, offboard);
			}
			json.append("],\"has_more\":").append(end < total);
			if (end < total) {
				json.append(",\"page_token\":\"").append("{\\\"eu_nc\\\":\\\"[\\\\\\\"").append(end)
					.append("\\\\\\\"]\\\"}").append('"');
			}
			json.append("}}");
			this.employeesReturned.addAndGet(end - offset);
			reply(exchange, 200, json.toString(), null);
		}

		/** The directory: e000001 .. e999999; -1 for an id it does not hold. */
		static int number(String id) {
			Matcher m = ID.matcher(id);
			if (!m.matches()) {
				return -1;
			}
			int n = Integer.parseInt(m.group(1));
			return (n >= 1 && n <= DIRECTORY_SIZE) ? n : -1;
		}

		/** One employee; every figure has a fixed width so that every employee's answer has the same size. */
		static void employee(StringBuilder json, int n, String asOfDate, boolean offboard) {
			String digits = String.format(Locale.ROOT, "%06d", n);
			json.append("{\"employment_id\":\"e").append(digits)
				.append("\",\"employment_name\":[{\"lang\":\"zh-CN\",\"value\":\"员工").append(digits)
				.append("\"},{\"lang\":\"en-US\",\"value\":\"Employee ").append(digits)
				.append("\"}],\"as_of_date\":\"").append(asOfDate).append("\",\"leave_balance_list\":[");
			for (int t = 0; t < LEAVE_TYPES.length; t++) {
				String[] type = LEAVE_TYPES[t];
				int v = (n * 7 + t * 13) % 90;
				if (t > 0) {
					json.append(',');
				}
				json.append("{\"leave_type_id\":\"").append(type[0])
					.append("\",\"leave_type_name\":[{\"lang\":\"zh-CN\",\"value\":\"").append(type[1])
					.append("\"},{\"lang\":\"en-US\",\"value\":\"").append(type[2]).append("\"}]")
					.append(",\"historical_cycles_left\":\"").append(v % 10).append(".5\"")
					.append(",\"this_cycle_total\":\"").append(10 + v % 9).append(".0\"")
					.append(",\"this_cycle_taken\":\"").append(v % 9).append(".5\"")
					.append(",\"leave_balance\":\"").append(10 + v % 10).append(".5\"")
					.append(",\"leave_duration_unit\":").append(type[3])
					.append(",\"balance_in_current_cycle\":\"").append(10 + v % 8).append(".0\"")
					.append(",\"taken_history_cycle\":\"").append(v % 7).append(".0\"");
				if (offboard) {
					json.append(",\"history_cycle_accrual\":\"5.0\",\"taken\":\"3.0\",\"offboarding_balance\":\"2.0\"")
						.append(",\"taken_current_date\":\"1.0\",\"offboarding_granted\":\"4.0\"");
				}
				json.append('}');
			}
			json.append("]}");
		}

		private void expireRecords(HttpExchange exchange) throws IOException {
			if (!authorized(exchange)) {
				return;
			}
			reply(exchange, 200, "{\"code\":0,\"msg\":\"success\",\"data\":{\"records\":[]}}", null);
		}

		private static String first(Map<String, List<String>> query, String name) {
			List<String> values = query.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		private static Map<String, List<String>> query(String raw) {
			Map<String, List<String>> query = new LinkedHashMap<>();
			if (raw == null || raw.isEmpty()) {
				return query;
			}
			for (String part : raw.split("&")) {
				int eq = part.indexOf('=');
				String name = URLDecoder.decode((eq < 0) ? part : part.substring(0, eq), StandardCharsets.UTF_8);
				String value = (eq < 0) ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
				query.computeIfAbsent(name, (k) -> new ArrayList<>()).add(value);
			}
			return query;
		}

		private static void reply(HttpExchange exchange, int status, String body, Map<String, String> headers)
				throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
			if (headers != null) {
				headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
			}
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

	}

	/**
	 * The stand-in runs in a JVM of its own, so that the driver's clients (their threads, their garbage) do not
	 * delay the instants at which it logs arrivals. Both processes read the same monotonic clock
	 * (System.nanoTime(), CLOCK_MONOTONIC on Linux), so the driver's instants bound the stand-in's logs.
	 */
	static final class StandInProcess implements AutoCloseable {

		final Process process;

		final int port;

		final Path gcLog;

		StandInProcess(Options o) throws Exception {
			this.gcLog = o.repo.resolve("bench/target/standin-gc.log");
			Files.deleteIfExists(this.gcLog);
			String classpath = System.getProperty("java.class.path");
			this.process = new ProcessBuilder("java", "-Xmx512m", "-Xlog:gc:file=" + this.gcLog, "-cp", classpath,
					"LeaveGatewayBench", "standin", "--latency-ms=" + o.latencyMs, "--limit=" + o.limit,
					"--period-s=" + o.periodSeconds)
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
			if (res.status != 200) {
				throw new IllegalStateException("stand-in control " + pathAndQuery + ": " + res.status + " " + res.body);
			}
			return res.body;
		}

		String gcPauses() {
			return LeaveGatewayBench.gcPauses(this.gcLog);
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

	static final java.util.concurrent.atomic.AtomicReference<StandInProcess> STAND_IN = new java.util.concurrent.atomic.AtomicReference<>();

	/** One API of the stand-in, as the driver sees it. */
	record Api(StandInProcess standIn, String name) {

		private long stat(String key) {
			Matcher m = Pattern.compile(key + "=(\\d+)").matcher(this.standIn.ask("/_bench/stats?api=" + this.name));
			if (!m.find()) {
				throw new IllegalStateException("no " + key);
			}
			return Long.parseLong(m.group(1));
		}

		long calls() {
			return stat("calls");
		}

		long rejected() {
			return stat("rejected");
		}

		long badRequests() {
			return stat("bad");
		}

		private long[] window(int k, long from, long to) {
			String answer = this.standIn
				.ask("/_bench/window?api=" + this.name + "&k=" + k + "&from=" + from + "&to=" + to);
			Matcher m = Pattern.compile("max=(-?\\d+) minspan=(-?\\d+)").matcher(answer);
			if (!m.find()) {
				throw new IllegalStateException(answer);
			}
			return new long[] { Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) };
		}

		int maxInWindow(long from, long to) {
			return (int) window(2, from, to)[0];
		}

		long minSpan(int k, long from, long to) {
			return window(k, from, to)[1];
		}

		/** The ids each accepted call named, in order of arrival, for calls that arrived in [from, to). */
		String idsPerCall(long from, long to) {
			return this.standIn.ask("/_bench/sizes?api=" + this.name + "&from=" + from + "&to=" + to);
		}

		void reconfigure(int limit, Duration period) {
			this.standIn.ask("/_bench/config?api=" + this.name + "&limit=" + limit + "&periodMs=" + period.toMillis());
		}

	}

	static void standIn(Options o) throws Exception {
		StandIn standIn = new StandIn(o.latencyMs, o.limit, Duration.ofSeconds(o.periodSeconds), o.expireLimit);
		System.out.println("PORT " + standIn.port());
		System.out.flush();
		// Bounded: the driver stops it; should the driver die, it stops itself after 20 minutes.
		Thread.sleep(TimeUnit.MINUTES.toMillis(20));
		standIn.stop();
		System.exit(0);
	}

	// ------------------------------------------------------------------------------------------ the gateway

	static final class Gateway implements AutoCloseable {

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
			List<String> command = new ArrayList<>(List.of("timeout", "--kill-after=10s", "1200s", "java", "-Xmx1g",
					"-Xlog:gc:file=" + this.gcLog, "-jar",
					options.jar.toString(),
					"--server.port=" + this.port, "--feishu.base-url=http://127.0.0.1:" + standInPort,
					"--feishu.app-id=cli_bench", "--feishu.app-secret=bench-secret",
					"--feishu.quotas.leave-balances.limit=" + limit,
					"--feishu.quotas.leave-balances.period=" + periodSeconds + "s",
					"--feishu.quotas.leave-expire-records.limit=" + options.expireLimit,
					"--feishu.quotas.leave-expire-records.period=1s", "--gateway.security.api-keys.bench=" + API_KEY,
					"--gateway.security.admins=bench", "--spring.profiles.active=bench",
					"--gateway.bench.baseline-size=" + baselineSize));
			command.addAll(List.of(extraArgs));
			command.addAll(options.gatewayArgs);
			this.process = new ProcessBuilder(command).directory(options.repo.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			GATEWAYS.add(this);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (true) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("gateway exited with " + this.process.exitValue() + "; see " + this.log);
				}
				try {
					Res health = Http.get(this.port, "/actuator/health");
					if (health.status == 200) {
						break;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("gateway not healthy after 120 s; see " + this.log);
				}
				Thread.sleep(250);
			}
		}

		/** The gateway JVM's pid (the child of timeout(1)). */
		long pid() {
			return this.process.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(this.process.pid());
		}

		String gcPauses() {
			return LeaveGatewayBench.gcPauses(this.gcLog);
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

	}

	/** GC pauses so far, from a -Xlog:gc file: count, longest and total. */
	static String gcPauses(Path gcLog) {
		try {
			long count = 0;
			double max = 0;
			double total = 0;
			Pattern pause = Pattern.compile("Pause.* ([0-9.]+)ms$");
			for (String line : Files.readAllLines(gcLog)) {
				Matcher m = pause.matcher(line);
				if (m.find()) {
					double ms = Double.parseDouble(m.group(1));
					count++;
					total += ms;
					max = Math.max(max, ms);
				}
			}
			return count + " GC pauses, longest " + f1(max) + " ms, total " + f1(total) + " ms";
		}
		catch (IOException ex) {
			return "GC log unreadable";
		}
	}

	static final List<Gateway> GATEWAYS = new java.util.concurrent.CopyOnWriteArrayList<>();

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	// ------------------------------------------------------------------------------------------ HTTP client

	record Res(int status, String body, long nanos, long started) {

		Res(int status, String body, long nanos) {
			this(status, body, nanos, 0);
		}

		int employees() {
			int count = 0;
			for (int i = this.body.indexOf("\"employeeId\""); i >= 0; i = this.body.indexOf("\"employeeId\"", i + 1)) {
				count++;
			}
			return count;
		}

	}

	static final class Http {

		static final HttpClient CLIENT = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		static Res get(int port, String pathAndQuery) throws IOException, InterruptedException {
			return get(port, pathAndQuery, "application/json");
		}

		static Res get(int port, String pathAndQuery, String accept) throws IOException, InterruptedException {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
				.timeout(Duration.ofSeconds(60))
				.header("X-API-Key", API_KEY)
				.header("Accept", accept)
				.GET()
				.build();
			long started = System.nanoTime();
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return new Res(response.statusCode(), response.body(), System.nanoTime() - started, started);
		}

		static Res getOrError(int port, String pathAndQuery) {
			try {
				return get(port, pathAndQuery);
			}
			catch (IOException ex) {
				return new Res(-1, String.valueOf(ex), 0);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Res(-1, "interrupted", 0);
			}
		}

	}

	/**
	 * A client's own keep-alive HTTP/1.1 connection on a plain socket: connected before a burst is released, so
	 * that releasing the burst costs one write per client and no connection set-up.
	 */
	static final class Conn implements AutoCloseable {

		final int port;

		java.net.Socket socket;

		java.io.BufferedInputStream in;

		OutputStream out;

		Conn(int port) {
			this.port = port;
		}

		void connect() {
			try {
				open();
			}
			catch (IOException ex) {
				close();
			}
		}

		private void open() throws IOException {
			this.socket = new java.net.Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			this.socket.setSoTimeout(120_000);
			this.in = new java.io.BufferedInputStream(this.socket.getInputStream(), 1 << 16);
			this.out = this.socket.getOutputStream();
		}

		byte[] request(String path) {
			return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nX-API-Key: " + API_KEY
					+ "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		}

		/** Writes a request on a connected socket; the instant it was written, or -1 when it could not be. */
		long send(byte[] request) {
			try {
				long started = System.nanoTime();
				this.out.write(request);
				this.out.flush();
				return started;
			}
			catch (IOException | RuntimeException ex) {
				close();
				return -1;
			}
		}

		Res receive(long started) {
			if (started < 0 || this.socket == null) {
				return new Res(-1, "not sent", 0, 0);
			}
			try {
				return read(started);
			}
			catch (IOException | RuntimeException ex) {
				close();
				return new Res(-1, String.valueOf(ex), System.nanoTime() - started, started);
			}
		}

		Res get(String path) {
			byte[] request = request(path);
			for (int attempt = 0; attempt < 2; attempt++) {
				boolean reused = this.socket != null;
				long started = System.nanoTime();
				try {
					if (this.socket == null) {
						open();
					}
					this.out.write(request);
					this.out.flush();
					return read(started);
				}
				catch (IOException ex) {
					close();
					// A kept-alive connection the server had closed: once more on a new one.
					if (!reused || attempt == 1) {
						return new Res(-1, String.valueOf(ex), System.nanoTime() - started, started);
					}
				}
			}
			throw new IllegalStateException();
		}

		private Res read(long started) throws IOException {
			String statusLine = line();
			if (statusLine == null) {
				throw new IOException("connection closed");
			}
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			long length = -1;
			boolean chunked = false;
			boolean closing = false;
			for (String header = line(); header != null && !header.isEmpty(); header = line()) {
				String h = header.toLowerCase(Locale.ROOT);
				if (h.startsWith("content-length:")) {
					length = Long.parseLong(h.substring(15).strip());
				}
				else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
					chunked = true;
				}
				else if (h.startsWith("connection:") && h.contains("close")) {
					closing = true;
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if (chunked) {
				for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0; size = Integer
					.parseInt(line().split(";")[0].strip(), 16)) {
					body.write(this.in.readNBytes(size));
					line();
				}
				for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
					// trailers ignored
				}
			}
			else if (length >= 0) {
				body.write(this.in.readNBytes((int) length));
			}
			else {
				body.write(this.in.readAllBytes());
				closing = true;
			}
			long nanos = System.nanoTime() - started;
			if (closing) {
				close();
			}
			return new Res(status, body.toString(StandardCharsets.UTF_8), nanos, started);
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder();
			for (int b = this.in.read(); b >= 0; b = this.in.read()) {
				if (b == '\n') {
					int n = line.length();
					return (n > 0 && line.charAt(n - 1) == '\r') ? line.substring(0, n - 1) : line.toString();
				}
				line.append((char) b);
			}
			return (line.length() == 0) ? null : line.toString();
		}

		@Override
		public void close() {
			if (this.socket != null) {
				try {
					this.socket.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
			this.socket = null;
		}

	}

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

	/** What a set of clients saw. */
	static final class Outcome {

		final AtomicInteger ok = new AtomicInteger();

		final AtomicInteger tooMany = new AtomicInteger();

		final AtomicInteger other = new AtomicInteger();

		final AtomicLong employees = new AtomicLong();

		final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

		/** Per 200 answer: when it completed (System.nanoTime()) and how many employees it carried. */
		final List<long[]> completions = java.util.Collections.synchronizedList(new ArrayList<>());

		final Map<Integer, AtomicInteger> otherStatuses = new ConcurrentHashMap<>();

		volatile String sampleError;

		final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);

		final AtomicLong lastStart = new AtomicLong(Long.MIN_VALUE);

		/** Time between the first and the last request sent. */
		String sendSpread() {
			return f1((this.lastStart.get() - this.firstStart.get()) / 1e6) + " ms";
		}

		void add(Res res) {
			if (res.started != 0) {
				this.firstStart.accumulateAndGet(res.started, Math::min);
				this.lastStart.accumulateAndGet(res.started, Math::max);
			}
			if (res.status == 200) {
				this.ok.incrementAndGet();
				int employees = res.employees();
				this.employees.addAndGet(employees);
				this.latencies.add(res.nanos);
				this.completions.add(new long[] { System.nanoTime(), employees });
			}
			else if (res.status == 429) {
				this.tooMany.incrementAndGet();
			}
			else {
				this.other.incrementAndGet();
				this.otherStatuses.computeIfAbsent(res.status, (k) -> new AtomicInteger()).incrementAndGet();
				if (this.sampleError == null) {
					this.sampleError = res.status + " " + res.body.substring(0, Math.min(300, res.body.length()));
				}
			}
		}

		String latency() {
			List<Long> sorted;
			synchronized (this.latencies) {
				sorted = new ArrayList<>(this.latencies);
			}
			if (sorted.isEmpty()) {
				return "n/a";
			}
			sorted.sort(null);
			return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms", ms(pct(sorted, 50)),
					ms(pct(sorted, 99)), ms(sorted.get(sorted.size() - 1)));
		}

		/** Employees carried by 200 answers that completed in [from, to). */
		long employeesBetween(long from, long to) {
			long sum = 0;
			synchronized (this.completions) {
				for (long[] c : this.completions) {
					if (c[0] >= from && c[0] < to) {
						sum += c[1];
					}
				}
			}
			return sum;
		}

		String statuses() {
			String s = this.ok + " x 200, " + this.tooMany + " x 429";
			if (this.other.get() > 0) {
				s += ", " + this.other + " other " + this.otherStatuses + " e.g. " + this.sampleError;
			}
			return s;
		}

	}

	static void sleep(int millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static long pct(List<Long> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	static double ms(long nanos) {
		return nanos / 1e6;
	}

	/**
	 * {@code clients} threads, released together, each taking the next request number until {@code requests} are
	 * taken or {@code maxTime} has passed; {@code request} turns a number into a path.
	 */
	static Outcome clients(int port, int clients, int requests, Duration maxTime, IntFunction<String> request)
			throws InterruptedException {
		Outcome outcome = new Outcome();
		AtomicInteger next = new AtomicInteger();
		CountDownLatch ready = new CountDownLatch(clients);
		CountDownLatch start = new CountDownLatch(1);
		long deadline = System.nanoTime() + maxTime.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> futures = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			futures.add(pool.submit(() -> {
				try (Conn conn = new Conn(port)) {
					conn.connect();
					ready.countDown();
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						return;
					}
					for (int i = next.getAndIncrement(); i < requests && System.nanoTime() < deadline; i = next
						.getAndIncrement()) {
						outcome.add(conn.get(request.apply(i)));
					}
				}
			}));
		}
		ready.await(30, TimeUnit.SECONDS);
		start.countDown();
		pool.shutdown();
		if (!pool.awaitTermination(maxTime.toSeconds() + 70, TimeUnit.SECONDS)) {
			pool.shutdownNow();
		}
		return outcome;
	}

	/**
	 * A burst: {@code count} requests on as many connections opened beforehand, written one after the other by a
	 * single thread (a few milliseconds for all), each answer then read by a thread of its own.
	 */
	static Outcome burst(int port, int count, IntFunction<String> request, Duration maxTime) throws InterruptedException {
		Outcome outcome = new Outcome();
		List<Conn> conns = new ArrayList<>();
		List<byte[]> requests = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Conn conn = new Conn(port);
			conn.connect();
			conns.add(conn);
			requests.add(conn.request(request.apply(i)));
		}
		long[] started = new long[count];
		CountDownLatch fired = new CountDownLatch(1);
		ExecutorService readers = Executors.newFixedThreadPool(count);
		for (int i = 0; i < count; i++) {
			int index = i;
			readers.submit(() -> {
				try (Conn conn = conns.get(index)) {
					fired.await();
					outcome.add(conn.receive(started[index]));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		for (int i = 0; i < count; i++) {
			Conn conn = conns.get(i);
			started[i] = (conn.socket == null) ? -1 : conn.send(requests.get(i));
		}
		fired.countDown();
		readers.shutdown();
		if (!readers.awaitTermination(maxTime.toSeconds(), TimeUnit.SECONDS)) {
			conns.forEach(Conn::close);
			readers.shutdownNow();
		}
		return outcome;
	}

	// ------------------------------------------------------------------------------------------ results

	record Row(String id, String figure, String measured, String goal, String result) {
	}

	static final List<Row> ROWS = new ArrayList<>();

	static final List<String> DETAILS = new ArrayList<>();

	static void row(String id, String figure, String measured, String goal, Boolean pass) {
		ROWS.add(new Row(id, figure, measured, goal, (pass == null) ? "info" : pass ? "PASS" : "MISS"));
		log("RESULT " + id + ": " + measured + "  (goal " + goal + ") " + ((pass == null) ? "" : pass ? "PASS" : "MISS"));
	}

	static void detail(String text) {
		DETAILS.add(text);
		log("  " + text);
	}

	static final long T0 = System.nanoTime();

	static void log(String text) {
		System.out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - T0) / 1e9, text);
	}

	static String f1(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
	}

	static String f2(double v) {
		return String.format(Locale.ROOT, "%.2f", v);
	}

	static String n(long v) {
		return String.format(Locale.ROOT, "%,d", v);
	}

	// ------------------------------------------------------------------------------------------ the run

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("standin")) {
			standIn(Options.parse(Arrays.copyOfRange(args, 1, args.length)));
			return;
		}
		Options o = Options.parse(args);
		Files.createDirectories(o.repo.resolve("bench/target"));
		Files.createDirectories(o.out.getParent());
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			GATEWAYS.forEach(Gateway::close);
			StandInProcess standIn = STAND_IN.get();
			if (standIn != null) {
				standIn.close();
			}
		}));
		if (!Files.isRegularFile(o.jar)) {
			throw new IllegalStateException("no gateway jar at " + o.jar + "; run ./mvnw -q -B -Dmaven.test.skip=true package");
		}
		String machine = machine();
		String loadStart = loadAverage();
		Cpu runCpu = Cpu.now();
		log("machine: " + machine.replace("\n", "; "));
		Duration period = Duration.ofSeconds(o.periodSeconds);
		StandInProcess feishu = new StandInProcess(o);
		log("stand-in Feishu on 127.0.0.1:" + feishu.port + ": leave_balances " + o.limit + " calls per sliding "
				+ o.periodSeconds + " s, " + o.latencyMs + " ms a call");
		Api balances = feishu.api(BALANCES);
		double ceilingPerSecond = (double) PAGE * o.limit / o.periodSeconds;
		long runStart = System.nanoTime();
		int measuredSize;
		boolean oneThousand;
		try {
			measuredSize = o.baselineSize;
			oneThousand = true;
			if (!o.skipCold) {
				// ---- gateway A: cold-cache scenarios 1 to 3, all at the scaled-down quota
				log("starting gateway A (scenarios 1-3)");
				try (Gateway a = new Gateway(o, feishu.port, o.limit, o.periodSeconds, 2000, "a")) {
					long aStart = System.nanoTime();
					Cpu cpuA = cpu(a);
					log("gateway A up (pid " + a.pid() + ", port " + a.port + ") in "
							+ f1((aStart - runStart) / 1e9) + " s; warming up the JVM");
					warmUp(a, o);

					// 1a
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
							f2(median1b) + " (runs: " + String.join(", ", perCall.stream().map(LeaveGatewayBench::f1).toList()) + ")",
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
					long aEnd = System.nanoTime();
					int maxA = balances.maxInWindow(aStart, aEnd);
					detail("gateway A overall: " + n(balances.calls()) + " leave_balances calls, most in any " + o.periodSeconds
							+ " s window " + maxA + " (limit " + o.limit + "), 99991400 answered " + balances.rejected()
							+ ", stand-in bad requests " + balances.badRequests() + "; stand-in " + feishu.gcPauses());
					detail("gateway A's own count (feishu_calls_seconds_count): " + feishuCalls(a.port) + "; fastest "
							+ (o.limit + 1) + " consecutive calls within " + f1(balances.minSpan(o.limit + 1, aStart, aEnd) / 1e6)
							+ " ms; " + a.gcPauses() + "; " + cpu(a).since(cpuA));
					row("2", "Most calls in any sliding window over all of scenarios 1-3", maxA + " of limit " + o.limit,
							"<= " + o.limit, maxA <= o.limit);

					measuredSize = responseSize(a, from1b);
					detail("size of a cached single-employee answer: " + measuredSize + " bytes (baseline set to that)");
				}
			}

			// ---- gateway B: cache hits against a trivial endpoint, then heap per cached employee-day
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
				cacheHits(o, b);
				heap(o, b);
			}
		}
		finally {
			GATEWAYS.forEach(Gateway::close);
			feishu.close();
		}
		machine += "\nLoad average (1/5/15 min) at start: " + loadStart + ", at end: " + loadAverage()
				+ "\nOver the whole run, " + Cpu.now().since(runCpu);
		String report = report(o, machine, (System.nanoTime() - runStart) / 1e9);
		System.out.println();
		System.out.println(report);
		Files.writeString(o.out, report);
		log("written to " + o.repo.relativize(o.out));
		System.exit(0);
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
		long c = balances.calls() - calls;
		int employees = (big.status == 200) ? big.employees() : 0;
		String why = "";
		if (big.status != 200) {
			Thread.sleep(200);
			boolean tooLarge = Files.readString(g.log).contains("Request header is too large");
			why = tooLarge ? "Tomcat: \"Request header is too large\"" : big.body.replaceAll("<[^>]*>", " ");
			why = why.replaceAll("\\s+", " ").strip();
			why = " (" + why.substring(0, Math.min(160, why.length())) + "; the request line is "
					+ n(("GET " + path + " HTTP/1.1").length()) + " bytes)";
		}
		detail(id + ": one request for 1,000 cold ids" + note + ": HTTP " + big.status + why + ", " + employees
				+ " employees, " + c + " leave_balances calls, " + f1((System.nanoTime() - t) / 1e9) + " s");
		row(id, "Employees per upstream call, one 1,000-id cold request" + note,
				(big.status != 200) ? "HTTP " + big.status + why
						: (c == 0) ? "n/a" : f2((double) employees / c) + " (" + employees + " / " + c + " calls)",
				">= 19 of 20", c > 0 && (double) employees / c >= 19 && employees == 1000);
		return big.status == 200;
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
			if (res.status == 200) {
				sizes.add(res.body.getBytes(StandardCharsets.UTF_8).length);
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

	static void cacheHits(Options o, Gateway g) throws Exception {
		int from = fresh(o.hitEmployees);
		for (int i = 0; i < o.hitEmployees; i += WARM_IDS) {
			Res res = Http.get(g.port, many(from + i, Math.min(WARM_IDS, o.hitEmployees - i)));
			if (res.status != 200) {
				throw new IllegalStateException("warming the cache failed: " + res.status + " " + res.body);
			}
		}
		Res sample = Http.get(g.port, single(from));
		Res baseline = Http.get(g.port, "/api/v1/bench/baseline");
		int hitSize = sample.body.getBytes(StandardCharsets.UTF_8).length;
		int baseSize = baseline.body.getBytes(StandardCharsets.UTF_8).length;
		detail("4: " + n(o.hitEmployees) + " employees cached; a hit answers " + hitSize + " bytes (HTTP " + sample.status
				+ "), /api/v1/bench/baseline " + baseSize + " bytes (HTTP " + baseline.status + ")");
		if (baseline.status != 200) {
			row("4", "Cache-hit throughput vs trivial JSON endpoint", "/api/v1/bench/baseline answered " + baseline.status,
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
		for (int r = 0; r < WRK_ROUNDS; r++) {
			for (int k = 0; k < 2; k++) {
				boolean baselineTurn = (k == 0) == (r % 2 == 0);
				Cpu before = cpu(g);
				Wrk w = wrk(o, g, baselineTurn ? baseScript : hitScript, each);
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
		row("4", "Latency p50 / p99, cache hit vs baseline (median of the rounds)",
				f2(hits.p50 / 1000.0) + " / " + f2(hits.p99 / 1000.0) + " ms vs " + f2(base.p50 / 1000.0) + " / "
						+ f2(base.p99 / 1000.0) + " ms",
				"-", null);
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

	static void heap(Options o, Gateway g) throws Exception {
		long before = liveHeap(g);
		double sizeBefore = cacheSize(g);
		int from = fresh(o.heapEmployees);
		Outcome warm = clients(g.port, 16, (o.heapEmployees + WARM_IDS - 1) / WARM_IDS, Duration.ofSeconds(120),
				(i) -> many(from + i * WARM_IDS, Math.min(WARM_IDS, o.heapEmployees - i * WARM_IDS)));
		long after = liveHeap(g);
		double sizeAfter = cacheSize(g);
		long cached = Math.round(sizeAfter - sizeBefore);
		detail("5: warmed " + warm.statuses() + "; cache.size " + Math.round(sizeBefore) + " -> " + Math.round(sizeAfter)
				+ "; live heap after full GC " + n(before) + " -> " + n(after) + " bytes (jcmd GC.class_histogram)");
		if (warm.employees.get() != o.heapEmployees || cached <= 0) {
			row("5", "Heap per cached employee-day", "warming failed: " + warm.statuses(), "-", false);
			return;
		}
		double perEmployee = (double) (after - before) / cached;
		row("5", "Heap per cached employee-day (" + LEAVE_TYPE_COUNT + " leave types, 2 languages)",
				n(Math.round(perEmployee)) + " bytes (" + n(cached) + " entries, +" + f1((after - before) / 1048576.0)
						+ " MiB)",
				"- (measured)", null);
	}

	static final int LEAVE_TYPE_COUNT = StandIn.LEAVE_TYPES.length;

	static double cacheSize(Gateway g) throws Exception {
		Res res = Http.get(g.port, "/actuator/metrics/cache.size?tag=cache:balances");
		Matcher m = Pattern.compile("\"value\"\\s*:\\s*([0-9.eE+-]+)").matcher(res.body);
		return m.find() ? Double.parseDouble(m.group(1)) : -1;
	}

	/** Bytes of live objects after a full GC, as jcmd GC.class_histogram counts them (it forces the GC). */
	static long liveHeap(Gateway g) throws Exception {
		run(List.of("jcmd", String.valueOf(g.pid()), "GC.run"), 60);
		String histogram = run(List.of("jcmd", String.valueOf(g.pid()), "GC.class_histogram"), 120);
		Matcher m = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)").matcher(histogram);
		if (!m.find()) {
			throw new IllegalStateException("jcmd GC.class_histogram output not understood");
		}
		return Long.parseLong(m.group(2));
	}

	static String run(List<String> command, int seconds) throws Exception {
		List<String> bounded = new ArrayList<>(List.of("timeout", seconds + "s"));
		bounded.addAll(command);
		Process p = new ProcessBuilder(bounded).redirectErrorStream(true).start();
		byte[] out;
		try (InputStream in = p.getInputStream()) {
			out = in.readAllBytes();
		}
		if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
			p.destroyForcibly();
		}
		return new String(out, StandardCharsets.UTF_8);
	}

	static String feishuCalls(int port) {
		try {
			Res res = Http.get(port, "/actuator/prometheus", "text/plain");
			StringBuilder s = new StringBuilder();
			for (String line : res.body.split("\n")) {
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

	/** CPU ticks from /proc: the machine's busy and total, and this benchmark's processes' (with reaped children). */
	record Cpu(long busy, long total, long ours) {

		static Cpu now(long... pids) {
			try {
				String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
				long total = 0;
				for (int i = 1; i <= 8 && i < f.length; i++) {
					total += Long.parseLong(f[i]);
				}
				long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
				long ours = ticks(ProcessHandle.current().pid());
				for (long pid : pids) {
					ours += ticks(pid);
				}
				return new Cpu(total - idle, total, ours);
			}
			catch (IOException | RuntimeException ex) {
				return new Cpu(0, 0, 0);
			}
		}

		private static long ticks(long pid) {
			try {
				String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
				String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
				return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
			}
			catch (IOException | RuntimeException ex) {
				return 0;
			}
		}

		/** Shares of the machine's CPU (all cores) used by this benchmark and by everything else since {@code start}. */
		String since(Cpu start) {
			long total = this.total - start.total;
			if (total <= 0) {
				return "CPU n/a";
			}
			long ours = this.ours - start.ours;
			long others = Math.max(0, (this.busy - start.busy) - ours);
			return String.format(Locale.ROOT, "CPU: benchmark %.0f%%, other processes %.0f%% of the machine", 100.0 * ours / total,
					100.0 * others / total);
		}

	}

	static Cpu cpu(Gateway g) {
		StandInProcess standIn = STAND_IN.get();
		return Cpu.now((standIn != null) ? standIn.process.pid() : 0, (g != null) ? g.pid() : 0);
	}

	static String loadAverage() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return f[0] + " / " + f[1] + " / " + f[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static String machine() throws Exception {
		String cpu = "?";
		for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
			if (line.startsWith("model name")) {
				cpu = line.substring(line.indexOf(':') + 1).strip();
				break;
			}
		}
		String mem = "?";
		for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
			if (line.startsWith("MemTotal")) {
				long kb = Long.parseLong(line.replaceAll("\\D", ""));
				mem = f1(kb / 1048576.0) + " GiB";
			}
		}
		String os = "?";
		if (Files.exists(Path.of("/etc/os-release"))) {
			for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
				if (line.startsWith("PRETTY_NAME=")) {
					os = line.substring(12).replace("\"", "");
				}
			}
		}
		String java = run(List.of("java", "-version"), 30).lines().skip(1).findFirst().orElse("?").strip();
		String wrk = run(List.of("wrk", "--version"), 30).lines().findFirst().orElse("?").replaceAll("Copyright.*", "")
			.strip();
		return "CPU: " + Runtime.getRuntime().availableProcessors() + " x " + cpu + "\nMemory: " + mem + "\nOS: " + os
				+ ", kernel " + System.getProperty("os.version") + "\nJava (gateway and driver): " + java + "\nwrk: " + wrk;
	}

	static String report(Options o, String machine, double seconds) {
		ROWS.sort(java.util.Comparator.comparing(Row::id));
		StringBuilder r = new StringBuilder();
		r.append("# Leave gateway benchmark: ")
			.append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append("\n\n");
		r.append("Command: `").append(o.command).append("` (").append(f1(seconds)).append(" s)\n\n");
		r.append("Stand-in Feishu: leave_balances quota ").append(o.limit).append(" calls per sliding ")
			.append(o.periodSeconds).append(" s (Feishu: 100 per 60 s; this is ")
			.append(f1((o.limit / (double) o.periodSeconds) / (100 / 60.0))).append("x that rate), ").append(o.latencyMs).append(" ms a call, 20 employees a page; gateway quota set to the same; ")
			.append("cold ceiling ").append(n(Math.round(PAGE * o.limit * 60.0 / o.periodSeconds)))
			.append(" employees a minute (= 2,000 at Feishu's quota). Gateway: -Xmx1g, one instance")
			.append(o.gatewayArgs.isEmpty() ? "" : ", extra arguments " + String.join(" ", o.gatewayArgs))
			.append(o.skipCold ? "; scenarios 1-3 skipped (--skip-cold)" : "").append(".\n\n");
		r.append("| # | Figure | Measured | Goal | Result |\n|---|---|---|---|---|\n");
		for (Row row : ROWS) {
			r.append("| ").append(row.id).append(" | ").append(row.figure).append(" | ").append(row.measured)
				.append(" | ").append(row.goal).append(" | ").append(row.result).append(" |\n");
		}
		r.append("\n## Details\n\n");
		for (String d : DETAILS) {
			r.append("- ").append(d).append('\n');
		}
		r.append("\n## Machine\n\n");
		for (String line : machine.split("\n")) {
			r.append("- ").append(line).append('\n');
		}
		return r.toString();
	}

}
