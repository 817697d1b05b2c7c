#!/usr/bin/env bash
# Start-up to "Started": the gateway against a minimal Spring Boot application with the same Boot version and
# starters (bench/startup/minimal/), side by side in one run (BENCHMARKS.md, "Start-up").
#   bench/startup-compare.sh [--runs=5] [--rebuild] [--modes="17 25 25-aot"] [--apps="gateway-sandbox gateway minimal"]
#   bench/startup-compare.sh --breakdown    # where the start-up goes: Spring's start-up steps and loaded classes
#   bench/startup-compare.sh --before-jar=<gateway jar> --apps="gateway-sandbox before-sandbox minimal"
#                                           # adds app before-sandbox: another build of the gateway (e.g. main's)
# Builds both jars if missing (--rebuild: the gateway's again), then starts every app in every mode --runs times,
# alternating (run 1 of each, then run 2 of each...), each `java -jar` until its "Started ... in X seconds" line,
# and prints medians of Spring's own figure, of the JVM's "process running for" and of the wall time from launch.
# Modes: 17 = `java` (JDK 17); 25 = JDK 25 (/usr/lib/jvm/temurin-25*, or $JDK25); 25-aot = JDK 25 on the extracted
# jar with an AOT cache trained as the Dockerfile does (-XX:AOTCacheOutput with -Dspring.context.exit=onRefresh,
# then -XX:AOTCache). Apps: gateway-sandbox (profile sandbox), gateway (no profile, fake Feishu credentials and a
# Feishu base URL on 127.0.0.1 that nothing is called on), minimal. Everything stays on 127.0.0.1, port 0.
# Output: stdout and bench/target/startup/ (results.md, runs.tsv, one log per start).
set -euo pipefail

cd "$(dirname "$0")/.."
runs=5
rebuild=false
breakdown=false
modes="17 25 25-aot"
apps="gateway-sandbox gateway minimal"
start_timeout_s=240
before_jar=
for arg in "$@"; do
	case "$arg" in
		--runs=*) runs="${arg#--runs=}" ;;
		--rebuild) rebuild=true ;;
		--modes=*) modes="${arg#--modes=}" ;;
		--apps=*) apps="${arg#--apps=}" ;;
		--breakdown) breakdown=true ;;
		--before-jar=*) before_jar="${arg#--before-jar=}" ;;
		*) echo "unknown option $arg (see the head of $0)" >&2; exit 2 ;;
	esac
done

out=bench/target/startup
mkdir -p "$out/logs"
java17="${JDK17:-java}"
if [[ -n "${JDK25:-}" ]]; then
	java25="$JDK25/bin/java"
else
	java25="$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)/bin/java"
fi
"$java17" -version 2>&1 | grep -q 'version "17' || { echo "$java17 is not a JDK 17 (set JDK17)" >&2; exit 1; }
if [[ "$modes" == *25* && ! -x "$java25" ]]; then echo "no JDK 25 found (set JDK25=<its home>)" >&2; exit 1; fi

# ---- jars: private copies (target/ is shared with other builds), plus extracted forms for the AOT cache, which
# needs plain jars on the class path, as in the image.
gateway_jar=target/feishu-leave-gateway-0.1.0-SNAPSHOT.jar
minimal_jar=bench/startup/minimal/target/startup-minimal.jar
if [[ "$rebuild" == true || ! -f "$gateway_jar" ]]; then
	echo "building $gateway_jar" >&2
	./mvnw -B -ntp -q -Dmaven.test.skip=true package
fi
if [[ ! -f "$minimal_jar" ]]; then
	echo "building $minimal_jar" >&2
	./mvnw -B -ntp -q -f bench/startup/minimal/pom.xml -Dmaven.test.skip=true package
fi
cp "$gateway_jar" "$out/gateway.jar"
cp "$minimal_jar" "$out/minimal.jar"
jars="gateway minimal"
if [[ -n "$before_jar" ]]; then
	cp "$before_jar" "$out/before.jar"
	jars="$jars before"
fi
for app in $jars; do
	rm -rf "$out/x-$app"
	"$java17" -Djarmode=tools -jar "$out/$app.jar" extract --destination "$out/x-$app" >/dev/null
done

# The arguments each app is started with (after -jar <jar>).
app_args() {
	case "$1" in
		gateway-sandbox | before-sandbox) echo "--spring.profiles.active=sandbox --server.port=0" ;;
		gateway) echo "--server.port=0 --feishu.base-url=http://127.0.0.1:9 --gateway.security.api-keys.bench=bench-key" ;;
		minimal) echo "--server.port=0" ;;
	esac
}
app_jar() {
	case "$1" in
		minimal) echo minimal ;;
		before-*) echo before ;;
		*) echo gateway ;;
	esac
}
# Fake credentials for the gateway outside the sandbox: it refuses to start without some.
export FEISHU_APP_ID=cli_bench_fake_app FEISHU_APP_SECRET=bench-fake-secret
jvm_opts=(-XX:+ExitOnOutOfMemoryError)
jvm25_opts=(--enable-native-access=ALL-UNNAMED)

machine() {
	echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), \
$(free -g | awk '/^Mem:/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg) ($1)"
}

# ---- --breakdown: one start of each app on JDK 17 with Spring's BufferingApplicationStartup (bench-only helper
# bench/startup/src/StartupTimeline.java) and -Xlog:class+load; prints the heaviest steps and classes per jar.
if [[ "$breakdown" == true ]]; then
	mkdir -p "$out/timeline"
	javac -d "$out/timeline" -cp "$out/x-gateway/lib/*" bench/startup/src/StartupTimeline.java
	machine "before" | tee "$out/breakdown.txt"
	for app in gateway-sandbox minimal; do
		jar="$(app_jar "$app")"
		main_class=$(unzip -p "$out/$jar.jar" META-INF/MANIFEST.MF | tr -d '\r' | awk -F': ' '/^Start-Class/ {print $2}')
		# shellcheck disable=SC2046
		timeout "${start_timeout_s}s" "$java17" "${jvm_opts[@]}" -Xlog:class+load=info:file="$out/classes-$app.txt" \
			-cp "$out/x-$jar/$jar.jar:$out/timeline" StartupTimeline "$main_class" 40 $(app_args "$app") \
			--spring.main.banner-mode=off >"$out/timeline-$app.log" 2>&1
		{
			echo "=== $app: $(grep -c . "$out/classes-$app.txt") classes loaded; the most by source:"
			sed -E 's/.*source: //; s|.*/lib/||; s|jrt:/.*|JDK modules|; s|shared objects file.*|JDK CDS archive|' \
				"$out/classes-$app.txt" | sort | uniq -c | sort -rn | head -n 25
			sed -n '/== StartupTimeline/,$p' "$out/timeline-$app.log" | grep -v 'GracefulShutdown'
		} | tee -a "$out/breakdown.txt"
	done
	machine "after" | tee -a "$out/breakdown.txt"
	exit 0
fi

# ---- AOT caches (JDK 25), trained like the Dockerfile: a context refresh, sandbox profile for the gateway.
if [[ "$modes" == *25-aot* ]]; then
	for jar in $jars; do
		profile=()
		[[ "$jar" != minimal ]] && profile=(-Dspring.profiles.active=sandbox)
		echo "training the AOT cache of $jar (JDK 25)" >&2
		rm -f "$out/$jar.aot"
		timeout 600s "$java25" "${jvm_opts[@]}" "${jvm25_opts[@]}" -XX:AOTCacheOutput="$out/$jar.aot" -Xlog:aot=error \
			-Dspring.context.exit=onRefresh "${profile[@]}" -Dspring.main.banner-mode=off \
			-jar "$out/x-$jar/$jar.jar" --server.port=0 >"$out/logs/aot-training-$jar.log" 2>&1
		[[ -s "$out/$jar.aot" ]] || { echo "no AOT cache written; see $out/logs/aot-training-$jar.log" >&2; exit 1; }
	done
fi

# One start: launch, wait for "Started", record, stop. Appends "mode app run spring_s process_s wall_s".
start_one() {
	local mode="$1" app="$2" run="$3" jar java log pid began ended line
	jar="$(app_jar "$app")"
	log="$out/logs/$mode-$app-$run.log"
	local cmd=()
	case "$mode" in
		17) cmd=("$java17" "${jvm_opts[@]}" -jar "$out/$jar.jar") ;;
		25) cmd=("$java25" "${jvm_opts[@]}" "${jvm25_opts[@]}" -jar "$out/$jar.jar") ;;
		25-aot) cmd=("$java25" "${jvm_opts[@]}" "${jvm25_opts[@]}" -XX:AOTCache="$out/$jar.aot" -jar "$out/x-$jar/$jar.jar") ;;
	esac
	# Emptied here, not by the child's redirection: the child may open it after the first look below.
	: >"$log"
	began=$(date +%s%N)
	# shellcheck disable=SC2046
	"${cmd[@]}" $(app_args "$app") >>"$log" 2>&1 &
	pid=$!
	current_pid=$pid
	until line=$(grep -m1 -E 'Started .* in [0-9.]+ seconds' "$log"); do
		if ! kill -0 "$pid" 2>/dev/null; then echo "$mode $app run $run died; see $log" >&2; exit 1; fi
		if (($(date +%s%N) - began > start_timeout_s * 1000000000)); then
			kill "$pid"; echo "$mode $app run $run: no 'Started' within ${start_timeout_s}s" >&2; exit 1
		fi
		sleep 0.05
	done
	ended=$(date +%s%N)
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	current_pid=
	local spring process
	spring=$(sed -E 's/.* in ([0-9.]+) seconds.*/\1/' <<<"$line")
	process=$(sed -E 's/.*process running for ([0-9.]+).*/\1/' <<<"$line")
	printf '%s\t%s\t%s\t%s\t%s\t%.3f\n' "$mode" "$app" "$run" "$spring" "$process" \
		"$(bc -l <<<"($ended - $began) / 1000000000")" >>"$out/runs.tsv"
	printf '  %-7s %-16s run %s: Started in %s s (process %s s)\n' "$mode" "$app" "$run" "$spring" "$process" >&2
}

# An interrupted run leaves no JVM behind.
current_pid=
trap '[[ -n "$current_pid" ]] && kill -9 "$current_pid" 2>/dev/null; true' EXIT
: >"$out/runs.tsv"
load_before="$(machine "before the runs")"
started_at="$(date -u '+%Y-%m-%d %H:%M UTC')"
for run in $(seq 1 "$runs"); do
	for mode in $modes; do
		for app in $apps; do
			start_one "$mode" "$app" "$run"
		done
	done
done
load_after="$(machine "after the runs")"

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
col() { awk -F'\t' -v m="$1" -v a="$2" -v c="$3" '$1 == m && $2 == a {print $c}' "$out/runs.tsv" | median; }
{
	echo "# Start-up to \"Started\": gateway vs minimal Spring Boot app"
	echo
	echo "bench/startup-compare.sh --runs=$runs, $started_at, alternating runs"
	echo "$load_before"
	echo "$load_after"
	echo "JDK 17: $("$java17" -version 2>&1 | head -n 1)"
	[[ "$modes" == *25* ]] && echo "JDK 25: $("$java25" -version 2>&1 | head -n 1)"
	echo
	echo "Medians of $runs starts, seconds: Spring's \"Started ... in\" / JVM \"process running for\" / wall from launch"
	echo
	echo "| JDK | app | Started in | process | wall | gateway / minimal (process) |"
	echo "|---|---|---|---|---|---|"
	for mode in $modes; do
		minimal_process=$(col "$mode" minimal 5)
		for app in $apps; do
			process=$(col "$mode" "$app" 5)
			ratio="-"
			[[ "$app" != minimal && -n "$minimal_process" ]] && ratio=$(printf '%.2f' "$(bc -l <<<"$process / $minimal_process")")
			echo "| $mode | $app | $(col "$mode" "$app" 4) | $process | $(col "$mode" "$app" 6) | $ratio |"
		done
	done
} | tee "$out/results.md"
