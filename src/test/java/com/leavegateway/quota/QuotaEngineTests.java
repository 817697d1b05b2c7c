package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine with its in-memory window and a clock moved by hand: windows, classes, calls
 * in flight, deadlines, budgets and pauses, without a single real wait. Futures are
 * completed on the calling thread, so every outcome is visible as soon as the call (or
 * the clock's move) that causes it returns.
 */
class QuotaEngineTests {

	static final String API = "test-api";

	private static final Duration MINUTE = Duration.ofSeconds(60);

	private final ManualQuotaTime time = new ManualQuotaTime();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private QuotaEngine engine = engine(10, MINUTE, 0, 0.2, 100);

	@Test
	void aBurstUpToTheLimitGoesAtOnceAndTheNextCallWhenTheFirstSendLeavesTheWindow() {
		List<CompletableFuture<Permit>> burst = acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5));
		assertThat(burst).allMatch(CompletableFuture::isDone);

		CompletableFuture<Permit> eleventh = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));
		assertGrantedAfter(eleventh, MINUTE);
	}

	@Test
	void aSendCountsFromWhenItsCallGoesOutNotFromItsGrant() {
		List<CompletableFuture<Permit>> burst = acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5));
		CompletableFuture<Permit> eleventh = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));
		this.time.advance(Duration.ofSeconds(20));

		// The calls were held up after their grant and go out only now: the upstream
		// counts them from here, and so does the window.
		burst.forEach((permit) -> permit.join().sending());

		assertGrantedAfter(eleventh, MINUTE);
	}

	@Test
	void aCallAnsweredLaterThanTheMarginCountsUntilAPeriodAfterItsAnswer() {
		// Margin 0.5: a window of 90 s.
		this.engine = engine(10, MINUTE, 0.5, 0.2, 100);
		List<CompletableFuture<Permit>> burst = acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5));
		CompletableFuture<Permit> eleventh = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));
		this.time.advance(Duration.ofSeconds(40));

		// Answered 40 s after they went: the upstream may have counted them as late as
		// that, so the next call waits a period from here, not the 90 s from the send.
		completeAll(burst);

		assertGrantedAfter(eleventh, MINUTE);
	}

	@Test
	void aCallAnsweredWithinTheMarginCountsFromItsSendAsBefore() {
		this.engine = engine(10, MINUTE, 0.5, 0.2, 100);
		List<CompletableFuture<Permit>> burst = acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5));
		CompletableFuture<Permit> eleventh = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));
		this.time.advance(Duration.ofSeconds(20));

		completeAll(burst);

		assertGrantedAfter(eleventh, Duration.ofSeconds(70));
	}

	@Test
	void theSpacingMarginLengthensTheWindow() {
		this.engine = engine(10, MINUTE, 0.5, 0.2, 100);
		acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5));
		CompletableFuture<Permit> eleventh = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));

		assertGrantedAfter(eleventh, Duration.ofSeconds(90));
	}

	@Test
	void theWindowSlidesOneSendAtATime() {
		for (int i = 0; i < 10; i++) {
			acquire(Priority.INTERACTIVE, Duration.ZERO).join();
			this.time.advance(Duration.ofSeconds(1));
		}
		// Sends at 0..9 s; now 10 s. The 11th and 12th go as the sends of 0 s and 1 s
		// leave.
		CompletableFuture<Permit> eleventh = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));
		CompletableFuture<Permit> twelfth = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));
		this.time.advance(Duration.ofSeconds(50));
		assertThat(eleventh).isCompleted();
		assertThat(twelfth).isNotDone();
		this.time.advance(Duration.ofSeconds(1));
		assertThat(twelfth).isCompleted();
	}

	@Test
	void waitingCallersAreServedByClassThenByArrival() {
		this.engine = engine(100, MINUTE, 0, 0.2, 1);
		Permit busy = acquire(Priority.INTERACTIVE, Duration.ZERO).join();
		List<Priority> arrivals = List.of(Priority.BACKGROUND, Priority.BULK, Priority.INTERACTIVE, Priority.BULK,
				Priority.INTERACTIVE);
		List<Integer> served = new ArrayList<>();
		List<Permit> granted = new ArrayList<>();
		for (int i = 0; i < arrivals.size(); i++) {
			int arrival = i;
			acquire(arrivals.get(i), Duration.ofMinutes(5)).thenAccept((permit) -> {
				served.add(arrival);
				granted.add(permit);
			});
		}

		// One call in flight at a time: each completion lets the next caller in.
		busy.complete();
		for (int i = 0; i < arrivals.size() - 1; i++) {
			granted.get(i).complete();
		}

		assertThat(served).containsExactly(2, 4, 1, 3, 0);
	}

	@Test
	void bulkLeavesTheInteractiveReserveAndStillFinishes() {
		// limit 10, reserve 0.2: bulk fills a window to 8.
		List<CompletableFuture<Permit>> bulk = acquire(Priority.BULK, 10, Duration.ofMinutes(5));
		assertThat(bulk.stream().filter(CompletableFuture::isDone)).hasSize(8);

		List<CompletableFuture<Permit>> interactive = acquire(Priority.INTERACTIVE, 3, Duration.ofMinutes(5));
		assertThat(interactive.subList(0, 2)).allMatch(CompletableFuture::isDone);
		assertThat(interactive.get(2)).isNotDone();

		this.time.advance(MINUTE);
		// The interactive caller first, then both bulk callers: 3 of the 8 bulk may take.
		assertThat(interactive.get(2)).isCompleted();
		assertThat(bulk).allMatch(CompletableFuture::isDone);
	}

	@Test
	void backgroundTakesOnlySpareQuota() {
		// limit 10, reserve 0.2: background only while the window stays below 6.
		List<CompletableFuture<Permit>> background = acquire(Priority.BACKGROUND, 6, Duration.ofMinutes(5));
		assertThat(background.stream().filter(CompletableFuture::isDone)).hasSize(5);

		// With room for others but none spare, a background call that cannot wait is
		// refused at once and leaves nothing behind.
		CompletableFuture<Permit> now = acquire(Priority.BACKGROUND, Duration.ZERO);
		assertThat(now).isCompletedExceptionally();
		assertThat(failure(now)).isInstanceOf(QuotaExhaustedException.class);
		assertThat(this.engine.waiting(API)).isEqualTo(1);
		assertThat(acquire(Priority.BULK, Duration.ZERO)).isCompleted();
	}

	@Test
	void noMoreCallsInFlightThanAllowedAndAPlaceFreesWhenACallIsOverOrGivenBack() {
		this.engine = engine(100, MINUTE, 0, 0.2, 3);
		List<CompletableFuture<Permit>> permits = acquire(Priority.INTERACTIVE, 5, Duration.ofMinutes(5));
		assertThat(permits.stream().filter(CompletableFuture::isDone)).hasSize(3);

		permits.get(0).join().complete();
		assertThat(permits.get(3)).isCompleted();
		assertThat(permits.get(4)).isNotDone();

		permits.get(1).join().giveBack();
		assertThat(permits.get(4)).isCompleted();
		assertThat(this.engine.inFlight(API)).isEqualTo(3);
		// Only the first of complete / give back counts.
		assertThat(permits.get(1).join().complete()).isFalse();
		assertThat(this.engine.inFlight(API)).isEqualTo(3);
	}

	@Test
	void aGivenBackPermitLeavesTheWindowAgain() {
		List<CompletableFuture<Permit>> burst = acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5));
		CompletableFuture<Permit> eleventh = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));
		assertThat(eleventh).isNotDone();

		burst.get(3).join().giveBack();

		assertThat(eleventh).isCompleted();
		assertThat(acquire(Priority.INTERACTIVE, Duration.ZERO)).isCompletedExceptionally();
	}

	@Test
	void aCallerWhoseDeadlinePassesWhileWaitingFailsAndLeavesTheQueue() {
		List<CompletableFuture<Permit>> full = acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5));
		CompletableFuture<Permit> patient = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));
		CompletableFuture<Permit> hurried = acquire(Priority.INTERACTIVE, Duration.ofSeconds(5));

		this.time.advance(Duration.ofSeconds(5).minusNanos(1));
		assertThat(hurried).isNotDone();
		this.time.advance(Duration.ofNanos(1));

		assertThat(failure(hurried)).isInstanceOfSatisfying(QuotaExhaustedException.class, (ex) -> {
			assertThat(ex.quota()).isEqualTo(API);
			// Behind the patient caller it could have had a permit at 60 s: asking again
			// with the same 5 s budget makes sense from 50 s on, 45 s from now.
			assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(50));
		});
		assertThat(this.engine.waiting(API)).isEqualTo(1);
		this.time.advance(MINUTE);
		assertThat(patient).isCompleted();
		completeAll(full);
		patient.join().complete();
		assertNothingHeld();
	}

	@Test
	void aFirstCallerWhoCannotBeServedBeforeItsDeadlineIsRefusedAtOnce() {
		completeAll(acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5)));
		this.time.advance(Duration.ofSeconds(1));

		CompletableFuture<Permit> permit = acquire(Priority.INTERACTIVE, Duration.ofSeconds(10));

		// The window has room again at 60 s, 59 s from now: asking again with the same
		// 10 s budget could succeed from 50 s on.
		assertThat(failure(permit)).isInstanceOfSatisfying(QuotaExhaustedException.class,
				(ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(49)));
		assertNothingHeld();
	}

	@Test
	void aCancelledAcquireLeavesTheQueueAndHoldsNothing() {
		completeAll(acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5)));
		CompletableFuture<Permit> gone = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));
		CompletableFuture<Permit> next = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));

		gone.cancel(false);

		assertThat(this.engine.waiting(API)).isEqualTo(1);
		this.time.advance(MINUTE);
		assertThat(next).isCompleted();
		assertThat(gone).isCancelled();
		// The cancelled caller's place cost no send: nine remain in this window.
		List<CompletableFuture<Permit>> nine = acquire(Priority.INTERACTIVE, 9, Duration.ZERO);
		assertThat(nine).allMatch((permit) -> permit.isDone() && !permit.isCompletedExceptionally());
		completeAll(nine);
		next.join().complete();
		assertNothingHeld();
	}

	@Test
	void aPermitGrantedToACallerWhoLeftBeforeItWasHandedOverIsGivenBack() {
		List<Runnable> handOvers = new ArrayList<>();
		this.engine = QuotaEngine.builder(SendWindows.local())
			.quota(new QuotaSpec(API, 1, MINUTE, 0, 0.2, 10))
			.time(this.time)
			.completions(handOvers::add)
			.build();
		CompletableFuture<Permit> permit = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));

		permit.cancel(false);
		runAndClear(handOvers);

		assertThat(this.engine.inFlight(API)).isZero();
		CompletableFuture<Permit> again = acquire(Priority.INTERACTIVE, Duration.ZERO);
		runAndClear(handOvers);
		assertThat(again).isCompleted();
	}

	@Test
	void aMicroBatchAsksAtItsMostUrgentMembersClassAndDeadline() {
		Urgency export = this.engine.urgency(Priority.BULK, Duration.ofMinutes(5));
		this.time.advance(Duration.ofSeconds(1));
		Urgency person = this.engine.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10));
		Urgency refresh = this.engine.urgency(Priority.BACKGROUND, Duration.ofSeconds(20));

		Urgency batch = Urgency.mostUrgent(List.of(export, refresh, person));

		assertThat(batch.priority()).isEqualTo(Priority.INTERACTIVE);
		assertThat(batch.deadlineNanos()).isEqualTo(person.deadlineNanos());
		assertThat(batch.budget()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aRequestThatCannotHaveAllItsPermitsInTimeIsRefusedUpFront() {
		acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5));
		this.time.advance(Duration.ofSeconds(1));
		Urgency urgency = this.engine.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10));

		CompletableFuture<Void> admitted = this.engine.admit(API, urgency, 1);

		assertThat(failure(admitted)).isInstanceOfSatisfying(QuotaExhaustedException.class, (ex) -> {
			assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(49));
			assertThat(ex.beyondBudget()).isFalse();
		});
		assertThat(this.engine.waiting(API)).isZero();

		// Asking again after Retry-After succeeds.
		this.time.advance(Duration.ofSeconds(49));
		assertThat(this.engine.admit(API, this.engine.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10)), 1))
			.isCompleted();
	}

	@Test
	void theBudgetCountsTheCallersAheadAndTheClassThreshold() {
		List<CompletableFuture<Permit>> full = acquire(Priority.INTERACTIVE, 10, Duration.ofMinutes(5));
		acquire(Priority.INTERACTIVE, 5, Duration.ofMinutes(5));
		Urgency urgency = this.engine.urgency(Priority.INTERACTIVE, Duration.ofSeconds(70));

		// At 60 s the window empties: five callers ahead, then five of ours.
		assertThat(this.engine.admit(API, urgency, 5)).isCompleted();
		// The sixth would wait for the next window.
		assertThat(failure(this.engine.admit(API, urgency, 6))).isInstanceOfSatisfying(QuotaExhaustedException.class,
				(ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(50)));
		// Bulk may fill a window to 8 only: three of its own after the five ahead.
		Urgency bulk = this.engine.urgency(Priority.BULK, Duration.ofSeconds(70));
		assertThat(this.engine.admit(API, bulk, 3)).isCompleted();
		assertThat(this.engine.admit(API, bulk, 4)).isCompletedExceptionally();
		full.forEach((permit) -> permit.join().complete());
	}

	@Test
	void aRequestLargerThanItsBudgetCanEverCoverIsToldSo() {
		Urgency urgency = this.engine.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10));

		assertThat(this.engine.admit(API, urgency, 10)).isCompleted();
		assertThat(failure(this.engine.admit(API, urgency, 11))).isInstanceOfSatisfying(QuotaExhaustedException.class,
				(ex) -> assertThat(ex.beyondBudget()).isTrue());
	}

	@Test
	void aPauseHoldsEveryPermitUntilItEndsAndCountsIntoBudgets() {
		this.engine.pause(API, Duration.ofSeconds(30)).join();

		CompletableFuture<Permit> hurried = acquire(Priority.INTERACTIVE, Duration.ofSeconds(10));
		CompletableFuture<Permit> patient = acquire(Priority.INTERACTIVE, Duration.ofSeconds(40));
		assertThat(failure(hurried)).isInstanceOfSatisfying(QuotaExhaustedException.class,
				(ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(20)));
		assertThat(failure(this.engine.admit(API, this.engine.urgency(Priority.BULK, Duration.ofSeconds(29)), 1)))
			.isInstanceOf(QuotaExhaustedException.class);
		// Bulk may fill the window to 8 from 30 s on, one send of which is the waiting
		// caller's.
		assertThat(this.engine.admit(API, this.engine.urgency(Priority.BULK, Duration.ofSeconds(30)), 7)).isCompleted();
		assertThat(this.engine.admit(API, this.engine.urgency(Priority.BULK, Duration.ofSeconds(30)), 8))
			.isCompletedExceptionally();

		assertGrantedAfter(patient, Duration.ofSeconds(30));
	}

	@Test
	void aShorterPauseNeverShortensALongerOne() {
		this.engine.pause(API, Duration.ofSeconds(30));
		this.engine.pause(API, Duration.ofSeconds(1));
		CompletableFuture<Permit> permit = acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));

		assertGrantedAfter(permit, Duration.ofSeconds(30));
	}

	@Test
	void aRetryAttemptAsksWithTheSameUrgencyAndKeepsItsDeadline() {
		acquire(Priority.INTERACTIVE, 9, Duration.ofMinutes(5));
		Urgency request = this.engine.urgency(Priority.INTERACTIVE, Duration.ofSeconds(10));
		this.engine.acquire(API, request).join().complete();
		this.time.advance(Duration.ofSeconds(4));

		CompletableFuture<Permit> retry = this.engine.acquire(API, request);

		// The window is full until 60 s, after the request's deadline (10 s).
		assertThat(failure(retry)).isInstanceOf(QuotaExhaustedException.class);
	}

	@Test
	void aListingAsksOnePermitPerPageAndGetsThemAsTheWindowAllows() {
		this.engine = engine(3, MINUTE, 0, 0.2, 8);
		Urgency listing = this.engine.urgency(Priority.BULK, Duration.ofMinutes(5));
		List<Duration> pageSends = new ArrayList<>();
		long start = this.time.nanoTime();

		CompletableFuture<Void> pages = CompletableFuture.completedFuture(null);
		for (int page = 0; page < 4; page++) {
			pages = pages.thenCompose((previous) -> this.engine.acquire(API, listing)).thenAccept((permit) -> {
				pageSends.add(Duration.ofNanos(this.time.nanoTime() - start));
				permit.complete();
			});
		}
		this.time.advance(Duration.ofMinutes(3));

		// Bulk fills a window of 3 to floor(3 x 0.8) = 2.
		assertThat(pages).isCompleted();
		assertThat(pageSends).containsExactly(Duration.ZERO, Duration.ZERO, MINUTE, MINUTE);
	}

	@Test
	void aWindowThatCannotDecideGrantsNothingAndFailsEveryWaitingCaller() {
		StoreDown down = new StoreDown();
		this.engine = QuotaEngine.builder((quota, time) -> down)
			.quota(new QuotaSpec(API, 10, MINUTE, 0, 0.2, 1))
			.time(this.time)
			.completions(Runnable::run)
			.build();

		CompletableFuture<Permit> permit = acquire(Priority.INTERACTIVE, Duration.ofSeconds(10));

		assertThat(failure(permit)).isSameAs(down.failure);
		assertThat(failure(this.engine.admit(API, this.engine.urgency(Priority.INTERACTIVE, MINUTE), 1)))
			.isSameAs(down.failure);
		assertNothingHeld();
	}

	@Test
	void theFirstGateHasTheLastWordAndAPermitItRefusesGoesBack() {
		List<Boolean> answers = new ArrayList<>(List.of(false, true));
		this.engine = QuotaEngine.builder(SendWindows.local())
			.quota(new QuotaSpec(API, 1, MINUTE, 0, 0.2, 10), new FirstGate() {

				@Override
				public boolean tryPass() {
					return answers.remove(0);
				}

				@Override
				public Duration retryIn() {
					return Duration.ofSeconds(2);
				}

			})
			.time(this.time)
			.completions(Runnable::run)
			.build();

		CompletableFuture<Permit> permit = acquire(Priority.INTERACTIVE, MINUTE);
		assertThat(permit).isNotDone();
		this.time.advance(Duration.ofSeconds(2));

		// The refused send went back: the window of one had room for this one.
		assertThat(permit).isCompleted();
	}

	@Test
	void everyClassHasItsGaugesAndWaitHistogramBeforeItsFirstCall() {
		for (String priority : List.of("interactive", "bulk", "background")) {
			assertThat(gauge("gateway.quota.window.permits", priority)).isZero();
			assertThat(gauge("gateway.quota.waiting", priority)).isZero();
			assertThat(gauge("gateway.quota.oldest.wait", priority)).isZero();
			assertThat(this.meters.get("gateway.quota.wait").tag("priority", priority).timer().count()).isZero();
		}
	}

	@Test
	void metricsShowTheWindowTheQueueAndTheWaits() {
		acquire(Priority.BULK, 3, Duration.ofMinutes(5));
		acquire(Priority.INTERACTIVE, 7, Duration.ofMinutes(5));
		acquire(Priority.INTERACTIVE, 2, Duration.ofMinutes(5));
		this.time.advance(Duration.ofSeconds(7));

		assertThat(gauge("gateway.quota.window.permits", "bulk")).isEqualTo(3);
		assertThat(gauge("gateway.quota.window.permits", "interactive")).isEqualTo(7);
		assertThat(gauge("gateway.quota.waiting", "interactive")).isEqualTo(2);
		assertThat(gauge("gateway.quota.oldest.wait", "interactive")).isEqualTo(7);
		assertThat(this.meters.get("gateway.quota.in.flight").gauge().value()).isEqualTo(10);

		this.time.advance(MINUTE);
		assertThat(gauge("gateway.quota.window.permits", "bulk")).isZero();
		assertThat(gauge("gateway.quota.waiting", "interactive")).isZero();
		assertThat(this.meters.get("gateway.quota.wait")
			.tag("priority", "interactive")
			.tag("outcome", "granted")
			.timer()
			.count()).isEqualTo(9);
	}

	private QuotaEngine engine(int limit, Duration period, double margin, double reserve, int maxConcurrentCalls) {
		return QuotaEngine.builder(SendWindows.local())
			.quota(new QuotaSpec(API, limit, period, margin, reserve, maxConcurrentCalls))
			.time(this.time)
			.completions(Runnable::run)
			.meters(this.meters)
			.build();
	}

	private CompletableFuture<Permit> acquire(Priority priority, Duration budget) {
		return this.engine.acquire(API, this.engine.urgency(priority, budget));
	}

	private List<CompletableFuture<Permit>> acquire(Priority priority, int count, Duration budget) {
		List<CompletableFuture<Permit>> permits = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			permits.add(acquire(priority, budget));
		}
		return permits;
	}

	/** Not a nanosecond earlier: moves time on by {@code wait} and checks. */
	private void assertGrantedAfter(CompletableFuture<Permit> permit, Duration wait) {
		this.time.advance(wait.minusNanos(1));
		assertThat(permit).isNotDone();
		this.time.advance(Duration.ofNanos(1));
		assertThat(permit).isCompleted();
	}

	private static void completeAll(List<CompletableFuture<Permit>> permits) {
		permits.forEach((permit) -> permit.join().complete());
	}

	private static void runAndClear(List<Runnable> tasks) {
		List<Runnable> due = new ArrayList<>(tasks);
		tasks.clear();
		due.forEach(Runnable::run);
	}

	private double gauge(String name, String priority) {
		return this.meters.get(name).tag("priority", priority).gauge().value();
	}

	/** Nobody waits, no permit is in flight, and no deadline is left on the timer. */
	private void assertNothingHeld() {
		assertThat(this.engine.waiting(API)).isZero();
		assertThat(this.engine.inFlight(API)).isZero();
		this.time.advance(Duration.ofMinutes(10));
		assertThat(this.time.pending()).isZero();
	}

	static Throwable failure(CompletableFuture<?> future) {
		assertThat(future).isCompletedExceptionally();
		try {
			future.join();
			throw new AssertionError("not failed");
		}
		catch (CompletionException ex) {
			return ex.getCause();
		}
	}

	/** A window whose store cannot be reached. */
	private static final class StoreDown implements SendWindow {

		final RuntimeException failure = new IllegalStateException("store down");

		@Override
		public CompletableFuture<WindowDecision> tryTake(int threshold) {
			return CompletableFuture.failedFuture(this.failure);
		}

		@Override
		public CompletableFuture<Void> giveBack(SendRecord send) {
			return CompletableFuture.failedFuture(this.failure);
		}

		@Override
		public CompletableFuture<WindowState> state() {
			return CompletableFuture.failedFuture(this.failure);
		}

		@Override
		public CompletableFuture<Void> pause(Duration duration) {
			return CompletableFuture.failedFuture(this.failure);
		}

	}

}
