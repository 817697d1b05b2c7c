package com.leavegateway.balances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.leavegateway.cache.CacheProperties;
import com.leavegateway.web.Futures;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.QuotaEngine;
import com.leavegateway.quota.Urgency;
import com.leavegateway.sharedcache.SharedCache;
import com.leavegateway.sharedcache.SharedCache.Claim;
import com.leavegateway.sharedcache.SharedCaches;

/**
 * The balances cache's shared second level, in {@code redis} mode; in {@code local} mode
 * it does nothing and {@link BalanceLoader} works as it always did.
 * <p>
 * Before a request's misses are admitted, each employee-day the first level lacks is
 * claimed from the shared level (one script call each, pipelined): an entry another
 * replica fetched fills the first level (a hit: no Feishu call, no quota needed); a key
 * nobody fetches is leased, so that this replica fetches it and writes the entry
 * ({@link #fetched}); while another replica holds the key's lease, the request waits for
 * that entry, at most its remaining budget (then it fetches itself and writes nothing).
 * Identical misses on several replicas thus make one Feishu call. With
 * {@code Cache-Control: no-cache} the keys are leased without reading, so that the fresh
 * answers replace the shared ones.
 * <p>
 * Redis failing fails the request (503 {@code COORDINATION_UNAVAILABLE}); a failed write
 * after a fetch only costs the other replicas a fetch of their own.
 */
@Component
class SharedBalances {

	/** None: {@code local} mode (and unit tests of the loader). */
	static final SharedBalances NONE = new SharedBalances(null, null);

	private static final Log logger = LogFactory.getLog(SharedBalances.class);

	private final @Nullable SharedCache<Employee> shared;

	private final @Nullable QuotaEngine quota;

	/** The leases this replica holds, until their fetch is answered. */
	private final Map<BalanceKey, SharedCache.Lease> leases = new ConcurrentHashMap<>();

	@Autowired
	SharedBalances(ObjectProvider<SharedCaches> sharedCaches, CacheProperties caches,
			ObjectProvider<QuotaEngine> quota) {
		this(balances(sharedCaches.getIfAvailable(), caches), quota.getIfAvailable());
	}

	private SharedBalances(@Nullable SharedCache<Employee> shared, @Nullable QuotaEngine quota) {
		this.shared = shared;
		this.quota = quota;
	}

	private static @Nullable SharedCache<Employee> balances(@Nullable SharedCaches level, CacheProperties caches) {
		return (level != null) ? level.cache(CacheProperties.BALANCES, caches.balances().kept(), Employee.class) : null;
	}

	/**
	 * Claims the keys {@code absent} (those the first level lacks, or holds only too old
	 * for the request; see the class comment), then goes on with {@code next}, off
	 * Redis's threads; at once in {@code local} mode. Cancelling the result cancels
	 * {@code next}'s. Leases that no fetch took up (the request failed or gave up first,
	 * or another request of this replica answered the key meanwhile) are released.
	 */
	<T> CompletableFuture<T> claim(List<BalanceKey> absent, boolean refresh, Urgency urgency,
			AsyncCache<BalanceKey, CachedEmployee> firstLevel, Supplier<CompletableFuture<T>> next) {
		SharedCache<Employee> shared = this.shared;
		QuotaEngine quota = this.quota;
		if (shared == null || quota == null || absent.isEmpty()) {
			return next.get();
		}
		Duration wait = quota.remaining(urgency);
		List<BalanceKey> leased = Collections.synchronizedList(new ArrayList<>());
		CompletableFuture<?>[] claims = absent.stream()
			.map((key) -> claim(shared, key, refresh, wait).thenAccept((claimed) -> {
				if (claimed instanceof Claim.Found<Employee> found) {
					CachedEmployee entry = CachedEmployee.of(found.entry().value());
					firstLevel.asMap()
						.compute(key, (k, current) -> older(current, entry) ? CompletableFuture.completedFuture(entry)
								: current);
				}
				else if (claimed instanceof Claim.Leased<Employee> lease) {
					this.leases.put(key, lease.lease());
					leased.add(key);
				}
			}))
			.toArray(CompletableFuture[]::new);
		CompletableFuture<T> result = new CompletableFuture<>();
		AtomicReference<CompletableFuture<T>> then = new AtomicReference<>();
		result.whenComplete((value, failure) -> {
			releaseUnused(leased, firstLevel);
			if (result.isCancelled() && then.get() != null) {
				then.get().cancel(false);
			}
		});
		CompletableFuture.allOf(claims).whenCompleteAsync((claimed, failure) -> {
			if (failure != null) {
				result.completeExceptionally(Futures.cause(failure));
				return;
			}
			then.set(next.get());
			if (result.isCancelled()) {
				then.get().cancel(false);
			}
			then.get().whenComplete((value, thenFailure) -> {
				if (thenFailure != null) {
					result.completeExceptionally(Futures.cause(thenFailure));
				}
				else {
					result.complete(value);
				}
			});
		});
		return result;
	}

	/** Whether the first level's {@code current} may give way to {@code found}. */
	private static boolean older(@Nullable CompletableFuture<CachedEmployee> current, CachedEmployee found) {
		if (current == null) {
			return true;
		}
		CachedEmployee entry = Refreshes.done(current);
		return current.isDone() && (entry == null || entry.fetchedAt().isBefore(found.fetchedAt()));
	}

	/**
	 * Whether this replica is to refresh {@code key} in the background: always in
	 * {@code local} mode; in {@code redis} mode when it takes the key's lease (its entry
	 * is then written to the shared level by {@link #fetched}), so that one replica
	 * refreshes a key. Fails when Redis cannot answer.
	 */
	CompletableFuture<Boolean> leaseForRefresh(BalanceKey key) {
		SharedCache<Employee> shared = this.shared;
		if (shared == null) {
			return CompletableFuture.completedFuture(true);
		}
		return shared.lease(sharedKey(key)).thenApply((lease) -> {
			lease.ifPresent((taken) -> this.leases.put(key, taken));
			return lease.isPresent();
		});
	}

	private CompletableFuture<Claim<Employee>> claim(SharedCache<Employee> shared, BalanceKey key, boolean refresh,
			Duration wait) {
		if (!refresh) {
			return shared.claim(sharedKey(key), wait);
		}
		return shared.lease(sharedKey(key))
			.thenApply((lease) -> lease.<Claim<Employee>>map(Claim.Leased::new).orElseGet(Claim.Unclaimed::new));
	}

	/**
	 * After {@code key}'s fetch: writes what Feishu answered under the key's lease, if
	 * this replica holds it; ends the lease without an entry when there is nothing to
	 * share (unknown, refused or failed).
	 */
	void fetched(BalanceKey key, @Nullable Employee employee) {
		SharedCache<Employee> shared = this.shared;
		SharedCache.Lease lease = (shared != null) ? this.leases.remove(key) : null;
		if (shared == null || lease == null) {
			return;
		}
		CompletableFuture<Boolean> done = (employee != null)
				? shared.put(lease, new SharedCache.Entry<>(employee, employee.fetchedAt())) : shared.release(lease);
		done.whenComplete((ours, failure) -> {
			if (failure != null || !ours) {
				logger.debug("Shared balances entry not written: " + ((failure != null) ? failure : "lease lost"));
			}
		});
	}

	/** Releases the leases of keys no fetch of this replica has under way. */
	private void releaseUnused(List<BalanceKey> leased, AsyncCache<BalanceKey, CachedEmployee> firstLevel) {
		List<BalanceKey> keys;
		synchronized (leased) {
			keys = List.copyOf(leased);
		}
		for (BalanceKey key : keys) {
			CompletableFuture<CachedEmployee> present = firstLevel.getIfPresent(key);
			if (present == null || present.isDone()) {
				fetched(key, null);
			}
		}
	}

	/**
	 * The employee id first, so that one employee's entries can be evicted together;
	 * nothing in it is a brace (ids are checked, zones and dates have none).
	 */
	private static String sharedKey(BalanceKey key) {
		BalanceQuery query = key.query();
		return key.employeeId() + ":" + query.idType() + ":" + query.asOfDate() + ":" + query.timeZone().getId() + ":"
				+ query.includeOffboard();
	}

}
