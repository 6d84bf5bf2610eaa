"""Benchmark (not a test): how long importing each chapter's module takes, as a ratio to `import torch`.

Every module of the library imports torch, so `import torch` is the floor. Goal (issue #9): every module within
1.1× of `import torch` — in particular, no module imports matplotlib until it draws.

Each measurement is a fresh interpreter that imports torch and then the module, and reports the CPU seconds
(`time.process_time`) of each part; the ratio is (torch + module) / torch, the median of several repeats.
CPU time of one process is what the import costs whatever else the machine runs. The wall-clock ratio of two
separate interpreters (one importing torch, one the module) is also printed, but on a shared machine it
swings by ±15 % with the load, far more than the few percent a module adds.
Run from the repository root: `python bench/bench_import.py [--repeats N]`.
"""
import argparse, pkgutil, statistics, subprocess, sys

import attention_explained

PARTS = ("import time, importlib\n"
         "c0, w0 = time.process_time(), time.perf_counter(); import torch\n"
         "c1, w1 = time.process_time(), time.perf_counter()\n"
         "importlib.import_module({module!r})\n"
         "c2, w2 = time.process_time(), time.perf_counter()\n"
         "print(c1 - c0, c2 - c1, w1 - w0, w2 - w1)")


def import_parts(module: str) -> tuple[float, float, float, float]:
    "CPU and wall seconds of `import torch` and then of `module`, in one fresh interpreter."
    out = subprocess.run([sys.executable, '-c', PARTS.format(module=module)],
                         capture_output=True, text=True, check=True)
    return tuple(float(x) for x in out.stdout.split()[-4:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeats', type=int, default=5)
    args = parser.parse_args()
    modules = sorted(m.name for m in pkgutil.iter_modules(attention_explained.__path__) if not m.name.startswith('_'))
    import_parts('attention_explained.checks')                      # warm the file cache
    print(f"{'module':<34} {'torch CPU':>10} {'+ module':>9} {'ratio':>6}   {'wall ratio':>10}")
    worst = 0.0
    for name in modules:
        runs = [import_parts(f'attention_explained.{name}') for _ in range(args.repeats)]
        torch_cpu, module_cpu, torch_wall, module_wall = (statistics.median(r[i] for r in runs) for i in range(4))
        ratio = (torch_cpu + module_cpu) / torch_cpu
        worst = max(worst, ratio)
        print(f"attention_explained.{name:<14} {torch_cpu:>9.3f}s {module_cpu:>8.3f}s {ratio:>5.2f}×"
              f"   {(torch_wall + module_wall) / torch_wall:>9.2f}×")
    print(f"worst ratio (CPU): {worst:.2f}× (goal ≤ 1.10×)")


if __name__ == '__main__':
    main()
