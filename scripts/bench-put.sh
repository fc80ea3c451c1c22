#!/usr/bin/env bash
# PutObject latency of a 2.5 MB chunk against the embedded store: session credentials against the root client.
#   scripts/bench-put.sh [puts-per-round]      (default 20)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -ntp -q -pl server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java ${BENCH_JAVA_OPTS:-} -Xmx512m -Dlogback.configurationFile=server/src/test/resources/logback-bench.xml -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)" \
    io.stereospot.server.bench.PutLatencyProbe "$@"
