package com.leavegateway.sharedcache;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One cache's shared second level, by key (for balances, one employee-day). Every
 * operation is one Redis round trip, except {@link #claim}, which polls. Each fails with
 * a {@link com.leavegateway.coordination.CoordinationUnavailableException} when Redis
 * cannot answer.
 *
 * @param <V> what an entry holds
 */
public interface SharedCache<V> {

	/** The entry under {@code key}, empty when there is none (or it is unreadable). */
	CompletableFuture<Optional<Entry<V>>> get(String key);

	/**
	 * The key's lease ({@code SET NX PX}, a random token) for the lease time; empty when
	 * another holds it.
	 */
	CompletableFuture<Optional<Lease>> lease(String key);

	/**
	 * Writes the entry (for the cache's TTL) and ends the lease, only while the lease is
	 * still this holder's: false when it expired or was evicted meanwhile (a newer
	 * holder's entry is never overwritten).
	 */
	CompletableFuture<Boolean> put(Lease lease, Entry<V> entry);

	/**
	 * Ends the lease without an entry (the fetch failed or found nothing), only while it
	 * is this holder's: false otherwise.
	 */
	CompletableFuture<Boolean> release(Lease lease);

	/**
	 * The entry, or else the key's lease: while another holds the lease, polls (with
	 * growing pauses) until its holder puts the entry or gives the lease up, and at most
	 * {@code maxWait}; after that, {@link Claim.Unclaimed}.
	 */
	CompletableFuture<Claim<V>> claim(String key, Duration maxWait);

	/**
	 * One shared entry.
	 *
	 * @param value the answer
	 * @param fetchedAt when it was read from the upstream
	 */
	record Entry<V>(V value, Instant fetchedAt) {
	}

	/**
	 * The right to write one key: whoever holds it fetches, the others wait.
	 *
	 * @param key the cache key
	 * @param token this holder's random token
	 */
	record Lease(String key, String token) {
	}

	/** What {@link #claim} found. */
	sealed interface Claim<V> {

		/** Another replica's (or an earlier) fetch: no need to fetch. */
		record Found<V>(Entry<V> entry) implements Claim<V> {
		}

		/** This caller fetches, then puts or releases. */
		record Leased<V>(Lease lease) implements Claim<V> {
		}

		/**
		 * Another holder kept the lease through the whole wait (slow, or gone without
		 * releasing): the caller may fetch, but has nothing to write under.
		 */
		record Unclaimed<V>() implements Claim<V> {
		}

	}

}
