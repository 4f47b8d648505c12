#!/usr/bin/env bash
# Side by side: the crate's GAN step against the PyTorch CPU peer (eager) and the JAX peer
# (the whole step compiled by jax.jit), on the STEP workloads of ../shared/bench/WORKLOADS.md,
# interleaved (crate, torch, jax, crate, torch, jax, … ROUNDS times) so that the machine's
# drift hits all three alike. JAX runs in a process of its own per thread count (XLA fixes
# its thread pool at start). Not part of CI (it needs the peers).
#
#   one-time peer install: python3 -m venv ~/.venv-peer && ~/.venv-peer/bin/pip install torch numpy jax optax
#   benches/compare.sh        # ROUNDS=5 STEPS=200 THREADS=1,2 WORKLOADS=STEP-2D,STEP-DIGITS,STEP-MNIST,STEP-WGAN-GP-2D
#
# Ends with a Markdown table (medians, min–max) and a TSV table whose header is
# `workload threads crate torch jax crate/torch crate/jax` (steps per second, medians).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
STEPS=${STEPS:-200}
THREADS=${THREADS:-1,2}
WORKLOADS=${WORKLOADS:-STEP-2D,STEP-DIGITS,STEP-MNIST,STEP-WGAN-GP-2D}
PYTHON=${PEER_PYTHON:-$HOME/.venv-peer/bin/python}
TORCH_PEER=../shared/bench/torch_peer.py
JAX_PEER=../shared/bench/jax_peer.py
[ -x "$PYTHON" ] || { echo "no peer python at $PYTHON (see the install line at the top)" >&2; exit 1; }
for peer in "$TORCH_PEER" "$JAX_PEER"; do
  [ -f "$peer" ] || { echo "no $peer: run from a checkout with ../shared beside it" >&2; exit 1; }
done

raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
cargo bench --bench step_timing --no-run 2>/dev/null
echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $ROUNDS rounds of $STEPS steps"
for round in $(seq "$ROUNDS"); do
  echo "# round $round/$ROUNDS: crate" >&2
  cargo bench -q --bench step_timing -- --threads "$THREADS" --runs 1 --steps "$STEPS" --workloads "$WORKLOADS" >> "$raw"
  echo "# round $round/$ROUNDS: torch" >&2
  "$PYTHON" "$TORCH_PEER" --only step --threads "$THREADS" --runs 1 --steps "$STEPS" \
    --workloads "$WORKLOADS" --tsv "$raw" > /dev/null
  for t in ${THREADS//,/ }; do
    echo "# round $round/$ROUNDS: jax, $t thread(s)" >&2
    # jax_peer.py prints `workload threads median min max`; with --runs 1 all three are the sample.
    "$PYTHON" "$JAX_PEER" --threads "$t" --runs 1 --steps "$STEPS" --only "$WORKLOADS" 2>/dev/null |
      awk -F'\t' 'NF == 5 { printf "jax\tstep\t%s\t%s\t%s\n", $1, $2, $3 }' >> "$raw"
  done
done

python3 - "$raw" "$WORKLOADS" <<'PY'
import statistics, sys
order = sys.argv[2].split(",")
samples = {}
for line in open(sys.argv[1]):
    peer, kind, case, threads, value = line.rstrip("\n").split("\t")
    if kind == "step" and case in order:
        samples.setdefault((case, int(threads), peer), []).append(float(value))
cases = sorted({(c, t) for c, t, _ in samples}, key=lambda k: (order.index(k[0]), k[1]))
def cell(values):
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})" if values else "–"
print("| workload | threads | crate | torch | jax | crate/torch | crate/jax |")
print("|---|---|---|---|---|---|---|")
rows = []
for case, threads in cases:
    c, t, j = (samples.get((case, threads, p), []) for p in ("crate", "torch", "jax"))
    mc, mt, mj = (statistics.median(v) if v else float("nan") for v in (c, t, j))
    rows.append((case, threads, mc, mt, mj))
    print(f"| {case} | {threads} | {cell(c)} | {cell(t)} | {cell(j)} | {mc / mt:.2f} | {mc / mj:.2f} |")
print()
print("workload\tthreads\tcrate\ttorch\tjax\tcrate/torch\tcrate/jax")
for case, threads, mc, mt, mj in rows:
    print(f"{case}\t{threads}\t{mc:.2f}\t{mt:.2f}\t{mj:.2f}\t{mc / mt:.3f}\t{mc / mj:.3f}")
PY
