/**
 * The caches' shared second level ({@code gateway.coordination.mode=redis} only): each
 * entry (one employee-day's answer with its {@code fetchedAt}) in Redis for every
 * replica, in front of which each replica keeps its short in-process Caffeine level.
 * {@link com.leavegateway.sharedcache.SharedCache} is what a miss path calls: read an
 * entry, or take the key's lease (so that of identical misses on several replicas one
 * fetches and the others wait for its entry), write under the lease, release it.
 * {@link com.leavegateway.sharedcache.EvictionChannel} makes an admin eviction delete the
 * shared entries at once and reach every replica's first level through pub/sub.
 * <p>
 * Like the shared quota, everything here fails closed: when Redis cannot answer, a
 * command fails with
 * {@link com.leavegateway.coordination.CoordinationUnavailableException} (503
 * {@code COORDINATION_UNAVAILABLE}); what a replica's first level holds may still be
 * served. In {@code local} mode no bean of this package exists.
 */
@NullMarked
package com.leavegateway.sharedcache;

import org.jspecify.annotations.NullMarked;
