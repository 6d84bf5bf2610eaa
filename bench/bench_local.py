"""Benchmark (not a test): full vs local self-attention from n = 256 to 16,384 positions, time and peak memory.

One head, batch 1, d_k = 64, causal, forward only, float32 on the CPU. Three computations of a layer's
attention (projections excluded, as in the lecture's table):
  full       Chapter 3's `scaled_dot_product_attention` with Chapter 6's `causal_mask(n)`: builds the n×n scores;
  fused      PyTorch's `F.scaled_dot_product_attention(is_causal=True)`: its own kernel, still n² work;
  local      Chapter 10's `local_attention_1d` (query blocks of 128, memory block 128): r = 256 keys per query.
Each (method, n) runs in a fresh subprocess, warmed up on n = 256, so that its peak resident memory
(ru_maxrss above the inputs) is its own.
Prints a table, the fitted log–log exponents (n ≥ 1024) and where local overtakes full.
Run from the repository root: `python bench/bench_local.py [--max-n 16384] [--repeats 3]`.
"""
import argparse, json, math, os, resource, subprocess, sys, time

import numpy as np
import torch

METHODS = ('full', 'fused', 'local')


def run_one(method:str, n:int, repeats:int, d:int=64, query_block:int=128, memory_block:int=128) -> dict:
    "Time `method` at length n (median CPU seconds of `repeats`) and the peak extra memory; in this process."
    from attention_explained.attention import scaled_dot_product_attention
    from attention_explained.decoder import causal_mask
    from attention_explained.local import local_attention_1d
    def make(n):
        torch.manual_seed(0)
        q, k, v = torch.randn(3, 1, n, d).unbind(0)                      # (1, n, d) each
        return {'full':  lambda: scaled_dot_product_attention(q, k, v, mask=causal_mask(n))[0],
                'fused': lambda: torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True),
                'local': lambda: local_attention_1d(q, k, v, query_block, memory_block)[0]}[method]
    with torch.no_grad(): make(2 * query_block)()                        # load kernels and allocators on a tiny case
    fn = make(n)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss            # KiB, after the inputs exist
    with torch.no_grad():
        fn()                                                             # warm-up (and the peak)
        times = []
        for _ in range(repeats):
            start = time.process_time(); fn(); times.append(time.process_time() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    return {'method': method, 'n': n, 'seconds': float(np.median(times)), 'peak_mib': peak / 1024}


def fit_exponent(ns, ts, n_min:int=1024) -> float:
    "Slope of log t against log n over n ≥ n_min."
    pts = [(math.log(n), math.log(t)) for n, t in zip(ns, ts) if n >= n_min and t > 0]
    return float(np.polyfit(*zip(*pts), 1)[0]) if len(pts) >= 2 else float('nan')


def crossover(ns, t_full, t_local) -> float|None:
    "The n (log-interpolated) from which local is faster than full; None if it never is."
    for i, (n, a, b) in enumerate(zip(ns, t_full, t_local)):
        if b < a:
            if i == 0: return float(n)
            n0, a0, b0 = ns[i - 1], t_full[i - 1], t_local[i - 1]
            r0, r1 = math.log(b0 / a0), math.log(b / a)                   # log(local/full) changes sign
            return float(math.exp(math.log(n0) + (math.log(n) - math.log(n0)) * r0 / (r0 - r1)))
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--min-n', type=int, default=256); parser.add_argument('--max-n', type=int, default=16384)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--one', nargs=2, metavar=('METHOD', 'N'), help=argparse.SUPPRESS)   # the subprocess mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.repeats))); return
    ns = [2 ** e for e in range(int(math.log2(args.min_n)), int(math.log2(args.max_n)) + 1)]
    print(f"causal self-attention, 1 head, batch 1, d_k=64, float32, forward, {torch.get_num_threads()} thread(s); "
          f"local: query block 128, memory block 128; CPU seconds (median of {args.repeats}), peak extra RSS")
    print(f"{'n':>7} | " + " | ".join(f"{m + ' s':>10} {m + ' MiB':>10}" for m in METHODS) + " | full/local time")
    rows = {m: [] for m in METHODS}
    for n in ns:
        for m in METHODS:
            out = subprocess.run([sys.executable, __file__, '--one', m, str(n), '--repeats', str(args.repeats)],
                                 capture_output=True, text=True, check=True)
            rows[m].append(json.loads(out.stdout))
        r = {m: rows[m][-1] for m in METHODS}
        print(f"{n:>7} | " + " | ".join(f"{r[m]['seconds']:>10.4f} {r[m]['peak_mib']:>10.1f}" for m in METHODS)
              + f" | {r['full']['seconds'] / r['local']['seconds']:>8.2f}", flush=True)
    t = {m: [x['seconds'] for x in rows[m]] for m in METHODS}
    mem = {m: [max(x['peak_mib'], 1e-3) for x in rows[m]] for m in METHODS}
    print("fitted log–log exponents (n ≥ 1024): time " + ", ".join(f"{m} {fit_exponent(ns, t[m]):.2f}" for m in METHODS)
          + "; memory " + ", ".join(f"{m} {fit_exponent(ns, mem[m]):.2f}" for m in METHODS))
    for other in ('full', 'fused'):
        c = crossover(ns, t[other], t['local'])
        print(f"crossover: local is faster than {other} from n ≈ {c:,.0f}" if c else f"local never beats {other} here")


if __name__ == '__main__': main()
