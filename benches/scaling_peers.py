#!/usr/bin/env python3
"""The peers on issue 15's scaling workloads: the STEP-2D networks (G 16 -> W -> W -> 2,
D 2 -> W -> W -> 1, BCE, Adam 2e-4, one D and one G update per step) at batch B and width W,
named SCALE-B{B}-W{W}. Run by benches/scaling.sh; needs ../shared/bench beside the checkout.

    scaling_peers.py torch --workloads SCALE-B64-W128,SCALE-B256-W512 [--steps 200] [--warmup 20]
    scaling_peers.py jax   --workloads ...   (one thread: a process of its own, as jax_peer.py says)

Prints one TSV line per workload, `peer step NAME 1 STEPS_PER_S`, the format of
benches/step_timing.rs. The peers' own code does the work: torch_peer.py's Gan and
run_steps, and jax_peer.py's make() (run with its workloads table extended).
"""
import argparse
import os
import re
import sys

PEERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench")


def sizes(name):
    match = re.fullmatch(r"SCALE-B(\d+)-W(\d+)", name)
    if not match:
        sys.exit(f"not a scaling workload: {name} (expected SCALE-B<batch>-W<width>)")
    return int(match.group(1)), int(match.group(2))


def run_torch(names, steps, warmup):
    sys.path.insert(0, PEERS)
    import torch.nn as nn
    import torch_peer

    for name in names:
        batch, width = sizes(name)
        torch_peer.WORKLOADS[name] = (16, [16, width, width, 2], nn.ReLU, None, [2, width, width, 1], nn.ReLU, batch)
    results = torch_peer.run_steps([1], 1, steps, warmup, names)
    for name in names:
        print(f"torch\tstep\t{name}\t1\t{results[(name, 1)][0]}", flush=True)


def run_jax(names, steps, warmup):
    path = os.path.join(PEERS, "jax_peer.py")
    source = open(path).read()
    # jax_peer.py is a script: run it with its workloads table extended by ours, and its
    # arguments set to one thread, one run, our workloads.
    table = "WORKLOADS = {"
    assert source.count(table) == 1, f"{path} no longer defines its workloads as expected"
    source = source.replace(table, "WORKLOADS = {**SCALED(jax), ", 1)

    def scaled(jax):
        return {
            name: (16, [16, w, w, 2], jax.nn.relu, None, [2, w, w, 1], jax.nn.relu, b)
            for name in names
            for b, w in [sizes(name)]
        }

    sys.argv = [path, "--threads", "1", "--runs", "1", "--steps", str(steps), "--warmup", str(warmup), "--only", ",".join(names)]
    # jax_peer.py prints `name threads median min max`; with one run all three are the sample.
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, path, "exec"), {"__name__": "__main__", "SCALED": scaled})
    for line in out.getvalue().splitlines():
        name, threads, median = line.split("\t")[:3]
        print(f"jax\tstep\t{name}\t{threads}\t{median}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("peer", choices=["torch", "jax"])
    ap.add_argument("--workloads", required=True)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    args = ap.parse_args()
    names = args.workloads.split(",")
    for name in names:
        sizes(name)
    if args.peer == "torch":
        import torch

        torch.set_num_threads(1)
        run_torch(names, args.steps, args.warmup)
    else:
        run_jax(names, args.steps, args.warmup)


if __name__ == "__main__":
    main()
