#!/usr/bin/env bash
# Flat SBS against depth: seconds to convert a busy 5 s chunk, per resolution, in the same run (medians), the depth
# converter's frames per second and the CPU share (2.0 = both cores of this machine).
#   scripts/bench-depth.sh [runs] [WxH ...]                       (defaults 5 1280x720 1920x1080)
#   BENCH_CAPTURE=1 scripts/bench-depth.sh ...   the same with a 720p30 capture stand-in running beside it:
#       ffmpeg -f lavfi -i testsrc2=size=1280x720:rate=30 -c:v libx264 -preset veryfast -f null -
#   (BENCH_CAPTURE=realtime adds -re: a capture paced at 30 fps, as a real one is, instead of as fast as it can)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -ntp -q -pl server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java ${BENCH_JAVA_OPTS:-} -Xmx512m -Dlogback.configurationFile=server/src/test/resources/logback-bench.xml \
    -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)" \
    io.stereospot.server.bench.DepthConversionBench "$@"
