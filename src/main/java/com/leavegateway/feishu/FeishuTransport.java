package com.leavegateway.feishu;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

import com.leavegateway.quota.Permit;
import com.leavegateway.quota.QuotaEngine;
import com.leavegateway.quota.Urgency;

/**
 * Sends one call to Feishu and reads its answer: waits (without a thread) for a quota
 * permit of the {@link QuotaEngine}, applies the time-out, reads the body's {@code code}
 * whatever the HTTP status, and turns every failure into a {@link FeishuException}. Calls
 * go through a circuit breaker and a retry per API, both used through their non-blocking
 * operations. Knows nothing of tokens or paging.
 */
final class FeishuTransport {

	private static final Logger logger = LoggerFactory.getLogger(FeishuTransport.class);

	private static final String JSON_UTF8 = "application/json; charset=utf-8";

	private final WebClient webClient;

	private final FeishuBaseUrl baseUrl;

	private final JsonMapper json;

	private final Duration responseTimeout;

	private final GuardedCalls guarded;

	private final MeterRegistry meters;

	private final Map<FeishuApi, CircuitBreaker> circuitBreakers = new EnumMap<>(FeishuApi.class);

	private final Map<FeishuApi, Retry> retries = new EnumMap<>(FeishuApi.class);

	FeishuTransport(WebClient webClient, FeishuBaseUrl baseUrl, JsonMapper json, QuotaEngine quotas, Duration maxWait,
			Duration responseTimeout, CircuitBreakerRegistry circuitBreakerRegistry, RetryRegistry retryRegistry,
			ScheduledExecutorService scheduler, MeterRegistry meters) {
		this.meters = meters;
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.json = json;
		this.responseTimeout = responseTimeout;
		for (FeishuApi api : FeishuApi.values()) {
			this.circuitBreakers.put(api, circuitBreakerRegistry.circuitBreaker(api.id()));
			this.retries.put(api, retryRegistry.retry(api.id()));
		}
		this.guarded = new GuardedCalls(this, quotas, maxWait, this.circuitBreakers, this.retries, scheduler);
	}

	/**
	 * Sends a call with a quota permit, through its API's circuit breaker and retry: see
	 * {@link GuardedCalls#send}. {@code pathAndQuery} must already be encoded; callers
	 * build it from validated parts only.
	 */
	CompletableFuture<Answer> send(FeishuApi api, HttpMethod method, String pathAndQuery, @Nullable Object body,
			@Nullable String bearerToken, Urgency urgency, @Nullable Permit first) {
		return send(api, method, pathAndQuery, body, bearerToken, urgency, first, true);
	}

	/**
	 * Like {@link #send}, but {@code retried} false makes one attempt only: for a call
	 * that can wait for a later request (renewing a token that is still valid).
	 */
	CompletableFuture<Answer> send(FeishuApi api, HttpMethod method, String pathAndQuery, @Nullable Object body,
			@Nullable String bearerToken, Urgency urgency, @Nullable Permit first, boolean retried) {
		return this.guarded.send(new FeishuCall(api, method, pathAndQuery, body, bearerToken, urgency, retried,
				new Relay<>(), new AtomicReference<>(first)));
	}

	GuardedCalls guarded() {
		return this.guarded;
	}

	/**
	 * The exchange itself, once the call holds {@code permit} and the breaker's
	 * permission: completes the permit when it is over and tells the breaker how it went.
	 */
	CompletableFuture<Answer> exchange(FeishuCall call, Permit permit, CircuitBreaker breaker) {
		if (call.relay().result().isDone()) {
			permit.giveBack();
			breaker.releasePermission();
			return CompletableFuture.failedFuture(new CancellationException("Caller gone before the call"));
		}
		URI uri = URI.create(stripTrailingSlash(this.baseUrl.get().toString()) + call.pathAndQuery());
		WebClient.RequestBodySpec request = this.webClient.method(call.method()).uri(uri).headers((headers) -> {
			if (call.bearerToken() != null) {
				headers.setBearerAuth(call.bearerToken());
			}
		});
		if (call.body() != null) {
			request.header(HttpHeaders.CONTENT_TYPE, JSON_UTF8).bodyValue(this.json.writeValueAsBytes(call.body()));
		}
		FeishuApi api = call.api();
		long started = System.nanoTime();
		// Counted from when the request is about to be written, not from the grant: the
		// permit's hand-over, the connection or the event loop may have kept it waiting.
		request.httpRequest((http) -> permit.sending());
		CompletableFuture<Answer> sent = call.relay()
			.track(request
				.exchangeToMono((response) -> response.bodyToMono(byte[].class)
					.map((bytes) -> new String(bytes, StandardCharsets.UTF_8))
					.defaultIfEmpty("")
					.map((text) -> new Answer(api, response.statusCode().value(), response.headers().asHttpHeaders(),
							text)))
				.timeout(this.responseTimeout)
				.toFuture());
		return sent.handle((answer, failure) -> {
			// The call went (or may have gone): its send stays counted.
			permit.complete();
			long took = System.nanoTime() - started;
			if (failure != null) {
				Throwable cause = unwrap(failure);
				if (cause instanceof CancellationException) {
					breaker.releasePermission();
					throw new CompletionException(cause);
				}
				FeishuException mapped = (cause instanceof FeishuException feishu) ? feishu : isTimeout(cause)
						? new FeishuTimeoutException(api, cause) : new FeishuUnreachableException(api, cause);
				logger.warn("Feishu {} {} failed after {} ms: {}", api.id(), call.method(),
						Duration.ofNanos(took).toMillis(), mapped.getMessage());
				record(api, (mapped instanceof FeishuTimeoutException) ? "timeout" : "unreachable", started);
				breaker.onError(took, TimeUnit.NANOSECONDS, mapped);
				throw new CompletionException(mapped);
			}
			logger.debug("Feishu {} {} answered HTTP {} in {} ms", api.id(), call.method(), answer.status(),
					Duration.ofNanos(took).toMillis());
			record(api, answer.metricOutcome(), started);
			try {
				answer.failIfOutage();
			}
			catch (FeishuException ex) {
				breaker.onError(took, TimeUnit.NANOSECONDS, ex);
				throw new CompletionException(ex);
			}
			breaker.onSuccess(took, TimeUnit.NANOSECONDS);
			return answer;
		});
	}

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * One Feishu call in the {@code feishu.calls} timer, by API and outcome ({@code ok},
	 * {@code rate_limited}, {@code token_error}, {@code error_<code>},
	 * {@code http_<status>}, {@code timeout}, {@code unreachable}).
	 */
	private void record(FeishuApi api, String outcome, long startedNanos) {
		Timer.builder("feishu.calls")
			.description("Calls to Feishu, each attempt counted once")
			.tag("api", api.id())
			.tag("outcome", outcome)
			.register(this.meters)
			.record(Duration.ofNanos(System.nanoTime() - startedNanos));
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException
					|| cause instanceof ConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** One HTTP answer of Feishu, with its JSON read once. */
	final class Answer {

		private final FeishuApi api;

		private final int status;

		private final HttpHeaders headers;

		private final @Nullable JsonNode tree;

		Answer(FeishuApi api, int status, HttpHeaders headers, String body) {
			this.api = api;
			this.status = status;
			this.headers = headers;
			this.tree = parse(body);
		}

		private @Nullable JsonNode parse(String body) {
			if (body.isBlank()) {
				return null;
			}
			try {
				JsonNode node = FeishuTransport.this.json.readTree(body);
				return (node != null && node.isObject()) ? node : null;
			}
			catch (JacksonException ex) {
				return null;
			}
		}

		int status() {
			return this.status;
		}

		/** The body's {@code code}, or null when the body is not Feishu JSON. */
		@Nullable Integer code() {
			JsonNode code = (this.tree != null) ? this.tree.get("code") : null;
			return (code != null && code.isIntegralNumber()) ? code.intValue() : null;
		}

		/** What the answer means: the one classification, {@link FeishuOutcome}. */
		FeishuOutcome outcome() {
			return FeishuOutcome.of(this.api, this.status, code());
		}

		/** Low-cardinality outcome for metrics. */
		String metricOutcome() {
			Integer code = code();
			if (code == null) {
				return (this.status == 429) ? "rate_limited" : "http_" + this.status;
			}
			return switch (outcome()) {
				case SUCCESS -> "ok";
				case RATE_LIMITED -> "rate_limited";
				case TOKEN_REJECTED -> "token_error";
				default -> "error_" + code;
			};
		}

		boolean isRateLimited() {
			return outcome() == FeishuOutcome.RATE_LIMITED;
		}

		/**
		 * An outage becomes an exception here, so that the circuit breaker and the retry
		 * see it. A deterministic answer, even an HTTP 500, passes: Feishu is working,
		 * and asking again would give the same answer.
		 */
		Answer failIfOutage() {
			if (outcome() == FeishuOutcome.TRANSIENT) {
				Integer code = code();
				if (code != null && code != 0) {
					checkedTree();
				}
				throw new FeishuBadResponseException(this.api, this.status, "server error");
			}
			return this;
		}

		boolean isTokenError() {
			return outcome() == FeishuOutcome.TOKEN_REJECTED;
		}

		/** The whole body as {@code type}, after checking that it is a success. */
		<T> T body(Class<T> type) {
			JsonNode tree = checkedTree();
			try {
				return FeishuTransport.this.json.treeToValue(tree, type);
			}
			catch (JacksonException ex) {
				throw new FeishuBadResponseException(this.api, this.status, "body does not match the API", ex);
			}
		}

		/**
		 * The {@code data} object as {@code type}, after checking that the call
		 * succeeded.
		 */
		<T> T data(Class<T> type) {
			JsonNode data = checkedTree().get("data");
			if (data == null || data.isNull()) {
				throw new FeishuBadResponseException(this.api, this.status, "no data");
			}
			try {
				return FeishuTransport.this.json.treeToValue(data, type);
			}
			catch (JacksonException ex) {
				throw new FeishuBadResponseException(this.api, this.status, "data does not match the API", ex);
			}
		}

		private JsonNode checkedTree() {
			Integer code = code();
			if (code == null) {
				if (this.status == 429) {
					throw new FeishuErrorException(this.api, this.status, FeishuOutcome.RATE_LIMITED_CODE, null,
							rateLimitReset());
				}
				throw new FeishuBadResponseException(this.api, this.status,
						(this.tree == null) ? "body is not Feishu JSON" : "body has no code");
			}
			if (code != 0) {
				JsonNode msg = this.tree.get("msg");
				throw new FeishuErrorException(this.api, this.status, code,
						(msg != null && msg.isString()) ? msg.stringValue() : null, rateLimitReset());
			}
			if (this.status < 200 || this.status > 299) {
				throw new FeishuBadResponseException(this.api, this.status, "HTTP error status with code 0");
			}
			return this.tree;
		}

		@Nullable Duration rateLimitReset() {
			String reset = this.headers.getFirst("x-ogw-ratelimit-reset");
			if (reset == null) {
				return null;
			}
			try {
				long seconds = Long.parseLong(reset.strip());
				return Duration.ofSeconds(Math.max(1, Math.min(seconds, 3600)));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
