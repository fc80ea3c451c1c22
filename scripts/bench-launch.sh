#!/usr/bin/env bash
# Package sizes, and the time from launch to the visible "StereoSpot Stream Capture" window: the installed package
# (/usr/bin/stereospot, its own jlinked runtime) against ./stereospot (the system JDK, jars in app/target), on a
# private Xvfb display. Rounds alternate between the two; medians of N rounds (default 3).
#
#   scripts/bench-launch.sh [rounds]      as root; the packages must be built first:
#                                         mvn -B -ntp -Prelease -DskipTests package
# It installs app/target/dist/stereospot_*.deb with apt-get (and purges it at the end if it was not installed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
title="StereoSpot Stream Capture"
deb="$(ls "$here"/app/target/dist/stereospot_*_amd64.deb 2>/dev/null | head -n 1 || true)"
tarball="$(ls "$here"/app/target/dist/stereospot-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1 || true)"
if [ -z "$deb" ] || [ -z "$tarball" ]; then
  echo "Build the packages first: mvn -B -ntp -Prelease -DskipTests package" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "The benchmark installs the .deb, so it runs as root." >&2
  exit 1
fi

work="$(mktemp -d -t stereospot-bench-launch.XXXXXX)"
installed_before=no
dpkg -s stereospot >/dev/null 2>&1 && installed_before=yes
xvfb=""
cleanup() {
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
  [ "$installed_before" = no ] && DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq stereospot >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

[ "$installed_before" = no ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
"$here/stereospot" --version >/dev/null # builds ./stereospot first if needed, outside the timing

Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp -noreset 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
for _ in $(seq 1 200); do [ -s "$work/display" ] && break; sleep 0.05; done
export DISPLAY=":$(head -n 1 "$work/display")"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_STATE_HOME="$work/home/.local/state"
mkdir -p "$HOME"

# Milliseconds from starting "$@" until the window is mapped; then the app is stopped (SIGTERM) and waited for.
launch_ms() {
  local start end pid
  start=$(date +%s%N)
  "$@" >"$work/app.log" 2>&1 &
  pid=$!
  until xdotool search --onlyvisible --name "^$title\$" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "The app ended before its window showed: $(tail -n 5 "$work/app.log")" >&2
      exit 1
    fi
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

installed=() source_run=()
for i in $(seq 1 "$rounds"); do
  installed+=("$(launch_ms /usr/bin/stereospot)")
  source_run+=("$(launch_ms "$here/stereospot")")
  echo "round $i: installed ${installed[-1]} ms, ./stereospot ${source_run[-1]} ms"
done
m_installed=$(printf '%s\n' "${installed[@]}" | median)
m_source=$(printf '%s\n' "${source_run[@]}" | median)

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
tree_bytes=$(du -sb /opt/stereospot | cut -f1)
runtime_bytes=$(du -sb /opt/stereospot/lib/runtime | cut -f1)
jars_bytes=$(du -sb /opt/stereospot/lib/app | cut -f1)
echo
echo "| what | size |"
echo "|---|---|"
echo "| $(basename "$deb") | $(mib "$(stat -c %s "$deb")") |"
echo "| $(basename "$tarball") | $(mib "$(stat -c %s "$tarball")") |"
echo "| installed tree /opt/stereospot | $(mib "$tree_bytes") |"
echo "| of which the jlinked Java runtime | $(mib "$runtime_bytes") |"
echo "| of which the jars (FFmpeg, JavaFX, server libraries, app) | $(mib "$jars_bytes") |"
echo
echo "| launch to visible window (median of $rounds) | ms |"
echo "|---|---|"
echo "| installed package (/usr/bin/stereospot) | $m_installed |"
echo "| ./stereospot (built, system JDK 17) | $m_source |"
awk -v a="$m_installed" -v b="$m_source" 'BEGIN { printf "| installed / ./stereospot | %.2f× |\n", a / b }'
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
