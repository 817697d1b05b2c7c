package com.leavegateway.sharedcache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import com.leavegateway.coordination.RedisCalls;

/**
 * One cache's shared level in Redis. Keys: {@code <namespace>cache:<name>:{<key>}} for
 * the entry (a string with a TTL) and {@code <namespace>lease:<name>:{<key>}} for its
 * lease (the holder's token, expiring after the lease time); the braces put both in one
 * cluster slot, as the scripts need. An entry is the JSON
 * {@code {"v":1,"fetchedAt":...,"value":...}}: another version, or anything unreadable,
 * counts as no entry.
 */
final class RedisSharedCache<V> implements SharedCache<V> {

	private static final Log logger = LogFactory.getLog(RedisSharedCache.class);

	private static final int VERSION = 1;

	private static final RedisScript<String> CLAIM = script("claim.lua", String.class);

	private static final RedisScript<Long> PUT = script("put.lua", Long.class);

	private static final RedisScript<Long> RELEASE = script("release.lua", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisCalls calls;

	private final String entries;

	private final String leases;

	private final String ttlMillis;

	private final String leaseMillis;

	private final SharedCacheProperties properties;

	private final JsonMapper json;

	private final JavaType storedType;

	RedisSharedCache(ReactiveStringRedisTemplate redis, RedisCalls calls, String namespace, String name, Duration ttl,
			SharedCacheProperties properties, JsonMapper json, Class<V> type) {
		this.redis = redis;
		this.calls = calls;
		this.entries = entryPrefix(namespace, name);
		this.leases = leasePrefix(namespace, name);
		this.ttlMillis = Long.toString(ttl.toMillis());
		this.leaseMillis = Long.toString(properties.leaseTime().toMillis());
		this.properties = properties;
		this.json = json;
		this.storedType = json.getTypeFactory().constructParametricType(Stored.class, type);
	}

	/** Where the entries of cache {@code name} start (for evictions). */
	static String entryPrefix(String namespace, String name) {
		return namespace + "cache:" + name + ":";
	}

	/** Where the leases of cache {@code name} start (for evictions). */
	static String leasePrefix(String namespace, String name) {
		return namespace + "lease:" + name + ":";
	}

	@Override
	public CompletableFuture<Optional<Entry<V>>> get(String key) {
		return this.calls
			.call(this.redis.opsForValue().get(entryKey(key)).map(Optional::of).defaultIfEmpty(Optional.empty()))
			.thenApply((stored) -> stored.map(this::decode).flatMap(Optional::ofNullable));
	}

	@Override
	public CompletableFuture<Optional<Lease>> lease(String key) {
		Lease lease = new Lease(key, UUID.randomUUID().toString());
		return this.calls
			.call(this.redis.opsForValue().setIfAbsent(leaseKey(key), lease.token(), this.properties.leaseTime()))
			.thenApply((taken) -> taken ? Optional.of(lease) : Optional.empty());
	}

	@Override
	public CompletableFuture<Boolean> put(Lease lease, Entry<V> entry) {
		String stored = this.json.writeValueAsString(new Stored<>(VERSION, entry.fetchedAt(), entry.value()));
		return this.calls
			.call(this.redis.execute(PUT, List.of(entryKey(lease.key()), leaseKey(lease.key())),
					List.of(lease.token(), stored, this.ttlMillis))
				.next())
			.thenApply((written) -> written == 1);
	}

	@Override
	public CompletableFuture<Boolean> release(Lease lease) {
		return this.calls
			.call(this.redis.execute(RELEASE, List.of(leaseKey(lease.key())), List.of(lease.token())).next())
			.thenApply((deleted) -> deleted == 1);
	}

	@Override
	public CompletableFuture<Claim<V>> claim(String key, Duration maxWait) {
		return claim(key, System.nanoTime() + maxWait.toNanos(), this.properties.firstPoll());
	}

	private CompletableFuture<Claim<V>> claim(String key, long deadlineNanos, Duration pause) {
		String token = UUID.randomUUID().toString();
		return this.calls
			.call(this.redis.execute(CLAIM, List.of(entryKey(key), leaseKey(key)), List.of(token, this.leaseMillis))
				.next())
			.thenCompose((reply) -> {
				if ("leased".equals(reply)) {
					return CompletableFuture.completedFuture(new Claim.Leased<>(new Lease(key, token)));
				}
				if (!"held".equals(reply)) {
					Entry<V> entry = decode(reply);
					if (entry != null) {
						return CompletableFuture.completedFuture(new Claim.Found<>(entry));
					}
					// Unreadable (another version): fetched anew, written over by no one.
					return CompletableFuture.completedFuture(new Claim.Unclaimed<>());
				}
				long left = deadlineNanos - System.nanoTime();
				if (left <= 0) {
					return CompletableFuture.completedFuture(new Claim.Unclaimed<>());
				}
				Duration wait = (pause.toNanos() < left) ? pause : Duration.ofNanos(left);
				Duration next = pause.multipliedBy(2);
				Duration longest = this.properties.longestPoll();
				return Mono.delay(wait)
					.toFuture()
					.thenCompose((tick) -> claim(key, deadlineNanos, (next.compareTo(longest) > 0) ? longest : next));
			});
	}

	private String entryKey(String key) {
		return this.entries + "{" + key + "}";
	}

	private String leaseKey(String key) {
		return this.leases + "{" + key + "}";
	}

	private @Nullable Entry<V> decode(String stored) {
		try {
			Stored<V> read = this.json.readValue(stored, this.storedType);
			if (read.v() == VERSION && read.value() != null && read.fetchedAt() != null) {
				return new Entry<>(read.value(), read.fetchedAt());
			}
		}
		catch (JacksonException ex) {
			// Below: counts as no entry.
		}
		logger.debug("Unreadable shared cache entry ignored");
		return null;
	}

	private static <T> RedisScript<T> script(String name, Class<T> type) {
		return RedisScript.of(new ClassPathResource(name, RedisSharedCache.class), type);
	}

	/**
	 * An entry as Redis keeps it.
	 *
	 * @param v the version of this layout
	 * @param fetchedAt when the value was read from the upstream
	 * @param value the value
	 */
	record Stored<V>(int v, Instant fetchedAt, V value) {
	}

}
