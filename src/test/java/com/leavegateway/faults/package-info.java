/**
 * Fault tests: the stand-in Feishu misbehaves in one way per test, and each test states
 * what the caller gets (status, problem code, Retry-After), how many upstream calls the
 * failure cost, that the gateway recovers by itself once Feishu heals, and that nothing
 * wrong was left in the cache.
 */
@NullMarked
package com.leavegateway.faults;

import org.jspecify.annotations.NullMarked;
