#!/usr/bin/env bash
# The chaos run (docs/sandbox.md): >= 1,000 callbacks (abandons over AMI and through the intake API; answered,
# busy, no answer, congestion, failed, answered then left the queue) through orchestrators started as JVMs of
# their own on the production class path against the sandbox; 10 kill -9 at random moments, each followed by a
# restart; two orchestrator instances on the same AMI, engine and database for part of the run; one 60 s AMI
# drop. Ends with one line and exits 1 when a callback was lost or a customer dialed twice:
#
#   chaos: callbacks=N ended=N lost=0 double_dials=0 kills=K
#
# Options (defaults of the full run): --callbacks=1000 --kills=10 --rate=1.5 --ami-drop=60s --time-limit=240
# --margin=180 --two-instances=0.3-0.6 --seed=n --dir=target/chaos; --quick is the short run of mvn verify.
# Orchestrator logs: target/chaos/orchestrator-*.log. Takes about 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
JAVA=$(find_java)
build
snapshot target/chaos-code
exec "$JAVA" -Dringback.target=target/chaos-code -cp "$(test_classpath target/chaos-code)" io.ringback.sandbox.ChaosRun "$@"
