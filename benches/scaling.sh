#!/usr/bin/env bash
# Issue 15 item 4: does the lead hold on big problems? The STEP-2D networks (G 16 → W → W → 2,
# D 2 → W → W → 1, BCE, Adam 2e-4; ../shared/bench/WORKLOADS.md's STEP-2D at other sizes) at
# batch B and width W, one thread, the crate, the PyTorch peer and the JAX peer interleaved
# (crate, torch, jax, crate, … ROUNDS times). Not part of CI (it needs the peers).
#
#   benches/scaling.sh   # ROUNDS=3 STEPS=200 SIZES=64x128,256x128,1024x128,4096x128,256x512,256x1024
#
# Also measures the one-core FMA peak (`cargo bench --bench matmul -- fma_peak`). Ends with a
# Markdown table (steps/s, median (min–max); GFLOP/s of each and the crate's share of the
# peak) and writes docs/figures/scaling.png (GFLOP/s for each size, by
# benches/scaling_plot.rs with the crate's own `plot`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
STEPS=${STEPS:-200}
SIZES=${SIZES:-64x128,256x128,1024x128,4096x128,256x512,256x1024}
PYTHON=${PEER_PYTHON:-$HOME/.venv-peer/bin/python}
PLOT=${PLOT:-docs/figures/scaling.png}
[ -x "$PYTHON" ] || { echo "no peer python at $PYTHON (see benches/compare.sh)" >&2; exit 1; }
names=$(echo "$SIZES" | tr ',' '\n' | sed 's/^\([0-9]*\)x\([0-9]*\)$/SCALE-B\1-W\2/' | paste -sd, -)

raw=$(mktemp)
summary=$(mktemp)
trap 'rm -f "$raw" "$summary"' EXIT
cargo bench --bench step_timing --no-run 2>/dev/null
cargo bench --bench matmul --no-run 2>/dev/null
cargo bench --bench scaling_plot --no-run 2>/dev/null
echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $ROUNDS rounds of $STEPS steps, 1 thread"
peak=$(cargo bench -q --bench matmul -- 'fma_peak.*/1t' 2>/dev/null |
  awk '/thrpt:/ { gsub(/\[/, ""); print $4; exit }')
echo "# one-core FMA peak: ${peak:-unknown} GFLOP/s"
for round in $(seq "$ROUNDS"); do
  echo "# round $round/$ROUNDS: crate" >&2
  cargo bench -q --bench step_timing -- --threads 1 --runs 1 --steps "$STEPS" --workloads "$names" >> "$raw"
  for peer in torch jax; do
    echo "# round $round/$ROUNDS: $peer" >&2
    "$PYTHON" benches/scaling_peers.py "$peer" --workloads "$names" --steps "$STEPS" 2>/dev/null >> "$raw"
  done
done

python3 - "$raw" "$names" "${peak:-0}" "$summary" <<'PY'
import re, statistics, sys
raw, names, peak, summary = sys.argv[1], sys.argv[2].split(","), float(sys.argv[3]), sys.argv[4]
samples = {}
for line in open(raw):
    peer, _, name, threads, value = line.rstrip("\n").split("\t")
    samples.setdefault((peer, name), []).append(float(value))

def flops(name):
    # One step: D update (G forward, D forward and backward on the real and the fake batch,
    # no input gradient at D's first layer) + G update (G and D forward, D backward without
    # weight gradients, G backward without an input gradient at its first layer):
    # 4·f_G + 8·f_D − 2·d_1 − g_1, with f = 2·B·Σ in·out over a network's layers.
    b, w = map(int, re.fullmatch(r"SCALE-B(\d+)-W(\d+)", name).groups())
    f = lambda sizes: 2 * b * sum(i * o for i, o in zip(sizes, sizes[1:]))
    return 4 * f([16, w, w, 2]) + 8 * f([2, w, w, 1]) - 2 * (2 * b * 2 * w) - 2 * b * 16 * w

med = lambda v: statistics.median(v) if v else float("nan")
cell = lambda v: f"{med(v):.1f} ({min(v):.1f}–{max(v):.1f})" if v else "–"
print("| B × W | MFLOP/step | crate | torch | JAX | crate/torch | crate/JAX | GFLOP/s crate / torch / JAX | crate, % of peak |")
print("|---|---|---|---|---|---|---|---|---|")
with open(summary, "w") as out:
    out.write("name\tmflop\tcrate\ttorch\tjax\n")
    for name in names:
        c, t, j = (samples.get((p, name), []) for p in ("crate", "torch", "jax"))
        mf = flops(name) / 1e6
        g = [med(v) * mf / 1e3 for v in (c, t, j)]
        share = f"{100 * g[0] / peak:.0f} %" if peak > 0 else "–"
        b, w = re.fullmatch(r"SCALE-B(\d+)-W(\d+)", name).groups()
        print(f"| {b} × {w} | {mf:.1f} | {cell(c)} | {cell(t)} | {cell(j)} | {med(c) / med(t):.2f} | "
              f"{med(c) / med(j):.2f} | {g[0]:.1f} / {g[1]:.1f} / {g[2]:.1f} | {share} |")
        out.write(f"{name}\t{mf}\t{g[0]}\t{g[1]}\t{g[2]}\n")
PY
cargo bench -q --bench scaling_plot -- "$summary" "${peak:-0}" "$PLOT"
