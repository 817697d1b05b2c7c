package com.leavegateway.support;

import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * "Now" for the whole-stack tests is {@link GatewayStackTest#NOW}; the application takes
 * its Clock from here.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FixedClockConfiguration {

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(GatewayStackTest.NOW);
	}

}
