/**
 * State shared by all replicas of one gateway deployment: the
 * {@code gateway.coordination} settings, the Redis connection's use, and the Redis window
 * that makes Feishu's quota one quota for every replica
 * ({@link com.leavegateway.coordination.RedisSendWindows}).
 * <p>
 * When Redis cannot answer, everything here fails closed: the caller gets a
 * {@link com.leavegateway.coordination.CoordinationUnavailableException} (the web layer's
 * 503 {@code COORDINATION_UNAVAILABLE} with {@code Retry-After}); no replica ever falls
 * back to counting alone, which could push one window to the limit and more. In the
 * default {@code local} mode none of this talks to Redis, and no Redis is needed.
 */
@NullMarked
package com.leavegateway.coordination;

import org.jspecify.annotations.NullMarked;
