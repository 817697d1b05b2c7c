/**
 * The gateway's caches: the Caffeine caches behind Spring's cache manager and their
 * metrics, their settings ({@code gateway.cache.*}), the cache admin endpoints
 * ({@code /api/v1/admin/caches}) and {@link com.leavegateway.cache.CacheEvictions} (this
 * replica's caches, and in {@code redis} mode the shared level through its hook), and
 * {@link com.leavegateway.cache.EmployeeScopedKey} for keys that belong to one employee.
 */
@NullMarked
package com.leavegateway.cache;

import org.jspecify.annotations.NullMarked;
