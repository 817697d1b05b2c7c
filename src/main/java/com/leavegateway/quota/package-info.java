/**
 * Scheduling of a scarce upstream quota (Feishu's calls per app and tenant): an exact
 * send-time window per quota (a call answered later than the spacing margin counts from
 * its answer, as the upstream may have counted it that late), callers served by
 * {@link com.leavegateway.quota.Priority} and then by arrival, a limit of calls in
 * flight, a per-request budget refused up front, and the upstream's own pause.
 * <p>
 * Nothing here parks a thread: {@link com.leavegateway.quota.QuotaEngine#acquire} answers
 * a {@link java.util.concurrent.CompletableFuture} of a
 * {@link com.leavegateway.quota.Permit}, and waits are timer tasks of a
 * {@link com.leavegateway.quota.QuotaTime}, which tests replace by a clock they move by
 * hand. Where the window lives is a {@link com.leavegateway.quota.SendWindow}: in memory
 * for one replica ({@link com.leavegateway.quota.SendWindows#local()}), or in a shared
 * store for many (the {@code coordination} package). Quotas are known by name only: this
 * package depends on none of the gateway's others.
 */
@NullMarked
package com.leavegateway.quota;

import org.jspecify.annotations.NullMarked;
