#!/usr/bin/env bash
# Wayland capture benchmark (not a test): CPU per stream second of the Wayland path (portal, PipeWire, GStreamer,
# FFmpeg) against the X11 path (x11grab) on the same content, mpv playing one busy 720p30 clip full screen.
# Needs what WaylandCaptureIntegrationTest needs (sway, pipewire, wireplumber, xdg-desktop-portal(-wlr),
# gstreamer1.0-pipewire, foot, gcc) plus mpv, Xvfb and PulseAudio.
# Usage: scripts/bench-capture-wayland.sh [seconds-per-run] [rounds]   (default 20 3: alternating X11/Wayland rounds)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -ntp -pl capture -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null \
    || { echo "The build failed: run mvn -pl capture -am test-compile to see why." >&2; exit 1; }
cp="$here/capture/target/test-classes:$here/capture/target/classes:$(cat capture/target/bench.classpath)"
# WaylandDesktop builds the portal's test shim from capture/src/test/c: run from the capture module.
cd capture
exec java -Xmx512m -Dlogback.configurationFile=logback-bench.xml -cp "$cp" \
    io.stereospot.capture.bench.WaylandCaptureBenchmark "${1:-20}" "${2:-3}"
