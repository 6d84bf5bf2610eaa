"""Benchmark (not a test): our MultiHeadAttention vs torch.nn.MultiheadAttention, forward + backward on the CPU.

Self-attention on a batch of 8 sequences of 512 tokens, d_model = 512, 8 heads, training mode without dropout.
Prints the median time of several repeats (after warm-up) for PyTorch's layer and for our fast path
(`need_weights=False`, PyTorch's fused kernel) and readable path (`need_weights=True`, Chapter 3's function),
and the ratio ours / PyTorch's. Run from the repository root: `python bench/bench_mha.py [--repeats N]`.
"""
import argparse, statistics, time

import torch
from torch import nn

from attention_explained.multihead import MultiHeadAttention


def time_fwd_bwd(fn, x, repeats:int, warmup:int) -> float:
    "Median seconds of forward + backward of `fn(x).sum()`."
    times = []
    for i in range(warmup + repeats):
        x.grad = None
        start = time.perf_counter()
        fn(x).sum().backward()
        if i >= warmup: times.append(time.perf_counter() - start)
    return statistics.median(times) if times else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--batch', type=int, default=8); parser.add_argument('--length', type=int, default=512)
    parser.add_argument('--d-model', type=int, default=512); parser.add_argument('--heads', type=int, default=8)
    parser.add_argument('--repeats', type=int, default=10); parser.add_argument('--warmup', type=int, default=3)
    args = parser.parse_args()
    torch.manual_seed(0)
    theirs = nn.MultiheadAttention(args.d_model, args.heads, batch_first=True)
    ours = MultiHeadAttention.from_torch(theirs)
    x = torch.randn(args.batch, args.length, args.d_model, requires_grad=True)
    cases = {
        'torch nn.MultiheadAttention (need_weights=False)': lambda t: theirs(t, t, t, need_weights=False)[0],
        'ours, fast path (need_weights=False)':             lambda t: ours(t, t, t, need_weights=False)[0],
        'torch nn.MultiheadAttention (need_weights=True)':  lambda t: theirs(t, t, t, need_weights=True, average_attn_weights=False)[0],
        'ours, readable path (need_weights=True)':          lambda t: ours(t, t, t, need_weights=True)[0],
    }
    print(f"forward+backward, B={args.batch}, T={args.length}, d_model={args.d_model}, h={args.heads}, "
          f"{torch.get_num_threads()} threads, median of {args.repeats} after {args.warmup} warm-up")
    for fn in cases.values(): time_fwd_bwd(fn, x, repeats=0, warmup=args.warmup)          # warm-up first
    # interleave the cases' rounds so that a change in machine load hits all of them alike
    samples = {name: [] for name in cases}
    for _ in range(args.repeats):
        for name, fn in cases.items(): samples[name].append(time_fwd_bwd(fn, x, repeats=1, warmup=0))
    med = {name: statistics.median(s) for name, s in samples.items()}
    ref_fast, ref_weights = med['torch nn.MultiheadAttention (need_weights=False)'], med['torch nn.MultiheadAttention (need_weights=True)']
    for name, t in med.items(): print(f"  {name:52s} {t*1e3:8.1f} ms")
    print(f"ratio fast path / torch (need_weights=False):     {med['ours, fast path (need_weights=False)'] / ref_fast:.3f}")
    print(f"ratio readable path / torch (need_weights=False): {med['ours, readable path (need_weights=True)'] / ref_fast:.3f}")
    print(f"ratio readable path / torch (need_weights=True):  {med['ours, readable path (need_weights=True)'] / ref_weights:.3f}")


if __name__ == '__main__': main()
