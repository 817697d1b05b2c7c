package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import static com.leavegateway.quota.QuotaEngineTests.API;
import static com.leavegateway.quota.QuotaEngineTests.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine with a window that answers later, as the shared store does: callers who
 * leave, arrive or time out while the window is being asked.
 */
class AsyncWindowTests {

	private final ManualQuotaTime time = new ManualQuotaTime();

	private DeferredWindow window;

	private final QuotaEngine engine = QuotaEngine.builder((quota, time) -> {
		this.window = new DeferredWindow(new LocalSendWindow(quota, time));
		return this.window;
	})
		.quota(new QuotaSpec(API, 2, Duration.ofSeconds(60), 0, 0.2, 10))
		.time(this.time)
		.completions(Runnable::run)
		.build();

	@Test
	void oneQuestionAtATimeAndEachAnswerStartsTheNext() {
		CompletableFuture<Permit> first = acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));
		CompletableFuture<Permit> second = acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));
		assertThat(this.window.open()).isEqualTo(1);

		this.window.answer();
		assertThat(first).isCompleted();
		assertThat(second).isNotDone();
		this.window.answer();
		assertThat(second).isCompleted();
		assertThat(this.window.open()).isZero();
	}

	@Test
	void aSendGrantedForACallerWhoLeftGoesToTheNextInLine() {
		CompletableFuture<Permit> gone = acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));
		CompletableFuture<Permit> next = acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));

		gone.cancel(false);
		this.window.answer();

		assertThat(next).isCompleted();
		assertThat(this.engine.waiting(API)).isZero();
	}

	@Test
	void aSendGrantedForACallerWhoLeftWithNobodyElseWaitingGoesBack() {
		CompletableFuture<Permit> gone = acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));

		gone.cancel(false);
		this.window.answer();
		this.window.answerAll();

		assertThat(this.engine.inFlight(API)).isZero();
		// Both sends of the window are still to be had.
		CompletableFuture<Permit> one = acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));
		CompletableFuture<Permit> two = acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));
		this.window.answerAll();
		assertThat(one).isCompleted();
		assertThat(two).isCompleted();
	}

	@Test
	void aSendGrantedWhileAHigherClassArrivedGoesToThatClass() {
		CompletableFuture<Permit> bulk = acquire(Priority.BULK, Duration.ofMinutes(5));
		CompletableFuture<Permit> person = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));

		this.window.answer();

		assertThat(person).isCompleted();
		// Asked for next: limit 2, so bulk may fill the window to 1, which it holds.
		this.window.answer();
		assertThat(bulk).isNotDone();
	}

	@Test
	void aCallerWithoutBudgetGetsThePermitTheWindowGrantsAfterItsDeadline() {
		CompletableFuture<Permit> now = acquire(Priority.BACKGROUND, Duration.ZERO);
		this.time.advance(Duration.ofMillis(2));

		this.window.answer();

		assertThat(now).isCompleted();
	}

	@Test
	void aCallerWhoseDeadlinePassedWhileTheWindowWasAskedFailsOnItsNo() {
		acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));
		acquire(Priority.INTERACTIVE, Duration.ofMinutes(1));
		this.window.answerAll();
		CompletableFuture<Permit> hurried = acquire(Priority.INTERACTIVE, Duration.ofSeconds(1));
		this.time.advance(Duration.ofSeconds(2));
		assertThat(hurried).isNotDone();

		this.window.answerAll();

		assertThat(failure(hurried)).isInstanceOf(QuotaExhaustedException.class);
		assertThat(this.engine.waiting(API)).isZero();
	}

	@Test
	void anInteractiveCallerArrivingWhileBulkIsDeniedIsAskedForAtOnce() {
		CompletableFuture<Permit> bulk = acquire(Priority.BULK, Duration.ofMinutes(5));
		this.window.answer();
		assertThat(bulk).isCompleted();
		// limit 2: bulk may fill the window to 1.
		CompletableFuture<Permit> moreBulk = acquire(Priority.BULK, Duration.ofMinutes(5));
		CompletableFuture<Permit> person = acquire(Priority.INTERACTIVE, Duration.ofMinutes(5));

		this.window.answer();
		assertThat(moreBulk).isNotDone();
		this.window.answer();

		assertThat(person).isCompleted();
		assertThat(moreBulk).isNotDone();
	}

	private CompletableFuture<Permit> acquire(Priority priority, Duration budget) {
		return this.engine.acquire(API, this.engine.urgency(priority, budget));
	}

	/**
	 * A window whose answers the test releases one by one; the decision itself is taken
	 * when the question is asked, as a store's script would.
	 */
	static final class DeferredWindow implements SendWindow {

		private final SendWindow window;

		private final List<Runnable> answers = new ArrayList<>();

		DeferredWindow(SendWindow window) {
			this.window = window;
		}

		int open() {
			return this.answers.size();
		}

		void answer() {
			this.answers.remove(0).run();
		}

		void answerAll() {
			while (!this.answers.isEmpty()) {
				answer();
			}
		}

		private <T> CompletionStage<T> later(CompletionStage<T> decided) {
			CompletableFuture<T> answer = new CompletableFuture<>();
			this.answers.add(() -> decided.whenComplete((value, failure) -> {
				if (failure != null) {
					answer.completeExceptionally(failure);
				}
				else {
					answer.complete(value);
				}
			}));
			return answer;
		}

		@Override
		public CompletionStage<WindowDecision> tryTake(int threshold) {
			return later(this.window.tryTake(threshold));
		}

		@Override
		public CompletionStage<Void> giveBack(SendRecord send) {
			return later(this.window.giveBack(send));
		}

		@Override
		public CompletionStage<WindowState> state() {
			return later(this.window.state());
		}

		@Override
		public CompletionStage<Void> pause(Duration duration) {
			return later(this.window.pause(duration));
		}

	}

}
