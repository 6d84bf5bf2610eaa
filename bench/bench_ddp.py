"""Tokens per second of Chapter 8's Transformer trained by `fit` in 1 process and in 2 processes (DDP, gloo).

    python bench/bench_ddp.py [--steps 40] [--batch-size 64]

Both runs take the same number of optimiser steps with the same batch size per process (so 2 processes
read twice the data); each process uses one thread. Tokens are the real source and target tokens of the
batches read by all processes (padding excluded), divided by the wall-clock time of `fit` (the slowest
process's). On a machine whose cores are busy with other work, read the ratio with that in mind; the last
line divides by each process's CPU time instead, which the load does not inflate: a ratio below 1 there is
the work DDP adds to a process (the all-reduce of the gradients).
"""
from __future__ import annotations

import argparse
import functools
import os
import time

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.utils.data import DataLoader

from attention_explained.data import collate, make_translation_data
from attention_explained.distributed import run_processes
from attention_explained.training import fit
from attention_explained.transformer import Transformer


def translation_loss(model, batch):
    logits, _ = model(batch.src, batch.tgt_in, batch.src_len)                  # (B, T, V)
    return F.cross_entropy(logits.transpose(1, 2), batch.tgt_out, ignore_index=model.pad_idx)


def train(rank: int, world_size: int, steps: int, batch_size: int) -> dict:
    "Train for `steps` steps per process; return this process's token count and seconds."
    torch.set_num_threads(1)
    data = make_translation_data(n_train=steps * batch_size * world_size, n_valid=0, n_test=0, n_long=0, seed=0)
    loader = DataLoader(data['train'], batch_size=batch_size, shuffle=True,
                        collate_fn=functools.partial(collate, src_vocab=data.src_vocab, tgt_vocab=data.tgt_vocab))
    torch.manual_seed(0)
    model = Transformer(len(data.src_vocab), len(data.tgt_vocab), d_model=64, n_heads=4, n_encoder_layers=2,
                        n_decoder_layers=2, d_ff=128, dropout=0.0, max_len=64)
    tokens = [0]
    def counting_loss(model, batch):
        tokens[0] += int(batch.src_len.sum() + batch.tgt_len.sum())
        return translation_loss(model, batch)
    if dist.is_initialized(): dist.barrier()                        # start together
    history = fit(model, counting_loss, loader, epochs=1, lr=3e-3, seed=0, progress=False, device='cpu')
    return {'tokens': tokens[0], 'seconds': history['seconds'], 'cpu_seconds': history['cpu_seconds'],
            'steps': len(history['step_loss'])}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--steps', type=int, default=40)
    parser.add_argument('--batch-size', type=int, default=64)
    args = parser.parse_args()
    one = train(0, 1, args.steps, args.batch_size)                  # this process, no process group
    two = run_processes(train, world_size=2, args=(args.steps, args.batch_size), timeout=1800)
    rate1 = one['tokens'] / one['seconds']
    rate2 = sum(r['tokens'] for r in two) / max(r['seconds'] for r in two)
    cpu2 = ', '.join(f"{r['cpu_seconds']:.1f}" for r in two)
    print(f"machine: {os.cpu_count()} logical CPUs, load average {os.getloadavg()[0]:.1f} at the end; torch {torch.__version__}")
    print(f"{args.steps} steps per process, {args.batch_size} sentence pairs per process and step, 1 thread per process")
    print(f"1 process : {one['tokens']:>7,} tokens in {one['seconds']:6.1f} s = {rate1:8,.0f} tokens/s "
          f"(CPU {one['cpu_seconds']:.1f} s)")
    print(f"2 processes: {sum(r['tokens'] for r in two):>7,} tokens in {max(r['seconds'] for r in two):6.1f} s = "
          f"{rate2:8,.0f} tokens/s (CPU per process {cpu2} s)")
    print(f"ratio 2 processes / 1 process: {rate2 / rate1:.2f}x")
    cpu_rate1 = one['tokens'] / one['cpu_seconds']
    cpu_rate2 = sum(r['tokens'] / r['cpu_seconds'] for r in two) / 2
    print(f"tokens per CPU-second of one process: {cpu_rate1:,.0f} alone, {cpu_rate2:,.0f} with DDP "
          f"({cpu_rate2 / cpu_rate1:.2f}x)")


if __name__ == '__main__':
    main()
