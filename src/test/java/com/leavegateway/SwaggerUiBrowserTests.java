package com.leavegateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * Swagger UI as ops meet it: headless Chromium (Debian's) driven by playwright-core opens
 * Swagger UI on the sandbox, authorizes with the demo key, and runs "Try it out" /
 * "Execute" on each of the four data operations with the values Swagger UI fills in; each
 * must answer 200 with data. The screenshot lands in target/swagger-ui.png.
 * {@code .ci/run} installs Chromium and the npm package and sets {@code CI=true}; under
 * CI the test fails when they are missing, elsewhere it is skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class SwaggerUiBrowserTests {

	private static final Path SCRIPT_DIR = Path.of("src/test/browser");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final String MISSING = "Chromium or playwright-core missing: apt-get install chromium; "
			+ "npm ci --prefix src/test/browser";

	@LocalServerPort
	int port;

	@Test
	void tryItOutWithTheDefaultsAnswersEveryOperation() throws IOException, InterruptedException {
		requireBrowser(
				Files.isExecutable(CHROMIUM) && Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core")),
				System.getenv("CI"));
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
		assertThat(output).contains("all 4 operations answered 200 with data");
		assertThat(screenshot).exists();
	}

	@Test
	void missingBrowserFailsUnderCiAndIsSkippedElsewhere() {
		requireBrowser(true, "true");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> requireBrowser(false, "true"))
			.withMessageContaining(MISSING);
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> requireBrowser(false, null));
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> requireBrowser(false, "false"));
	}

	/**
	 * A CI run must not pass by skipping: there, a missing browser is a failure.
	 */
	private static void requireBrowser(boolean ready, String ci) {
		if (ready) {
			return;
		}
		if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false")) {
			fail(MISSING + " (CI=" + ci + ")");
		}
		throw new TestAbortedException(MISSING);
	}

}
