package com.leavegateway.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import com.leavegateway.quota.QuotaSpec;
import com.leavegateway.quota.SendRecord;
import com.leavegateway.quota.SendWindow;
import com.leavegateway.quota.WindowDecision;
import com.leavegateway.quota.WindowState;

/**
 * One quota's window in Redis: each operation is one call of {@code send-window.lua}
 * (giving a send back is one {@code ZREM}). See {@link RedisSendWindows}.
 */
final class RedisSendWindow implements SendWindow {

	private final RedisSendWindows store;

	private final List<String> keys;

	private final String windowMicros;

	private final String periodMicros;

	/** Sends a lost log counts: the limit (full for one period), or none. */
	private final String lostSends;

	private final AtomicLong sequence = new AtomicLong();

	RedisSendWindow(RedisSendWindows store, QuotaSpec quota) {
		this.store = store;
		this.keys = List.of(store.key(quota, "log"), store.key(quota, "marker"), store.key(quota, "pause"));
		this.windowMicros = Long.toString(micros(quota.window()));
		this.periodMicros = Long.toString(micros(quota.period()));
		this.lostSends = Integer.toString(quota.fullAfterLoss() ? quota.limit() : 0);
	}

	@Override
	public CompletionStage<WindowDecision> tryTake(int threshold) {
		String id = this.store.nextSendId(this.sequence.incrementAndGet());
		return call("take", Integer.toString(threshold), id).thenApply((reply) -> {
			expect(reply, 5);
			int used = Math.toIntExact(reply.get(4));
			if (reply.get(1) == 1) {
				return new WindowDecision.Granted(new SendRecord(id, reply.get(0)), used);
			}
			return new WindowDecision.Denied(Duration.ofNanos(reply.get(2) * 1000), reply.get(3) == 1, used);
		});
	}

	@Override
	public CompletionStage<Void> giveBack(SendRecord send) {
		return this.store.removeSend(this.keys.get(0), send.id()).thenApply((removed) -> null);
	}

	@Override
	public CompletionStage<Void> recount(SendRecord send, Duration back) {
		return call("recount", send.id(), Long.toString(micros(back))).thenApply((reply) -> null);
	}

	@Override
	public CompletionStage<WindowState> state() {
		return call("state").thenApply((reply) -> {
			expect(reply, 3);
			List<Duration> ages = new ArrayList<>(reply.size() - 3);
			for (Long age : reply.subList(3, reply.size())) {
				ages.add(Duration.ofNanos(age * 1000));
			}
			return new WindowState(ages, Duration.ofNanos(reply.get(1) * 1000));
		});
	}

	@Override
	public CompletionStage<Void> pause(Duration duration) {
		return call("pause", Long.toString(micros(duration))).thenApply((reply) -> null);
	}

	CompletableFuture<Void> reset() {
		return call("reset").thenApply((reply) -> null);
	}

	private CompletableFuture<List<Long>> call(String operation, String... more) {
		List<String> args = new ArrayList<>(List.of(operation, this.windowMicros, this.periodMicros, this.lostSends));
		args.addAll(List.of(more));
		return this.store.script(this.keys, args);
	}

	/**
	 * A reply shorter than the script writes means the script is not ours: fail closed.
	 */
	private void expect(List<Long> reply, int size) {
		if (reply.size() < size) {
			throw new CoordinationUnavailableException(this.store.retryAfter(),
					new IllegalStateException("Unexpected reply from the send-window script: " + reply));
		}
	}

	private static long micros(Duration duration) {
		return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1000);
	}

}
