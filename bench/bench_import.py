"""Benchmark (not a test): how long importing each chapter's module takes, as a ratio to `import torch`.

Every module of the library imports torch, so `import torch` is the floor. Each measurement runs in a fresh
interpreter (`python -X importtime` is not used: it adds its own overhead), alternating between the
`import torch` baseline and the module so that both see the same machine load; the median of several
repeats is reported. Goal (issue #9): every module within 1.1× of `import torch` — in particular, no module
imports matplotlib until it draws. Run from the repository root: `python bench/bench_import.py [--repeats N]`.
"""
import argparse, pkgutil, statistics, subprocess, sys

import attention_explained


def import_seconds(statement: str) -> float:
    "Seconds a fresh interpreter spends running `statement` (interpreter start-up excluded)."
    code = ("import time; t0 = time.perf_counter()\n"
            f"{statement}\n"
            "print(time.perf_counter() - t0)")
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeats', type=int, default=7)
    args = parser.parse_args()
    modules = sorted(m.name for m in pkgutil.iter_modules(attention_explained.__path__) if not m.name.startswith('_'))
    import_seconds('import torch')                                  # warm the file cache
    print(f"{'module':<34} {'import torch':>13} {'import module':>14} {'ratio':>7}")
    worst = 0.0
    for name in modules:
        base, mod = [], []
        for _ in range(args.repeats):
            base.append(import_seconds('import torch'))
            mod.append(import_seconds(f'import attention_explained.{name}'))
        b, m = statistics.median(base), statistics.median(mod)
        worst = max(worst, m / b)
        print(f"attention_explained.{name:<14} {b:>12.3f}s {m:>13.3f}s {m / b:>6.2f}×")
    print(f"worst ratio: {worst:.2f}× (goal ≤ 1.10×)")


if __name__ == '__main__':
    main()
