package com.leavegateway.sharedcache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

import com.leavegateway.coordination.RedisCalls;

/**
 * The shared levels of one Feishu app's caches, under {@code <key-prefix><app id>:}, and
 * their evictions: deletes of entries and leases, and the message that tells every
 * replica to evict its first level ({@link EvictionChannel}).
 */
public final class SharedCaches {

	/** The message of an eviction of everything; one employee's is this prefix + id. */
	static final String ALL = "*";

	static final String EMPLOYEE = "employee:";

	private final ReactiveStringRedisTemplate redis;

	private final RedisCalls calls;

	private final String namespace;

	private final SharedCacheProperties properties;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param connectionFactory the Redis connection
	 * @param calls how commands fail closed
	 * @param namespace {@code <key-prefix><app id>:} ({@link RedisCalls#namespace})
	 * @param properties lease and polling
	 */
	public SharedCaches(ReactiveRedisConnectionFactory connectionFactory, RedisCalls calls, String namespace,
			SharedCacheProperties properties) {
		this.redis = new ReactiveStringRedisTemplate(connectionFactory);
		this.calls = calls;
		this.namespace = namespace;
		this.properties = properties;
	}

	/**
	 * The shared level of cache {@code name}; its entries, JSON of {@code type}, expire
	 * after {@code ttl}.
	 */
	public <V> SharedCache<V> cache(String name, Duration ttl, Class<V> type) {
		return new RedisSharedCache<>(this.redis, this.calls, this.namespace, name, ttl, this.properties, this.json,
				type);
	}

	/**
	 * Deletes every shared entry and lease of this app (a fetch under way then writes
	 * nothing), then tells every replica to evict its first level.
	 */
	public CompletableFuture<Void> evictAll() {
		return evict(List.of(this.namespace + "cache:*", this.namespace + "lease:*"), ALL);
	}

	/**
	 * The same for one employee's entries: keys of the caches' shared levels start with
	 * the employee id ({@code {<employee id>:...}}); {@code employeeId} is a checked id
	 * (letters, digits, '-' and '_': nothing a pattern would read).
	 */
	public CompletableFuture<Void> evictEmployee(String employeeId) {
		return evict(List.of(this.namespace + "cache:*:{" + employeeId + ":*",
				this.namespace + "lease:*:{" + employeeId + ":*"), EMPLOYEE + employeeId);
	}

	/** The channel evictions are told on. */
	String channel() {
		return this.namespace + "cache-evictions";
	}

	ReactiveStringRedisTemplate redis() {
		return this.redis;
	}

	Duration reconnectPause() {
		return this.calls.retryAfter();
	}

	private CompletableFuture<Void> evict(List<String> patterns, String message) {
		Mono<Long> deleted = Flux.fromIterable(patterns)
			.concatMap((pattern) -> this.redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build()))
			.buffer(500)
			.concatMap((keys) -> this.redis.unlink(keys.toArray(String[]::new)))
			.reduce(0L, Long::sum);
		return this.calls.call(deleted.then(this.redis.convertAndSend(channel(), message)))
			.thenApply((receivers) -> null);
	}

}
