#!/usr/bin/env bash
# Capture pipeline benchmark (not a test): CPU of JVM + FFmpeg per stream second against the bare FFmpeg command,
# encode speed, dropped and duplicated frames (%), chunk publish latency, JVM peak RSS; 720p30 and 1080p30 on busy moving content.
# Usage: scripts/bench-capture.sh [seconds-per-run] [rounds]   (default 20 3: alternating bare/pipeline rounds)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -ntp -pl capture -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null \
    || { echo "The build failed: run mvn -pl capture -am test-compile to see why." >&2; exit 1; }
cp="capture/target/test-classes:capture/target/classes:$(cat capture/target/bench.classpath)"
exec java -Xmx512m -Dlogback.configurationFile=logback-bench.xml -cp "$cp" io.stereospot.capture.bench.CaptureBenchmark "${1:-20}" "${2:-3}"
