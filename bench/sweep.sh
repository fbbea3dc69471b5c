#!/usr/bin/env bash
# Benchmark sweeps of the production jar: APPS apps in each of ACCOUNTS accounts over 30-day
# windows, against the ListUsages sandbox (profile local, its classes beside the jar in the service's JVM) and a Kafka broker
# in a process of its own, with the JVM flags and the CPU and memory limits of the Deployment.
# Prints per sweep: wall time, the API floor (APPS-1)/2 s and the ratio, requests per app and
# records per second (priced and checked against Kafka's content; of them published and acked);
# then 429s, JVM start to first request, resident memory at the end, and the JVM's CPU seconds
# per 1,000 app-days: of the first sweep counted from JVM start (cold), and of each later sweep
# (warm; the sandbox runs in the same JVM).
#   usage: bench/sweep.sh APPS [ACCOUNTS] [--key=value ...]   (extra keys go to the service)
#   env:   BENCH_BROKERS=host:port  use a running broker instead of starting one
#          BENCH_LOG=file           keep the service's log
#          BENCH_SWEEPS=N           N sweeps in one JVM (the later ones warm), each reported
#          BENCH_MEMORY=file        heap, class histogram and native memory (with -XX:NativeMemoryTracking=summary)
#          BENCH_JVM="..."          JVM flags instead of the Deployment's; BENCH_JFR=file.jfr records a profile
#          BENCH_THREADS=file       CPU per kind of thread (jstack) at the end
#          BENCH_SANDBOX=process    the sandbox in a JVM of its own, as the real API is: the service then
#                                   runs as in production (no profile local), its memory, CPU and threads its own
set -euo pipefail
cd "$(dirname "$0")/.."
apps=${1:?apps per account}; shift
accounts=1
if [[ ${1:-} =~ ^[0-9]+$ ]]; then accounts=$1; shift; fi

# The production jar, rebuilt whenever a source changed since the last build, and run the way the
# image runs it: classes and libraries unpacked on the class path (Jib), not the nested fat jar.
# The sandbox and profile local are not in that jar: the same build compiles them (src/local, test
# code), and they go beside it in target/bench/local. They need no library the jar lacks (the bench's
# broker runs in a process of its own), so the measured service is the production code as shipped.
jar=target/bench/app/rtc-usage-pipeline.jar
local=target/bench/local
if [ ! -f "$jar" ] || [ ! -d "$local" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -q -B -Dstyle.color=never -DskipTests package >&2
  rm -rf target/bench/app "$local"
  java -Djarmode=tools -jar target/rtc-usage-pipeline-*[0-9T].jar extract --destination target/bench/app >&2
  mv target/bench/app/rtc-usage-pipeline-*.jar "$jar"
  mkdir -p "$local/com/rtcusage"
  cp -r target/test-classes/com/rtcusage/sandbox "$local/com/rtcusage/"
  (cd src/local/resources && cp -r --parents application-local.yaml local META-INF/spring.factories "../../../$local/")
fi

work=$(mktemp -d)
cleanup() { kill "${app:-}" "${broker:-}" "${sandbox:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
brokers=${BENCH_BROKERS:-}
if [ -z "$brokers" ]; then
  bench/broker.sh "$work/broker" > "$work/brokers" &
  broker=$!
  until [ -s "$work/brokers" ]; do kill -0 $broker 2>/dev/null || exit 1; sleep 0.2; done
  brokers=$(cat "$work/brokers")
fi

# One sweep at start-up; with BENCH_SWEEPS > 1 the schedule starts the next ones (every 5 s, each
# once the previous is over), in the same, by then warm, JVM.
sweeps=${BENCH_SWEEPS:-1}
cron="0 0 0 1 1 ? 2099"; [ "$sweeps" -gt 1 ] && cron="0/5 * * * * ?"
args=(--rtc-usage.schedule.run-on-startup=true "--rtc-usage.schedule.cron=$cron"
      --rtc-usage.window.days=30 --management.server.port=-1 --server.port=-1
      "--camel.main.routes-include-pattern=file:routes/*.camel.yaml"
      "--rtc-usage.kafka.topic=bench.usage.$$" "--rtc-usage.kafka.dead-letter-topic=bench.dead-letter.$$")
account_args=()
for ((a = 0; a < accounts; a++)); do
  ids=$(seq -f "bench-$a-%g" 1 "$apps" | paste -sd, -)
  account_args+=("--rtc-usage.accounts[$a].name=bench-$a"
         "--rtc-usage.accounts[$a].access-key-id=AKLTbenchmark$(printf '%019d' "$a")"
         "--rtc-usage.accounts[$a].secret-access-key=bench-secret-$a"
         "--rtc-usage.accounts[$a].app-ids=$ids")
done
args+=("${account_args[@]}")
if [ "${BENCH_SANDBOX:-jvm}" = process ]; then
  # The --sandbox.* arguments go to the sandbox; the service runs without profile local.
  sandbox_args=("${account_args[@]}")
  for arg in "$@"; do [[ $arg == --sandbox.* ]] && sandbox_args+=("$arg"); done
  java -cp "$jar:$local" com.rtcusage.sandbox.SandboxServer "${sandbox_args[@]}" > "$work/sandbox.log" 2>&1 &
  sandbox=$!
  until grep -q "sandbox-endpoint=" "$work/sandbox.log"; do kill -0 $sandbox 2>/dev/null || { cat "$work/sandbox.log"; exit 1; }; sleep 0.2; done
  endpoint=$(sed -n 's/^sandbox-endpoint=\([^ ]*\).*/\1/p' "$work/sandbox.log")
  sandbox_started=$(sed -n 's/.*jvm-start-epoch-ms=\([0-9]*\).*/\1/p' "$work/sandbox.log")
  args+=("--rtc-usage.api.endpoint=$endpoint" "--camel.component.kafka.brokers=$brokers")
else
  args+=(--spring.profiles.active=local "--spring.embedded.kafka.brokers=$brokers")
fi

# The image's JVM flags (Jib's jvmFlags in pom.xml, their one place), in a JVM that sees the pod's
# limits as it would in the pod: MaxRAM = the memory limit (the heap is sized from it),
# ActiveProcessorCount = the CPU limit (which picks the garbage collector and the compiler threads).
deployment_flags=$(sed -n 's:.*<jvmFlag>\(.*\)</jvmFlag>.*:\1:p' pom.xml | paste -sd' ' -)
limits=$(sed -n '/limits:/,/memory:/p' k8s/base/deployment.yaml)
memory=$(echo "$limits" | sed -n 's/.*memory: \([0-9]*\)Mi/\1/p')
cpus=$(echo "$limits" | sed -n 's/.*cpu: "\{0,1\}\([0-9]*\)"\{0,1\}$/\1/p')
jvm=${BENCH_JVM:-$deployment_flags -XX:MaxRAM=${memory}m -XX:ActiveProcessorCount=$cpus}
[ -n "${BENCH_JFR:-}" ] && jvm="$jvm -XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile"
[ -n "${BENCH_MEMORY:-}" ] && jvm="$jvm -XX:NativeMemoryTracking=summary"

log="$work/service.log"
launched=$(date +%s%3N)
# shellcheck disable=SC2086
java $jvm -cp "$jar:$local" com.rtcusage.Application "${args[@]}" "$@" > "$log" 2>&1 &
app=$!
# CPU ticks (utime + stime) of the JVM when each sweep's summary appears; sweeps are 5 s apart.
cpu_ticks() { awk '{print $14 + $15}' /proc/$app/stat; }
declare -a cpu_at
done_sweeps=0
until [ "$done_sweeps" -ge "$sweeps" ]; do
  kill -0 $app 2>/dev/null || { tail -50 "$log"; exit 1; }
  now_done=$(grep -c "Sweep \(complete\|INCOMPLETE\)" "$log" 2>/dev/null || true)
  now_done=${now_done:-0}
  if [ "$now_done" -gt "$done_sweeps" ]; then cpu_at[$now_done]=$(cpu_ticks); done_sweeps=$now_done; fi
  sleep 0.2
done
[ -n "${BENCH_LOG:-}" ] && cp "$log" "$BENCH_LOG"
if [ -n "${BENCH_MEMORY:-}" ]; then
  { jcmd $app GC.heap_info; jcmd $app GC.class_histogram | head -25; jcmd $app VM.native_memory summary; } > "$BENCH_MEMORY" 2>&1
fi
# CPU per kind of thread over the JVM's life ("#12 - ApiCall" -> ApiCall), threads still alive.
[ -n "${BENCH_THREADS:-}" ] && jstack $app | sed -n 's/^"\(.*\)" .* cpu=\([0-9.]*\)ms .*/\2 \1/p' |
  sed 's/ Camel ([^)]*) thread #[0-9]* - / /; s/[-#_ ]*[0-9]*$//' |
  awk '{ms = $1; $1 = ""; cpu[$0] += ms; n[$0]++} END {for (k in cpu) printf "%8.0f ms %4d threads %s\n", cpu[k], n[k], k}' |
  sort -rn > "$BENCH_THREADS"
rss_kib=$(awk '/VmRSS/ {print $2}' /proc/$app/status)
if [ -n "${sandbox:-}" ]; then
  first=$(grep -m1 -o "first request arrived [0-9]* ms" "$work/sandbox.log" | grep -o "[0-9]*")
  first=$((sandbox_started + first - launched))
else
  first=$(grep -m1 -o "first request arrived [0-9]* ms" "$log" | grep -o "[0-9]*")
fi
throttled=$(grep -c "FlowLimitExceeded" "$log" || true)
echo "apps/account=$apps accounts=$accounts jvm=[$jvm]"
grep -o "Sweep \(complete\|INCOMPLETE\) in [0-9.]* s.*" "$log" | head -"$sweeps" |
  awk -v n="$apps" -v a="$accounts" '{
    line = $0
    match(line, / in [0-9.]+ s/); s = substr(line, RSTART + 4, RLENGTH - 6) + 0
    match(line, /records [0-9]+ published/); p = substr(line, RSTART + 8, RLENGTH - 18) + 0
    match(line, /, [0-9]+ unchanged/); u = substr(line, RSTART + 2, RLENGTH - 12) + 0
    match(line, /; [0-9]+ API requests/); r = substr(line, RSTART + 2, RLENGTH - 15) + 0
    f = (n - 1) / 2
    printf "sweep %d: %s\n  sweep=%.2fs floor=%.1fs ratio=%.3f requests/app=%.2f records/s=%.0f (published %.0f/s)\n",
           NR, line, s, f, (f > 0 ? s / f : 0), r / (n * a), (p + u) / s, p / s }'
echo "429s=$throttled jvm-start-to-first-request=${first}ms rss-after-last-sweep=$((rss_kib / 1024))MiB"
hz=$(getconf CLK_TCK)
# Cold: the JVM's CPU from its start to the first sweep's summary, start-up and JIT included.
awk -v t="${cpu_at[1]:-0}" -v hz="$hz" -v d="$((apps * accounts * 30))" \
  'BEGIN { printf "cpu sweep 1 (cold, from JVM start): %.2f s, %.3f s per 1000 app-days\n", t / hz, t / hz / d * 1000 }'
for ((k = 2; k <= sweeps; k++)); do
  # the 5 s cron gap before sweep k is idle but for GC and timers; it is counted in
  awk -v t="$(( ${cpu_at[$k]:-0} - ${cpu_at[$((k - 1))]:-0} ))" -v hz="$hz" -v d="$((apps * accounts * 30))" -v k="$k" \
    'BEGIN { printf "cpu sweep %d: %.2f s, %.3f s per 1000 app-days\n", k, t / hz, t / hz / d * 1000 }'
done
