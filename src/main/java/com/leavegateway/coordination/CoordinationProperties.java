package com.leavegateway.coordination;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whether, and how, the replicas of one deployment share state.
 *
 * @param mode {@code local} (the default): each replica keeps its quotas in memory, so
 * {@code feishu.quotas.*.limit} is that replica's share, and no Redis is needed.
 * {@code redis}: the quota windows and Feishu's pauses live in Redis (connected with the
 * standard {@code spring.data.redis.*} properties), {@code feishu.quotas.*.limit} is the
 * whole deployment's quota, and any replica may use all of it while the others idle.
 * @param keyPrefix Start of every Redis key, followed by the Feishu app id and a colon:
 * two deployments of one app (same prefix) share its quota, two apps never do.
 * @param commandTimeout Longest wait for one Redis answer; after it, Redis counts as
 * unreachable and the caller is refused (no permit is ever granted without Redis).
 * @param retryAfter The {@code Retry-After} callers are given while Redis is unreachable;
 * also the longest wait between two attempts to reconnect (at least a second), so that a
 * caller who asks again as told finds the replica reconnected.
 */
@ConfigurationProperties("gateway.coordination")
@Validated
public record CoordinationProperties(@DefaultValue("local") @NotNull Mode mode,
		@DefaultValue("feishu-leave-gateway:") @NotNull @Pattern(regexp = "[^\\s{}]+",
				message = "must be non-empty, without whitespace or braces") String keyPrefix,
		@DefaultValue("2s") @NotNull Duration commandTimeout, @DefaultValue("5s") @NotNull Duration retryAfter) {

	/** Where shared state lives. */
	public enum Mode {

		/** In each replica's memory: no sharing, no Redis. */
		LOCAL,

		/** In Redis, shared by every replica of one Feishu app. */
		REDIS

	}

}
