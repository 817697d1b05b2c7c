package com.leavegateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Swagger UI as ops meet it: headless Chromium (Debian's) driven by playwright-core opens
 * Swagger UI on the sandbox, authorizes with the demo key, runs "Try it out" on
 * leave-balances and must see balances. The screenshot lands in target/swagger-ui.png.
 * {@code .ci/run} installs Chromium and the npm package; elsewhere the test is skipped
 * when they are missing, but never under CI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class SwaggerUiBrowserTests {

	private static final Path SCRIPT_DIR = Path.of("src/test/browser");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	@LocalServerPort
	int port;

	@Test
	void tryItOutOnLeaveBalancesShowsBalances() throws IOException, InterruptedException {
		boolean ready = Files.isExecutable(CHROMIUM)
				&& Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core"));
		assumeTrue(ready || System.getenv("CI") != null,
				"Chromium or playwright-core missing: apt-get install chromium; npm ci --prefix src/test/browser");
		Path screenshot = Path.of("target/swagger-ui.png").toAbsolutePath();
		Files.deleteIfExists(screenshot);
		Process node = new ProcessBuilder("node", "swagger-ui.mjs", "http://127.0.0.1:" + this.port, "sandbox-demo-key",
				screenshot.toString())
			.directory(SCRIPT_DIR.toFile())
			.redirectErrorStream(true)
			.start();
		boolean finished = node.waitFor(3, TimeUnit.MINUTES);
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!finished) {
			node.destroyForcibly();
		}
		assertThat(finished).as("browser test finished; output: %s", output).isTrue();
		assertThat(node.exitValue()).as("browser test output: %s", output).isZero();
		assertThat(screenshot).exists();
	}

}
