#!/usr/bin/env bash
# PutObject latency of a 2.5 MB chunk against the embedded store: session credentials against the root client.
#   scripts/bench-put.sh [puts-per-round]      (default 20)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
source scripts/lib/classpath.sh
cp="$(module_classpath server)"
exec java ${BENCH_JAVA_OPTS:-} -Xmx512m -Dlogback.configurationFile=server/src/test/resources/logback-bench.xml -cp "$cp" \
    io.stereospot.server.bench.PutLatencyProbe "$@"
