#!/usr/bin/env bash
# Makes the README's screenshot from the real app: a private Xvfb display with a moving window and a private
# PulseAudio null sink, the window in local mode (settings and data in a throw-away folder, never yours), the
# moving window picked, Start streaming pressed, and a PNG of the window taken once chunk 2 is uploaded.
#   scripts/screenshot-app.sh [OUTPUT.png]     (default docs/screenshots/streaming-window.png)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$here/docs/screenshots/streaming-window.png}")"
title="Moving clock"

mvn -B -q -ntp -f "$here/pom.xml" -DskipTests package

work="$(mktemp -d -t stereospot-screenshot.XXXXXX)"
pids=()
cleanup() {
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp -noreset 3>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
for _ in $(seq 1 200); do [ -s "$work/display" ] && break; sleep 0.05; done
export DISPLAY=":$(head -n 1 "$work/display")"

mkdir -p "$work/xdg" "$work/home" && chmod 700 "$work/xdg"
export HOME="$work/home" XDG_RUNTIME_DIR="$work/xdg" XDG_CONFIG_HOME="$work/home/.config" \
       XDG_DATA_HOME="$work/home/.local/share" PULSE_SERVER="unix:$work/xdg/pulse/native"
pulseaudio --daemonize=no --exit-idle-time=-1 --disallow-exit -n --use-pid-file=no \
  --load=module-native-protocol-unix --load="module-null-sink sink_name=spk" >"$work/pulse.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do pactl info >/dev/null 2>&1 && break; sleep 0.05; done
pactl set-default-sink spk

xterm -T "$title" -geometry 100x30+40+40 -fn fixed -b 0 +sb -bg black -fg green \
  -e sh -c 'while :; do date +%s.%N; done' &
pids+=($!)
for _ in $(seq 1 200); do xdotool search --onlyvisible --name "^$title\$" >/dev/null 2>&1 && break; sleep 0.05; done

app="$here/app/target"
java -Dprism.order=sw -cp "$app/test-classes:$app/app-0.1.0-SNAPSHOT.jar:$app/lib/*" \
  io.stereospot.app.gui.tools.ScreenshotTour "$out" "$title"
