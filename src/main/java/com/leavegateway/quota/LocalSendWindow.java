package com.leavegateway.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A quota's send log in this JVM's memory: the send times of the last window, oldest
 * first, and the pause. Answers at once (completed stages). Sends are recorded at the
 * engine's tick, in order, so the log stays sorted.
 */
final class LocalSendWindow implements SendWindow {

	private final QuotaTime time;

	private final long windowNanos;

	/** Send times (engine ticks) still in the window, oldest first. */
	private final List<Long> sends = new ArrayList<>();

	private final List<String> ids = new ArrayList<>();

	private long pausedUntil;

	private long nextId;

	LocalSendWindow(QuotaSpec quota, QuotaTime time) {
		this.time = time;
		this.windowNanos = quota.window().toNanos();
		this.pausedUntil = time.nanoTime();
	}

	@Override
	public synchronized CompletionStage<WindowDecision> tryTake(int threshold) {
		long now = this.time.nanoTime();
		trim(now);
		int used = this.sends.size();
		if (this.pausedUntil - now > 0) {
			return CompletableFuture
				.completedFuture(new WindowDecision.Denied(Duration.ofNanos(this.pausedUntil - now), true, used));
		}
		if (used < threshold) {
			String id = Long.toString(this.nextId++);
			this.sends.add(now);
			this.ids.add(id);
			return CompletableFuture
				.completedFuture(new WindowDecision.Granted(new SendRecord(id, now / 1000), used + 1));
		}
		// The window has room for one more at this threshold once its oldest
		// (used - threshold + 1) sends have left it.
		long roomAt = this.sends.get(used - threshold) + this.windowNanos;
		return CompletableFuture
			.completedFuture(new WindowDecision.Denied(Duration.ofNanos(roomAt - now), false, used));
	}

	@Override
	public synchronized CompletionStage<Void> giveBack(SendRecord send) {
		int index = this.ids.indexOf(send.id());
		if (index >= 0) {
			this.ids.remove(index);
			this.sends.remove(index);
		}
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public synchronized CompletionStage<Void> recount(SendRecord send, Duration back) {
		long now = this.time.nanoTime();
		trim(now);
		long from = now - back.toNanos();
		int index = this.ids.indexOf(send.id());
		if (index >= 0) {
			if (this.sends.get(index) - from >= 0) {
				return CompletableFuture.completedFuture(null);
			}
			this.ids.remove(index);
			this.sends.remove(index);
		}
		// Kept sorted: after every send counted from no later than this one.
		int at = this.sends.size();
		while (at > 0 && this.sends.get(at - 1) - from > 0) {
			at--;
		}
		this.sends.add(at, from);
		this.ids.add(at, send.id());
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public synchronized CompletionStage<WindowState> state() {
		long now = this.time.nanoTime();
		trim(now);
		List<Duration> ages = new ArrayList<>(this.sends.size());
		for (long sent : this.sends) {
			ages.add(Duration.ofNanos(now - sent));
		}
		return CompletableFuture
			.completedFuture(new WindowState(ages, Duration.ofNanos(Math.max(0, this.pausedUntil - now))));
	}

	@Override
	public synchronized CompletionStage<Void> pause(Duration duration) {
		long until = this.time.nanoTime() + duration.toNanos();
		if (until - this.pausedUntil > 0) {
			this.pausedUntil = until;
		}
		return CompletableFuture.completedFuture(null);
	}

	/** A send counts while it is less than a window old. */
	private void trim(long now) {
		int expired = 0;
		while (expired < this.sends.size() && this.sends.get(expired) + this.windowNanos - now <= 0) {
			expired++;
		}
		if (expired > 0) {
			this.sends.subList(0, expired).clear();
			this.ids.subList(0, expired).clear();
		}
	}

}
