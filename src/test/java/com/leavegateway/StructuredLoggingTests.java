package com.leavegateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.leavegateway.support.GatewayHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ECS JSON lines ops ship (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs, as the Helm chart
 * sets it) carry no empty or misleading fields: no empty {@code service.node}, no
 * {@code COMMONS-LOGGING} tag on Spring's own lines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.structured.format.console=ecs")
@ActiveProfiles("sandbox")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	@LocalServerPort
	int port;

	@Test
	void ecsLinesHaveNoEmptyOrMisleadingFields(CapturedOutput output) {
		GatewayHttp gateway = new GatewayHttp(this.port);
		assertThat(gateway.request("GET", "/api/v1/employees/7383310440851843102/leave-balances", "sandbox-demo-key")
			.status()).isEqualTo(200);
		// Spring's DispatcherServlet logs through commons-logging on the first request.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).contains("\"ecs\":{\"version\"")
				.contains("Initializing Servlet")
				.contains("GET /api/v1/employees/7383310440851843102/leave-balances 200"));
		assertThat(output.getOut()).doesNotContain("\"node\":{}").doesNotContain("COMMONS-LOGGING");
	}

}
