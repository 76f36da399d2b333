#!/usr/bin/env bash
# Starts the sandbox as a process of its own (docs/sandbox.md): the in-memory Zeebe engine (gRPC 26500),
# PostgreSQL keeping its data in target/sandbox/postgres (port 5433; databases ringback and asterisk), the
# simulated Asterisk (AMI 5038, its queue_log in asterisk.queue_log, every Originate in asterisk.sim_originate)
# and its control interface (http://127.0.0.1:8099). Then, in another terminal:
#
#   mvn -o -q package -DskipTests
#   java -jar target/ringback-0.1.0-SNAPSHOT.jar --spring.config.import=file:target/sandbox/orchestrator.properties
#
# and kill -9 that java as often as you like. Options: --data=dir --zeebe-port=n --postgres-port=n --ami-port=n
# --control-port=n --queues=name:agents,... Stop the sandbox with Ctrl-C (the engine's state is in memory only).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
JAVA=$(find_java)
build
exec "$JAVA" -cp "$(test_classpath)" io.ringback.sandbox.Sandbox "$@"
