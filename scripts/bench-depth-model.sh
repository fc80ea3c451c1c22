#!/usr/bin/env bash
# Milliseconds per depth frame of Depth-Anything-V2-Small's network (random-weight stand-in) through ONNX Runtime on
# this CPU, at each input size, with 1 thread and one per core; depth fps, CPU share, model time for a 5 s chunk.
#   scripts/bench-depth-model.sh [sizes] [frames]      (defaults 196,252,518 12)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -ntp -q -pl server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java ${BENCH_JAVA_OPTS:-} -Xmx3g -Dlogback.configurationFile=server/src/test/resources/logback-bench.xml -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)" \
    io.stereospot.server.bench.DepthModelBench "$@"
