package com.leavegateway.coordination;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import com.leavegateway.coordination.CoordinationProperties.Mode;

/**
 * Whether shared state can be reached: in {@code redis} mode a replica that cannot reach
 * Redis grants no permit, so it is not ready (liveness never asks). The answer names no
 * host and carries no exception text.
 */
class CoordinationHealthIndicator implements ReactiveHealthIndicator {

	private final Mode mode;

	private final @Nullable RedisSendWindows redis;

	CoordinationHealthIndicator(Mode mode, @Nullable RedisSendWindows redis) {
		this.mode = mode;
		this.redis = redis;
	}

	@Override
	public Mono<Health> health() {
		String mode = this.mode.name().toLowerCase();
		if (this.redis == null) {
			return Mono.just(Health.up().withDetail("mode", mode).build());
		}
		return Mono.fromFuture(this.redis::ping)
			.thenReturn(Health.up().withDetail("mode", mode).build())
			.onErrorResume((ex) -> Mono.just(Health.down().withDetail("mode", mode).build()));
	}

}
