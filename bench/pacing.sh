#!/usr/bin/env bash
# The pace against the API's floor at several answer latencies, with and without ingress jitter:
# one bench/sweep.sh run (two sweeps: cold, then warm) per latency and jitter, one line each.
#   usage: bench/pacing.sh APPS [ACCOUNTS]     env: LATENCIES="0 50 150 300" JITTERS="0 80"
#          BENCH_ARGS="--key=value ..." more arguments for the service (e.g. another arrival margin)
set -euo pipefail
cd "$(dirname "$0")/.."
apps=${1:?apps per account}; accounts=${2:-1}
echo "| latency | jitter | cold sweep | ratio | warm sweep | ratio | 429s | RSS after 2 sweeps | CPU s / 1000 app-days (cold, warm) | JVM start → first request | load before |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for latency in ${LATENCIES:-0 50 150 300}; do
  for jitter in ${JITTERS:-0 80}; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    out=$(BENCH_SWEEPS=2 bench/sweep.sh "$apps" "$accounts" "--sandbox.latency=${latency}ms" "--sandbox.ingress-jitter=${jitter}ms" ${BENCH_ARGS:-})
    mapfile -t sweeps < <(echo "$out" | grep -o "sweep=[0-9.]*s floor=[0-9.]*s ratio=[0-9.]*")
    tail=$(echo "$out" | grep "^429s=")
    cpu=$(echo "$out" | grep -o "[0-9.]* s per 1000 app-days" | cut -d' ' -f1 | paste -sd/ -)
    echo "| ${latency} ms | 0–${jitter} ms | $(echo "${sweeps[0]}" | sed 's/sweep=\([0-9.]*s\).*ratio=\(.*\)/\1 | \2/') | $(echo "${sweeps[1]}" | sed 's/sweep=\([0-9.]*s\).*ratio=\(.*\)/\1 | \2/') | $(echo "$tail" | sed 's/429s=\([0-9]*\).*/\1/') | $(echo "$tail" | sed 's/.*rss-after-last-sweep=\([0-9]*MiB\).*/\1/') | ${cpu} | $(echo "$tail" | sed 's/.*first-request=\([0-9]*\)ms.*/\1 ms/') | ${load} |"
  done
done
