package com.leavegateway;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's clock. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	/**
	 * "Today", fetchedAt and token expiry come from here, so that tests can fix the time.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
