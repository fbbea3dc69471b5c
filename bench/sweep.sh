#!/usr/bin/env bash
# Benchmark one local sweep: APPS apps in each of ACCOUNTS accounts, against the ListUsages
# sandbox and an embedded KRaft broker, with the JVM flags of the Kubernetes manifests.
# Prints: sweep wall time, the API floor (APPS-1)/2 s and the ratio, 429s, JVM start to first
# request, and resident memory after the sweep.
#   usage: bench/sweep.sh APPS [ACCOUNTS] [extra --key=value ...]
set -euo pipefail
cd "$(dirname "$0")/.."
apps=${1:?apps per account}; accounts=${2:-1}; shift $(( $# >= 2 ? 2 : 1 ))

jar=target/bench/rtc-usage-pipeline-local.jar
if [ ! -f "$jar" ]; then
  mvn -q -B -Plocal -DskipTests package
  mkdir -p target/bench && cp target/rtc-usage-pipeline-*.jar "$jar"
fi

args=(--rtc-usage.schedule.run-on-startup=true "--rtc-usage.schedule.cron=0 0 0 1 1 ? 2099"
      --rtc-usage.window.days=30 --management.server.port=-1 --server.port=-1
      "--camel.main.routes-include-pattern=file:routes/*.camel.yaml"
      --logging.level.show-records=WARN)
for ((a = 0; a < accounts; a++)); do
  ids=$(seq -f "bench-$a-%g" 1 "$apps" | paste -sd, -)
  args+=("--rtc-usage.accounts[$a].name=bench-$a"
         "--rtc-usage.accounts[$a].access-key-id=AKLTbenchmark$(printf '%019d' "$a")"
         "--rtc-usage.accounts[$a].secret-access-key=bench-secret-$a"
         "--rtc-usage.accounts[$a].app-ids=$ids")
done

log=$(mktemp)
JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:--XX:MaxRAMPercentage=60.0 -XX:+ExitOnOutOfMemoryError}" \
  java -jar "$jar" "${args[@]}" "$@" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 1200); do
  grep -q "Sweep \(complete\|INCOMPLETE\)" "$log" && break
  kill -0 $pid 2>/dev/null || { tail -50 "$log"; exit 1; }
  sleep 0.5
done
rss_kib=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
summary=$(grep -m1 -o "Sweep \(complete\|INCOMPLETE\) in [0-9.]* s.*" "$log")
seconds=$(echo "$summary" | sed -E 's/.* in ([0-9.]+) s.*/\1/')
first=$(grep -m1 -o "first request arrived [0-9]* ms" "$log" | grep -o "[0-9]*")
throttled=$(grep -c "FlowLimitExceeded" "$log" || true)
floor=$(awk -v n="$apps" 'BEGIN {printf "%.1f", (n - 1) / 2}')
ratio=$(awk -v s="$seconds" -v f="$floor" 'BEGIN {printf "%.3f", (f > 0 ? s / f : 0)}')
echo "apps/account=$apps accounts=$accounts"
echo "summary: $summary"
echo "sweep=${seconds}s floor=${floor}s ratio=${ratio} 429s=${throttled}"
echo "jvm-start-to-first-request=${first}ms rss-after-sweep=$((rss_kib / 1024))MiB"
