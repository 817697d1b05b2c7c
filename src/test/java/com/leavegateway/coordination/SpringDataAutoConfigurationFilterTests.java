package com.leavegateway.coordination;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Which auto-configurations {@link SpringDataAutoConfigurationFilter} lets through. */
class SpringDataAutoConfigurationFilterTests {

	private static final String[] CANDIDATES = {
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
			"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
			"org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration",
			"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration", null };

	@Test
	void withoutTheModeSetRedisSpringDataWebAndTransactionsAreLeftOut() {
		assertThat(match(new MockEnvironment())).containsExactly(false, false, false, false, false, true, true);
	}

	@Test
	void inRedisModeOnlyRedisApplies() {
		assertThat(match(new MockEnvironment().withProperty("gateway.coordination.mode", "redis")))
			.containsExactly(true, true, false, false, false, true, true);
	}

	@Test
	void theModeIsReadWithRelaxedNamesLikeTheProperty() {
		MockEnvironment fromVariables = new MockEnvironment();
		fromVariables.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("GATEWAY_COORDINATION_MODE", "REDIS")));
		assertThat(match(fromVariables)).containsExactly(true, true, false, false, false, true, true);
		assertThat(match(new MockEnvironment().withProperty("gateway.coordination.mode", "local")))
			.containsExactly(false, false, false, false, false, true, true);
	}

	private static boolean[] match(MockEnvironment environment) {
		SpringDataAutoConfigurationFilter filter = new SpringDataAutoConfigurationFilter();
		filter.setEnvironment(environment);
		return filter.match(CANDIDATES, null);
	}

}
