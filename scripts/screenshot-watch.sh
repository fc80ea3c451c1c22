#!/usr/bin/env bash
# Makes the README's screenshot of the watch page in red-cyan mode on a real depth stream: a private Xvfb display
# showing a scene with depth (a textured ball low in the middle, in front of a patterned wall, drawn by ImageMagick),
# a local `./stereospot server` with its default depth converter (data in a throw-away folder), `./stereospot
# capture` of that display for a few 5 s chunks, and the page opened in headless Chromium with Red-cyan picked
# (server/src/test/hlsjs/watch-screenshot.mjs, through run-hlsjs.sh's pinned puppeteer-core). It prints how far the
# cyan picture sits from the red one on the ball and on the wall, and fails unless the ball is nearer.
#   scripts/screenshot-watch.sh [OUTPUT.png]     (default docs/watch-red-cyan.png; SCREENSHOT_PORT, default 18570,
#                                                 and the three ports after it are the server's)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$here/docs/watch-red-cyan.png}")"
port="${SCREENSHOT_PORT:-18570}"
base="http://127.0.0.1:$port"
! curl -s -o /dev/null "$base/" || { echo "Port $port is taken: set SCREENSHOT_PORT to a free one." >&2; exit 1; }

work="$(mktemp -d -t stereospot-watch-shot.XXXXXX)"
pids=()
cleanup() {
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# The app's settings, remembered encoder and data stay in the throw-away folder, never yours.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/share" XDG_CACHE_HOME="$work/cache"
# Waits up to SECONDS for a command to succeed.
wait_for() {
  local seconds="$1"
  shift
  for _ in $(seq 1 $((seconds * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

# The scene: the wall is soft colour with a faint brick pattern (far, plain); the ball is a sharp checkerboard low in
# the middle (near: detailed and low, as the model-free depth and a depth model both judge it).
convert -size 1280x720 plasma:steelblue-lightblue -blur 0x3 \
  \( -size 1280x720 pattern:bricks -scale 200% -crop 1280x720+0+0 +repage -negate \
     -level-colors '#00000000','#ffffff' -alpha set -channel A -evaluate set 12% +channel \) \
  -compose over -composite "$work/wall.png"
convert -size 440x440 pattern:checkerboard -scale 150% -crop 440x440+0+0 +repage +level-colors '#901010','#f8e060' \
  \( -size 440x440 xc:black -fill white -draw "circle 220,220 220,5" \) -alpha off -compose copy-opacity -composite \
  "$work/ball.png"
convert "$work/wall.png" "$work/ball.png" -geometry +420+250 -compose over -composite "$work/scene.png"

Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp -noreset 3>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
wait_for 20 test -s "$work/display"
export DISPLAY=":$(head -n 1 "$work/display")"
# `display` paints the root window and exits non-zero when it has no window to keep; the picture stays.
display -window root "$work/scene.png" 2>/dev/null || true

"$here/stereospot" server --host 127.0.0.1 --port "$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
pids+=($!)
wait_for 120 curl -sf -o /dev/null "$base/watch/assets/watch.js" \
  || { tail -n 20 "$work/server.log" >&2; echo "The server did not start." >&2; exit 1; }
grep -m1 '^  Converter' "$work/server.log" >&2

# Long enough for the page to start 3 segments behind live and play on; the script ends it once the picture is taken.
"$here/stereospot" capture --server "$base" --source screen:0 --duration 90s >"$work/capture.log" 2>&1 &
pids+=($!)
wait_for 60 grep -q '^Watch page: ' "$work/capture.log" \
  || { tail -n 20 "$work/capture.log" >&2; echo "The capture did not start." >&2; exit 1; }
session="$(sed -n 's|^Watch page: .*/watch/||p' "$work/capture.log" | head -n 1)"
wait_for 60 grep -q '^chunk 00003 ' "$work/capture.log" \
  || { tail -n 20 "$work/capture.log" >&2; echo "The capture did not upload 4 chunks." >&2; exit 1; }

HLSJS_SCRIPT=watch-screenshot.mjs "$here/server/src/test/hlsjs/run-hlsjs.sh" "$base" "$session" "$work/page.png" 90 \
  | tee "$work/result.json"
# 256 colours keep the picture under 400 KB; the fringes are a few colours more, not subtle shades.
convert "$work/page.png" -colors 255 "PNG8:$out"
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).offsets;
  console.log(`cyan from red: ball ${r.near.offsetPx} px, wall above ${r.far.offsetPx} px, `
    + `wall beside it ${r.wallBeside.offsetPx} px (canvas ${r.canvas}; negative: in front of the screen)`);
  process.exit(r.near.offsetPx < r.far.offsetPx ? 0 : 1);' "$work/result.json" \
  || { echo "The ball is not in front of the wall: no depth in this picture." >&2; exit 1; }
echo "Saved $out ($(stat -c %s "$out") bytes)."
