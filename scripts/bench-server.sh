#!/usr/bin/env bash
# Session creates per second and p50/p99 latency against GET /healthz of the same server, same run.
#   scripts/bench-server.sh [workers] [seconds-per-round] [rounds]      (defaults 4 10 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
source scripts/lib/classpath.sh
cp="$(module_classpath server)"
exec java ${BENCH_JAVA_OPTS:-} -Xmx512m -Dlogback.configurationFile=server/src/test/resources/logback-bench.xml -cp "$cp" \
    io.stereospot.server.bench.SessionCreateBenchmark "$@"
