#!/usr/bin/env bash
# Side by side: the crate's GAN step against the PyTorch CPU peer, on the STEP workloads of
# ../shared/bench/WORKLOADS.md, interleaved (crate, peer, crate, peer, … ROUNDS times) so that
# the machine's drift hits both alike. Not part of CI (it needs the peer).
#
#   one-time peer install: python3 -m venv ~/.venv-peer && ~/.venv-peer/bin/pip install torch numpy
#   benches/compare.sh                      # ROUNDS=5 STEPS=200 THREADS=1,2 by default
#
# Ends with a TSV table: workload, threads, medians of both, ratio crate/torch.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
STEPS=${STEPS:-200}
THREADS=${THREADS:-1,2}
PYTHON=${PEER_PYTHON:-$HOME/.venv-peer/bin/python}
PEER=../shared/bench/torch_peer.py
[ -x "$PYTHON" ] || { echo "no peer python at $PYTHON (see the install line at the top)" >&2; exit 1; }
[ -f "$PEER" ] || { echo "no $PEER: run from a checkout with ../shared beside it" >&2; exit 1; }

raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
cargo bench --bench step_timing --no-run 2>/dev/null
echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $ROUNDS rounds of $STEPS steps"
for round in $(seq "$ROUNDS"); do
  echo "# round $round/$ROUNDS: crate" >&2
  cargo bench -q --bench step_timing -- --threads "$THREADS" --runs 1 --steps "$STEPS" >> "$raw"
  echo "# round $round/$ROUNDS: torch" >&2
  "$PYTHON" "$PEER" --only step --threads "$THREADS" --runs 1 --steps "$STEPS" --tsv "$raw" > /dev/null
done

python3 - "$raw" <<'PY'
import statistics, sys
samples = {}
for line in open(sys.argv[1]):
    peer, kind, case, threads, value = line.split("\t")
    if kind == "step":
        samples.setdefault((case, int(threads), peer), []).append(float(value))
cases = sorted({(c, t) for c, t, _ in samples}, key=lambda k: (["STEP-2D", "STEP-DIGITS", "STEP-MNIST"].index(k[0]), k[1]))
print("| workload | threads | crate median (min–max) | torch median (min–max) | ratio |")
print("|---|---|---|---|---|")
rows = []
for case, threads in cases:
    c, t = samples.get((case, threads, "crate"), []), samples.get((case, threads, "torch"), [])
    if not c or not t:
        continue
    mc, mt = statistics.median(c), statistics.median(t)
    rows.append((case, threads, mc, mt, mc / mt))
    print(f"| {case} | {threads} | {mc:.1f} ({min(c):.1f}–{max(c):.1f}) | {mt:.1f} ({min(t):.1f}–{max(t):.1f}) | {mc / mt:.2f} |")
print()
print("workload\tthreads\tcrate_steps_per_s\ttorch_steps_per_s\tratio")
for case, threads, mc, mt, ratio in rows:
    print(f"{case}\t{threads}\t{mc:.2f}\t{mt:.2f}\t{ratio:.3f}")
PY
