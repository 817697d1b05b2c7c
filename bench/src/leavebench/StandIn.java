package leavebench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static leavebench.LeaveGatewayBench.BALANCES;
import static leavebench.LeaveGatewayBench.EXPIRE;
import static leavebench.Options.PAGE;
import static leavebench.LeaveGatewayBench.TOKEN;
import static leavebench.LeaveGatewayBench.TOKEN_API;

/**
 * A stand-in Feishu on the JDK's HTTP server: tenant tokens, leave_balances over a synthetic directory (paging
 * honest: 20 a page, has_more and an opaque page_token; employment_id_list filters), expire records, a sliding
 * window quota per API that answers 429 + 99991400 + x-ogw-ratelimit-* headers, and a set latency per call.
 */
final class StandIn {

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

	/** Figures of each employee's own (the fraction is the employee's number), instead of 90 sets a leave type. */
	volatile boolean uniqueFigures;

	/** Employees in a listing without ids: e000001 onwards. */
	final int listingSize;

	final AtomicLong employeesReturned = new AtomicLong();

	/** Per accepted leave_balances call: its arrival and how many ids it named. */
	final List<long[]> idsPerCall = java.util.Collections.synchronizedList(new ArrayList<>());

	final AtomicLong badRequests = new AtomicLong();

	/** While on, every Feishu call is answered 503 with a plain-text body, as a load balancer in front of a down Feishu. */
	volatile boolean outage;

	/** Calls answered 503 by the outage; not in the arrival log, which counts the calls Feishu's quota saw. */
	final AtomicLong outageCalls = new AtomicLong();

	StandIn(int latencyMs, int limit, Duration period, int expireLimit, int listingSize) throws IOException {
		this.latencyMs = latencyMs;
		this.listingSize = listingSize;
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
			if (this.outage) {
				this.outageCalls.incrementAndGet();
				sleep(this.latencyMs);
				byte[] down = "503 Service Unavailable".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/plain");
				exchange.sendResponseHeaders(503, down.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(down);
				}
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
		if (path.equals("/_bench/outage")) {
			this.outage = Boolean.parseBoolean(first(q, "on"));
			reply(exchange, 200, "outage=" + this.outage + " outageCalls=" + this.outageCalls.get(), null);
			return;
		}
		ApiQuota quota = quota(first(q, "api"));
		String answer;
		switch (path) {
			case "/_bench/stats" -> answer = "calls=" + quota.calls() + " rejected=" + quota.rejectedCalls.get()
					+ " employees=" + this.employeesReturned.get() + " bad=" + this.badRequests.get() + " outageCalls="
					+ this.outageCalls.get();
			case "/_bench/window" -> {
				long from = Long.parseLong(first(q, "from"));
				long to = Long.parseLong(first(q, "to"));
				String windowMs = first(q, "windowMs");
				long window = (windowMs == null) ? quota.periodNanos : Long.parseLong(windowMs) * 1_000_000L;
				answer = "max=" + quota.maxInWindow(from, to, window) + " minspan="
						+ quota.minSpan(Integer.parseInt(first(q, "k")), from, to) + " count=" + quota.count(from, to);
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
		int total = ids.isEmpty() ? this.listingSize : ids.size();
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
			employee(json, n, asOfDate, offboard, this.uniqueFigures);
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
	static void employee(StringBuilder json, int n, String asOfDate, boolean offboard, boolean unique) {
		String digits = String.format(Locale.ROOT, "%06d", n);
		json.append("{\"employment_id\":\"e").append(digits)
			.append("\",\"employment_name\":[{\"lang\":\"zh-CN\",\"value\":\"员工").append(digits)
			.append("\"},{\"lang\":\"en-US\",\"value\":\"Employee ").append(digits)
			.append("\"}],\"as_of_date\":\"").append(asOfDate).append("\",\"leave_balance_list\":[");
		for (int t = 0; t < LEAVE_TYPES.length; t++) {
			String[] type = LEAVE_TYPES[t];
			int v = (n * 7 + t * 13) % 90;
			// Unique: each figure's fraction is its own number (employee, leave type, field).
			String[] f = new String[6];
			for (int k = 0; k < f.length; k++) {
				f[k] = unique ? String.format(Locale.ROOT, ".%08d", (n * 10 + t) * 10 + k) : (k % 2 == 0) ? ".5" : ".0";
			}
			if (t > 0) {
				json.append(',');
			}
			json.append("{\"leave_type_id\":\"").append(type[0])
				.append("\",\"leave_type_name\":[{\"lang\":\"zh-CN\",\"value\":\"").append(type[1])
				.append("\"},{\"lang\":\"en-US\",\"value\":\"").append(type[2]).append("\"}]")
				.append(",\"historical_cycles_left\":\"").append(v % 10).append(f[0]).append('"')
				.append(",\"this_cycle_total\":\"").append(10 + v % 9).append(f[1]).append('"')
				.append(",\"this_cycle_taken\":\"").append(v % 9).append(f[2]).append('"')
				.append(",\"leave_balance\":\"").append(10 + v % 10).append(f[4]).append('"')
				.append(",\"leave_duration_unit\":").append(type[3])
				.append(",\"balance_in_current_cycle\":\"").append(10 + v % 8).append(f[3]).append('"')
				.append(",\"taken_history_cycle\":\"").append(v % 7).append(f[5]).append('"');
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

	/** The stand-in's own process (see {@link StandInProcess}): serves until stopped, at most the run's bound. */
	static void serve(Options o) throws Exception {
		StandIn standIn = new StandIn(o.latencyMs, o.limit, Duration.ofSeconds(o.periodSeconds), o.expireLimit,
				o.listingSize);
		standIn.uniqueFigures = o.uniqueFigures;
		System.out.println("PORT " + standIn.port());
		System.out.flush();
		// Bounded: the driver stops it; should the driver die, it stops itself after the run's bound.
		Thread.sleep(TimeUnit.SECONDS.toMillis(o.boundSeconds() + 300));
		standIn.stop();
		System.exit(0);
	}

	private static void sleep(int millis) {
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

}
