/**
 * The gateway's caches: the Caffeine caches behind Spring's cache manager and their
 * metrics, their settings ({@code gateway.cache.*}), the cache admin endpoints
 * ({@code /api/v1/admin/caches}) and {@link com.leavegateway.cache.CacheEvictions} (this
 * replica's caches, and in {@code redis} mode the shared level through its hook), and
 * {@link com.leavegateway.cache.EmployeeScopedKey} for keys that belong to one employee;
 * and what every cache shares about freshness: {@link com.leavegateway.cache.Freshness}
 * (whether an entry may answer a request, from its {@code fetchedAt}, the cache's ttl and
 * max-stale and the caller's {@link com.leavegateway.cache.RequestCacheControl}),
 * {@link com.leavegateway.cache.CacheStatus} (the RFC 9211 header of every cached answer)
 * and {@link com.leavegateway.cache.RefreshMeters}; and refresh-ahead, one schedule for
 * every cache that has it ({@link com.leavegateway.cache.RefreshesAhead}), with its
 * entries' bookkeeping ({@link com.leavegateway.cache.RefreshableEntry},
 * {@link com.leavegateway.cache.ReadEntries}).
 */
@NullMarked
package com.leavegateway.cache;

import org.jspecify.annotations.NullMarked;
