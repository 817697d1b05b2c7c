package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One quota's scheduler: its waiting callers by class and arrival, its calls in flight,
 * and the window that decides every send.
 * <p>
 * Only the first waiting caller is ever asked about: thresholds fall from class to class,
 * so when the first caller's send does not fit, no later caller's does. One window
 * question is open at a time; its answer starts the next. A denied class remembers until
 * when its window is full ({@code roomAt}), so that the engine asks again only then (on
 * its timer), and refuses at once a first caller whose deadline comes before that. Fixed
 * pauses work the same way. Everything that completes a caller's future runs after the
 * lock is released, on the completions executor, so that a caller's continuation never
 * runs under the lock or on the window's or the timer's thread.
 */
final class QuotaLine {

	private static final Logger logger = LoggerFactory.getLogger(QuotaLine.class);

	private static final Priority[] PRIORITIES = Priority.values();

	private final QuotaSpec quota;

	private final SendWindow window;

	private final QuotaTime time;

	private final Executor completions;

	private final @Nullable FirstGate gate;

	private final long windowNanos;

	private final int[] thresholds = new int[PRIORITIES.length];

	private final MeterRegistry meters;

	/** Waiting callers per class, in arrival order. */
	private final List<LinkedHashSet<Waiter>> waiting = new ArrayList<>();

	/** Permits granted per class, oldest first, while their send is in the window. */
	private final List<ArrayDeque<Permit>> granted = new ArrayList<>();

	/** Per class: until when the window is known to be full for it. */
	private final long[] roomAt = new long[PRIORITIES.length];

	private long pausedUntil;

	/** Until when the first gate said no. */
	private long gateClosedUntil;

	private int inFlight;

	/** Whether a window question is open; {@link #asking} is the caller it is for. */
	private boolean taking;

	private @Nullable Waiter asking;

	private QuotaTime.@Nullable Scheduled wakeup;

	private long wakeupAt;

	QuotaLine(QuotaSpec quota, SendWindows windows, QuotaTime time, Executor completions, @Nullable FirstGate gate,
			MeterRegistry meters) {
		this.quota = quota;
		this.time = time;
		this.completions = completions;
		this.gate = gate;
		this.meters = meters;
		this.window = windows.window(quota, time);
		this.windowNanos = quota.window().toNanos();
		long now = time.nanoTime();
		this.pausedUntil = now;
		this.gateClosedUntil = now;
		for (Priority priority : PRIORITIES) {
			this.thresholds[priority.ordinal()] = quota.threshold(priority);
			this.waiting.add(new LinkedHashSet<>());
			this.granted.add(new ArrayDeque<>());
			this.roomAt[priority.ordinal()] = now;
			registerGauges(priority);
		}
		Gauge.builder("gateway.quota.in.flight", this, QuotaLine::inFlight)
			.description("Permits granted whose call is not over yet")
			.tag("quota", quota.name())
			.register(meters);
	}

	String name() {
		return this.quota.name();
	}

	QuotaSpec quota() {
		return this.quota;
	}

	CompletableFuture<Permit> acquire(Urgency urgency) {
		Waiter waiter;
		synchronized (this) {
			long now = this.time.nanoTime();
			waiter = new Waiter(urgency, now);
			this.waiting.get(urgency.priority().ordinal()).add(waiter);
			waiter.queued = true;
			long left = urgency.deadlineNanos() - now;
			if (left > 0) {
				waiter.deadline = this.time.schedule(() -> {
					// A permit due at this very instant still counts as in time.
					drain();
					expire(waiter);
				}, left);
			}
		}
		// Cancelled, timed out or completed by anyone but the engine: leave the queue.
		waiter.future.whenComplete((permit, failure) -> abandoned(waiter));
		drain();
		if (urgency.deadlineNanos() - this.time.nanoTime() <= 0) {
			// No time to wait (a deadline already reached): a permit now or none.
			expire(waiter);
		}
		return waiter.future;
	}

	CompletableFuture<Void> admit(Urgency urgency, int permits) {
		CompletableFuture<Void> admitted = new CompletableFuture<>();
		ask(this.window::state).whenComplete((state, failure) -> {
			if (failure != null) {
				complete(() -> admitted.completeExceptionally(unwrap(failure)));
				return;
			}
			boolean inTime;
			long late;
			synchronized (this) {
				long now = this.time.nanoTime();
				long ready = forecast(state, now, urgency.priority(), permits);
				inTime = urgency.deadlineNanos() - ready >= 0;
				// The forecast is max(start + k windows, C) for a request starting at
				// `start`, C independent of the start: asking again succeeds from
				// C - budget on, unless k windows alone exceed the budget.
				late = ready - now - budgetNanos(urgency);
			}
			long windows = (permits - 1) / this.thresholds[urgency.priority().ordinal()];
			boolean beyondBudget = windows * (double) this.windowNanos > budgetNanos(urgency);
			complete(() -> {
				if (inTime) {
					admitted.complete(null);
				}
				else {
					admitted.completeExceptionally(QuotaExhaustedException.late(name(), late, beyondBudget));
				}
			});
		});
		return admitted;
	}

	CompletableFuture<Void> pause(Duration duration) {
		synchronized (this) {
			this.pausedUntil = later(this.pausedUntil, this.time.nanoTime() + duration.toNanos());
		}
		CompletableFuture<Void> paused = ask(() -> this.window.pause(duration));
		// Callers first in line whose deadline comes before the pause's end hear it now.
		drain();
		return paused;
	}

	/** A permit's call is over ({@code sent}) or was never made. */
	void released(Permit permit, boolean sent) {
		synchronized (this) {
			this.inFlight--;
			if (!sent) {
				this.granted.get(permit.priority().ordinal()).remove(permit);
			}
		}
		if (sent) {
			drain();
		}
		else {
			forget(permit.send());
		}
	}

	/**
	 * Grants what can be granted: asks the window about the first waiting caller while
	 * nothing blocks it, and arranges to be called again when something might change.
	 */
	private void drain() {
		while (true) {
			List<Runnable> effects = new ArrayList<>();
			Waiter head = null;
			int threshold = 0;
			synchronized (this) {
				if (!this.taking) {
					long now = this.time.nanoTime();
					head = refuseHopeless(now, effects);
					if (head != null) {
						long blockedUntil = blockedUntil(head.urgency.priority(), now);
						if (blockedUntil - now > 0) {
							wakeAt(blockedUntil, now);
							head = null;
						}
						else if (this.inFlight >= this.quota.maxConcurrentCalls()) {
							// A completing permit drains again.
							head = null;
						}
						else {
							this.inFlight++;
							this.taking = true;
							this.asking = head;
							head.asking = true;
							threshold = this.thresholds[head.urgency.priority().ordinal()];
						}
					}
				}
			}
			run(effects);
			if (head == null) {
				return;
			}
			int asked = threshold;
			CompletableFuture<WindowDecision> take = ask(() -> this.window.tryTake(asked));
			if (!take.isDone()) {
				take.whenComplete((decision, failure) -> {
					decided(decision, failure);
					drain();
				});
				return;
			}
			// An in-memory window answers at once: loop instead of recursing.
			try {
				decided(take.join(), null);
			}
			catch (CompletionException | CancellationException ex) {
				decided(null, ex);
			}
		}
	}

	/**
	 * The first waiting caller that can still be served in time; those ahead of it whose
	 * deadline comes before the window (or a pause, or the gate) lets them through are
	 * refused on the way.
	 */
	private @Nullable Waiter refuseHopeless(long now, List<Runnable> effects) {
		while (true) {
			Waiter head = first();
			if (head == null) {
				return null;
			}
			long blockedUntil = blockedUntil(head.urgency.priority(), now);
			if (blockedUntil - now <= 0 || head.urgency.deadlineNanos() - blockedUntil >= 0) {
				// Nothing blocks it (a permit now is good even just past a deadline of
				// now), or it can wait long enough.
				return head;
			}
			remove(head);
			long late = blockedUntil - now - budgetNanos(head.urgency);
			effects.add(() -> fail(head, QuotaExhaustedException.late(name(), late), "exhausted"));
		}
	}

	private void decided(@Nullable WindowDecision decision, @Nullable Throwable failure) {
		List<Runnable> effects = new ArrayList<>();
		synchronized (this) {
			Waiter subject = Objects.requireNonNull(this.asking, "no open window question");
			this.taking = false;
			this.asking = null;
			subject.asking = false;
			long now = this.time.nanoTime();
			if (failure != null || decision == null) {
				// The window could not decide: nothing is granted, and every caller
				// waiting for this window hears it now rather than each in turn.
				this.inFlight--;
				Throwable cause = (failure != null) ? unwrap(failure)
						: new IllegalStateException("Window of " + name() + " answered nothing");
				logger.warn("Window of quota {} failed; {} waiting callers refused: {}", name(), waitingCount(),
						cause.toString());
				for (LinkedHashSet<Waiter> waiters : this.waiting) {
					for (Waiter waiter : List.copyOf(waiters)) {
						remove(waiter);
						effects.add(() -> fail(waiter, cause, "unavailable"));
					}
				}
			}
			else if (decision instanceof WindowDecision.Granted grant) {
				granted(grant, now, effects);
			}
			else if (decision instanceof WindowDecision.Denied denied) {
				this.inFlight--;
				long until = now + denied.retryIn().toNanos();
				for (int c = subject.urgency.priority().ordinal(); c < PRIORITIES.length; c++) {
					this.roomAt[c] = later(this.roomAt[c], until);
				}
				if (denied.paused()) {
					this.pausedUntil = later(this.pausedUntil, until);
				}
			}
			if (subject.queued && subject.urgency.deadlineNanos() - now <= 0) {
				// Its deadline passed while the window was asked.
				effects.add(() -> expire(subject));
			}
		}
		run(effects);
	}

	/**
	 * A send was recorded: it goes to the first caller in line now, which is the one it
	 * was asked for unless that one left or a caller of a higher class arrived meanwhile
	 * (whose threshold the send fits all the more); when nobody it fits is waiting, back
	 * to the window.
	 */
	private void granted(WindowDecision.Granted grant, long now, List<Runnable> effects) {
		Waiter target = first();
		if (target != null && grant.used() > this.thresholds[target.urgency.priority().ordinal()]) {
			target = null;
		}
		if (target == null) {
			this.inFlight--;
			effects.add(() -> forget(grant.send()));
			return;
		}
		if (this.gate != null && !this.gate.tryPass()) {
			this.inFlight--;
			this.gateClosedUntil = now + this.gate.retryIn().toNanos();
			effects.add(() -> forget(grant.send()));
			return;
		}
		remove(target);
		Permit permit = new Permit(this, target.urgency.priority(), grant.send(), now,
				Duration.ofNanos(now - target.enqueuedAt));
		this.granted.get(target.urgency.priority().ordinal()).add(permit);
		Waiter winner = target;
		effects.add(() -> deliver(winner, permit));
	}

	private void deliver(Waiter waiter, Permit permit) {
		complete(() -> {
			if (waiter.future.complete(permit)) {
				record(waiter, "granted");
			}
			else {
				// Cancelled between grant and hand-over: nothing was sent.
				permit.giveBack();
			}
		});
	}

	private void fail(Waiter waiter, Throwable failure, String outcome) {
		complete(() -> {
			if (waiter.future.completeExceptionally(failure)) {
				record(waiter, outcome);
			}
		});
	}

	/**
	 * A waiting caller's deadline passed: it leaves the queue and hears when to retry.
	 */
	private void expire(Waiter waiter) {
		synchronized (this) {
			if (!waiter.queued || waiter.asking) {
				// Granted or gone already; or the window is being asked for it, and its
				// answer decides.
				return;
			}
			remove(waiter);
		}
		ask(this.window::state).whenComplete((state, failure) -> {
			if (failure != null) {
				fail(waiter, unwrap(failure), "unavailable");
				return;
			}
			long late;
			synchronized (this) {
				long now = this.time.nanoTime();
				late = forecast(state, now, waiter.urgency.priority(), 1) - now - budgetNanos(waiter.urgency);
			}
			fail(waiter, QuotaExhaustedException.late(name(), late), "exhausted");
		});
	}

	/** The caller completed or cancelled its future itself: it leaves the queue. */
	private void abandoned(Waiter waiter) {
		synchronized (this) {
			if (!waiter.queued) {
				return;
			}
			remove(waiter);
		}
		record(waiter, "cancelled");
	}

	/** Removes a send record whose call was never made; the window has room again. */
	private void forget(SendRecord send) {
		ask(() -> this.window.giveBack(send)).whenComplete((done, failure) -> {
			if (failure != null) {
				// The record stays and counts until it leaves the window: too careful,
				// never too generous.
				logger.warn("Could not give back a send of quota {}: {}", name(), unwrap(failure).toString());
			}
			else {
				synchronized (this) {
					long now = this.time.nanoTime();
					for (int c = 0; c < PRIORITIES.length; c++) {
						this.roomAt[c] = now;
					}
				}
			}
			drain();
		});
	}

	/** Must hold the lock. */
	private long forecast(WindowState state, long now, Priority priority, int permits) {
		long[] sends = new long[state.sendAges().size()];
		for (int i = 0; i < sends.length; i++) {
			sends[i] = now - state.sendAges().get(i).toNanos();
		}
		List<Forecast.Ahead> ahead = new ArrayList<>();
		for (int c = 0; c <= priority.ordinal(); c++) {
			for (Waiter waiter : this.waiting.get(c)) {
				ahead.add(new Forecast.Ahead(waiter.urgency.priority(), waiter.urgency.deadlineNanos()));
			}
		}
		long pauseEnd = later(this.pausedUntil, now + state.pauseRemaining().toNanos());
		return Forecast.readyAt(now, sends, this.windowNanos, pauseEnd, this.thresholds, ahead, priority, permits);
	}

	private long blockedUntil(Priority priority, long now) {
		long until = later(later(now, this.pausedUntil), this.gateClosedUntil);
		return later(until, this.roomAt[priority.ordinal()]);
	}

	private void wakeAt(long at, long now) {
		QuotaTime.Scheduled pending = this.wakeup;
		if (pending != null && this.wakeupAt - at <= 0 && this.wakeupAt - now > 0) {
			return;
		}
		if (pending != null) {
			pending.cancel();
		}
		this.wakeupAt = at;
		this.wakeup = this.time.schedule(this::wake, at - now);
	}

	private void wake() {
		synchronized (this) {
			this.wakeup = null;
		}
		drain();
	}

	private @Nullable Waiter first() {
		for (LinkedHashSet<Waiter> waiters : this.waiting) {
			if (!waiters.isEmpty()) {
				return waiters.iterator().next();
			}
		}
		return null;
	}

	private void remove(Waiter waiter) {
		this.waiting.get(waiter.urgency.priority().ordinal()).remove(waiter);
		waiter.queued = false;
		QuotaTime.Scheduled deadline = waiter.deadline;
		if (deadline != null) {
			deadline.cancel();
			waiter.deadline = null;
		}
	}

	private void complete(Runnable completion) {
		try {
			this.completions.execute(completion);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: answer on this thread rather than leave a caller hanging.
			completion.run();
		}
	}

	private static void run(List<Runnable> effects) {
		for (Runnable effect : effects) {
			effect.run();
		}
	}

	/** Calls the window, turning a synchronous throw into a failed stage. */
	private static <T> CompletableFuture<T> ask(Supplier<? extends CompletionStage<T>> call) {
		try {
			return call.get().toCompletableFuture();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static long later(long a, long b) {
		return (a - b >= 0) ? a : b;
	}

	private static long budgetNanos(Urgency urgency) {
		return urgency.deadlineNanos() - urgency.arrivalNanos();
	}

	private void record(Waiter waiter, String outcome) {
		Timer.builder("gateway.quota.wait")
			.description("Time callers waited for a quota permit, by class and outcome")
			.tag("quota", name())
			.tag("priority", waiter.urgency.priority().name().toLowerCase())
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meters)
			.record(Duration.ofNanos(this.time.nanoTime() - waiter.enqueuedAt));
	}

	private void registerGauges(Priority priority) {
		String tag = priority.name().toLowerCase();
		Gauge.builder("gateway.quota.window.permits", this, (line) -> line.usedInWindow(priority))
			.description("Permits this engine granted whose send is still in the current window")
			.tag("quota", this.quota.name())
			.tag("priority", tag)
			.register(this.meters);
		Gauge.builder("gateway.quota.waiting", this, (line) -> line.waitingCount(priority))
			.description("Callers waiting for a permit")
			.tag("quota", this.quota.name())
			.tag("priority", tag)
			.register(this.meters);
		TimeGauge
			.builder("gateway.quota.oldest.wait", this, TimeUnit.NANOSECONDS, (line) -> line.oldestWaitNanos(priority))
			.description("How long the longest-waiting caller has waited")
			.tag("quota", this.quota.name())
			.tag("priority", tag)
			.register(this.meters);
	}

	synchronized int usedInWindow(Priority priority) {
		ArrayDeque<Permit> permits = this.granted.get(priority.ordinal());
		long now = this.time.nanoTime();
		while (!permits.isEmpty() && permits.peekFirst().grantedAtNanos() + this.windowNanos - now <= 0) {
			permits.pollFirst();
		}
		return permits.size();
	}

	synchronized int waitingCount(Priority priority) {
		return this.waiting.get(priority.ordinal()).size();
	}

	synchronized int waitingCount() {
		int count = 0;
		for (LinkedHashSet<Waiter> waiters : this.waiting) {
			count += waiters.size();
		}
		return count;
	}

	synchronized double oldestWaitNanos(Priority priority) {
		LinkedHashSet<Waiter> waiters = this.waiting.get(priority.ordinal());
		return waiters.isEmpty() ? 0 : this.time.nanoTime() - waiters.iterator().next().enqueuedAt;
	}

	synchronized int inFlight() {
		return this.inFlight;
	}

	/** One waiting acquire. Guarded by its line's lock. */
	private static final class Waiter {

		final Urgency urgency;

		final long enqueuedAt;

		final CompletableFuture<Permit> future = new CompletableFuture<>();

		QuotaTime.@Nullable Scheduled deadline;

		boolean queued;

		boolean asking;

		Waiter(Urgency urgency, long enqueuedAt) {
			this.urgency = urgency;
			this.enqueuedAt = enqueuedAt;
		}

	}

}
