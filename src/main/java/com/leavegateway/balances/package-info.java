/**
 * Leave balances: {@code GET /api/v1/leave-balances} for many employees (or all, also as
 * a streamed CSV or NDJSON export) and {@code GET
 * /api/v1/employees/{employeeId}/leave-balances} for one, as exact decimals with the
 * caller's language. The controller and its parameter records, the service, the loader
 * that coalesces and batches cache misses ({@code gateway.batching.*}), the refreshes
 * that keep entries in place while they are fetched again (stale-while-revalidate,
 * stale-if-error, refresh-ahead on a schedule), the listing of every employee from a
 * cached roster with its paging cursor, the cache entries (compact, each with its JSON
 * answer and ETag per language, made once), the filter that answers a plain one-employee
 * hit from those bytes ahead of Spring MVC, the export writer and the response record.
 */
@NullMarked
package com.leavegateway.balances;

import org.jspecify.annotations.NullMarked;
