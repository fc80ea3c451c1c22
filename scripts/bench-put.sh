#!/usr/bin/env bash
# PutObject latency of a 2.5 MB chunk against the embedded store: session credentials against the root client.
#   scripts/bench-put.sh [puts-per-round]      (default 20)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/classpath.sh"
server_bench PutLatencyProbe "$@"
