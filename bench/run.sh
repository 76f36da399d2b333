#!/usr/bin/env bash
# The benchmark (docs/performance.md): on the embedded engine of this machine, in one run, one line per figure
#
#   figure <name> <value> <unit>
#
# each measured side by side with its baseline in the same run, then a table of figures, baselines and
# targets and the machine. The orchestrator runs as a JVM of its own on the production class path against a
# sandbox (in-memory engine, PostgreSQL, simulated Asterisk; docs/sandbox.md); the embedded mode is started
# once for ready_s. Options: --quick (a try-out of about 6 minutes) --only=ready,records,intake,idle,full,heap
# --set=property=value (an orchestrator property, for experiments) --intake-rate=N (the intake at another
# rate, an experiment) --dir=target/bench.
# Takes about 12 minutes on 2 cores; logs in target/bench/. This JVM takes its whole 6 GB heap at its start (a
# heap that neither shrinks nor grows: no G1 marking cycles in what is measured); the machine needs ~9 GB free.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
JAVA=$(find_java)
build
snapshot target/bench-code
exec "$JAVA" -Xms6g -Xmx6g -XX:+AlwaysPreTouch -Dringback.target=target/bench-code -cp "$(test_classpath target/bench-code)" io.ringback.bench.Benchmark "$@"
