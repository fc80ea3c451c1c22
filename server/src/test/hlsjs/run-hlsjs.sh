#!/usr/bin/env bash
# Installs the pinned hls.js + puppeteer-core + iwer (npm ci, from package-lock.json) once, then runs a script with them.
# Called by HlsJsPlaybackTest: run-hlsjs.sh PLAYLIST_URL TARGET_SECONDS TIMEOUT_SECONDS (plays with play.mjs);
# by WatchPageTest with HLSJS_SCRIPT=watch-page.mjs: run-hlsjs.sh BASE_URL ARGS… (the script gets Chromium's path second).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${HLSJS_WORK_DIR:-$here/../../../target/hlsjs}"
command -v node >/dev/null || { echo "node is not installed (Debian: apt-get install nodejs npm)." >&2; exit 3; }
command -v npm >/dev/null || { echo "npm is not installed (Debian: apt-get install npm)." >&2; exit 3; }
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
[ -n "$chromium" ] || { echo "Chromium is not installed (Debian: apt-get install chromium)." >&2; exit 3; }
mkdir -p "$work"
if ! cmp -s "$here/package-lock.json" "$work/package-lock.json" || [ ! -d "$work/node_modules" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
cp "$here"/*.mjs "$work/"
cd "$work"
exec node "${HLSJS_SCRIPT:-play.mjs}" "$1" "$chromium" "${@:2}"
