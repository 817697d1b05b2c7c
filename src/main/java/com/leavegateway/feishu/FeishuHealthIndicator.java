package com.leavegateway.feishu;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness as far as Feishu goes: a tenant token can be had (a cached one counts, so a
 * probe costs no call while one is valid) and no circuit breaker is open. Part of the
 * readiness group only: liveness never asks Feishu.
 */
class FeishuHealthIndicator implements HealthIndicator {

	private final FeishuClient client;

	private final CircuitBreakerRegistry circuitBreakers;

	FeishuHealthIndicator(FeishuClient client, CircuitBreakerRegistry circuitBreakers) {
		this.client = client;
		this.circuitBreakers = circuitBreakers;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		boolean anyOpen = false;
		for (FeishuApi api : FeishuApi.values()) {
			CircuitBreaker.State state = this.circuitBreakers.circuitBreaker(api.id()).getState();
			health.withDetail("circuitBreaker." + api.id(), state.name());
			anyOpen |= state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
		}
		try {
			this.client.tenantToken();
			health.withDetail("tenantToken", "available");
		}
		catch (RuntimeException ex) {
			// The reason stays in the log: the health answer says only that no token
			// could be had.
			return health.down().withDetail("tenantToken", "unavailable").build();
		}
		return anyOpen ? health.outOfService().build() : health.build();
	}

}
