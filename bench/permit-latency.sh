#!/usr/bin/env bash
# What one quota permit costs: the Redis send-window script alone, the quota engine over Redis and in memory,
# side by side in one run, against the Redis at 127.0.0.1:6379 (under a key prefix of its own, deleted after).
#   bench/permit-latency.sh [--calls=10000] [--warmup=2000] [--rounds=3] [--redis-host=127.0.0.1] [--redis-port=6379]
# Compiles the project's classes, builds the runtime classpath with Maven, compiles
# bench/src/PermitLatencyBench.java against them and prints the figures (nothing is written to bench/results/).
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p bench/target/permit-classes
./mvnw -q -B -ntp compile dependency:build-classpath -Dmdep.outputFile=bench/target/permit-classpath.txt \
	-Dmdep.includeScope=runtime
classpath="target/classes:$(cat bench/target/permit-classpath.txt)"
javac -cp "$classpath" -d bench/target/permit-classes bench/src/PermitLatencyBench.java
exec timeout --kill-after=30s 600s java -cp "bench/target/permit-classes:$classpath" PermitLatencyBench "$@"
