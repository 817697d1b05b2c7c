package com.leavegateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ECS JSON lines ops ship (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs, as the Helm chart
 * sets it) carry no empty or misleading fields: no empty {@code service.node}, no
 * {@code COMMONS-LOGGING} tag on Spring's own lines (Spring logs through commons-logging,
 * which marks its lines so). Spring Boot's own encoder, on a logger context of its own:
 * the JVM's logging stays as the other tests expect it.
 */
class StructuredLoggingTests {

	private static final String SPRING_LINE = "Initializing Servlet 'dispatcherServlet'";

	@Test
	void ecsLinesHaveNoEmptyOrMisleadingFields() throws IOException {
		String line = ecsLine(withApplicationYml());
		assertThat(line).contains("\"message\":\"" + SPRING_LINE + "\"")
			.contains("\"service\":{\"name\":\"feishu-leave-gateway\"}")
			.doesNotContain("\"node\"")
			.doesNotContain("\"tags\"")
			.doesNotContain("COMMONS-LOGGING");
	}

	@Test
	void withoutTheSettingsTheLineHasBoth() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("name", Map.of("spring.application.name", "feishu-leave-gateway")));
		assertThat(ecsLine(environment)).contains("\"node\":{}").contains("\"tags\":[\"COMMONS-LOGGING\"]");
	}

	private static ConfigurableEnvironment withApplicationYml() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
			.forEach(environment.getPropertySources()::addLast);
		return environment;
	}

	private static String ecsLine(Environment environment) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.putObject(Environment.class.getName(), environment);
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat("ecs");
		encoder.start();
		try {
			Logger logger = context.getLogger("org.springframework.web.servlet.DispatcherServlet");
			LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, SPRING_LINE, null, null);
			event.addMarker(MarkerFactory.getMarker("COMMONS-LOGGING"));
			return new String(encoder.encode(event), StandardCharsets.UTF_8);
		}
		finally {
			encoder.stop();
		}
	}

}
