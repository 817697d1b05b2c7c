package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

/**
 * One quota line's metrics: gauges per class of the permits granted whose send is still
 * in the window, of the waiting callers and of the oldest wait, the quota's calls in
 * flight, and the timer of waits by class and outcome. Keeps its own log of granted
 * permits for the first gauge, under its own lock (never held while calling the line).
 */
final class QuotaMeters {

	private static final Priority[] PRIORITIES = Priority.values();

	private final QuotaLine line;

	private final QuotaTime time;

	private final MeterRegistry meters;

	private final long windowNanos;

	/** Permits granted per class, oldest first, while their send is in the window. */
	private final List<ArrayDeque<Permit>> granted = new ArrayList<>();

	QuotaMeters(QuotaLine line, QuotaTime time, MeterRegistry meters) {
		this.line = line;
		this.time = time;
		this.meters = meters;
		this.windowNanos = line.quota().window().toNanos();
		for (Priority priority : PRIORITIES) {
			this.granted.add(new ArrayDeque<>());
			registerGauges(priority);
		}
		Gauge.builder("gateway.quota.in.flight", line, QuotaLine::inFlight)
			.description("Permits granted whose call is not over yet")
			.tag("quota", line.name())
			.register(meters);
	}

	synchronized void granted(Permit permit) {
		this.granted.get(permit.priority().ordinal()).add(permit);
	}

	/** The permit's call was never made: its send left the window. */
	synchronized void givenBack(Permit permit) {
		this.granted.get(permit.priority().ordinal()).remove(permit);
	}

	/** A caller's wait ended ({@code granted}, {@code exhausted}, ...). */
	void waited(Waiter waiter, String outcome) {
		waits(waiter.urgency.priority(), outcome).record(Duration.ofNanos(this.time.nanoTime() - waiter.enqueuedAt));
	}

	private Timer waits(Priority priority, String outcome) {
		return Timer.builder("gateway.quota.wait")
			.description("Time callers waited for a quota permit, by class and outcome")
			.tag("quota", this.line.name())
			.tag("priority", priority.name().toLowerCase())
			.tag("outcome", outcome)
			.publishPercentileHistogram()
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

	private void registerGauges(Priority priority) {
		String tag = priority.name().toLowerCase();
		Gauge.builder("gateway.quota.window.permits", this, (self) -> self.usedInWindow(priority))
			.description("Permits this engine granted whose send is still in the current window")
			.tag("quota", this.line.name())
			.tag("priority", tag)
			.register(this.meters);
		Gauge.builder("gateway.quota.waiting", this.line, (line) -> line.waitingCount(priority))
			.description("Callers waiting for a permit")
			.tag("quota", this.line.name())
			.tag("priority", tag)
			.register(this.meters);
		TimeGauge
			.builder("gateway.quota.oldest.wait", this.line, TimeUnit.NANOSECONDS,
					(line) -> line.oldestWaitNanos(priority))
			.description("How long the longest-waiting caller has waited")
			.tag("quota", this.line.name())
			.tag("priority", tag)
			.register(this.meters);
		// From the start, so that a class's wait histogram is there before its first
		// wait.
		waits(priority, "granted");
	}

}
