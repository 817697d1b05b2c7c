package com.leavegateway.sandbox;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import com.leavegateway.sandbox.SandboxHttp.Answer;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** Without the sandbox profile there is no simulator at all: no bean, no route. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "feishu.app-id=cli_test_not_sandbox", "feishu.app-secret=test-secret-not-sandbox",
				"gateway.security.api-keys.test=test-key", "gateway.security.admins=test" })
class SandboxProfileOffTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void noSandboxBeanExists() {
		List<String> sandboxBeans = Arrays.stream(this.context.getBeanDefinitionNames()).filter((name) -> {
			Class<?> type = this.context.getType(name);
			return name.toLowerCase().contains("sandbox")
					|| (type != null && type.getName().startsWith("com.leavegateway.sandbox"));
		}).toList();
		assertThat(sandboxBeans).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxProperties.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxDirectory.class)).isEmpty();
		assertThat(this.context.getEnvironment().getProperty("feishu.app-id")).isEqualTo("cli_test_not_sandbox");
	}

	@Test
	void noSandboxRouteAnswers() {
		SandboxHttp http = new SandboxHttp(URI.create("http://127.0.0.1:" + this.port + "/sandbox/feishu"));
		Answer balances = http.get("/open-apis/corehr/v1/leaves/leave_balances", "t-whatever",
				List.of(entry("page_size", "20")));
		assertThat(balances.status()).isEqualTo(404);
		Answer records = http.getWithBody("/open-apis/attendance/v1/leave_employ_expire_records/7000000000000000000",
				"t-whatever", List.of(), "{}");
		assertThat(records.status()).isEqualTo(404);
		Answer token = http.post("/open-apis/auth/v3/tenant_access_token/internal",
				"{\"app_id\":\"cli_sandbox_demo0000\",\"app_secret\":\"sandbox-demo-secret-not-a-real-secret\"}");
		assertThat(token.status()).isEqualTo(404);
		SandboxHttp root = new SandboxHttp(URI.create("http://127.0.0.1:" + this.port));
		assertThat(root.send("POST", "/sandbox/faults", "test-key", "{\"type\":\"SLOW\",\"latency\":\"1s\"}").status())
			.isEqualTo(404);
		assertThat(root.send("GET", "/sandbox/faults", "test-key", null).status()).isEqualTo(404);
	}

}
