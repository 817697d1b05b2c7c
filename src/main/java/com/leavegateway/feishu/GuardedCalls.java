package com.leavegateway.feishu;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.leavegateway.feishu.FeishuTransport.Answer;
import com.leavegateway.quota.Permit;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.QuotaEngine;
import com.leavegateway.quota.Urgency;

/**
 * What stands between a Feishu call and the wire: a permit of the {@link QuotaEngine}
 * (waited for without a thread), the API's circuit breaker and retry (used through their
 * non-blocking operations, the retry's waits on a scheduler), and Feishu's 99991400
 * pause, honoured through the engine within the caller's budget.
 */
final class GuardedCalls {

	private static final Logger logger = LoggerFactory.getLogger(GuardedCalls.class);

	private final FeishuTransport transport;

	private final QuotaEngine quotas;

	private final Duration maxWait;

	private final Map<FeishuApi, CircuitBreaker> circuitBreakers;

	private final Map<FeishuApi, Retry> retries;

	private final ScheduledExecutorService scheduler;

	GuardedCalls(FeishuTransport transport, QuotaEngine quotas, Duration maxWait,
			Map<FeishuApi, CircuitBreaker> circuitBreakers, Map<FeishuApi, Retry> retries,
			ScheduledExecutorService scheduler) {
		this.transport = transport;
		this.quotas = quotas;
		this.maxWait = maxWait;
		this.circuitBreakers = circuitBreakers;
		this.retries = retries;
		this.scheduler = scheduler;
	}

	/**
	 * Sends a call through its API's retry (one attempt only when the call is not
	 * {@code retried}); every attempt waits for a quota permit of the caller's urgency
	 * (the first attempt may bring its own, {@code first}) and then passes the circuit
	 * breaker. When Feishu answers 99991400 the API is paused for the seconds it names,
	 * in the quota engine (and so for every replica sharing its window), and the call
	 * tried again if the pause fits in what is left of the caller's budget
	 * ({@code feishu.quotas.max-wait}); otherwise the rate-limited answer is returned.
	 * Nothing blocks: the answer is a future, and cancelling it gives up the queue place
	 * or the call under way.
	 */
	CompletableFuture<Answer> send(FeishuCall call) {
		call.relay().result().whenComplete((answer, failure) -> giveBackUnused(call.unused()));
		sendUntilAnswered(call);
		return call.relay().result();
	}

	/** A quota permit of {@code api} for a call the caller makes itself later. */
	CompletableFuture<Permit> permit(FeishuApi api, Urgency urgency) {
		return this.quotas.acquire(api.id(), urgency);
	}

	/**
	 * Completes when {@code calls} permits of {@code api} could all be had within the
	 * caller's budget; fails with the quota's {@code QuotaExhaustedException} at once
	 * otherwise.
	 */
	CompletableFuture<Void> admit(FeishuApi api, Urgency urgency, int calls) {
		return this.quotas.admit(api.id(), urgency, calls);
	}

	Urgency urgency(Priority priority) {
		return this.quotas.urgency(priority, this.maxWait);
	}

	private void sendUntilAnswered(FeishuCall call) {
		CompletionStage<Answer> attempts = call.retried()
				? Retry.decorateCompletionStage(this.retries.get(call.api()), this.scheduler, () -> attempt(call)).get()
				: attempt(call);
		attempts.whenComplete((answer, failure) -> {
			if (failure != null) {
				call.relay().result().completeExceptionally(FeishuTransport.unwrap(failure));
				return;
			}
			if (!answer.isRateLimited()) {
				call.relay().result().complete(answer);
				return;
			}
			Duration reset = answer.rateLimitReset();
			if (reset == null) {
				reset = Duration.ofSeconds(1);
			}
			this.quotas.pause(call.api().id(), reset).whenComplete((shared, notShared) -> {
				if (notShared != null) {
					// This replica honours the pause regardless; the others may not hear
					// of it.
					logger.warn("Could not share the pause of Feishu {}: {}", call.api().id(), notShared.toString());
				}
			});
			logger.warn("Feishu {} answered 99991400; pausing it for {} s", call.api().id(), reset.toSeconds());
			if (this.quotas.remaining(call.urgency()).compareTo(reset) < 0) {
				call.relay().result().complete(answer);
				return;
			}
			// The next permit comes when the pause is over.
			sendUntilAnswered(call);
		});
	}

	/** One attempt: a permit, the circuit breaker, the exchange. */
	private CompletionStage<Answer> attempt(FeishuCall call) {
		CircuitBreaker breaker = this.circuitBreakers.get(call.api());
		if (!breaker.tryAcquirePermission()) {
			// An open circuit costs no quota and no wait.
			return CompletableFuture.failedFuture(circuitOpen(call.api(), breaker));
		}
		Permit given = call.unused().getAndSet(null);
		CompletableFuture<Permit> permit = (given != null) ? CompletableFuture.completedFuture(given)
				: call.relay().track(this.quotas.acquire(call.api().id(), call.urgency()));
		return permit.handle((granted, failure) -> {
			if (failure != null) {
				// No call was made: the breaker's permission goes back unjudged.
				breaker.releasePermission();
				throw new CompletionException(FeishuTransport.unwrap(failure));
			}
			return granted;
		}).thenCompose((granted) -> this.transport.exchange(call, granted, breaker));
	}

	private static FeishuCircuitOpenException circuitOpen(FeishuApi api, CircuitBreaker breaker) {
		return new FeishuCircuitOpenException(api,
				Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)));
	}

	private static void giveBackUnused(AtomicReference<@Nullable Permit> unused) {
		Permit permit = unused.getAndSet(null);
		if (permit != null) {
			permit.giveBack();
		}
	}

}
