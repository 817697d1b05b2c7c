package com.leavegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs the built container image the way the Helm chart runs it (non-root, read-only root
 * filesystem with a tmpfs /tmp, all capabilities dropped, settings and secrets as Spring
 * config trees) on the sandbox profile, and checks the probes, one API call and the
 * process user.
 * <p>
 * Runs only in the {@code container-it} Maven profile
 * ({@code ./mvnw verify -Pcontainer-it}) and only where a Docker API is reachable
 * (Docker, or podman's Docker-compatible socket: see {@code scripts/container-it.sh}).
 * The image is {@code -Dcontainer.image=<name>} when given, otherwise built from the
 * Dockerfile with {@code -Dcontainer.base-image} and {@code -Dcontainer.build-image} as
 * its base images.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImageIT {

	private static final Logger logger = LoggerFactory.getLogger(ContainerImageIT.class);

	private static final String CONSUMER = "container-it";

	/**
	 * Random per run; reaches the container only through the mounted secret config tree.
	 */
	private static final String API_KEY = "it-" + UUID.randomUUID();

	private static final String EMPLOYEE_IDS = System.getProperty("container.employee-ids", "7383310440851843102");

	@Container
	static final GenericContainer<?> gateway = createContainer();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void probesAreUp() throws Exception {
		HttpResponse<String> liveness = get("/actuator/health/liveness", Map.of());
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("UP");
		HttpResponse<String> readiness = get("/actuator/health/readiness", Map.of());
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("UP");
	}

	@Test
	void leaveBalancesAnswerOnTheSandboxProfile() throws Exception {
		HttpResponse<String> response = get("/api/v1/leave-balances?employeeIds=" + EMPLOYEE_IDS,
				Map.of("X-API-Key", API_KEY));
		logger.info("GET /api/v1/leave-balances -> {} {}", response.statusCode(), response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"employeeId\":\"" + EMPLOYEE_IDS + "\"").contains("\"leaveTypeId\"");
	}

	@Test
	void processDoesNotRunAsRoot() {
		String imageUser = gateway.getContainerInfo().getConfig().getUser();
		assertThat(imageUser).as("image USER").isNotBlank().doesNotStartWith("root").doesNotStartWith("0");
		// The JVM's user as the container engine sees it (the image has no shell or `id`
		// to exec).
		TopContainerResponse top = top();
		List<String> titles = Arrays.asList(top.getTitles());
		int userColumn = titles.indexOf(titles.contains("USER") ? "USER" : "UID");
		assertThat(userColumn).as("ps columns %s", titles).isNotNegative();
		List<String[]> processes = Arrays.asList(top.getProcesses());
		assertThat(processes).isNotEmpty().allSatisfy((process) -> {
			logger.info("container process: {}", Arrays.toString(process));
			assertThat(process[userColumn]).isNotIn("root", "0");
		});
	}

	/**
	 * {@code docker top}: Docker passes ps options, podman's compatible API takes its own
	 * descriptors.
	 */
	private static TopContainerResponse top() {
		@Nullable RuntimeException failure = null;
		for (String psArgs : List.of("-o user,pid,args", "user,pid,args")) {
			try {
				TopContainerResponse top = DockerClientFactory.instance()
					.client()
					.topContainerCmd(gateway.getContainerId())
					.withPsArgs(psArgs)
					.exec();
				if (top != null && top.getTitles() != null && top.getProcesses() != null) {
					return top;
				}
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		throw new IllegalStateException("no process list from the container engine", failure);
	}

	private HttpResponse<String> get(String path, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://" + gateway.getHost() + ":" + gateway.getMappedPort(8080) + path))
			.timeout(Duration.ofSeconds(30));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static GenericContainer<?> createContainer() {
		String image = System.getProperty("container.image", "");
		GenericContainer<?> container = image.isBlank() ? new GenericContainer<>(buildImage())
				: new GenericContainer<>(DockerImageName.parse(image));
		Path configTree = configTree("config", Map.of("server.port", "8080", "feishu.quotas.leave-balances.limit", "25",
				"feishu.quotas.leave-expire-records.limit", "12"));
		Path secretTree = configTree("secrets", Map.of("gateway.security.api-keys." + CONSUMER, API_KEY));
		return container.withExposedPorts(8080)
			.withEnv("SPRING_PROFILES_ACTIVE", "sandbox")
			// As the Helm chart does: settings and secrets are Spring config trees.
			.withEnv("SPRING_CONFIG_IMPORT",
					"optional:configtree:/etc/leave-gateway/config/,optional:configtree:/etc/leave-gateway/secrets/")
			.withFileSystemBind(configTree.toString(), "/etc/leave-gateway/config", BindMode.READ_ONLY)
			.withFileSystemBind(secretTree.toString(), "/etc/leave-gateway/secrets", BindMode.READ_ONLY)
			.withTmpFs(Map.of("/tmp", "rw,size=64m,mode=1777"))
			.withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig()
				.withReadonlyRootfs(true)
				.withCapDrop(Capability.ALL)
				.withSecurityOpts(List.of("no-new-privileges"))
				.withMemory(768L * 1024 * 1024))
			.withLogConsumer(new Slf4jLogConsumer(logger).withPrefix("gateway"))
			.waitingFor(Wait.forHttp("/actuator/health/readiness").forPort(8080).forStatusCode(200))
			.withStartupTimeout(Duration.ofMinutes(3));
	}

	/**
	 * Builds the Dockerfile of this project; the jar must have been packaged before
	 * (Maven's package phase).
	 */
	private static ImageFromDockerfile buildImage() {
		Path root = Path.of("").toAbsolutePath();
		try (var jars = Files.list(root.resolve("target"))) {
			if (jars.noneMatch((path) -> path.getFileName().toString().matches("feishu-leave-gateway-.*\\.jar"))) {
				throw new IllegalStateException("no jar in target/: run ./mvnw package first");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ImageFromDockerfile("localhost/feishu-leave-gateway-it", true)
			// Context: the project directory, filtered by .dockerignore down to the jar.
			.withDockerfile(root.resolve("Dockerfile"))
			.withBuildArg("BASE_IMAGE", System.getProperty("container.base-image", "eclipse-temurin:25-jre"))
			.withBuildArg("BUILD_IMAGE", System.getProperty("container.build-image", "eclipse-temurin:25-jdk"))
			.withBuildArg("AOT_CACHE", System.getProperty("container.aot-cache", "true"));
	}

	/**
	 * A directory of files named after Spring properties, readable by the container's
	 * non-root user.
	 */
	private static Path configTree(String name, Map<String, String> properties) {
		try {
			Path dir = Files.createTempDirectory("leave-gateway-" + name);
			dir.toFile().deleteOnExit();
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
			for (Map.Entry<String, String> property : properties.entrySet()) {
				Path file = Files.writeString(dir.resolve(property.getKey()), property.getValue());
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
				file.toFile().deleteOnExit();
			}
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
