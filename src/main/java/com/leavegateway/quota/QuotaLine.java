package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.leavegateway.quota.Stages.ask;
import static com.leavegateway.quota.Stages.unwrap;

/**
 * One quota's scheduler: its waiting callers by class and arrival, its calls in flight,
 * and the window that decides every send.
 * <p>
 * Only the first waiting caller is ever asked about: thresholds fall from class to class,
 * so when the first caller's send does not fit, no later caller's does. One window
 * question is open at a time; its answer starts the next. A denied class remembers until
 * when its window is full ({@link Blocks}), so that the engine asks again only then (on
 * its timer), and refuses at once a first caller whose deadline comes before that. Fixed
 * pauses work the same way. Callers' futures are completed through {@link Completions},
 * after the lock is released.
 */
final class QuotaLine {

	private static final Logger logger = LoggerFactory.getLogger(QuotaLine.class);

	private static final Priority[] PRIORITIES = Priority.values();

	private final QuotaSpec quota;

	private final SendWindow window;

	private final QuotaTime time;

	private final Completions completions;

	private final @Nullable FirstGate gate;

	private final long windowNanos;

	private final int[] thresholds = new int[PRIORITIES.length];

	private final QuotaMeters meters;

	private final WaitingCallers waiting = new WaitingCallers();

	private final Blocks blocks;

	private final Wakeup wakeup;

	private int inFlight;

	/** Whether a window question is open; {@link #asking} is the caller it is for. */
	private boolean taking;

	private @Nullable Waiter asking;

	QuotaLine(QuotaSpec quota, SendWindows windows, QuotaTime time, Executor completions, @Nullable FirstGate gate,
			MeterRegistry meters) {
		this.quota = quota;
		this.time = time;
		this.gate = gate;
		this.window = windows.window(quota, time);
		this.windowNanos = quota.window().toNanos();
		long now = time.nanoTime();
		this.blocks = new Blocks(now);
		for (Priority priority : PRIORITIES) {
			this.thresholds[priority.ordinal()] = quota.threshold(priority);
		}
		this.meters = new QuotaMeters(this, time, meters);
		this.completions = new Completions(completions, this.meters);
		this.wakeup = new Wakeup(time, this::drain);
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
			this.waiting.add(waiter);
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
				this.completions.run(() -> admitted.completeExceptionally(unwrap(failure)));
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
				late = ready - now - urgency.budget().toNanos();
			}
			long windows = (permits - 1) / this.thresholds[urgency.priority().ordinal()];
			boolean beyondBudget = windows * (double) this.windowNanos > urgency.budget().toNanos();
			Runnable answer = inTime ? () -> admitted.complete(null)
					: () -> admitted.completeExceptionally(QuotaExhaustedException.late(name(), late, beyondBudget));
			this.completions.run(answer);
		});
		return admitted;
	}

	CompletableFuture<Void> pause(Duration duration) {
		synchronized (this) {
			this.blocks.paused(this.time.nanoTime() + duration.toNanos());
		}
		CompletableFuture<Void> paused = ask(() -> this.window.pause(duration));
		// Callers first in line whose deadline comes before the pause's end hear it now.
		drain();
		return paused;
	}

	/** Its call goes out, or its answer came back: {@link SendWindow#recount}. */
	void recount(Permit permit, boolean answered) {
		Duration back = answered ? this.quota.window().minus(this.quota.period()) : Duration.ZERO;
		ask(() -> this.window.recount(permit.send(), back));
	}

	/** A permit's call is over ({@code sent}) or was never made. */
	void released(Permit permit, boolean sent) {
		synchronized (this) {
			this.inFlight--;
		}
		if (sent) {
			drain();
		}
		else {
			this.meters.givenBack(permit);
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
						long blockedUntil = this.blocks.until(head.urgency.priority(), now);
						if (blockedUntil - now > 0) {
							this.wakeup.at(blockedUntil, now);
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
			Completions.runAll(effects);
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
			Waiter head = this.waiting.first();
			if (head == null) {
				return null;
			}
			long blockedUntil = this.blocks.until(head.urgency.priority(), now);
			if (blockedUntil - now <= 0 || head.urgency.deadlineNanos() - blockedUntil >= 0) {
				// Nothing blocks it (a permit now is good even just past a deadline of
				// now), or it can wait long enough.
				return head;
			}
			this.waiting.remove(head);
			long late = blockedUntil - now - head.urgency.budget().toNanos();
			effects.add(() -> this.completions.fail(head, QuotaExhaustedException.late(name(), late), "exhausted"));
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
				for (Waiter waiter : this.waiting.all()) {
					this.waiting.remove(waiter);
					effects.add(() -> this.completions.fail(waiter, cause, "unavailable"));
				}
			}
			else if (decision instanceof WindowDecision.Granted grant) {
				granted(grant, now, effects);
			}
			else if (decision instanceof WindowDecision.Denied denied) {
				this.inFlight--;
				long until = now + denied.retryIn().toNanos();
				this.blocks.windowFull(subject.urgency.priority(), until);
				if (denied.paused()) {
					this.blocks.paused(until);
				}
			}
			if (subject.queued && subject.urgency.deadlineNanos() - now <= 0) {
				// Its deadline passed while the window was asked.
				effects.add(() -> expire(subject));
			}
		}
		Completions.runAll(effects);
	}

	/**
	 * A send was recorded: it goes to the first caller in line now, which is the one it
	 * was asked for unless that one left or a caller of a higher class arrived meanwhile
	 * (whose threshold the send fits all the more); when nobody it fits is waiting, back
	 * to the window.
	 */
	private void granted(WindowDecision.Granted grant, long now, List<Runnable> effects) {
		Waiter target = this.waiting.first();
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
			this.blocks.gateClosed(now + this.gate.retryIn().toNanos());
			effects.add(() -> forget(grant.send()));
			return;
		}
		this.waiting.remove(target);
		Permit permit = new Permit(this, target.urgency.priority(), grant.send(), now,
				Duration.ofNanos(now - target.enqueuedAt));
		this.meters.granted(permit);
		Waiter winner = target;
		effects.add(() -> this.completions.deliver(winner, permit));
	}

	/** A waiting caller's deadline passed: it leaves the queue, hears when to retry. */
	private void expire(Waiter waiter) {
		synchronized (this) {
			if (!waiter.queued || waiter.asking) {
				// Granted or gone already; or the window is being asked for it, and its
				// answer decides.
				return;
			}
			this.waiting.remove(waiter);
		}
		ask(this.window::state).whenComplete((state, failure) -> {
			if (failure != null) {
				this.completions.fail(waiter, unwrap(failure), "unavailable");
				return;
			}
			long late;
			synchronized (this) {
				long now = this.time.nanoTime();
				late = forecast(state, now, waiter.urgency.priority(), 1) - now - waiter.urgency.budget().toNanos();
			}
			this.completions.fail(waiter, QuotaExhaustedException.late(name(), late), "exhausted");
		});
	}

	/** The caller completed or cancelled its future itself: it leaves the queue. */
	private void abandoned(Waiter waiter) {
		synchronized (this) {
			if (!waiter.queued) {
				return;
			}
			this.waiting.remove(waiter);
		}
		this.meters.waited(waiter, "cancelled");
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
					this.blocks.roomNow(this.time.nanoTime());
				}
			}
			drain();
		});
	}

	/** Must hold the lock. */
	private long forecast(WindowState state, long now, Priority priority, int permits) {
		return Forecast.readyAt(now, state, this.windowNanos, this.blocks.pausedUntil(), this.thresholds,
				this.waiting.servedBefore(priority), priority, permits);
	}

	synchronized int waitingCount(Priority priority) {
		return this.waiting.count(priority);
	}

	synchronized int waitingCount() {
		return this.waiting.count();
	}

	synchronized double oldestWaitNanos(Priority priority) {
		return this.waiting.oldestWaitNanos(priority, this.time.nanoTime());
	}

	synchronized int inFlight() {
		return this.inFlight;
	}

}
