package com.leavegateway.coordination;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

/**
 * How every Redis command of the gateway is made: fail closed. Any failure, an empty
 * answer, or silence beyond {@code gateway.coordination.command-timeout} completes the
 * future with a {@link CoordinationUnavailableException}; no thread waits.
 *
 * @param commandTimeout longest wait for one answer
 * @param retryAfter the {@code Retry-After} of the failures
 */
public record RedisCalls(Duration commandTimeout, Duration retryAfter) {

	/** The settings' time-out and {@code Retry-After}. */
	public static RedisCalls of(CoordinationProperties coordination) {
		return new RedisCalls(coordination.commandTimeout(), coordination.retryAfter());
	}

	/** Subscribes to {@code command} now; see the class comment for failures. */
	public <T> CompletableFuture<T> call(Mono<T> command) {
		return Mono.defer(() -> command)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("Redis answered nothing")))
			.timeout(this.commandTimeout)
			.onErrorMap((ex) -> !(ex instanceof CoordinationUnavailableException),
					(ex) -> new CoordinationUnavailableException(this.retryAfter, ex))
			.toFuture();
	}

	/**
	 * {@code <key-prefix><app id>:}, the start of every key of one Feishu app; refused
	 * when the app id cannot be part of a key (blank, whitespace, braces: a brace would
	 * change a key's cluster slot).
	 */
	public static String namespace(String keyPrefix, String appId) {
		if (appId.isBlank() || appId.chars().anyMatch((c) -> c == '{' || c == '}' || Character.isWhitespace(c))) {
			throw new IllegalArgumentException("Feishu app id unusable in Redis keys: '" + appId + "'");
		}
		return keyPrefix + appId + ":";
	}

}
