#!/usr/bin/env bash
# Runs the Testcontainers image test (ContainerImageIT, Maven profile container-it) against podman's
# Docker-compatible API, for machines without a Docker engine or an image registry.
#
#  1. builds the image with scripts/container-smoke.sh --build-only (stand-in base image from the local JDK 25);
#  2. starts `podman system service` on a private unix socket, with runc and lowered ulimits as defaults
#     for the containers it creates (a private containers.conf, via CONTAINERS_CONF);
#  3. runs ./mvnw -B verify -Pcontainer-it -Dcontainer.image=<image> with DOCKER_HOST pointing at the
#     socket and Ryuk disabled (podman removes the test container itself when Testcontainers stops it).
#
# Usage: scripts/container-it.sh [extra Maven arguments...]
#   e.g. scripts/container-it.sh -Dtest=HelmChartTest -Dsurefire.failIfNoSpecifiedTests=false   (skip the other unit tests)
# Environment (all optional): IMAGE (default localhost/feishu-leave-gateway:smoke), PODMAN_SOCKET
# (default /tmp/podman.sock), SKIP_BUILD=1 to reuse an existing image, plus those of container-smoke.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export IMAGE="${IMAGE:-localhost/feishu-leave-gateway:smoke}"
PODMAN_SOCKET="${PODMAN_SOCKET:-/tmp/podman.sock}"

log() { printf '[container-it] %s\n' "$*" >&2; }

if [ "${SKIP_BUILD:-0}" = 1 ]; then
	log "reusing $IMAGE"
else
	"$ROOT/scripts/container-smoke.sh" --build-only
fi

work="$(mktemp -d)"
cat >"$work/containers.conf" <<'EOF'
# Defaults for containers created through the API socket: the Docker API cannot choose the OCI runtime,
# and podman's default ulimits exceed this host's hard limits.
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]

[engine]
runtime = "runc"
EOF

service_pid=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
	if [ -n "$service_pid" ]; then
		kill "$service_pid" 2>/dev/null || true
		wait "$service_pid" 2>/dev/null || true
	fi
	rm -f "$PODMAN_SOCKET"
	rm -rf "$work"
}
trap cleanup EXIT

rm -f "$PODMAN_SOCKET"
log "starting podman system service on unix://$PODMAN_SOCKET"
CONTAINERS_CONF="$work/containers.conf" podman system service --time=0 "unix://$PODMAN_SOCKET" \
	>"$work/podman-service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 50); do
	[ -S "$PODMAN_SOCKET" ] && break
	sleep 0.2
done
[ -S "$PODMAN_SOCKET" ] || { cat "$work/podman-service.log" >&2; log "podman service did not start"; exit 1; }

export DOCKER_HOST="unix://$PODMAN_SOCKET"
# Ryuk (the reaper container) would need a registry pull and a privileged socket mount.
export TESTCONTAINERS_RYUK_DISABLED=true
# The start-up checks pull alpine from a registry; none is reachable here.
export TESTCONTAINERS_CHECKS_DISABLE=true
# Reach mapped ports on the loopback address (Testcontainers would otherwise pick podman's bridge gateway).
export TESTCONTAINERS_HOST_OVERRIDE=localhost
log "DOCKER_HOST=$DOCKER_HOST TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true TESTCONTAINERS_HOST_OVERRIDE=localhost"
cd "$ROOT"
status=0
./mvnw -B verify -Pcontainer-it "-Dcontainer.image=$IMAGE" "$@" || status=$?
if [ "$status" != 0 ]; then
	log "Maven failed ($status); podman service log tail:"
	tail -n 30 "$work/podman-service.log" >&2 || true
fi
exit "$status"
