#!/usr/bin/env bash
# Load harness (issue 6): for each stream count N, a fresh `./stereospot server --converter copy` in its own process,
# N simulated capture clients PUTting a real 5 s chunk every 5 s with their own session credentials, N players
# polling their playlists once a second and fetching new segments; then every session is ended, every playlist must
# reach ENDLIST with every acknowledged chunk, and every minted credential is turned against the other sessions.
#   scripts/load-test.sh [seconds-per-run] [N ...]        (defaults: 300 s; N = 5 10 20 40)
# Prints one Markdown row per N (for docs/reliability.md); exit status 3 when some N did not keep up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
seconds="${1:-300}"
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(5 10 20 40)

# The product's own build (./stereospot runs it when stale), then the server test classes the harness lives in.
# One reactor build (never `mvn install`); each module writes its class path to its own target/.
mvn -B -ntp -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/load-classpath.txt \
    -Dmdep.includeScope=test
cp="server/target/test-classes:server/target/classes:$(cat server/target/load-classpath.txt)"

work="$(mktemp -d -t stereospot-load.XXXXXX)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

status=0
rows=()
for n in "${counts[@]}"; do
  data="$work/data-$n"
  log="$work/server-$n.log"
  ./stereospot server --port 0 --converter copy --data-dir "$data" >"$log" 2>&1 &
  server_pid=$!
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
      --server-pid "$server_pid" --store "$data/store" --chunks "$work/chunks" | tee "$out"
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" = 0 ] || status=3
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "The harness failed (exit $rc)" >&2; exit "$rc"; }
  rows+=("$(grep '^| [0-9]' "$out")")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  grep -E ' (WARN|ERROR) ' "$log" | head -n 20 || true
  rm -rf "$data"
done

echo
echo "Summary ($seconds s per run, $(nproc) cores):"
grep -h -A1 -m1 '^| streams' "$work/result-${counts[0]}.txt"
printf '%s\n' "${rows[@]}"
exit "$status"
