package com.leavegateway.coordination;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import com.leavegateway.quota.QuotaSpec;
import com.leavegateway.quota.QuotaTime;
import com.leavegateway.quota.SendWindow;
import com.leavegateway.quota.SendWindows;

/**
 * Quota windows in Redis, shared by every replica of one Feishu app: one script call per
 * permit (one round trip), Redis {@code TIME} as the only clock, the class thresholds
 * checked inside the script, the send recorded at grant.
 * <p>
 * Keys: {@code <key-prefix><app id>:quota:{<quota>}:log} (a sorted set of send times),
 * {@code ...:marker} (the run id of the Redis server that keeps the log) and
 * {@code ...:pause}. The braces keep one quota's keys in one cluster slot, as a script
 * needs.
 * <p>
 * <b>Lost state.</b> When the marker is missing (Redis restarted without persistence, or
 * was flushed) or names another run of Redis (restarted from a snapshot, which lacks the
 * sends made after it, or a replica promoted), the script treats the window as full for
 * one period: Feishu may still count the calls of the last minute. (A Redis that refuses
 * {@code INFO} in scripts leaves only the missing marker as a sign.) This includes the
 * very first start of a deployment against a fresh Redis, which cannot be told apart from
 * a restart: the first period of every quota grants nothing (for leave balances, a minute
 * of 429 answers with {@code Retry-After}). {@link #startEmpty} declares a window empty
 * instead; tests use it, and so may an operator who knows that no call was made in the
 * last period.
 * <p>
 * Every failure (Redis unreachable, no answer within
 * {@code gateway.coordination.command-timeout}, a failing script) completes the stage
 * with a {@link CoordinationUnavailableException}: the engine then grants nothing.
 * Commands go through Lettuce's reactive API and no thread waits for them; only the first
 * use of the shared connection connects synchronously, bounded by
 * {@code spring.data.redis.connect-timeout}.
 */
public final class RedisSendWindows implements SendWindows {

	private static final RedisScript<List> SCRIPT = RedisScript
		.of(new ClassPathResource("send-window.lua", RedisSendWindows.class), List.class);

	private final ReactiveStringRedisTemplate redis;

	private final String namespace;

	private final Duration commandTimeout;

	private final Duration retryAfter;

	/** Tells this process's send ids from other replicas'. */
	private final String replica = UUID.randomUUID().toString();

	/**
	 * @param connectionFactory the Redis connection (Spring Boot's, from
	 * {@code spring.data.redis.*})
	 * @param keyPrefix {@code gateway.coordination.key-prefix}
	 * @param appId the Feishu app id whose quota the windows count
	 * @param commandTimeout longest wait for one answer
	 * @param retryAfter {@code Retry-After} of the failures
	 */
	public RedisSendWindows(ReactiveRedisConnectionFactory connectionFactory, String keyPrefix, String appId,
			Duration commandTimeout, Duration retryAfter) {
		if (appId.isBlank() || appId.chars().anyMatch((c) -> c == '{' || c == '}' || Character.isWhitespace(c))) {
			throw new IllegalArgumentException("Feishu app id unusable in Redis keys: '" + appId + "'");
		}
		this.redis = new ReactiveStringRedisTemplate(connectionFactory);
		this.namespace = keyPrefix + appId + ":";
		this.commandTimeout = commandTimeout;
		this.retryAfter = retryAfter;
	}

	@Override
	public SendWindow window(QuotaSpec quota, QuotaTime time) {
		return new RedisSendWindow(this, quota);
	}

	/**
	 * Declares the window of {@code quota} empty and intact (and ends its pause): no call
	 * of it was made in the last period. Without it, a window whose state is lost counts
	 * as full for one period.
	 */
	public CompletableFuture<Void> startEmpty(QuotaSpec quota) {
		return new RedisSendWindow(this, quota).reset();
	}

	/** Whether Redis answers, for health checks. */
	public CompletableFuture<Void> ping() {
		return guard(this.redis.execute((connection) -> connection.ping()).next()).thenApply((pong) -> null);
	}

	/** The key of one part ({@code log}, {@code marker}, {@code pause}) of a quota. */
	String key(QuotaSpec quota, String part) {
		return this.namespace + "quota:{" + quota.name() + "}:" + part;
	}

	String nextSendId(long sequence) {
		return this.replica + ":" + sequence;
	}

	@SuppressWarnings("unchecked")
	CompletableFuture<List<Long>> script(List<String> keys, List<String> args) {
		return guard(this.redis.execute(SCRIPT, keys, args).next().map((reply) -> (List<Long>) reply));
	}

	CompletableFuture<Long> removeSend(String logKey, String sendId) {
		return guard(this.redis.opsForZSet().remove(logKey, sendId));
	}

	/**
	 * Subscribes now; any failure or silence beyond the command time-out becomes a
	 * {@link CoordinationUnavailableException}, and so does no answer at all.
	 */
	private <T> CompletableFuture<T> guard(Mono<T> command) {
		return Mono.defer(() -> command)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("Redis answered nothing")))
			.timeout(this.commandTimeout)
			.onErrorMap((ex) -> !(ex instanceof CoordinationUnavailableException),
					(ex) -> new CoordinationUnavailableException(this.retryAfter, ex))
			.toFuture();
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
