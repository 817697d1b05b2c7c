package com.leavegateway.sharedcache;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.leavegateway.cache.CacheEvictions;
import com.leavegateway.cache.EmployeeScopedKey;
import com.leavegateway.coordination.CoordinationUnavailableException;
import com.leavegateway.coordination.RedisCalls;
import com.leavegateway.coordination.TestRedis;
import com.leavegateway.leave.Balance;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.LeaveUnit;
import com.leavegateway.sharedcache.SharedCache.Claim;
import com.leavegateway.sharedcache.SharedCache.Entry;
import com.leavegateway.sharedcache.SharedCache.Lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The shared level against the real Redis at 127.0.0.1:6379, under a key prefix of this
 * class's own: leases, compare-then-set, compare-and-delete, waiting for another's entry,
 * and evictions that reach another replica's first level.
 */
class SharedCacheTests {

	private static final String PREFIX = TestRedis.uniquePrefix();

	private static final String NAMESPACE = RedisCalls.namespace(PREFIX, "cli_test");

	private static final Duration TTL = Duration.ofMinutes(5);

	private static final RedisCalls CALLS = new RedisCalls(TestRedis.COMMAND_TIMEOUT, TestRedis.RETRY_AFTER);

	private static LettuceConnectionFactory connection;

	private static SharedCaches shared;

	@BeforeAll
	static void connect() {
		connection = TestRedis.connect(TestRedis.PORT);
		shared = caches(connection, Duration.ofSeconds(15));
	}

	@AfterAll
	static void disconnect() {
		connection.destroy();
		TestRedis.deleteKeys(PREFIX);
	}

	@Test
	void anEntryReadsBackExactlyAsWrittenWithItsFetchedAtAndLivesForTheCachesTtl() {
		SharedCache<Employee> cache = shared.cache("balances", TTL, Employee.class);
		Employee employee = employee("E1", "0.000001", "-1.50");
		Lease lease = cache.lease("E1:day").join().orElseThrow();

		assertThat(cache.put(lease, new Entry<>(employee, employee.fetchedAt())).join()).isTrue();

		Entry<Employee> read = cache.get("E1:day").join().orElseThrow();
		// Records compare decimals with their scale: "-1.50" stays -1.50.
		assertThat(read.value()).isEqualTo(employee);
		assertThat(read.fetchedAt()).isEqualTo(employee.fetchedAt());
		Long ttl = redis().getExpire(NAMESPACE + "cache:balances:{E1:day}");
		assertThat(ttl).isBetween(1L, TTL.toSeconds());
		assertThat(redis().hasKey(NAMESPACE + "lease:balances:{E1:day}")).as("the put ends the lease").isFalse();
	}

	@Test
	void ofManyConcurrentLeasesOfOneKeyExactlyOneIsGranted() {
		SharedCache<Employee> cache = shared.cache("balances", TTL, Employee.class);

		List<CompletableFuture<Optional<Lease>>> leases = IntStream.range(0, 20)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> cache.lease("E2:day").join()))
			.toList();

		assertThat(leases.stream().map(CompletableFuture::join).filter(Optional::isPresent)).hasSize(1);
	}

	@Test
	@Timeout(30)
	void aHolderThatOutlivedItsLeaseCannotOverwriteTheNewerHoldersEntry() {
		SharedCache<Employee> stale = caches(connection, Duration.ofMillis(300)).cache("balances", TTL, Employee.class);
		SharedCache<Employee> cache = shared.cache("balances", TTL, Employee.class);
		Lease old = stale.lease("E3:day").join().orElseThrow();
		Lease newer = await().until(() -> cache.lease("E3:day").join(), Optional::isPresent).orElseThrow();
		Employee fresh = employee("E3", "2", "3");
		assertThat(cache.put(newer, new Entry<>(fresh, fresh.fetchedAt())).join()).isTrue();

		Employee outdated = employee("E3", "9", "9");
		assertThat(stale.put(old, new Entry<>(outdated, outdated.fetchedAt())).join()).isFalse();

		assertThat(cache.get("E3:day").join().orElseThrow().value()).isEqualTo(fresh);
	}

	@Test
	@Timeout(30)
	void releaseDeletesOnlyTheCallersOwnLease() {
		SharedCache<Employee> stale = caches(connection, Duration.ofMillis(300)).cache("balances", TTL, Employee.class);
		SharedCache<Employee> cache = shared.cache("balances", TTL, Employee.class);
		Lease old = stale.lease("E4:day").join().orElseThrow();
		Lease current = await().until(() -> cache.lease("E4:day").join(), Optional::isPresent).orElseThrow();

		assertThat(stale.release(old).join()).isFalse();
		assertThat(cache.lease("E4:day").join()).as("still held by the current holder").isEmpty();

		assertThat(cache.release(current).join()).isTrue();
		assertThat(cache.lease("E4:day").join()).isPresent();
	}

	@Test
	@Timeout(30)
	void aWaiterGetsTheEntryTheHolderPuts() {
		SharedCache<Employee> cache = shared.cache("balances", TTL, Employee.class);
		Claim<Employee> first = cache.claim("E5:day", Duration.ofSeconds(20)).join();
		assertThat(first).isInstanceOf(Claim.Leased.class);

		CompletableFuture<Claim<Employee>> waiter = cache.claim("E5:day", Duration.ofSeconds(20));
		Employee employee = employee("E5", "1", "2");
		cache.put(((Claim.Leased<Employee>) first).lease(), new Entry<>(employee, employee.fetchedAt())).join();

		assertThat(waiter.join()).isEqualTo(new Claim.Found<>(new Entry<>(employee, employee.fetchedAt())));
	}

	@Test
	@Timeout(30)
	void aWaiterTakesTheLeaseWhenTheHolderGivesItUpWithoutAnEntry() {
		SharedCache<Employee> cache = shared.cache("balances", TTL, Employee.class);
		Claim<Employee> first = cache.claim("E6:day", Duration.ofSeconds(20)).join();

		CompletableFuture<Claim<Employee>> waiter = cache.claim("E6:day", Duration.ofSeconds(20));
		cache.release(((Claim.Leased<Employee>) first).lease()).join();

		assertThat(waiter.join()).isInstanceOf(Claim.Leased.class);
	}

	@Test
	@Timeout(30)
	void aHolderThatDiesMidFetchHoldsTheOthersNoLongerThanItsLease() {
		SharedCache<Employee> dying = caches(connection, Duration.ofMillis(300)).cache("balances", TTL, Employee.class);
		assertThat(dying.lease("E11:day").join()).isPresent();

		// Never put nor released: the waiter takes the lease once it has expired.
		assertThat(shared.cache("balances", TTL, Employee.class).claim("E11:day", Duration.ofSeconds(20)).join())
			.isInstanceOf(Claim.Leased.class);
	}

	@Test
	void aWaiterWhoseWaitEndsWhileAnotherHoldsTheLeaseIsUnclaimed() {
		SharedCache<Employee> cache = shared.cache("balances", TTL, Employee.class);
		assertThat(cache.lease("E7:day").join()).isPresent();

		assertThat(cache.claim("E7:day", Duration.ofMillis(50)).join()).isInstanceOf(Claim.Unclaimed.class);
	}

	@Test
	void anEntryOfAnotherVersionCountsAsNone() {
		SharedCache<Employee> cache = shared.cache("balances", TTL, Employee.class);
		redis().opsForValue().set(NAMESPACE + "cache:balances:{E8:day}", "{\"v\":2,\"answer\":{}}");

		assertThat(cache.get("E8:day").join()).isEmpty();
	}

	@Test
	@Timeout(60)
	void anEmployeesEvictionDeletesItsSharedEntriesAtOnceAndReachesAnotherReplicasFirstLevel() {
		SharedCache<Employee> cache = shared.cache("balances", TTL, Employee.class);
		for (String key : List.of("E9:day1", "E9:day2", "E10:day1")) {
			Employee employee = employee(key.substring(0, key.indexOf(':')), "1", "1");
			cache.put(cache.lease(key).join().orElseThrow(), new Entry<>(employee, employee.fetchedAt())).join();
		}
		FirstLevel here = new FirstLevel(shared);
		FirstLevel there = new FirstLevel(caches(connection, Duration.ofSeconds(15)));
		try {
			// PUBLISH answers how many subscribers got the message (one they ignore).
			await("both subscriptions").until(() -> redis().convertAndSend(shared.channel(), "hello"),
					(receivers) -> receivers >= 2);

			here.channel.evictEmployee("E9");

			assertThat(cache.get("E9:day1").join()).isEmpty();
			assertThat(cache.get("E9:day2").join()).isEmpty();
			assertThat(cache.get("E10:day1").join()).isPresent();
			await("the other replica's first level").atMost(Duration.ofSeconds(5))
				.until(() -> there.keys(), (keys) -> keys.equals(List.of("E10")));
		}
		finally {
			here.channel.stop();
			there.channel.stop();
		}
	}

	@Test
	void withRedisUnreachableEveryCommandFailsClosed() {
		LettuceConnectionFactory nowhere = TestRedis.connect(TestRedis.closedPort());
		try {
			SharedCache<Employee> cache = caches(nowhere, Duration.ofSeconds(15)).cache("balances", TTL,
					Employee.class);

			assertThatThrownBy(() -> cache.get("E1:day").join())
				.hasCauseInstanceOf(CoordinationUnavailableException.class);
			assertThatThrownBy(() -> cache.claim("E1:day", Duration.ofSeconds(1)).join())
				.hasCauseInstanceOf(CoordinationUnavailableException.class);
		}
		finally {
			nowhere.destroy();
		}
	}

	private static SharedCaches caches(LettuceConnectionFactory factory, Duration leaseTime) {
		return new SharedCaches(factory, CALLS, NAMESPACE,
				new SharedCacheProperties(leaseTime, Duration.ofMillis(10), Duration.ofMillis(100)));
	}

	private static StringRedisTemplate redis() {
		return new StringRedisTemplate(connection);
	}

	private static Employee employee(String id, String balance, String carriedOver) {
		Balance annual = new Balance("7001", null, Map.of("zh-CN", "年假"), LeaveUnit.DAY, null, new BigDecimal(balance),
				new BigDecimal(carriedOver), null, null, null, null, null, null, null, null, null);
		return new Employee(id, null, Map.of("zh-CN", "甲", "en-US", "Jia"), LocalDate.of(2025, 6, 1), List.of(annual),
				Instant.parse("2026-12-03T07:00:00.123456Z"));
	}

	/** One replica's first level: a Caffeine cache with one entry each of E9 and E10. */
	private static final class FirstLevel {

		private final CaffeineCacheManager caches = new CaffeineCacheManager();

		private final EvictionChannel channel;

		FirstLevel(SharedCaches shared) {
			this.caches.registerCustomCache("balances", Caffeine.newBuilder().build());
			this.caches.getCache("balances").put(new Key("E9"), "nine");
			this.caches.getCache("balances").put(new Key("E10"), "ten");
			StaticListableBeanFactory none = new StaticListableBeanFactory();
			this.channel = new EvictionChannel(shared,
					new CacheEvictions(this.caches, none.getBeanProvider(CacheEvictions.SharedLevel.class)));
			this.channel.start();
		}

		List<String> keys() {
			return ((com.github.benmanes.caffeine.cache.Cache<?, ?>) this.caches.getCache("balances").getNativeCache())
				.asMap()
				.keySet()
				.stream()
				.map((key) -> ((Key) key).employeeId())
				.toList();
		}

	}

	private record Key(String employeeId) implements EmployeeScopedKey {
	}

}
