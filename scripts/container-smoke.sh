#!/usr/bin/env bash
# Container smoke test that needs no image registry.
#
#  1. installs podman and runc from the distribution if missing (Debian/Ubuntu, needs root);
#  2. builds a stand-in base image from this machine's own JDK 25: a jlink'ed JRE plus the few
#     host shared libraries it links against, imported with `podman import` (no registry pull);
#  3. builds ./Dockerfile against it (--build-arg BASE_IMAGE / BUILD_IMAGE);
#  4. runs the image like the Helm chart does (read-only root, tmpfs /tmp, all capabilities
#     dropped, no-new-privileges) on the sandbox profile, and checks readiness, liveness, that
#     the JVM does not run as root, one leave-balance call, and a graceful stop.
#
# Usage: scripts/container-smoke.sh [--build-only] [--keep] [--rebuild-base] [--no-package]
#   --build-only    stop after building the image (used by scripts/container-it.sh)
#   --keep          leave the container running after the checks
#   --rebuild-base  rebuild the stand-in base image even if it exists
#   --no-package    do not run ./mvnw package (use the jar already in target/)
# Environment (all optional):
#   JDK25_HOME      JDK 25 to jlink from (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   BASE_IMAGE      runtime/build base image (default localhost/temurin25-jre-local:25)
#   IMAGE           image to build (default localhost/feishu-leave-gateway:smoke)
#   AOT_CACHE       true|false, passed to the Dockerfile (default true)
#   PORT            host port on 127.0.0.1 (default 18080)
#   API_KEY         X-API-Key for the balance call (default sandbox-demo-key)
#   EMPLOYEE_IDS    employeeIds for the balance call (default a sandbox employee)
#   READY_TIMEOUT   seconds to wait for readiness (default 180)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
BASE_IMAGE="${BASE_IMAGE:-localhost/temurin25-jre-local:25}"
IMAGE="${IMAGE:-localhost/feishu-leave-gateway:smoke}"
AOT_CACHE="${AOT_CACHE:-true}"
PORT="${PORT:-18080}"
API_KEY="${API_KEY:-sandbox-demo-key}"
EMPLOYEE_IDS="${EMPLOYEE_IDS:-7383310440851843102}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
CONTAINER="leave-gateway-smoke-$$"
# crun fails on this kind of host; runc works with limits lowered below the host's hard limits
# (podman's defaults for open files and processes exceed them: "error setting rlimits").
PODMAN_RUNTIME_OPTS=(--runtime runc)
ULIMIT_OPTS=(--ulimit nofile=1024:1024 --ulimit nproc=4096:4096)

BUILD_ONLY=false KEEP=false REBUILD_BASE=false PACKAGE=true
for arg in "$@"; do
	case "$arg" in
		--build-only) BUILD_ONLY=true ;;
		--keep) KEEP=true ;;
		--rebuild-base) REBUILD_BASE=true ;;
		--no-package) PACKAGE=false ;;
		-h|--help) sed -n '2,26p' "$0"; exit 0 ;;
		*) echo "unknown argument: $arg" >&2; exit 2 ;;
	esac
done

log() { printf '[smoke] %s\n' "$*" >&2; }
fail() { printf '[smoke] FAIL: %s\n' "$*" >&2; exit 1; }

ensure_podman() {
	if command -v podman >/dev/null && command -v runc >/dev/null; then
		return
	fi
	[ "$(id -u)" = 0 ] || fail "podman and runc are missing; install them (apt-get install podman runc) or run as root"
	log "installing podman and runc (apt-get)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq podman runc >/dev/null
}

# Modules the application needs (jdeps --print-module-deps over the jar and its libraries),
# plus the usual runtime-only ones (logging, JMX, crypto, DNS, locales, zip file system).
JRE_MODULES="java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,\
java.xml.crypto,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.localedata,jdk.management,jdk.management.jfr,\
jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs"

build_base_image() {
	if [ "$REBUILD_BASE" = false ] && podman image exists "$BASE_IMAGE"; then
		log "base image $BASE_IMAGE already present"
		return
	fi
	[ -x "$JDK25_HOME/bin/jlink" ] || fail "no JDK 25 at $JDK25_HOME (set JDK25_HOME)"
	local work rootfs lib
	work="$(mktemp -d)"
	rootfs="$work/rootfs"
	log "jlink a JRE from $JDK25_HOME"
	mkdir -p "$rootfs/opt/java" "$rootfs/etc" "$rootfs/tmp" "$rootfs/app"
	"$JDK25_HOME/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
		--compress=zip-6 --output "$rootfs/opt/java/openjdk"
	# Shared libraries of the JRE's binaries as the host resolves them (glibc, zlib, libgcc_s...).
	log "copying the host libraries the JRE links against"
	{
		find "$rootfs/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 |
			xargs -0 ldd 2>/dev/null | awk '/=> \// { print $3 } /^[ \t]*\/[^ ]+ \(/ { print $1 }'
		# dlopen'ed by glibc for thread cancellation/unwinding, not visible to ldd.
		ls /lib/x86_64-linux-gnu/libgcc_s.so.1 2>/dev/null || true
	} | sort -u | while read -r lib; do
		case "$lib" in "$rootfs"/*) continue ;; esac
		cp --parents -L "$lib" "$rootfs/"
	done
	# Dynamic loader at its ABI path, whatever ldd printed.
	mkdir -p "$rootfs/lib64"
	cp -L /lib64/ld-linux-x86-64.so.2 "$rootfs/lib64/"
	chmod 1777 "$rootfs/tmp"
	printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/app:/sbin/nologin\n' >"$rootfs/etc/passwd"
	printf 'root:x:0:\napp:x:10001:\n' >"$rootfs/etc/group"
	printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
	printf '127.0.0.1 localhost\n::1 localhost\n' >"$rootfs/etc/hosts"
	log "importing $BASE_IMAGE ($(du -sh "$rootfs" | cut -f1))"
	tar -C "$rootfs" -c . | podman import \
		--change 'ENV=JAVA_HOME=/opt/java/openjdk' \
		--change 'ENV=PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'ENV=LANG=C.UTF-8' \
		--change 'CMD=["java","-version"]' \
		- "$BASE_IMAGE" >/dev/null
	rm -rf "$work"
	podman run --rm "${PODMAN_RUNTIME_OPTS[@]}" "${ULIMIT_OPTS[@]}" "$BASE_IMAGE" java -version 2>&1 | sed 's/^/[smoke]   /' >&2
}

build_app_image() {
	if [ "$PACKAGE" = true ]; then
		log "building the jar (./mvnw -B -q -DskipTests package)"
		(cd "$ROOT" && ./mvnw -B -q -DskipTests package)
	fi
	ls "$ROOT"/target/feishu-leave-gateway-*.jar >/dev/null 2>&1 || fail "no jar in target/; run ./mvnw -B -DskipTests package"
	log "building $IMAGE (BASE_IMAGE=$BASE_IMAGE, BUILD_IMAGE=$BASE_IMAGE, AOT_CACHE=$AOT_CACHE)"
	podman build "${PODMAN_RUNTIME_OPTS[@]}" "${ULIMIT_OPTS[@]}" \
		--build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "BUILD_IMAGE=$BASE_IMAGE" \
		--build-arg "AOT_CACHE=$AOT_CACHE" \
		-t "$IMAGE" -f "$ROOT/Dockerfile" "$ROOT" >&2
}

cleanup() {
	if [ "$KEEP" = false ]; then
		podman rm -f -t 0 "$CONTAINER" >/dev/null 2>&1 || true
	fi
}

http_status() { curl -s -o "$2" -w '%{http_code}' --max-time 10 "${@:3}" "$1" || true; }

run_smoke() {
	trap cleanup EXIT
	log "starting $CONTAINER on 127.0.0.1:$PORT (sandbox profile, read-only root, caps dropped)"
	podman run -d --name "$CONTAINER" "${PODMAN_RUNTIME_OPTS[@]}" "${ULIMIT_OPTS[@]}" \
		--read-only --tmpfs /tmp:rw,size=64m,mode=1777 --cap-drop ALL --security-opt no-new-privileges \
		--memory 768m \
		-e SPRING_PROFILES_ACTIVE=sandbox \
		-p "127.0.0.1:$PORT:8080" "$IMAGE" >/dev/null

	local body start status deadline
	body="$(mktemp)"
	start=$(date +%s)
	deadline=$((start + READY_TIMEOUT))
	until [ "$(http_status "http://127.0.0.1:$PORT/actuator/health/readiness" "$body")" = 200 ]; do
		if [ "$(podman inspect -f '{{.State.Running}}' "$CONTAINER")" != true ]; then
			podman logs "$CONTAINER" >&2 || true
			fail "container exited before it was ready"
		fi
		if [ "$(date +%s)" -ge "$deadline" ]; then
			podman logs "$CONTAINER" >&2 || true
			fail "not ready after ${READY_TIMEOUT}s"
		fi
		sleep 1
	done
	log "ready after $(($(date +%s) - start))s: readiness $(cat "$body")"
	podman logs "$CONTAINER" 2>&1 | grep -E 'Started .* in|AOT|aot' | sed 's/^/[smoke]   log: /' >&2 || true

	status="$(http_status "http://127.0.0.1:$PORT/actuator/health/liveness" "$body")"
	[ "$status" = 200 ] || fail "liveness returned $status"
	log "liveness 200: $(cat "$body")"

	# The JVM's uid, seen from the host (rootful podman without a user namespace: host uid = container uid)
	# and from podman; the image has no shell or `id`, so nothing is exec'ed inside it.
	local pid uid user
	pid="$(podman inspect -f '{{.State.Pid}}' "$CONTAINER")"
	uid="$(awk '/^Uid:/ { print $3 }' "/proc/$pid/status")"
	user="$(podman top "$CONTAINER" user | awk 'NR == 2 { print $1 }')"
	log "process uid: $uid (podman top user: $user, image user: $(podman image inspect -f '{{.Config.User}}' "$IMAGE"))"
	if [ -z "$uid" ] || [ "$uid" = 0 ]; then fail "the JVM runs as root (uid '$uid')"; fi
	if [ "$user" = root ] || [ "$user" = 0 ]; then fail "podman top reports root"; fi

	status="$(http_status "http://127.0.0.1:$PORT/api/v1/leave-balances?employeeIds=$EMPLOYEE_IDS" "$body" -H "X-API-Key: $API_KEY")"
	log "GET /api/v1/leave-balances?employeeIds=$EMPLOYEE_IDS -> $status: $(head -c 400 "$body")"
	[ "$status" = 200 ] || { podman logs --tail 50 "$CONTAINER" >&2 || true; fail "balance call returned $status"; }
	grep -q '"leaveTypeId"' "$body" || fail "the balance call found no balances for $EMPLOYEE_IDS"

	if [ "$KEEP" = true ]; then
		log "container $CONTAINER left running (--keep)"
		return
	fi
	log "stopping (SIGTERM, graceful shutdown)"
	podman stop -t 40 "$CONTAINER" >/dev/null
	log "exit code $(podman inspect -f '{{.State.ExitCode}}' "$CONTAINER"); last log lines:"
	podman logs --tail 3 "$CONTAINER" 2>&1 | sed 's/^/[smoke]   /' >&2
	rm -f "$body"
	log "OK"
}

ensure_podman
build_base_image
build_app_image
if [ "$BUILD_ONLY" = true ]; then
	log "built $IMAGE"
	exit 0
fi
run_smoke
