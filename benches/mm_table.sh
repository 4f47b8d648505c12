#!/usr/bin/env bash
# The MM table of docs/BENCHMARKS.md: crate and PyTorch peer interleaved on the same machine.
#
# Each round runs the criterion bench `matmul` (ours + ndarray, 1 and 2 rayon threads, FMA
# peak), keeps its raw samples, then runs the peer (`torch_peer.py --only mm`) once. The
# load average is logged before every run. At the end every sample of every round is pooled
# per (implementation, case, threads) and printed as median, min and max GFLOP/s.
#
# Usage, from the project root:
#   benches/mm_table.sh                      # 3 rounds, every MM shape
#   ROUNDS=5 FILTER='sq512|64x784' benches/mm_table.sh
# Environment: ROUNDS (3), FILTER (criterion regex, default all), PEER_RUNS (3 runs per round),
# PEER_PYTHON (~/.venv-peer/bin/python), PEER_SCRIPT (../shared/bench/torch_peer.py),
# OUT (target/mm_table).
set -euo pipefail

ROUNDS=${ROUNDS:-3}
FILTER=${FILTER:-}
PEER_RUNS=${PEER_RUNS:-3}
PEER_PYTHON=${PEER_PYTHON:-$HOME/.venv-peer/bin/python}
PEER_SCRIPT=${PEER_SCRIPT:-../shared/bench/torch_peer.py}
OUT=${OUT:-target/mm_table}

rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cargo bench --bench matmul --no-run
for round in $(seq 1 "$ROUNDS"); do
    echo "round $round crate load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
    rm -rf target/criterion
    cargo bench --bench matmul -- --noplot ${FILTER:+"$FILTER"}
    mkdir -p "$OUT/round$round"
    (cd target/criterion && find . -path '*/new/*' \( -name sample.json -o -name benchmark.json \) \
        -exec cp --parents {} "$OUT/round$round/" \;)
    echo "round $round peer load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
    "$PEER_PYTHON" "$PEER_SCRIPT" --only mm --threads 1,2 --runs "$PEER_RUNS" --tsv "$OUT/peer.tsv"
done

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

cases = list(dict.fromkeys(case for impl, case, _ in samples if impl == "ours"))
print("| case | threads | ours | ndarray `dot` | torch | ours / torch |")
print("|---|---|---|---|---|---|")
for case in cases:
    for threads in ("1", "2"):
        ours, torch = samples.get(("ours", case, threads)), samples.get(("torch", case, threads))
        ratio = f"{statistics.median(ours) / statistics.median(torch):.2f}" if ours and torch else "–"
        print(f"| {case} | {threads} | {cell(('ours', case, threads))} | "
              f"{cell(('ndarray', case, threads))} | {cell(('torch', case, threads))} | {ratio} |")
for threads in ("1", "2"):
    if ("chains", "avx512f", threads) in samples:
        print(f"\nFMA peak (16 independent 512-bit FMA chains per thread), {threads} thread(s): "
              f"{cell(('chains', 'avx512f', threads))} GFLOP/s")
counts = {}
for (impl, _, _), values in samples.items():
    counts[impl] = max(counts.get(impl, 0), len(values))
print(f"\nGFLOP/s, median (min–max) of every sample of {len(list(out.glob('round*')))} rounds; "
      f"samples per cell: {counts}")
print("load averages (1, 5, 15 min) before each run:")
print((out / "load.txt").read_text())
EOF
