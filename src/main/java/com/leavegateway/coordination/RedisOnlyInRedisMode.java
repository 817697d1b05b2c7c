package com.leavegateway.coordination;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Redis auto-configurations out unless
 * {@code gateway.coordination.mode=redis}. In {@code local} mode nothing uses Redis, yet
 * its client resources, connection factory and templates took about half a second of each
 * start and a thousand classes (BENCHMARKS.md, "Start-up"). Registered in
 * {@code META-INF/spring.factories}; in {@code redis} mode the auto-configurations apply
 * as before.
 */
class RedisOnlyInRedisMode implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String REDIS_AUTO_CONFIGURATIONS = "org.springframework.boot.data.redis.autoconfigure.";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		// Bound like the property itself (relaxed names, any case), so both agree on the
		// mode.
		boolean redisMode = Binder.get(this.environment)
			.bind("gateway.coordination.mode", CoordinationProperties.Mode.class)
			.map(CoordinationProperties.Mode.REDIS::equals)
			.orElse(false);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = redisMode || candidate == null || !candidate.startsWith(REDIS_AUTO_CONFIGURATIONS);
		}
		return matches;
	}

}
