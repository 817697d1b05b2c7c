package com.leavegateway.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starting a second gateway inside the test JVM, beside the Spring test contexts. */
public final class SecondApplication {

	private SecondApplication() {
	}

	/**
	 * Starts the application with Spring Boot's logging system switched off for it:
	 * logging is JVM-wide, and a second application that configured it (and cleaned it up
	 * when closed) would change log levels and stop the console output under the tests
	 * that share this JVM.
	 */
	public static ConfigurableApplicationContext startLeavingLoggingAlone(SpringApplicationBuilder builder,
			String... args) {
		String key = "org.springframework.boot.logging.LoggingSystem";
		String previous = System.getProperty(key);
		System.setProperty(key, "none");
		try {
			return builder.run(args);
		}
		finally {
			if (previous == null) {
				System.clearProperty(key);
			}
			else {
				System.setProperty(key, previous);
			}
		}
	}

}
