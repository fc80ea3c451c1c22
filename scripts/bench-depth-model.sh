#!/usr/bin/env bash
# Milliseconds per depth frame of Depth-Anything-V2-Small's network (random-weight stand-in) through ONNX Runtime on
# this CPU, at each input size, with 1 thread and one per core; depth fps, CPU share, model time for a 5 s chunk.
#   scripts/bench-depth-model.sh [sizes] [frames]      (defaults 196,252,518 12)
set -euo pipefail
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Xmx3g -Dsizes=${1:-196,252,518} -Dframes=${2:-12}"
exec "$(dirname "$0")/bench-playback.sh" DepthModelBench
