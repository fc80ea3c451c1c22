#!/usr/bin/env bash
# Runs one playback benchmark (a main class in server/src/test/java/io/stereospot/server/bench/).
# Usage: scripts/bench-playback.sh PlaylistThroughputBench | GlassToPlaylistBench
# BENCH_JAVA_OPTS passes -D options (GlassToPlaylistBench: -Dconverters=copy,sbs -Dpattern=testsrc2 -Dchunks=8).
# Needs wrk and nginx (Debian packages) for the throughput one.
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${1:?name a benchmark: PlaylistThroughputBench or GlassToPlaylistBench}"
# In the reactor (never `mvn install`): each module writes its class path; the server's, built last, remains.
mvn -B -ntp -q -pl server -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$PWD/server/target/bench-classpath.txt" -Dmdep.includeScope=test
exec java ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$PWD/server/target/test-classes/logback-bench.xml" -cp "server/target/classes:server/target/test-classes:$(cat server/target/bench-classpath.txt)" \
    "io.stereospot.server.bench.$bench"
