#!/usr/bin/env bash
# Capture pipeline benchmark (not a test): CPU of JVM + FFmpeg per stream second against the bare FFmpeg command,
# encode speed, dropped and duplicated frames (%), chunk publish latency, JVM peak RSS; 720p30 and 1080p30 on busy moving content.
# Usage: scripts/bench-capture.sh [seconds-per-run] [rounds]   (default 20 3: alternating bare/pipeline rounds)
#
# With "wayland" first: the Wayland path (portal, PipeWire, GStreamer, FFmpeg) against the X11 path (x11grab) on the
# same content, mpv playing one busy 720p30 clip full screen; it needs what WaylandCaptureIntegrationTest needs plus
# mpv. Usage: scripts/bench-capture.sh wayland [seconds-per-run] [rounds]   (default 20 3: alternating X11/Wayland)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
main=io.stereospot.capture.bench.CaptureBenchmark
if [ "${1:-}" = wayland ]; then
    main=io.stereospot.capture.bench.WaylandCaptureBenchmark
    shift
fi
source scripts/lib/classpath.sh
cp="$(module_classpath capture)"
# From the capture module: WaylandDesktop builds the portal's test shim from capture/src/test/c.
cd capture
exec java -Xmx512m -Dlogback.configurationFile=logback-bench.xml -cp "$cp" "$main" "${1:-20}" "${2:-3}"
