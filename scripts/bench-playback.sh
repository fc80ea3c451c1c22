#!/usr/bin/env bash
# Runs one playback benchmark (a main class in server/src/test/java/io/stereospot/server/bench/).
# Usage: scripts/bench-playback.sh PlaylistThroughputBench | GlassToPlaylistBench
# BENCH_JAVA_OPTS passes -D options (GlassToPlaylistBench: -Dconverters=copy,sbs -Dpattern=testsrc2 -Dchunks=8).
# Needs wrk and nginx (Debian packages) for the throughput one.
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${1:?name a benchmark: PlaylistThroughputBench or GlassToPlaylistBench}"
source scripts/lib/classpath.sh
cp="$(module_classpath server -pl server -am package -DskipTests)"
exec java ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$PWD/server/target/test-classes/logback-bench.xml" -cp "$cp" \
    "io.stereospot.server.bench.$bench"
