#!/usr/bin/env bash
# Glass-to-glass: how far behind the broadcaster's screen mpv and hls.js play, through the whole product.
# A busy screen (an xterm printing the time in a loop) on a private Xvfb display is captured by
# `./stereospot capture` into a local `./stereospot server` (default SBS converter); mpv (default settings) and
# hls.js in headless Chromium (default settings) open the playlist URL the moment it is printed, as a viewer
# pasting it at once would, and play it side by side. Each reads, every 0.5 s, the capture time of the frame it
# shows (the playlist's EXT-X-PROGRAM-DATE-TIME + the position in the segment: mpv through its IPC, hls.js through
# hls.playingDate) against the same clock. The stamps are the wall time of each chunk's first frame (x11grab's
# start as FFmpeg prints it, plus the chunk's index times its length), so a figure errs by a frame or so; the capture
# log says how far after FFmpeg's start that first frame came ("Chunks stamped from the first frame, N ms after").
# Usage: [SCREEN=flood|ticker] [OPEN_AFTER=seconds] scripts/viewing/glass-to-glass.sh [720p|1080p] [seconds-played] [sbs|copy]
#        (default flood, 720p 30 sbs)
# Prints: "glass-to-glass 720p mpv (sbs): median 9.1 s, max 9.6 s (n=58)" and the same for hls.js.
set -euo pipefail
res="${1:-720p}"
seconds="${2:-30}"
converter="${3:-sbs}"
case "$res" in
  720p) size=1280x720 ;;
  1080p) size=1920x1080 ;;
  *) echo "Usage: $0 [720p|1080p] [seconds]" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d -t glass-to-glass.XXXXXX)"
pids=()
cleanup() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

for n in $(seq 171 230); do
  [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || break
done
display=":$n"
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >"$work/xvfb.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
# SCREEN=ticker prints 30 lines a second instead: the screen still changes every frame, but the printing no longer
# takes every cycle it can get, as a laptop playing a video does not.
case "${SCREEN:-flood}" in
  flood) printer='while :; do date +%T.%N; done' ;;
  ticker) printer='while :; do date +%T.%N; sleep 0.033; done' ;;
  *) echo "SCREEN is flood (default) or ticker" >&2; exit 2 ;;
esac
DISPLAY="$display" xterm -geometry 400x120+0+0 -e "$printer" & pids+=($!)

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$root/stereospot" server --port "$port" --data-dir "$work/data" --converter "$converter" >"$work/server.log" 2>&1 & pids+=($!)
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

DISPLAY="$display" "$root/stereospot" capture --server "http://127.0.0.1:$port" --source screen:0 \
    --resolution "$res" --duration "$((seconds + 60 + ${OPEN_AFTER:-0}))s" >"$work/capture.log" 2>&1 & pids+=($!)
url=""
for _ in $(seq 600); do
  url="$(grep -o 'http://[^ ]*playlist.m3u8' "$work/capture.log" | head -1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "The capture printed no playlist URL; its log: $work/capture.log" >&2; exit 1; }

# OPEN_AFTER=N: the viewers open the URL N s after it is printed, as a person who pastes it later does.
sleep "${OPEN_AFTER:-0}"
python3 "$root/scripts/viewing/mpv_behind.py" "$url" "$seconds" >"$work/mpv.json" & mpv_pid=$!
HLSJS_WORK_DIR="$root/server/target/hlsjs" \
    bash "$root/server/src/test/hlsjs/run-hlsjs.sh" "$url" "$seconds" "$((seconds + 90))" \
    >"$work/hlsjs.out" 2>"$work/hlsjs.err" || echo "hls.js run failed: $work/hlsjs.err" >&2
wait "$mpv_pid" || echo "mpv run failed" >&2

python3 - "$res" "$work/mpv.json" "$work/hlsjs.out" "$converter" <<'PY'
import json, statistics, sys
res, mpv_file, hls_file, conv = sys.argv[1:]
def report(name, samples):
    if not samples:
        print(f"glass-to-glass {res} {name}: no samples"); return
    print(f"glass-to-glass {res} {name} ({conv}): median {statistics.median(samples):.1f} s, max {max(samples):.1f} s (n={len(samples)})")
try:
    report("mpv", json.load(open(mpv_file))["behind"])
except Exception as e:
    print(f"glass-to-glass {res} mpv: no result ({e})")
try:
    last = open(hls_file).read().strip().splitlines()[-1]
    report("hls.js", [ms / 1000 for ms in json.loads(last)["behindMs"]])
except Exception as e:
    print(f"glass-to-glass {res} hls.js: no result ({e})")
PY
echo "logs: $work"
