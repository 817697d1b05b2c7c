# syntax=docker/dockerfile:1
#
# Runtime image of feishu-leave-gateway.
#
# Build the jar first (no Maven and no network inside the image build):
#   ./mvnw -B -DskipTests package
#   docker build -t feishu-leave-gateway:0.1.0-SNAPSHOT .
#
# Both base images can be swapped (e.g. for a locally built or mirrored JRE):
#   --build-arg BASE_IMAGE=<JRE 25 image>    runtime stage (needs `java` on PATH, no shell required)
#   --build-arg BUILD_IMAGE=<JRE/JDK image>  layer extraction stage (needs `java` on PATH, no shell required)
#   --build-arg AOT_CACHE=false              skip the JDK 25 AOT cache training run
#
# Nothing secret is baked in: the Feishu app secret and the API keys are supplied at run time
# (environment variables, or a Spring config tree mounted at /etc/leave-gateway/secrets/).

ARG BUILD_IMAGE=eclipse-temurin:25-jdk
ARG BASE_IMAGE=eclipse-temurin:25-jre
# "true": train and ship a JDK 25 AOT cache (JEP 483/514/515) for faster start; "false": no cache.
ARG AOT_CACHE=true

# ---- 1. Split the Spring Boot jar into its layers (dependencies change rarely, the application often).
FROM ${BUILD_IMAGE} AS layers
WORKDIR /build
COPY target/feishu-leave-gateway-*.jar application.jar
# Exec form: works on images without a shell (e.g. a jlink'ed JRE).
RUN ["java", "-Djarmode=tools", "-jar", "application.jar", "extract", "--layers", "--destination", "extracted", "--application-filename", "application.jar"]

# ---- 2. Runtime base: the JRE plus the layered application, one image layer per Spring Boot layer.
FROM ${BASE_IMAGE} AS app
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./

# ---- 3a. With AOT cache: one training run (context refresh only, no web server, no Feishu calls,
# sandbox profile so no credentials are needed) with the runtime's JVM options; the cache is written
# next to the jar. -Xlog:aot=error hides the list of classes the cache cannot hold (proxies, JFR events).
FROM app AS aot-true
RUN ["java", "-XX:AOTCacheOutput=/app/application.aot", "-Xlog:aot=error", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=/tmp", "-Dspring.context.exit=onRefresh", "-Dspring.profiles.active=sandbox", "-Dspring.main.banner-mode=off", "-jar", "/app/application.jar"]
# Read by the java launcher (JDK 9+); keep this flag when overriding JDK_JAVA_OPTIONS.
ENV JDK_JAVA_OPTIONS="-XX:AOTCache=/app/application.aot"

# ---- 3b. Without AOT cache.
FROM app AS aot-false

# ---- 4. Final image.
FROM aot-${AOT_CACHE}
# Fixed numeric non-root uid/gid: no useradd needed, works on minimal bases, and matches
# runAsUser/runAsGroup 10001 in the Helm chart (Kubernetes can verify runAsNonRoot with a numeric user).
USER 10001:10001
# Above 1024: no capability needed to bind it (server.port, Spring Boot's default 8080).
EXPOSE 8080
# -XX:MaxRAMPercentage=75: heap sized from the container memory limit (cgroup aware), leaving
#   a quarter for metaspace, thread stacks, direct buffers and the code cache.
# -XX:+ExitOnOutOfMemoryError: let the orchestrator restart a broken JVM instead of limping on.
# --enable-native-access=ALL-UNNAMED: Netty (WebClient) loads native code; JDK 24+ warns otherwise.
# The AOT cache (AOT_CACHE=true) is switched on by JDK_JAVA_OPTIONS, set in the aot-true stage above.
# -Djava.io.tmpdir=/tmp: the only writable path under a read-only root filesystem (emptyDir/tmpfs).
# Extra options: JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS at run time.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=/tmp", "-jar", "/app/application.jar"]
