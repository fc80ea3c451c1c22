#!/usr/bin/env bash
# Session creates per second and p50/p99 latency against GET /healthz of the same server, same run.
#   scripts/bench-server.sh [workers] [seconds-per-round] [rounds]      (defaults 4 10 3)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/classpath.sh"
server_bench SessionCreateBenchmark "$@"
