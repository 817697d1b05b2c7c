#!/usr/bin/env bash
# Soak test of the leave gateway on the sandbox profile (BENCHMARKS.md, "Soak test"). One command:
#   soak/run.sh [driver options: --duration-s=180 --warm-up-s=30 --clients=32 --max-requests=400000 --think-ms=10 --out=...]
# Builds the jar if missing, starts it on a free port of 127.0.0.1 with the sandbox's simulated Feishu (20 ms a
# call), drives a bounded mixed load from many concurrent clients (soak/SoakDriver.java, plain JDK 17), measures
# heap after a full GC, live threads and RSS before and after, prints the table and writes soak/results/latest.md.
# Not part of ./mvnw verify. Bounded: the duration, a request cap and an overall timeout.
set -euo pipefail

cd "$(dirname "$0")/.."
jar="target/feishu-leave-gateway-0.1.0-SNAPSHOT.jar"
work="target/soak"
latency="${SOAK_LATENCY:-20ms}"
heap="${SOAK_HEAP:-384m}"          # the Helm chart's heap (resources: 512 Mi, -Xmx 384 Mi)
quota="${SOAK_QUOTA:-30000}"       # leave_balances calls a minute, gateway and simulator alike (Feishu: 100)

for tool in java jcmd; do
	command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found: a JDK 17 is needed" >&2; exit 1; }
done
if [[ ! -f "$jar" ]]; then
	echo "building $jar" >&2
	./mvnw -q -B -Dmaven.test.skip=true package
fi
mkdir -p "$work" soak/results
# A private copy: target/ is shared with other builds, and a jar rewritten under a running JVM breaks it.
cp "$jar" "$work/gateway.jar"

port="$(java soak/SoakDriver.java free-port)"
jvm="-Xmx$heap -XX:+UseG1GC"
# shellcheck disable=SC2086
java $jvm -jar "$work/gateway.jar" --spring.profiles.active=sandbox --server.address=127.0.0.1 \
	--server.port="$port" --sandbox.latency="$latency" \
	--sandbox.quotas.leave-balances.limit="$quota" --feishu.quotas.leave-balances.limit="$quota" \
	--logging.level.com.leavegateway=warn >"$work/gateway.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
	if curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then break; fi
	kill -0 "$pid" 2>/dev/null || { echo "the gateway did not start; see $work/gateway.log" >&2; exit 1; }
	sleep 1
done
echo "gateway pid $pid on 127.0.0.1:$port ($jvm, sandbox latency $latency)" >&2

timeout --kill-after=30s 1200s java -Xmx1g soak/SoakDriver.java --port="$port" --pid="$pid" \
	--jvm="$jvm" --latency="$latency" --quotas="leave_balances $quota a minute" \
	--out=soak/results/latest.md --command="soak/run.sh${*:+ $*}" "$@"

grep -c " ERROR " "$work/gateway.log" | xargs -I{} echo "gateway log: {} ERROR lines ($work/gateway.log)" >&2 || true
