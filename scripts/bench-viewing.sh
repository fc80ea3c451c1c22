#!/usr/bin/env bash
# The stream as a viewer gets it (not a test), per resolution (720p, 1080p, and Auto on the 1080p rig) on a busy
# rig (an xterm printing the time, a burning core, a 440 Hz tone into the sink, a local server with the default
# converter): audio glitches per minute in the playlist beside parecord's of the same sink, dropped and duplicated
# frames (%) beside bare FFmpeg in the same run, then glass-to-glass from scripts/viewing/glass-to-glass.sh when it is there.
# Usage: scripts/bench-viewing.sh [seconds-per-run] [720p|1080p|auto]   (default 30, all three; auto prints what
# Quality Auto chose and why)
# Env: RIG=issue leaves out the burning core (issue 11's own rig); GLASS=0 skips glass-to-glass.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
command -v ffmpeg >/dev/null && command -v parecord >/dev/null \
    || { echo "The viewing benchmark needs the system's ffmpeg and parecord (Debian: apt-get install ffmpeg pulseaudio-utils)." >&2; exit 1; }
source scripts/lib/classpath.sh
cp="$(module_classpath capture)"
exec java -Xmx768m -Dlogback.configurationFile=logback-bench.xml -cp "$cp" io.stereospot.capture.bench.ViewingBenchmark "${1:-30}" ${2:+"$2"}
