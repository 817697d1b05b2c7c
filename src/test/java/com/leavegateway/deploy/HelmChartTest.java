package com.leavegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints and renders the Helm chart with Helm embedded through helm-java (no helm binary,
 * no network, no cluster) and checks the rendered manifests: restricted security context,
 * probes, the per-pod share of the Feishu quota, and that no secret is ever rendered.
 */
class HelmChartTest {

	private static final Path CHART = Path.of("helm", "feishu-leave-gateway");

	private static final String RELEASE = "lg";

	private static final String FULLNAME = "lg-feishu-leave-gateway";

	private static String appVersion;

	@BeforeAll
	static void readChart() throws IOException {
		Map<String, Object> chart = new Yaml().load(Files.readString(CHART.resolve("Chart.yaml")));
		appVersion = String.valueOf(chart.get("appVersion"));
	}

	@Test
	void lintStrictPasses() {
		LintResult result = new Helm(CHART).lint().strict().call();
		assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages())
			.noneMatch((message) -> message.contains("[ERROR]") || message.contains("[WARNING]"));
	}

	@Test
	void defaultRenderIsRestrictedAndProbed() {
		Rendered rendered = render(UnaryOperator.identity());

		Map<String, Object> deployment = rendered.one("Deployment");
		Map<String, Object> podSpec = map(map(map(deployment, "spec"), "template"), "spec");
		assertThat(podSpec.get("automountServiceAccountToken")).isEqualTo(false);
		Map<String, Object> podSecurity = map(podSpec, "securityContext");
		assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
		assertThat(map(podSecurity, "seccompProfile").get("type")).isEqualTo("RuntimeDefault");
		assertThat((Integer) podSecurity.get("runAsUser")).isPositive();

		Map<String, Object> container = list(podSpec, "containers").get(0);
		assertThat(container.get("image")).isEqualTo("feishu-leave-gateway:" + appVersion);
		Map<String, Object> security = map(container, "securityContext");
		assertThat(security.get("runAsNonRoot")).isEqualTo(true);
		assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(map(security, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
		assertThat(map(security, "seccompProfile").get("type")).isEqualTo("RuntimeDefault");

		assertThat(probePath(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
		assertThat(probePath(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
		assertThat(probePath(container, "startupProbe")).isEqualTo("/actuator/health/liveness");
		assertThat(map(map(container, "livenessProbe"), "httpGet").get("port")).isEqualTo("http");
		assertThat(list(container, "ports").get(0).get("containerPort")).isEqualTo(8080);

		Map<String, Object> resources = map(container, "resources");
		assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
		assertThat(map(resources, "limits")).containsKey("memory");

		assertThat(list(container, "volumeMounts")).anySatisfy((mount) -> {
			assertThat(mount.get("mountPath")).isEqualTo("/tmp");
			assertThat(mount.get("name")).isEqualTo("tmp");
		});
		assertThat(list(podSpec, "volumes")).anySatisfy((volume) -> {
			assertThat(volume.get("name")).isEqualTo("tmp");
			assertThat(volume).containsKey("emptyDir");
		});
		assertThat((Integer) podSpec.get("terminationGracePeriodSeconds")).isGreaterThan(30);

		Map<String, Object> podMetadata = map(map(map(deployment, "spec"), "template"), "metadata");
		assertThat(map(podMetadata, "annotations")).containsKey("checksum/config");
		assertThat(env(container)).containsEntry("SPRING_CONFIG_IMPORT",
				"optional:configtree:/etc/leave-gateway/config/,optional:configtree:/etc/leave-gateway/secrets/");

		Map<String, Object> serviceAccount = rendered.one("ServiceAccount");
		assertThat(serviceAccount.get("automountServiceAccountToken")).isEqualTo(false);
		assertThat(podSpec.get("serviceAccountName")).isEqualTo(map(serviceAccount, "metadata").get("name"));

		assertThat(rendered.kinds()).contains("Deployment", "Service", "ServiceAccount", "ConfigMap",
				"HorizontalPodAutoscaler", "PodDisruptionBudget");
		assertThat(rendered.kinds()).doesNotContain("Ingress", "ServiceMonitor", "NetworkPolicy", "Secret");
		// Default: HPA 2..4 pods, so each pod gets a quarter of the tenant-wide quota.
		Map<String, Object> config = map(rendered.one("ConfigMap"), "data");
		assertThat(config).containsEntry("feishu.quotas.leave-balances.limit", "25")
			.containsEntry("feishu.quotas.leave-expire-records.limit", "12")
			.containsEntry("feishu.quotas.leave-balances.period", "60s")
			.containsEntry("feishu.quotas.leave-expire-records.period", "1s")
			.containsEntry("server.port", "8080");
		assertThat(map(deployment, "spec")).doesNotContainKey("replicas");
	}

	@Test
	void hpaMaxReplicasDividesTheQuota() {
		Rendered rendered = render((helm) -> helm.set("hpa.enabled", "true")
			.set("hpa.maxReplicas", "4")
			.set("feishu.quotas.leaveBalances.limit", "100")
			.set("feishu.quotas.leaveExpireRecords.limit", "50"));

		Map<String, Object> config = map(rendered.one("ConfigMap"), "data");
		assertThat(config).containsEntry("feishu.quotas.leave-balances.limit", "25");
		assertThat(config).containsEntry("feishu.quotas.leave-expire-records.limit", "12");
		assertThat(map(rendered.one("HorizontalPodAutoscaler"), "spec")).containsEntry("maxReplicas", 4);
	}

	@Test
	void withoutHpaReplicaCountDividesTheQuota() {
		Rendered rendered = render((helm) -> helm.set("hpa.enabled", "false").set("replicaCount", "3"));

		Map<String, Object> config = map(rendered.one("ConfigMap"), "data");
		assertThat(config).containsEntry("feishu.quotas.leave-balances.limit", "33");
		assertThat(config).containsEntry("feishu.quotas.leave-expire-records.limit", "16");
		assertThat(map(rendered.one("Deployment"), "spec")).containsEntry("replicas", 3);
		assertThat(rendered.kinds()).doesNotContain("HorizontalPodAutoscaler");
	}

	@Test
	void rolloutSurgeCountsInTheDivisor() {
		Rendered rendered = render((helm) -> helm.set("hpa.maxReplicas", "4").set("updateStrategy.maxSurge", "1"));

		Map<String, Object> config = map(rendered.one("ConfigMap"), "data");
		assertThat(config).containsEntry("feishu.quotas.leave-balances.limit", "20");
		assertThat(config).containsEntry("feishu.quotas.leave-expire-records.limit", "10");
	}

	@Test
	void moreReplicasThanQuotaFailsTheRender() {
		assertThatThrownBy(() -> render((helm) -> helm.set("hpa.maxReplicas", "101")))
			.hasMessageContaining("feishu.quotas.leaveBalances.limit=100 shared by up to 101 pods leaves each pod 0");
		// The gateway needs a limit of at least 2 per pod (it spaces calls period /
		// (limit - 1) apart).
		assertThatThrownBy(() -> render((helm) -> helm.set("hpa.maxReplicas", "51")))
			.hasMessageContaining("feishu.quotas.leaveBalances.limit=100 shared by up to 51 pods leaves each pod 1")
			.hasMessageContaining("at most 50");
		assertThatThrownBy(() -> render((helm) -> helm.set("hpa.enabled", "false").set("replicaCount", "26")))
			.hasMessageContaining(
					"feishu.quotas.leaveExpireRecords.limit=50 shared by up to 26 pods leaves each pod 1");
		// 25 pods: 100 / 25 = 4 and 50 / 25 = 2, still allowed.
		Rendered rendered = render((helm) -> helm.set("hpa.maxReplicas", "25"));
		assertThat(map(rendered.one("ConfigMap"), "data")).containsEntry("feishu.quotas.leave-balances.limit", "4")
			.containsEntry("feishu.quotas.leave-expire-records.limit", "2");
	}

	@Test
	void localCoordinationIsTheDefaultAndNeedsNoRedis() {
		Rendered rendered = render((helm) -> helm.set("networkPolicy.enabled", "true"));

		Map<String, Object> config = map(rendered.one("ConfigMap"), "data");
		assertThat(config).containsEntry("gateway.coordination.mode", "local")
			.doesNotContainKeys("spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.ssl.enabled");
		assertThat(egressPorts(rendered)).containsExactlyInAnyOrder(53, 53, 443);
		assertThat(map(rendered.one("HorizontalPodAutoscaler"), "metadata").get("annotations"))
			.isEqualTo(Map.of("leave-gateway/per-pod-leave-balances-limit", "25"));
	}

	@Test
	void redisCoordinationSharesTheWholeQuotaThroughRedis() {
		Rendered rendered = render((helm) -> helm.set("coordination.mode", "redis")
			.set("redis.host", "redis.cache.svc.cluster.local")
			.set("redis.port", "6380")
			.set("redis.tls.enabled", "true")
			.set("redis.existingSecret", "redis-auth")
			.set("redis.existingSecretPasswordKey", "password")
			.set("hpa.maxReplicas", "4")
			.set("updateStrategy.maxSurge", "1")
			.set("networkPolicy.enabled", "true")
			.set("networkPolicy.redisTo[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "cache"));

		// The whole quota, not 100 / (4 + 1): the pods share one window in Redis.
		Map<String, Object> config = map(rendered.one("ConfigMap"), "data");
		assertThat(config).containsEntry("gateway.coordination.mode", "redis")
			.containsEntry("spring.data.redis.host", "redis.cache.svc.cluster.local")
			.containsEntry("spring.data.redis.port", "6380")
			.containsEntry("spring.data.redis.ssl.enabled", "true")
			.containsEntry("feishu.quotas.leave-balances.limit", "100")
			.containsEntry("feishu.quotas.leave-expire-records.limit", "50")
			.allSatisfy((key, value) -> assertThat(key).doesNotContain("password"));
		assertThat(map(rendered.one("HorizontalPodAutoscaler"), "metadata")).doesNotContainKey("annotations");

		// The password: an existing Secret's key, mounted as a one-file config tree.
		Map<String, Object> podSpec = map(map(map(rendered.one("Deployment"), "spec"), "template"), "spec");
		assertThat(list(podSpec, "volumes")).anySatisfy((volume) -> {
			assertThat(volume.get("name")).isEqualTo("redis-password");
			assertThat(map(volume, "secret")).containsEntry("secretName", "redis-auth")
				.containsEntry("items", List.of(Map.of("key", "password", "path", "spring.data.redis.password")));
		});
		Map<String, Object> container = list(podSpec, "containers").get(0);
		assertThat(list(container, "volumeMounts")).anySatisfy((mount) -> {
			assertThat(mount.get("name")).isEqualTo("redis-password");
			assertThat(mount.get("mountPath")).isEqualTo("/etc/leave-gateway/redis");
			assertThat(mount.get("readOnly")).isEqualTo(true);
		});
		assertThat(env(container)).containsEntry("SPRING_CONFIG_IMPORT",
				"optional:configtree:/etc/leave-gateway/config/,optional:configtree:/etc/leave-gateway/secrets/,"
						+ "optional:configtree:/etc/leave-gateway/redis/");
		assertThat(rendered.text()).doesNotContain("secretKeyRef", "stringData");

		// Egress to Redis's port, towards the peers given.
		assertThat(egressPorts(rendered)).containsExactlyInAnyOrder(53, 53, 443, 6380);
		Map<String, Object> redisRule = egressRule(rendered, 6380);
		assertThat(redisRule.get("to")).isEqualTo(List
			.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "cache")))));
	}

	@Test
	void redisCoordinationWithoutPasswordSecretOrPeers() {
		Rendered rendered = render((helm) -> helm.set("coordination.mode", "redis")
			.set("redis.host", "redis")
			.set("hpa.maxReplicas", "101")
			.set("networkPolicy.enabled", "true"));

		// No per-pod division, so no pod count is too many for the quota.
		Map<String, Object> config = map(rendered.one("ConfigMap"), "data");
		assertThat(config).containsEntry("spring.data.redis.port", "6379")
			.containsEntry("spring.data.redis.ssl.enabled", "false")
			.containsEntry("feishu.quotas.leave-balances.limit", "100");
		Map<String, Object> podSpec = map(map(map(rendered.one("Deployment"), "spec"), "template"), "spec");
		assertThat(list(podSpec, "volumes"))
			.noneSatisfy((volume) -> assertThat(volume.get("name")).isEqualTo("redis-password"));
		assertThat(env(list(podSpec, "containers").get(0))).containsEntry("SPRING_CONFIG_IMPORT",
				"optional:configtree:/etc/leave-gateway/config/,optional:configtree:/etc/leave-gateway/secrets/");
		Map<String, Object> redisRule = egressRule(rendered, 6379);
		assertThat(redisRule).doesNotContainKey("to");
	}

	@Test
	void theSchemaRefusesRedisModeWithoutAHostAndUnknownModes() {
		String schema = "values don't meet the specifications of the schema";
		assertThatThrownBy(() -> render((helm) -> helm.set("coordination.mode", "redis"))).hasMessageContaining(schema)
			.hasMessageContaining("/redis/host");
		assertThatThrownBy(() -> render((helm) -> helm.set("coordination.mode", "redis").set("redis.host", "")))
			.hasMessageContaining(schema)
			.hasMessageContaining("/redis/host");
		assertThatThrownBy(() -> render((helm) -> helm.set("coordination.mode", "shared"))).hasMessageContaining(schema)
			.hasMessageContaining("/coordination/mode");
		// The password never goes through values.
		assertThatThrownBy(() -> render((helm) -> helm.set("redis.password", "s3cr3t"))).hasMessageContaining(schema)
			.hasMessageContaining("'password' not allowed");
		assertThatThrownBy(() -> render((helm) -> helm.set("config.spring\\.data\\.redis\\.host", "redis")))
			.hasMessageContaining("set by a dedicated value");
	}

	@Test
	void notesTellWhoSharesTheQuota() {
		String local = new Helm(CHART).install()
			.clientOnly()
			.dryRun()
			.withName(RELEASE)
			.withNamespace("leave")
			.call()
			.getOutput();
		assertThat(local).contains("Feishu quota per pod", "leave balances:        25 per 60s");
		String redis = new Helm(CHART).install()
			.clientOnly()
			.dryRun()
			.withName(RELEASE)
			.withNamespace("leave")
			.set("coordination.mode", "redis")
			.set("redis.host", "redis")
			.call()
			.getOutput();
		assertThat(redis).contains("Feishu quota shared by all pods through Redis at redis:6379",
				"leave balances:        100 per 60s");
	}

	@Test
	void secretsComeOnlyFromAnExistingSecret() {
		Rendered rendered = render((helm) -> helm.set("secrets.existingSecret", "feishu-creds")
			.set("ingress.enabled", "true")
			.set("metrics.serviceMonitor.enabled", "true")
			.set("networkPolicy.enabled", "true")
			.set("feishu.appId", "cli_demo_app")
			.set("springProfiles", "sandbox"));

		assertThat(rendered.kinds()).doesNotContain("Secret");
		Map<String, Object> podSpec = map(map(map(rendered.one("Deployment"), "spec"), "template"), "spec");
		assertThat(list(podSpec, "volumes")).anySatisfy((volume) -> {
			assertThat(volume.get("name")).isEqualTo("secrets");
			assertThat(map(volume, "secret")).containsEntry("secretName", "feishu-creds");
		});
		Map<String, Object> container = list(podSpec, "containers").get(0);
		assertThat(list(container, "volumeMounts")).anySatisfy((mount) -> {
			assertThat(mount.get("mountPath")).isEqualTo("/etc/leave-gateway/secrets");
			assertThat(mount.get("readOnly")).isEqualTo(true);
		});
		assertThat(env(container)).containsEntry("SPRING_PROFILES_ACTIVE", "sandbox");
		// The app ID is not secret; the app secret and the API keys never appear in any
		// manifest.
		assertThat(map(rendered.one("ConfigMap"), "data")).containsEntry("feishu.app-id", "cli_demo_app")
			.doesNotContainKeys("feishu.app-secret")
			.allSatisfy((key, value) -> assertThat(key).doesNotContain("secret", "api-keys", "password"));
		assertThat(rendered.text()).doesNotContain("app-secret:", "api-keys.", "secretKeyRef", "stringData");
	}

	@Test
	void secretsCannotBePutInValues() {
		assertThatThrownBy(() -> render((helm) -> helm.set("feishu.appSecret", "s3cr3t")))
			.hasMessageContaining("appSecret");
		assertThatThrownBy(() -> render((helm) -> helm.set("config.feishu\\.app-secret", "s3cr3t")))
			.hasMessageContaining("looks secret");
		assertThatThrownBy(() -> render((helm) -> helm.set("config.gateway\\.security\\.api-keys\\.frontend", "k")))
			.hasMessageContaining("looks secret");
	}

	@Test
	void securityContextCannotBeLoosened() {
		assertThatThrownBy(() -> render((helm) -> helm.set("securityContext.readOnlyRootFilesystem", "false")))
			.hasMessageContaining("readOnlyRootFilesystem");
		assertThatThrownBy(() -> render((helm) -> helm.set("securityContext.allowPrivilegeEscalation", "true")))
			.hasMessageContaining("allowPrivilegeEscalation");
		assertThatThrownBy(() -> render((helm) -> helm.set("podSecurityContext.runAsNonRoot", "false")))
			.hasMessageContaining("runAsNonRoot");
		assertThatThrownBy(() -> render((helm) -> helm.set("podSecurityContext.seccompProfile.type", "Unconfined")))
			.hasMessageContaining("seccompProfile");
		assertThatThrownBy(() -> render((helm) -> helm.set("containerPort", "80")))
			.hasMessageContaining("containerPort");
	}

	@Test
	void extraConfigIsRenderedAsPropertyNames() {
		Rendered rendered = render((helm) -> helm.set("config.logging\\.level\\.com\\.leavegateway", "DEBUG")
			.set("gateway.admins[0]", "ops")
			.set("gateway.admins[1]", "hr-tools"));
		assertThat(map(rendered.one("ConfigMap"), "data")).containsEntry("logging.level.com.leavegateway", "DEBUG")
			.containsEntry("gateway.security.admins", "ops,hr-tools");
	}

	@Test
	void optionalResourcesRender(@TempDir Path temp) throws IOException {
		Path values = temp.resolve("values.yaml");
		Files.writeString(values, """
				ingress:
				  enabled: true
				  className: nginx
				  hosts:
				    - host: leave.example.internal
				      paths:
				        - path: /api
				          pathType: Prefix
				  tls:
				    - secretName: leave-tls
				      hosts: [leave.example.internal]
				metrics:
				  serviceMonitor:
				    enabled: true
				    labels:
				      release: prometheus
				networkPolicy:
				  enabled: true
				  ingressFrom:
				    - namespaceSelector:
				        matchLabels:
				          kubernetes.io/metadata.name: frontend
				image:
				  repository: registry.example.internal/feishu-leave-gateway
				  digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
				""");
		Rendered rendered = render((helm) -> helm.withValuesFile(values));

		assertThat(rendered.kinds()).contains("Ingress", "ServiceMonitor", "NetworkPolicy");
		Map<String, Object> monitor = map(rendered.one("ServiceMonitor"), "spec");
		assertThat(list(monitor, "endpoints").get(0)).containsEntry("path", "/actuator/prometheus");
		Map<String, Object> policy = map(rendered.one("NetworkPolicy"), "spec");
		assertThat(policy.get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		Map<String, Object> container = list(map(map(map(rendered.one("Deployment"), "spec"), "template"), "spec"),
				"containers")
			.get(0);
		assertThat(container.get("image")).isEqualTo("registry.example.internal/feishu-leave-gateway@sha256:"
				+ "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
		// Only the name of the TLS Secret is referenced; the chart still renders no
		// Secret.
		assertThat(rendered.kinds()).doesNotContain("Secret");
	}

	@Test
	void gracePeriodMustExceedTheShutdownPhase() {
		assertThatThrownBy(() -> render((helm) -> helm.set("terminationGracePeriodSeconds", "30")))
			.hasMessageContaining("must exceed shutdownTimeout");
	}

	@Test
	void everyValueIsDocumented() throws IOException {
		// Every leaf value needs a comment right above it, or an ancestor block with a
		// comment above it.
		List<String> undocumented = new ArrayList<>();
		List<int[]> blocks = new ArrayList<>(); // {indent, documented ? 1 : 0}
		String previous = "";
		for (String line : Files.readAllLines(CHART.resolve("values.yaml"))) {
			String trimmed = line.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			if (trimmed.matches("[A-Za-z][\\w.-]*:.*")) {
				int indent = line.indexOf(trimmed);
				blocks.removeIf((block) -> block[0] >= indent);
				boolean documented = previous.startsWith("#") || blocks.stream().anyMatch((block) -> block[1] == 1);
				if (trimmed.endsWith(":")) {
					blocks.add(new int[] { indent, documented ? 1 : 0 });
				}
				else if (!documented) {
					undocumented.add(trimmed);
				}
			}
			previous = trimmed;
		}
		assertThat(undocumented).as("values.yaml keys without a comment").isEmpty();
	}

	private static Rendered render(UnaryOperator<TemplateCommand> options) {
		String text = options.apply(new Helm(CHART).template().withName(RELEASE).withNamespace("leave")).call();
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(text)) {
			if (document instanceof Map<?, ?> map) {
				documents.add(cast(map));
			}
		}
		return new Rendered(text, documents);
	}

	/** The NetworkPolicy's egress rule whose first port is {@code port}. */
	private static Map<String, Object> egressRule(Rendered rendered, int port) {
		return list(map(rendered.one("NetworkPolicy"), "spec"), "egress").stream()
			.filter((rule) -> list(rule, "ports").get(0).get("port").equals(port))
			.findFirst()
			.orElseThrow();
	}

	/** Every port of every egress rule of the NetworkPolicy. */
	private static List<Object> egressPorts(Rendered rendered) {
		return list(map(rendered.one("NetworkPolicy"), "spec"), "egress").stream()
			.flatMap((rule) -> list(rule, "ports").stream())
			.map((port) -> port.get("port"))
			.toList();
	}

	private static String probePath(Map<String, Object> container, String probe) {
		return (String) map(map(container, probe), "httpGet").get("path");
	}

	private static Map<String, String> env(Map<String, Object> container) {
		Map<String, String> env = new LinkedHashMap<>();
		for (Map<String, Object> variable : list(container, "env")) {
			env.put((String) variable.get("name"), (String) variable.get("value"));
		}
		return env;
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		assertThat(value).as("%s in %s", key, parent.keySet()).isInstanceOf(Map.class);
		return cast((Map<?, ?>) value);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		assertThat(value).as("%s in %s", key, parent.keySet()).isInstanceOf(List.class);
		return (List<Map<String, Object>>) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	private record Rendered(String text, List<Map<String, Object>> documents) {

		List<String> kinds() {
			return this.documents.stream().map((document) -> (String) document.get("kind")).toList();
		}

		Map<String, Object> one(String kind) {
			List<Map<String, Object>> matching = this.documents.stream()
				.filter((document) -> kind.equals(document.get("kind")))
				.toList();
			assertThat(matching).as("rendered %s objects", kind).hasSize(1);
			Map<String, Object> document = matching.get(0);
			assertThat(Optional.ofNullable((Map<?, ?>) document.get("metadata")).map((m) -> (Object) m.get("name")))
				.hasValue(FULLNAME);
			return document;
		}

	}

}
