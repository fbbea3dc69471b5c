#!/usr/bin/env bash
# A single-node KRaft broker in a process of its own, from the Kafka server jars Maven Central
# serves (the test classpath), as the benchmarks' "real broker" apart from the service's JVM.
# Prints the bootstrap address once the broker is up; runs until killed.
#   usage: bench/broker.sh DIR            (DIR: empty or missing; storage and log go there)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?directory for the broker}
mkdir -p "$dir" target/bench
cp_file=target/bench/kafka.classpath
[ "$cp_file" -nt pom.xml ] || mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); controller=$(free_port)
cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=2
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
auto.create.topics.enable=false
PROPS
run() { java -Xmx1g -cp "$(cat "$cp_file")" "$@"; }
cluster_id=$(python3 -c 'import uuid, base64; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')
run kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" > "$dir/broker.log" 2>&1
run kafka.Kafka "$dir/server.properties" >> "$dir/broker.log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null' EXIT INT TERM
until grep -q "Kafka Server started" "$dir/broker.log"; do
  kill -0 $broker 2>/dev/null || { tail -30 "$dir/broker.log"; exit 1; }
  sleep 0.2
done
echo "127.0.0.1:$port"
wait $broker
