package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Hands out permits for the calls of one or more upstream quotas, so that no window of
 * any quota ever holds more than its limit of sends, while a call goes at once whenever
 * the window has room (bursts included).
 * <p>
 * Callers say how urgent they are with an {@link Urgency} (a class and a deadline) and
 * get a {@link CompletableFuture} of a {@link Permit}; nothing blocks. Waiting callers
 * are served by class, then by arrival, each class up to its threshold
 * ({@link QuotaSpec#threshold(Priority)}), and only while the quota's calls in flight
 * stay below {@link QuotaSpec#maxConcurrentCalls()}. A caller whose deadline passes, or
 * who could not be served before it, fails with {@link QuotaExhaustedException}; one that
 * cancels its future leaves the queue. A request that knows it will need several calls
 * asks {@link #admit} first and is refused before any call is made when they cannot all
 * be had in time.
 * <p>
 * Metrics (Micrometer), per quota and class: {@code gateway.quota.window.permits}
 * (permits this engine granted whose send is still in the window),
 * {@code gateway.quota.waiting}, {@code gateway.quota.oldest.wait}, the timer
 * {@code gateway.quota.wait} (with a histogram, also by outcome: granted, exhausted,
 * unavailable, cancelled), and per quota {@code gateway.quota.in.flight}.
 */
public final class QuotaEngine implements AutoCloseable {

	private final Map<String, QuotaLine> lines;

	private final QuotaTime time;

	private final @Nullable SystemQuotaTime ownedTime;

	private QuotaEngine(Builder builder) {
		if (builder.quotas.isEmpty()) {
			throw new IllegalArgumentException("No quota to schedule");
		}
		QuotaTime time = builder.time;
		if (time == null) {
			SystemQuotaTime system = new SystemQuotaTime();
			this.ownedTime = system;
			time = system;
		}
		else {
			this.ownedTime = null;
		}
		this.time = time;
		Map<String, QuotaLine> lines = new LinkedHashMap<>();
		for (int i = 0; i < builder.quotas.size(); i++) {
			QuotaSpec quota = builder.quotas.get(i);
			if (lines.containsKey(quota.name())) {
				throw new IllegalArgumentException("Quota " + quota.name() + " given twice");
			}
			lines.put(quota.name(), new QuotaLine(quota, builder.windows, time, builder.completions,
					builder.gates.get(i), builder.meters));
		}
		this.lines = Map.copyOf(lines);
	}

	/** An engine whose quotas' windows {@code windows} makes. */
	public static Builder builder(SendWindows windows) {
		return new Builder(windows);
	}

	/**
	 * The urgency of a request arriving now with a wait budget of {@code budget} (for
	 * Feishu calls, {@code feishu.quotas.max-wait}): pass it with every permit the
	 * request asks for. {@link Duration#ZERO} asks for permits that can be had at once or
	 * not at all (spare quota for background work).
	 */
	public Urgency urgency(Priority priority, Duration budget) {
		if (budget.isNegative()) {
			throw new IllegalArgumentException("negative budget");
		}
		long now = this.time.nanoTime();
		return new Urgency(priority, now, now + budget.toNanos());
	}

	/**
	 * One permit of {@code quota}: completes as soon as the window has room for the
	 * caller's class, no caller served before it waits, no pause runs and a place in
	 * flight is free (at once when all hold). Fails with {@link QuotaExhaustedException}
	 * when the deadline passes first (or cannot be met), and with the window's failure
	 * when the window cannot decide (the shared store is unreachable), in which case no
	 * permit is granted. Cancelling the future gives up the caller's place; a permit
	 * granted meanwhile is given back.
	 */
	public CompletableFuture<Permit> acquire(String quota, Urgency urgency) {
		return line(quota).acquire(urgency);
	}

	/**
	 * Whether {@code permits} permits of the caller's class could all be granted by its
	 * deadline, given what the window holds, the callers waiting ahead of it and a pause
	 * (calls in flight aside). Completes normally if so; fails with
	 * {@link QuotaExhaustedException} (with the time after which asking again could
	 * succeed) if not, so that a request is refused before it spends any quota on an
	 * answer it could not finish. Reserves nothing: the caller then acquires its permits
	 * one by one with the same urgency.
	 */
	public CompletableFuture<Void> admit(String quota, Urgency urgency, int permits) {
		if (permits < 1) {
			throw new IllegalArgumentException("permits must be at least 1: " + permits);
		}
		return line(quota).admit(urgency, permits);
	}

	/**
	 * The upstream asked for no call of {@code quota} for {@code duration} (Feishu's
	 * 99991400 with {@code x-ogw-ratelimit-reset}): no permit is granted before it ends,
	 * callers whose deadline comes first are refused, and budgets count it. A shared
	 * window shares the pause with every replica. The stage completes when the window has
	 * recorded it; this engine honours the pause at once regardless.
	 */
	public CompletableFuture<Void> pause(String quota, Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("negative pause");
		}
		return line(quota).pause(duration);
	}

	/**
	 * What is left of a caller's budget now: zero once its deadline has passed. A caller
	 * uses it to decide whether waiting out a pause still fits its budget.
	 */
	public Duration remaining(Urgency urgency) {
		return Duration.ofNanos(Math.max(0, urgency.deadlineNanos() - this.time.nanoTime()));
	}

	/** The quota of that name. */
	public QuotaSpec quota(String name) {
		return line(name).quota();
	}

	/** Every quota this engine schedules. */
	public Collection<QuotaSpec> quotas() {
		List<QuotaSpec> quotas = new ArrayList<>();
		this.lines.values().forEach((line) -> quotas.add(line.quota()));
		return quotas;
	}

	/** Callers of {@code quota} waiting now. */
	int waiting(String quota) {
		return line(quota).waitingCount();
	}

	/** Permits of {@code quota} granted and not yet completed or given back. */
	int inFlight(String quota) {
		return line(quota).inFlight();
	}

	private QuotaLine line(String quota) {
		QuotaLine line = this.lines.get(quota);
		if (line == null) {
			throw new IllegalArgumentException("Unknown quota " + quota);
		}
		return line;
	}

	/** Stops the timer the engine made for itself, if it made one. */
	@Override
	public void close() {
		if (this.ownedTime != null) {
			this.ownedTime.close();
		}
	}

	/** Sets up a {@link QuotaEngine}. */
	public static final class Builder {

		private final SendWindows windows;

		private final List<QuotaSpec> quotas = new ArrayList<>();

		private final List<@Nullable FirstGate> gates = new ArrayList<>();

		private @Nullable QuotaTime time;

		private Executor completions = ForkJoinPool.commonPool();

		private MeterRegistry meters = new SimpleMeterRegistry();

		private Builder(SendWindows windows) {
			this.windows = Objects.requireNonNull(windows, "windows");
		}

		/** Schedules {@code quota}. */
		public Builder quota(QuotaSpec quota) {
			this.quotas.add(quota);
			this.gates.add(null);
			return this;
		}

		/**
		 * Schedules {@code quota}, each granted send also passing {@code firstGate} (e.g.
		 * {@link RateLimiterGate#register}).
		 */
		public Builder quota(QuotaSpec quota, FirstGate firstGate) {
			this.quotas.add(quota);
			this.gates.add(firstGate);
			return this;
		}

		/**
		 * The time source; by default a {@link SystemQuotaTime} of the engine's own,
		 * stopped by {@link QuotaEngine#close()}.
		 */
		public Builder time(QuotaTime time) {
			this.time = time;
			return this;
		}

		/**
		 * Where callers' futures are completed, and so where their continuations run
		 * (never on the window's I/O thread or the timer). By default the common
		 * fork-join pool: continuations must not block there.
		 */
		public Builder completions(Executor completions) {
			this.completions = completions;
			return this;
		}

		/** Where the metrics go; by default nowhere anyone reads. */
		public Builder meters(MeterRegistry meters) {
			this.meters = meters;
			return this;
		}

		public QuotaEngine build() {
			return new QuotaEngine(this);
		}

	}

}
