package com.leavegateway.coordination;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out the Spring Data auto-configurations the gateway has no use for. Spring Data
 * is on the class path for {@code gateway.coordination.mode=redis} alone, yet Spring Boot
 * configured it at every start (about half a second and a thousand classes,
 * BENCHMARKS.md, "Start-up"):
 * <ul>
 * <li>Redis (Lettuce resources, connection factories, templates) applies in {@code redis}
 * mode only; nothing uses it in {@code local} mode;</li>
 * <li>Spring Data's web support (pageable, sort and projection arguments, its Jackson
 * modules) and repository metrics never apply: the gateway has no repositories and no
 * endpoint takes such arguments;</li>
 * <li>the transaction and persistence auto-configurations that come with Spring Data
 * never apply either: nothing is transactional, and no {@code @Repository} bean needs its
 * exceptions translated (the post-processor inspected every bean at start).</li>
 * </ul>
 * Registered in {@code META-INF/spring.factories}.
 */
class SpringDataAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String REDIS = "org.springframework.boot.data.redis.autoconfigure.";

	private static final String DATA_COMMONS = "org.springframework.boot.data.autoconfigure.";

	private static final String TRANSACTION = "org.springframework.boot.transaction.";

	private static final String PERSISTENCE = "org.springframework.boot.persistence.autoconfigure.";

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
			matches[i] = candidate == null || !(neverUsed(candidate) || (!redisMode && candidate.startsWith(REDIS)));
		}
		return matches;
	}

	private static boolean neverUsed(String candidate) {
		return candidate.startsWith(DATA_COMMONS) || candidate.startsWith(TRANSACTION)
				|| candidate.startsWith(PERSISTENCE);
	}

}
