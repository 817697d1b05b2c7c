package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random schedules of arrivals (every class, every budget), time moves, completed,
 * given-back and cancelled permits and pauses against the engine with its in-memory
 * window. After every step: no window ever held more than the limit, no permit was
 * granted above its class's threshold, no more calls were in flight than allowed, nobody
 * waits past their deadline, and nobody waits while the first caller in line could be
 * served (the engine is exact, not merely safe). At the end every caller has an answer
 * and nothing is held.
 */
class QuotaEnginePropertyTests {

	private static final Duration PERIOD = Duration.ofSeconds(1);

	@Property(tries = 400)
	void theWindowIsExactAndNothingLeaks(@ForAll @IntRange(min = 1, max = 12) int limit,
			@ForAll @IntRange(min = 1, max = 5) int maxConcurrentCalls,
			@ForAll @DoubleRange(min = 0, max = 0.45) double reserve,
			@ForAll @DoubleRange(min = 0, max = 0.5) double margin, @ForAll("schedules") List<Step> steps) {
		new Run(new QuotaSpec(QuotaEngineTests.API, limit, PERIOD, margin, reserve, maxConcurrentCalls)).play(steps);
	}

	/**
	 * For interactive callers, with nobody giving up a permit or a place and no pause,
	 * {@link QuotaEngine#admit} is exact: it admits a caller exactly when that caller's
	 * acquire, made at once after, is granted.
	 */
	@Property(tries = 300)
	void theBudgetForecastIsExactForInteractiveCallers(@ForAll @IntRange(min = 1, max = 12) int limit,
			@ForAll @DoubleRange(min = 0, max = 0.45) double reserve,
			@ForAll @DoubleRange(min = 0, max = 0.5) double margin, @ForAll("arrivals") List<Step> steps) {
		ManualQuotaTime time = new ManualQuotaTime();
		QuotaEngine engine = QuotaEngine.builder(SendWindows.local())
			.quota(new QuotaSpec(QuotaEngineTests.API, limit, PERIOD, margin, reserve, 1000))
			.time(time)
			.completions(Runnable::run)
			.build();
		List<CompletableFuture<Permit>> interactive = new ArrayList<>();
		List<Boolean> admitted = new ArrayList<>();
		for (Step step : steps) {
			if (step instanceof Acquire acquire) {
				Urgency urgency = engine.urgency(acquire.priority(), acquire.budget());
				if (acquire.priority() == Priority.INTERACTIVE) {
					admitted.add(!engine.admit(QuotaEngineTests.API, urgency, 1).isCompletedExceptionally());
					interactive.add(engine.acquire(QuotaEngineTests.API, urgency));
				}
				else {
					engine.acquire(QuotaEngineTests.API, urgency);
				}
			}
			else if (step instanceof Advance advance) {
				time.advance(advance.duration());
			}
		}
		time.advance(Duration.ofHours(1));
		for (int i = 0; i < interactive.size(); i++) {
			assertThat(!interactive.get(i).isCompletedExceptionally()).as("interactive caller %d granted", i)
				.isEqualTo(admitted.get(i));
		}
	}

	@Provide
	Arbitrary<List<Step>> arrivals() {
		return Arbitraries.frequencyOf(Tuple.of(3, acquires()), Tuple.of(1, advances())).list().ofMaxSize(100);
	}

	@Provide
	Arbitrary<List<Step>> schedules() {
		Arbitrary<Step> acquire = acquires();
		Arbitrary<Step> advance = advances();
		Arbitrary<Step> untilRoom = Arbitraries.just(new UntilRoom());
		Arbitrary<Step> complete = Arbitraries.integers().between(0, 50).map(Complete::new);
		Arbitrary<Step> giveBack = Arbitraries.integers().between(0, 50).map(GiveBack::new);
		Arbitrary<Step> cancel = Arbitraries.integers().between(0, 50).map(Cancel::new);
		Arbitrary<Step> pause = Arbitraries.integers()
			.between(1, 1500)
			.map((millis) -> (Step) new Pause(Duration.ofMillis(millis)));
		return Arbitraries
			.frequencyOf(Tuple.of(10, acquire), Tuple.of(6, advance), Tuple.of(3, untilRoom), Tuple.of(4, complete),
					Tuple.of(1, giveBack), Tuple.of(1, cancel), Tuple.of(1, pause))
			.list()
			.ofMaxSize(150);
	}

	/** Arrivals of every class, with budgets of up to two and a half periods. */
	private static Arbitrary<Step> acquires() {
		return Arbitraries.of(Priority.values())
			.flatMap((priority) -> Arbitraries.integers()
				.between(0, 2500)
				.map((budget) -> (Step) new Acquire(priority, Duration.ofMillis(budget))));
	}

	private static Arbitrary<Step> advances() {
		return Arbitraries.integers().between(0, 1600).map((millis) -> (Step) new Advance(Duration.ofMillis(millis)));
	}

	sealed interface Step permits Acquire, Advance, UntilRoom, Complete, GiveBack, Cancel, Pause {

	}

	record Acquire(Priority priority, Duration budget) implements Step {
	}

	record Advance(Duration duration) implements Step {
	}

	/**
	 * Moves time to the very moment the test's own record says the first caller in line
	 * could be served, so that a permit granted even a nanosecond late is noticed.
	 */
	record UntilRoom() implements Step {
	}

	record Complete(int index) implements Step {
	}

	record GiveBack(int index) implements Step {
	}

	record Cancel(int index) implements Step {
	}

	record Pause(Duration duration) implements Step {
	}

	/** One schedule played against a fresh engine, with the test's own record of it. */
	private static final class Run {

		private final ManualQuotaTime time = new ManualQuotaTime();

		private final QuotaSpec quota;

		private final QuotaEngine engine;

		private final long windowNanos;

		/**
		 * Send times of granted permits not given back: from the grant, then from no
		 * earlier than the spacing margin before the answer.
		 */
		private final List<Long> sends = new ArrayList<>();

		/** Each permit's current send time in {@link #sends}. */
		private final Map<Permit, Long> sendOf = new IdentityHashMap<>();

		/**
		 * Sends of calls that outlasted the window, counted again at their answer: more
		 * careful than the window needs, so left out of its exactness check.
		 */
		private final List<Long> countedAgain = new ArrayList<>();

		private final List<Caller> callers = new ArrayList<>();

		private final List<Permit> inFlight = new ArrayList<>();

		private long pausedUntil;

		Run(QuotaSpec quota) {
			this.quota = quota;
			this.windowNanos = quota.window().toNanos();
			this.engine = QuotaEngine.builder(SendWindows.local())
				.quota(quota)
				.time(this.time)
				.completions(Runnable::run)
				.build();
			this.pausedUntil = this.time.nanoTime();
		}

		void play(List<Step> steps) {
			for (Step step : steps) {
				apply(step);
				check(step);
			}
			this.time.advance(Duration.ofHours(1));
			assertThat(this.callers).as("every caller has an answer").allMatch((caller) -> caller.future.isDone());
			List.copyOf(this.inFlight).forEach(Permit::complete);
			this.time.advance(Duration.ofHours(1));
			assertThat(this.engine.waiting(this.quota.name())).isZero();
			assertThat(this.engine.inFlight(this.quota.name())).isZero();
			assertThat(this.time.pending()).as("timer tasks left").isZero();
		}

		private void apply(Step step) {
			if (step instanceof Acquire acquire) {
				Caller caller = new Caller(acquire.priority(), this.callers.size(),
						this.engine.urgency(acquire.priority(), acquire.budget()));
				this.callers.add(caller);
				caller.future = this.engine.acquire(this.quota.name(), caller.urgency);
				caller.future.thenAccept((permit) -> granted(caller, permit));
			}
			else if (step instanceof Advance advance) {
				this.time.advance(advance.duration());
			}
			else if (step instanceof UntilRoom) {
				this.time.advance(Duration.ofNanos(untilRoom()));
			}
			else if (step instanceof Complete complete && !this.inFlight.isEmpty()) {
				Permit permit = this.inFlight.remove(complete.index() % this.inFlight.size());
				// Its send counts from no earlier than the margin before its answer.
				long from = this.time.nanoTime() - (this.windowNanos - this.quota.period().toNanos());
				long sent = this.sendOf.get(permit);
				if (sent - from < 0) {
					this.sends.remove(Long.valueOf(sent));
					if (sent + this.windowNanos - this.time.nanoTime() <= 0) {
						this.countedAgain.add(from);
					}
					this.sends.add(from);
				}
				this.sendOf.remove(permit);
				permit.complete();
			}
			else if (step instanceof GiveBack giveBack && !this.inFlight.isEmpty()) {
				Permit permit = this.inFlight.remove(giveBack.index() % this.inFlight.size());
				this.sends.remove(this.sendOf.remove(permit));
				permit.giveBack();
			}
			else if (step instanceof Cancel cancel) {
				List<Caller> waiting = waiting();
				if (!waiting.isEmpty()) {
					waiting.get(cancel.index() % waiting.size()).future.cancel(false);
				}
			}
			else if (step instanceof Pause pause) {
				long until = this.time.nanoTime() + pause.duration().toNanos();
				if (until - this.pausedUntil > 0) {
					this.pausedUntil = until;
				}
				this.engine.pause(this.quota.name(), pause.duration());
			}
		}

		private void granted(Caller caller, Permit permit) {
			long now = this.time.nanoTime();
			assertThat(now - this.pausedUntil).as("granted during a pause").isGreaterThanOrEqualTo(0);
			this.sends.add(now);
			this.sendOf.put(permit, now);
			assertThat(inWindow(now)).as("sends in the window after a %s grant", caller.priority)
				.isLessThanOrEqualTo(this.quota.threshold(caller.priority));
			this.inFlight.add(permit);
		}

		private void check(Step step) {
			long now = this.time.nanoTime();
			List<Long> sorted = new ArrayList<>(this.sends);
			this.countedAgain.forEach(sorted::remove);
			sorted.sort(Comparator.comparingLong((sent) -> sent - now));
			for (int i = 0; i + this.quota.limit() < sorted.size(); i++) {
				assertThat(sorted.get(i + this.quota.limit()) - sorted.get(i)).as("window after %s", step)
					.isGreaterThanOrEqualTo(this.windowNanos);
			}
			assertThat(this.engine.inFlight(this.quota.name())).isLessThanOrEqualTo(this.quota.maxConcurrentCalls())
				.isEqualTo(this.inFlight.size());
			List<Caller> waiting = waiting();
			assertThat(this.engine.waiting(this.quota.name())).isEqualTo(waiting.size());
			for (Caller caller : waiting) {
				assertThat(caller.urgency.deadlineNanos() - now).as("%s waits past its deadline", caller).isPositive();
			}
			if (!waiting.isEmpty() && this.inFlight.size() < this.quota.maxConcurrentCalls()
					&& now - this.pausedUntil >= 0) {
				Caller first = first(waiting);
				assertThat(inWindow(now)).as("%s waits although the window has room (after %s)", first, step)
					.isGreaterThanOrEqualTo(this.quota.threshold(first.priority));
			}
		}

		/**
		 * Nanoseconds until the first caller in line fits the window and no pause runs.
		 */
		private long untilRoom() {
			Caller first = first(waiting());
			if (first == null) {
				return 0;
			}
			long now = this.time.nanoTime();
			List<Long> counted = new ArrayList<>();
			for (long sent : this.sends) {
				if (sent + this.windowNanos - now > 0) {
					counted.add(sent - now);
				}
			}
			counted.sort(null);
			int threshold = this.quota.threshold(first.priority);
			long wait = 0;
			if (counted.size() >= threshold) {
				wait = counted.get(counted.size() - threshold) + this.windowNanos;
			}
			return Math.max(wait, Math.max(0, this.pausedUntil - now));
		}

		private static Caller first(List<Caller> waiting) {
			return waiting.stream()
				.min(Comparator.comparing((Caller caller) -> caller.priority)
					.thenComparingInt((caller) -> caller.arrival))
				.orElse(null);
		}

		private int inWindow(long now) {
			int count = 0;
			for (long sent : this.sends) {
				if (sent + this.windowNanos - now > 0) {
					count++;
				}
			}
			return count;
		}

		private List<Caller> waiting() {
			return this.callers.stream().filter((caller) -> !caller.future.isDone()).toList();
		}

	}

	private static final class Caller {

		final Priority priority;

		final int arrival;

		final Urgency urgency;

		CompletableFuture<Permit> future = new CompletableFuture<>();

		Caller(Priority priority, int arrival, Urgency urgency) {
			this.priority = priority;
			this.arrival = arrival;
			this.urgency = urgency;
		}

		@Override
		public String toString() {
			return this.priority + " caller #" + this.arrival;
		}

	}

}
