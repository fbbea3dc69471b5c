#!/usr/bin/env bash
# Benchmark one sweep of the production jar: APPS apps in each of ACCOUNTS accounts over 30-day
# windows, against the ListUsages sandbox (profile local, in the service's JVM) and a Kafka broker
# in a process of its own, with the JVM flags of the Kubernetes Deployment and its memory limit.
# Prints: sweep wall time, the API floor (APPS-1)/2 s and the ratio, 429s, requests per app,
# records per second, JVM start to first request, and resident memory after the sweep.
#   usage: bench/sweep.sh APPS [ACCOUNTS] [--key=value ...]   (extra keys go to the service)
#   env:   BENCH_BROKERS=host:port  use a running broker instead of starting one
#          BENCH_LOG=file           keep the service's log
#          BENCH_JVM="..."          JVM flags instead of the Deployment's; BENCH_JFR=file.jfr records a profile
set -euo pipefail
cd "$(dirname "$0")/.."
apps=${1:?apps per account}; shift
accounts=1
if [[ ${1:-} =~ ^[0-9]+$ ]]; then accounts=$1; shift; fi

# The production jar, rebuilt whenever a source changed since the last build.
jar=target/bench/rtc-usage-pipeline.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -q -B -DskipTests package
  mkdir -p target/bench && cp target/rtc-usage-pipeline-*[0-9T].jar "$jar"
fi

work=$(mktemp -d)
cleanup() { kill "${app:-}" "${broker:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
brokers=${BENCH_BROKERS:-}
if [ -z "$brokers" ]; then
  bench/broker.sh "$work/broker" > "$work/brokers" &
  broker=$!
  until [ -s "$work/brokers" ]; do kill -0 $broker 2>/dev/null || exit 1; sleep 0.2; done
  brokers=$(cat "$work/brokers")
fi

args=(--spring.profiles.active=local "--spring.embedded.kafka.brokers=$brokers"
      --rtc-usage.schedule.run-on-startup=true "--rtc-usage.schedule.cron=0 0 0 1 1 ? 2099"
      --rtc-usage.window.days=30 --management.server.port=-1 --server.port=-1
      "--camel.main.routes-include-pattern=file:routes/*.camel.yaml"
      "--rtc-usage.kafka.topic=bench.usage.$$" "--rtc-usage.kafka.dead-letter-topic=bench.dead-letter.$$")
for ((a = 0; a < accounts; a++)); do
  ids=$(seq -f "bench-$a-%g" 1 "$apps" | paste -sd, -)
  args+=("--rtc-usage.accounts[$a].name=bench-$a"
         "--rtc-usage.accounts[$a].access-key-id=AKLTbenchmark$(printf '%019d' "$a")"
         "--rtc-usage.accounts[$a].secret-access-key=bench-secret-$a"
         "--rtc-usage.accounts[$a].app-ids=$ids")
done

# The Deployment's JAVA_TOOL_OPTIONS; MaxRAM stands for the pod's memory limit, which the JVM
# sizes its heap from (MaxRAMPercentage) instead of this machine's memory.
deployment_flags=$(sed -n '/name: JAVA_TOOL_OPTIONS/{n;s/.*value: //p}' k8s/base/deployment.yaml)
limit=$(sed -n '/limits:/,/memory:/{s/.*memory: \([0-9]*\)Mi/\1/p}' k8s/base/deployment.yaml)
jvm=${BENCH_JVM:-$deployment_flags -XX:MaxRAM=${limit}m}
[ -n "${BENCH_JFR:-}" ] && jvm="$jvm -XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile"

log="$work/service.log"
# shellcheck disable=SC2086
java $jvm -jar "$jar" "${args[@]}" "$@" > "$log" 2>&1 &
app=$!
until grep -q "Sweep \(complete\|INCOMPLETE\)" "$log"; do
  kill -0 $app 2>/dev/null || { tail -50 "$log"; exit 1; }
  sleep 0.2
done
[ -n "${BENCH_LOG:-}" ] && cp "$log" "$BENCH_LOG"
rss_kib=$(awk '/VmRSS/ {print $2}' /proc/$app/status)
summary=$(grep -m1 -o "Sweep \(complete\|INCOMPLETE\) in [0-9.]* s.*" "$log")
seconds=$(echo "$summary" | sed -E 's/.* in ([0-9.]+) s.*/\1/')
published=$(echo "$summary" | sed -E 's/.*records ([0-9]+) published.*/\1/')
requests=$(echo "$summary" | sed -E 's/.*; ([0-9]+) API requests.*/\1/')
first=$(grep -m1 -o "first request arrived [0-9]* ms" "$log" | grep -o "[0-9]*")
throttled=$(grep -c "FlowLimitExceeded" "$log" || true)
floor=$(awk -v n="$apps" 'BEGIN {printf "%.1f", (n - 1) / 2}')
awk -v s="$seconds" -v f="$floor" -v n="$apps" -v a="$accounts" -v p="$published" -v r="$requests" \
    -v t="$throttled" -v first="$first" -v rss="$rss_kib" -v jvm="$jvm" -v summary="$summary" 'BEGIN {
  printf "apps/account=%d accounts=%d jvm=[%s]\nsummary: %s\n", n, a, jvm, summary
  printf "sweep=%.1fs floor=%.1fs ratio=%.3f 429s=%d requests/app=%.2f records/s=%.0f\n",
         s, f, (f > 0 ? s / f : 0), t, r / (n * a), p / s
  printf "jvm-start-to-first-request=%dms rss-after-sweep=%dMiB\n", first, rss / 1024 }'
