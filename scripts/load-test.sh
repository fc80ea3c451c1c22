#!/usr/bin/env bash
# Load harness (issue 6): for each stream count N, a fresh `./stereospot server --converter copy` in its own process,
# N simulated capture clients PUTting a real 5 s chunk every 5 s with their own session credentials, N players
# polling their playlists once a second and fetching new segments; then every session is ended, every playlist must
# reach ENDLIST with every acknowledged chunk, and every minted credential is turned against the other sessions.
#   scripts/load-test.sh [seconds-per-run] [N ...]        (defaults: 300 s; N = 5 10 20 40)
# WORKERS=K (issue 15): instead of the one-process server, `./stereospot queue`, the server with --no-converter
# (the embedded store, publishing to that queue) and K `./stereospot converter` processes (copy, one chunk at a time
# each), every one a process of its own. DRAIN_SECONDS bounds the wait for ENDLIST after the streams end (300).
# Prints one Markdown row per N (for docs/reliability.md); exit status 3 when some N did not keep up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
seconds="${1:-300}"
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(5 10 20 40)

# The product's own build (./stereospot runs it when stale), then the server test classes the harness lives in.
# SKIP_BUILD=1 reuses the last build (several runs in a row).
source scripts/lib/classpath.sh
cp="$(module_classpath server -DskipTests package)"

work="$(mktemp -d -t stereospot-load.XXXXXX)"
server_pid=""
workers="${WORKERS:-0}"
helper_pids=()
stop_helpers() {
  for pid in "${helper_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  helper_pids=()
}
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  stop_helpers
  rm -rf "$work"
}
trap cleanup EXIT

# The first match of a sed pattern in a log, once it is there.
await_line() {
  local log="$1" pattern="$2" pid="$3" value=""
  for _ in $(seq 1 900); do
    value="$(sed -n "$pattern" "$log" 2>/dev/null | head -n1 || true)"
    [ -n "$value" ] && { echo "$value"; return 0; }
    kill -0 "$pid" 2>/dev/null || { echo "A process did not start:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "A process did not say where it listens:" >&2; cat "$log" >&2; return 1
}

status=0
rows=()
for n in "${counts[@]}"; do
  data="$work/data-$n"
  log="$work/server-$n.log"
  if [ "$workers" -gt 0 ]; then
    ./stereospot queue --port 0 >"$work/queue-$n.log" 2>&1 &
    helper_pids+=($!)
    queue_url="$(await_line "$work/queue-$n.log" 's/^  Queue *\(http[^ ]*\).*/\1/p' "$!")"
    ./stereospot server --port 0 --no-converter --queue "$queue_url" --data-dir "$data" >"$log" 2>&1 &
  else
    ./stereospot server --port 0 --converter copy --data-dir "$data" >"$log" 2>&1 &
  fi
  server_pid=$!
  if [ "$workers" -gt 0 ]; then
    s3="$(await_line "$log" 's/^  S3 *\(http[^ ]*\).*/\1/p' "$server_pid")"
    for w in $(seq 1 "$workers"); do
      AWS_ACCESS_KEY_ID="$(sed -n 's/^access_key_id=//p' "$data/root-credentials.properties")" \
      AWS_SECRET_ACCESS_KEY="$(sed -n 's/^secret_access_key=//p' "$data/root-credentials.properties")" \
        ./stereospot converter --queue "$queue_url" --s3-endpoint "$s3" --converter copy --parallel 1 \
        >"$work/worker-$n-$w.log" 2>&1 &
      helper_pids+=($!)
      await_line "$work/worker-$n-$w.log" 's/^\(StereoSpot converter is running\).*/\1/p' "$!" >/dev/null
    done
  fi
  api=""
  for _ in $(seq 1 600); do
    api="$(sed -n 's/^  API *\(http[^ ]*\).*/\1/p' "$log" | head -n1)"
    [ -n "$api" ] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "The server did not start:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$api" ] || { echo "The server did not say where it listens:" >&2; cat "$log" >&2; exit 1; }
  echo "== $n streams against $api (server pid $server_pid) =="
  out="$work/result-$n.txt"
  set +e
  java -Xmx1g -Dlogback.configurationFile="$here/server/src/test/resources/logback-bench.xml" -cp "$cp" \
      io.stereospot.server.load.LoadHarness --server "$api" --streams "$n" --seconds "$seconds" \
      --server-pid "$server_pid" --store "$data/store" --chunks "$work/chunks" \
      --drain-seconds "${DRAIN_SECONDS:-300}" | tee "$out"
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" = 0 ] || status=3
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "The harness failed (exit $rc)" >&2; exit "$rc"; }
  rows+=("$(grep '^| [0-9]' "$out")")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  stop_helpers
  grep -E ' (WARN|ERROR) ' "$log" | head -n 20 || true
  rm -rf "$data"
done

echo
echo "Summary ($seconds s per run, $(nproc) cores, workers: ${workers} (0 = the one-process server)):"
grep -h -A1 -m1 '^| streams' "$work/result-${counts[0]}.txt"
printf '%s\n' "${rows[@]}"
exit "$status"
