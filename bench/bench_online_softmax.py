"""Benchmark (not a test): peak memory and time of exact attention three ways (Chapter 13, `attention_explained.decoder_lm`).

For T = 1,024 … 32,768 (self-attention, one head of d_k = 64, float32, causal) it runs, each in a fresh
child process so that its peak memory is its own:

- Chapter 3's `scaled_dot_product_attention` (builds the T × T scores and weights);
- Chapter 13's `online_softmax_attention` (key blocks of 128; never a T × T tensor);
- PyTorch's fused `F.scaled_dot_product_attention`.

It prints the extra peak memory (the child's high-water mark minus its memory once the inputs exist, so
the output is included), the same without the output (T × 64 floats: the working memory), and the time,
and fits the exponent p of memory ∝ T^p for each (expect ≈ 2 for Chapter 3's, ≈ 1 for the online softmax,
whose working memory is one T × b tile of scores at a time). Sizes where Chapter 3's function would need
more than --max-gb (two T × T float32 matrices) are skipped and said so.

Memory is measured in a child run with glibc's mmap threshold fixed at 128 KiB (MALLOC_MMAP_THRESHOLD_):
every block of 128 KiB or more then gets its own mapping and goes back to the system when freed, so the
high-water mark is the peak of memory held at once. With glibc's default the threshold rises after the
first large free, the online softmax's T/b short-lived tiles come from the heap, and the heap's fragments
count in the high-water mark by chance: from one run to the next its extra memory fitted T^0.98 or
T^1.31 (--glibc-default shows it). Time is measured in a second child run with glibc's default, as a
program would run (fixed, every tile is a fresh mapping and the online softmax takes over twice as long).
Nothing here asserts a number. Run from the repository root, on an idle machine:

    python bench/bench_online_softmax.py [--sizes 1024 2048 ...] [--max-gb 8] [--threads 1]
"""
import argparse
import json
import math
import os
import subprocess
import sys

CHILD = r'''
import json, sys, time, torch
import torch.nn.functional as F
from attention_explained.attention import scaled_dot_product_attention
from attention_explained.decoder_lm import online_softmax_attention

def rss_kib(field):
    for line in open('/proc/self/status'):
        if line.startswith(field): return int(line.split()[1])

name, T, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
g = torch.Generator().manual_seed(0)
q, k, v = (torch.randn(1, 1, T, 64, generator=g) for _ in range(3))
def attend(q, k, v, mask):
    if name == 'chapter3': return scaled_dot_product_attention(q, k, v, mask=mask)[0]
    if name == 'online': return online_softmax_attention(q, k, v, 128, causal=True)
    return F.scaled_dot_product_attention(q, k, v, is_causal=True)

with torch.no_grad():                        # warm-up: libraries' one-off buffers
    small = torch.randn(1, 1, 256, 64)
    attend(small, small, small, torch.ones(256, 256, dtype=torch.bool).tril())
mask = torch.ones(T, T, dtype=torch.bool).tril() if name == 'chapter3' else None
before = rss_kib('VmRSS:')
start = time.perf_counter()
with torch.no_grad(): out = attend(q, k, v, mask)
seconds = time.perf_counter() - start
print(json.dumps({'extra_mib': (rss_kib('VmHWM:') - before) / 1024, 'seconds': seconds,
                  'out_mib': out.numel() * out.element_size() / 2**20}))
'''


def fit_exponent(sizes, values):
    "Least-squares slope of log(value) against log(T)."
    pts = [(math.log(t), math.log(v)) for t, v in zip(sizes, values) if v > 0]
    if len(pts) < 2: return float('nan')
    mx = sum(x for x, _ in pts) / len(pts); my = sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def child(name, T, threads, env):
    "The child's JSON line, or the last line of its error."
    run = subprocess.run([sys.executable, '-c', CHILD, name, str(T), str(threads)],
                         capture_output=True, text=True, env=env)
    if run.returncode: return None, (run.stderr.strip().splitlines() or [''])[-1]
    return json.loads(run.stdout.strip().splitlines()[-1]), None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--sizes', type=int, nargs='+', default=[1024, 2048, 4096, 8192, 16384, 32768])
    parser.add_argument('--max-gb', type=float, default=8.0, help="skip Chapter 3's function above this")
    parser.add_argument('--threads', type=int, default=1, help='torch threads per run')
    parser.add_argument('--glibc-default', action='store_true',
                        help="measure memory with glibc's dynamic mmap threshold (heap fragments count)")
    args = parser.parse_args()
    print(f"machine load (1 min): {os.getloadavg()[0]:.2f} — measure on an idle machine")
    time_env = {**os.environ, 'OMP_NUM_THREADS': str(args.threads)}
    time_env.pop('MALLOC_MMAP_THRESHOLD_', None)
    memory_env = dict(time_env)
    if not args.glibc_default: memory_env['MALLOC_MMAP_THRESHOLD_'] = str(128 * 1024)
    print("memory: glibc mmap threshold " + ("default (dynamic)" if args.glibc_default
                                              else "fixed at 128 KiB") + "; time: glibc default")
    names = {'chapter3': "Chapter 3's function", 'online': 'online softmax (b=128)',
             'fused': 'F.scaled_dot_product_attention'}
    results = {name: {} for name in names}
    for T in args.sizes:
        for name in names:
            if name == 'chapter3' and 2 * 4 * T * T / 1e9 > args.max_gb:
                print(f"T={T:6d} {names[name]:32s} skipped: two T×T float32 matrices "
                      f"= {2 * 4 * T * T / 2**30:.0f} GiB > {args.max_gb} GB")
                continue
            memory, error = child(name, T, args.threads, memory_env)
            timing, error = (None, error) if error else child(name, T, args.threads, time_env)
            if error: print(f"T={T:6d} {names[name]:32s} failed: {error}"); continue
            r = {'extra_mib': memory['extra_mib'], 'work_mib': memory['extra_mib'] - memory['out_mib'],
                 'seconds': timing['seconds']}
            results[name][T] = r
            print(f"T={T:6d} {names[name]:32s} extra peak {r['extra_mib']:9.1f} MiB "
                  f"(without the output {r['work_mib']:9.1f})  time {r['seconds']:8.3f} s", flush=True)
    print("\nfitted exponent p of memory ∝ T^p (sizes with T ≥ 4,096): extra peak; without the output")
    for name, label in names.items():
        sizes = [T for T in results[name] if T >= 4096]
        p = fit_exponent(sizes, [results[name][T]['extra_mib'] for T in sizes])
        w = fit_exponent(sizes, [results[name][T]['work_mib'] for T in sizes])
        print(f"  {label:32s} p = {p:.2f}; {w:.2f}  over T = {sizes}")
    common = [T for T in args.sizes if T in results['online'] and T in results['chapter3']]
    for T in common:
        a, b = results['online'][T], results['chapter3'][T]
        print(f"  T={T:6d}: online / Chapter 3: memory {a['extra_mib'] / max(b['extra_mib'], 1e-9):.3f}, "
              f"time {a['seconds'] / b['seconds']:.2f}")


if __name__ == '__main__':
    main()
