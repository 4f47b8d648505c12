#!/usr/bin/env bash
# Issue 15 item 3: the crate's GAN step on a busy machine. Interleaved rounds of the STEP
# workloads (../shared/bench/WORKLOADS.md) at 1 and 2 threads, each round measured twice:
# idle, and beside one competing CPU-bound process that this script starts and stops itself
# (a shell busy loop, killed after each measurement, and bounded by `timeout` in any case).
# The target: with the competitor, the 2-thread step is at least 0.95× the 1-thread step.
# The 2-thread step is measured twice: as training runs it (each step split or serial,
# whichever `parallel::ThreadChoice` measures faster) and with every step split (the crate
# before that choice). Needs no peers.
#
#   benches/contention.sh    # ROUNDS=5 STEPS=200 WORKLOADS=STEP-2D,STEP-DIGITS,STEP-MNIST,STEP-WGAN-GP-2D
#
# Ends with a Markdown table: steps per second, median (min–max), idle and busy, and the busy
# 2-thread / busy 1-thread ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
STEPS=${STEPS:-200}
WORKLOADS=${WORKLOADS:-STEP-2D,STEP-DIGITS,STEP-MNIST,STEP-WGAN-GP-2D}

raw=$(mktemp)
competitor=""
stop_competitor() {
  if [ -n "$competitor" ]; then
    kill "$competitor" 2>/dev/null || true
    wait "$competitor" 2>/dev/null || true
    competitor=""
  fi
}
trap 'stop_competitor; rm -f "$raw"' EXIT
cargo bench --bench step_timing --no-run 2>/dev/null
measure() { # $1: idle | busy
  cargo bench -q --bench step_timing -- --threads 1,2 --runs 1 --steps "$STEPS" \
    --workloads "$WORKLOADS" | awk -v c="$1" -F'\t' 'NF == 5 { print c "\t" $3 "\t" $4 "\t" $5 }' >> "$raw"
  cargo bench -q --bench step_timing -- --threads 2 --split always --runs 1 --steps "$STEPS" \
    --workloads "$WORKLOADS" | awk -v c="$1" -F'\t' 'NF == 5 { print c "\t" $3 "\t" "2s" "\t" $5 }' >> "$raw"
}
echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $ROUNDS rounds of $STEPS steps"
for round in $(seq "$ROUNDS"); do
  echo "# round $round/$ROUNDS: idle" >&2
  measure idle
  echo "# round $round/$ROUNDS: one competing process" >&2
  timeout 900 sh -c 'while :; do :; done' &
  competitor=$!
  sleep 1 # let the scheduler settle the competitor onto a core
  measure busy
  stop_competitor
done

python3 - "$raw" "$WORKLOADS" <<'PY'
import statistics, sys
order = sys.argv[2].split(",")
samples = {}
for line in open(sys.argv[1]):
    condition, case, threads, value = line.rstrip("\n").split("\t")
    samples.setdefault((case, threads, condition), []).append(float(value))
def cell(v):
    return f"{statistics.median(v):.1f} ({min(v):.1f}–{max(v):.1f})" if v else "–"
label = {"1": "1", "2": "2", "2s": "2, every step split"}
print("| workload | threads | idle | one competing process | busy / busy 1-thread |")
print("|---|---|---|---|---|")
for case in order:
    busy1 = samples.get((case, "1", "busy"), [])
    for threads in ("1", "2", "2s"):
        idle, busy = samples.get((case, threads, "idle"), []), samples.get((case, threads, "busy"), [])
        ratio = f"{statistics.median(busy) / statistics.median(busy1):.2f}" if threads != "1" and busy and busy1 else ""
        print(f"| {case} | {label[threads]} | {cell(idle)} | {cell(busy)} | {ratio} |")
PY
