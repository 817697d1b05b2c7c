package com.leavegateway.feishu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.leavegateway.LeaveGatewayApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Without Feishu credentials the gateway refuses to start, and says how to set them or
 * try the sandbox instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingCredentialsStartupTests {

	@Test
	void refusesToStartWithoutAppIdAndExplainsWhatToDo(CapturedOutput output) {
		// Command-line arguments outrank FEISHU_APP_ID and FEISHU_APP_SECRET should the
		// machine have them.
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(LeaveGatewayApplication.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "gateway.security.api-keys.test=test-key")
			.run("--feishu.app-id=", "--feishu.app-secret=some-secret"));

		assertThat(failure).isNotNull().hasRootCauseInstanceOf(MissingFeishuCredentialsException.class);
		FailureAnalysis analysis = new MissingFeishuCredentialsFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("feishu.app-id", "feishu.app-secret");
		assertThat(analysis.getAction()).contains("FEISHU_APP_ID", "FEISHU_APP_SECRET",
				"spring-boot.run.profiles=sandbox");
		// Printed by Boot's failure reporter, so the analyzer is registered
		// (META-INF/spring.factories).
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "FEISHU_APP_ID",
				"spring-boot.run.profiles=sandbox");
		assertThat(output.getAll()).doesNotContain("some-secret");
	}

	@Test
	void refusesToStartWithoutAppSecretToo() {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(LeaveGatewayApplication.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "gateway.security.api-keys.test=test-key")
			.run("--feishu.app-id=cli_test_app", "--feishu.app-secret="));

		assertThat(failure).hasRootCauseInstanceOf(MissingFeishuCredentialsException.class);
	}

}
