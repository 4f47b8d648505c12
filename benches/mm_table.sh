#!/usr/bin/env bash
# The MM table of docs/BENCHMARKS.md: crate and PyTorch peer interleaved on the same machine.
#
# Each round runs the criterion bench `matmul` (ours, ndarray, matrixmultiply and gemm at 1 and
# 2 threads, FMA peak; the bench runs itself a second time for matrixmultiply's 2-thread rows,
# see its doc), keeps its raw samples, then runs the peer (`torch_peer.py --only mm`) once. The
# load average is logged before every run. At the end every sample of every round is pooled
# per (implementation, case, threads) and printed as median, min and max GFLOP/s, with
# "ours / best Rust" = ours ÷ the best median of ndarray, matrixmultiply and gemm in that row.
#
# Usage, from the project root:
#   benches/mm_table.sh                      # 3 rounds, every MM shape
#   ROUNDS=5 FILTER='sq512|64x784' benches/mm_table.sh
#   PEER_RUNS=0 FILTER='64x|256x128|AT\*B|A\*BT' benches/mm_table.sh   # GAN shapes, no peer
# Environment: ROUNDS (3), FILTER (criterion regex, default all; escape `*` as `\*`),
# PEER_RUNS (3 runs per round, 0 skips the peer),
# PEER_PYTHON (~/.venv-peer/bin/python), PEER_SCRIPT (../shared/bench/torch_peer.py),
# OUT (target/mm_table), QUIET_WAIT (seconds to wait for an idle machine before a run, 300).
set -euo pipefail

ROUNDS=${ROUNDS:-3}
FILTER=${FILTER:-}
PEER_RUNS=${PEER_RUNS:-3}
PEER_PYTHON=${PEER_PYTHON:-$HOME/.venv-peer/bin/python}
PEER_SCRIPT=${PEER_SCRIPT:-../shared/bench/torch_peer.py}
OUT=${OUT:-target/mm_table}
QUIET_WAIT=${QUIET_WAIT:-300}

# Percent of both cores busy over the next 2 s, from /proc/stat.
busy_percent() {
    local a b
    a=($(head -1 /proc/stat))
    sleep 2
    b=($(head -1 /proc/stat))
    local total=0 idle=$(( (b[4] + b[5]) - (a[4] + a[5]) ))
    for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
    echo $(( 100 * (total - idle) / (total > 0 ? total : 1) ))
}

# Waits (at most QUIET_WAIT s) until other processes use under 10 % of the machine, then logs.
wait_quiet_and_log() {
    local waited=0 busy
    busy=$(busy_percent)
    while [ "$busy" -ge 10 ] && [ "$waited" -lt "$QUIET_WAIT" ]; do
        sleep 3
        waited=$(( waited + 5 ))
        busy=$(busy_percent)
    done
    echo "$1: busy ${busy}% after ${waited}s wait, load $(cut -d' ' -f1-3 /proc/loadavg)" \
        | tee -a "$OUT/load.txt"
}

rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cargo bench --bench matmul --no-run
for round in $(seq 1 "$ROUNDS"); do
    wait_quiet_and_log "round $round crate"
    rm -rf target/criterion
    cargo bench --bench matmul -- --noplot ${FILTER:+"$FILTER"}
    mkdir -p "$OUT/round$round"
    (cd target/criterion && find . -path '*/new/*' \( -name sample.json -o -name benchmark.json \) \
        -exec cp --parents {} "$OUT/round$round/" \;)
    if [ "$PEER_RUNS" -gt 0 ]; then
        wait_quiet_and_log "round $round peer"
        "$PEER_PYTHON" "$PEER_SCRIPT" --only mm --threads 1,2 --runs "$PEER_RUNS" --tsv "$OUT/peer.tsv"
    fi
done
touch "$OUT/peer.tsv"

python3 - "$OUT" <<'EOF'
import json, pathlib, statistics, sys

out = pathlib.Path(sys.argv[1])
samples = {}  # (implementation, case, threads) -> [GFLOP/s]
for bench in out.glob("round*/**/new/benchmark.json"):
    meta = json.loads(bench.read_text())
    data = json.loads((bench.parent / "sample.json").read_text())
    flops = meta["throughput"]["Elements"]
    case = meta["group_id"].removeprefix("mm ").removeprefix("fma_peak ")
    threads = meta["value_str"].removesuffix("t")
    for iters, ns in zip(data["iters"], data["times"]):
        samples.setdefault((meta["function_id"], case, threads), []).append(flops * iters / ns)
for line in (out / "peer.tsv").read_text().splitlines():
    peer, kind, case, threads, value = line.split("\t")
    samples.setdefault((peer, case, threads), []).append(float(value))

def cell(key):
    values = samples.get(key)
    if not values:
        return "–"
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"

# The peer's order (WORKLOADS.md), then any case only the crate ran.
peer_cases = [line.split("\t")[2] for line in (out / "peer.tsv").read_text().splitlines()]
crate_cases = sorted(case for impl, case, _ in samples if impl == "ours")
cases = [c for c in dict.fromkeys(peer_cases + crate_cases) if ("ours", c, "1") in samples]
def ratio(ours, others):
    medians = [statistics.median(samples[key]) for key in others if key in samples]
    return f"{statistics.median(samples[ours]) / max(medians):.2f}" if ours in samples and medians else "–"

rust = ("ndarray", "matrixmultiply", "gemm")
print("| case | threads | ours | ndarray `dot` | matrixmultiply | gemm | torch | ours / best Rust "
      "| ours / torch |")
print("|---|---|---|---|---|---|---|---|---|")
for case in cases:
    for threads in ("1", "2"):
        ours = ("ours", case, threads)
        best_rust = ratio(ours, [(impl, case, threads) for impl in rust])
        print(f"| {case} | {threads} | {cell(ours)} | "
              + " | ".join(cell((impl, case, threads)) for impl in rust + ("torch",))
              + f" | {best_rust} | {ratio(ours, [('torch', case, threads)])} |")
for threads in ("1", "2"):
    if ("chains", "avx512f", threads) in samples:
        print(f"\nFMA peak (16 independent 512-bit FMA chains per thread), {threads} thread(s): "
              f"{cell(('chains', 'avx512f', threads))} GFLOP/s")
counts = {}
for (impl, _, _), values in samples.items():
    counts[impl] = max(counts.get(impl, 0), len(values))
print(f"\nGFLOP/s, median (min–max) of every sample of {len(list(out.glob('round*')))} rounds; "
      f"samples per cell: {counts}")
print("machine before each run (busy = all processes, ours not yet started):")
print((out / "load.txt").read_text())
EOF
