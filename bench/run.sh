#!/usr/bin/env bash
# Benchmark of the leave gateway against a stand-in Feishu (see BENCHMARKS.md). One command:
#   bench/run.sh [--rebuild] [driver options, e.g. --sustain-s=60 --wrk-s=20 --latency-ms=50 --limit=100 --period-s=6]
# Installs wrk if missing (apt-get), builds the gateway jar if missing (or with --rebuild), compiles the driver
# (plain JDK 17, no dependencies), runs every scenario (about 5 minutes), prints the results table and writes
# bench/results/latest.md. All traffic goes to 127.0.0.1; every phase is bounded in count and time.
set -euo pipefail

cd "$(dirname "$0")/.."
repo="$(pwd)"
jar="target/feishu-leave-gateway-0.1.0-SNAPSHOT.jar"

rebuild=false
driver_args=()
for arg in "$@"; do
	if [[ "$arg" == "--rebuild" ]]; then rebuild=true; else driver_args+=("$arg"); fi
done

if ! command -v wrk >/dev/null 2>&1; then
	echo "wrk not found; installing it with apt-get" >&2
	if [[ "$(id -u)" -ne 0 ]]; then echo "need root (or install wrk yourself: apt-get install wrk)" >&2; exit 1; fi
	apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
for tool in java javac jcmd; do
	command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found: a JDK 17 is needed" >&2; exit 1; }
done

if [[ "$rebuild" == true || ! -f "$jar" ]]; then
	echo "building $jar" >&2
	./mvnw -q -B -Dmaven.test.skip=true package
fi

rm -rf bench/target/classes
mkdir -p bench/target/classes bench/results
# Run a private copy: target/ is shared with other builds, and a jar rewritten under a running JVM breaks it.
for attempt in 1 2 3 4 5 6; do
	cp "$jar" bench/target/gateway.jar
	if unzip -tq bench/target/gateway.jar >/dev/null 2>&1; then break; fi
	if [[ "$attempt" == 6 ]]; then echo "$jar is not a readable jar (a build under way?)" >&2; exit 1; fi
	echo "$jar is being rewritten; retrying in 20 s" >&2
	sleep 20
done
# The driver is the package leavebench, compiled together (bench/src/PermitLatencyBench.java is permit-latency.sh's).
find bench/src/leavebench -name '*.java' -print0 | xargs -0 javac -d bench/target/classes

# Bounded: 900 s for the default parts, plus the hot scenario's minutes and the replicas' few when asked for.
bound=900
hot_minutes=10
for arg in "$@"; do
	if [[ "$arg" == --hot-minutes=* ]]; then hot_minutes="${arg#--hot-minutes=}"; fi
done
for arg in "$@"; do
	if [[ "$arg" == --only=* && "$arg" == *hot* ]]; then bound=$((bound + 60 * hot_minutes + 120)); fi
	if [[ "$arg" == --only=* && "$arg" == *replicas* ]]; then bound=$((bound + 300)); fi
done

exec timeout --kill-after=30s "${bound}s" java -Xmx2g -cp bench/target/classes leavebench.LeaveGatewayBench \
	--repo="$repo" --jar="$repo/bench/target/gateway.jar" --out="$repo/bench/results/latest.md" \
	--command="bench/run.sh${*:+ $*}" ${driver_args[@]+"${driver_args[@]}"}
