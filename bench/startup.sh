#!/usr/bin/env bash
# Time from the README's run command to the application's "Started" line, on a warm Maven repository.
#   bench/startup.sh [--runs=3] [--clean]
# --clean removes target/ before each run (a fresh clone; the Maven repository stays warm). The application
# listens on a free port (SERVER_PORT=0) so the measurement does not collide with a gateway already on 8080.
# Prints each run's seconds and whether the OpenAPI client was generated, then min / median / max.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
clean=false
for arg in "$@"; do
  case "$arg" in
    --runs=*) runs="${arg#--runs=}" ;;
    --clean) clean=true ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
times=()
for run in $(seq 1 "$runs"); do
  if [ "$clean" = true ]; then
    rm -rf target
  fi
  : >"$log"
  start=$(date +%s.%N)
  # The README's command, in its own process group so that it and the JVM it forks are stopped together.
  SERVER_PORT=0 setsid ./mvnw spring-boot:run -Dspring-boot.run.profiles=sandbox >"$log" 2>&1 &
  pid=$!
  while ! grep -q "Started LeaveGatewayApplication" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run $run: the command ended before Started; its log:" >&2
      tail -30 "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  end=$(date +%s.%N)
  # Stop the application JVM first (by the PID it logs): Maven then ends by itself. A SIGTERM to Maven while its
  # forked application runs can leave both waiting.
  app=$(sed -n 's/.*Starting LeaveGatewayApplication .* with PID \([0-9]*\).*/\1/p' "$log" | head -1)
  [ -n "$app" ] && kill -TERM "$app" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  seconds=$(echo "$end - $start" | bc)
  generated=$(grep -c "openapi-generator" "$log" || true)
  lines=$(grep -n "Started LeaveGatewayApplication" "$log" | head -1 | cut -d: -f1)
  printf 'run %d: %.1f s to Started, %d log lines before it, OpenAPI generator lines: %d\n' \
    "$run" "$seconds" "$lines" "$generated"
  times+=("$seconds")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END {
  printf "min %.1f s, median %.1f s, max %.1f s over %d runs\n", t[1], t[int((NR + 1) / 2)], t[NR], NR }'
