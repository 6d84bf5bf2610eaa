"""Train Chapter 8's Transformer on the toy English → Korean task with DistributedDataParallel.

    torchrun --standalone --nproc_per_node=2 examples/train_transformer_ddp.py --epochs 1 --n-train 1024
    torchrun --standalone --nproc_per_node=8 examples/train_transformer_ddp.py          # 8 GPUs: nccl

torchrun starts one copy of this script per process. `fit` (attention_explained.training) joins the process
group (gloo between CPU processes, nccl between GPUs, one GPU per process), gives the DataLoader a
DistributedSampler, wraps the model in DDP, prints on rank 0 only, and rank 0 alone writes the checkpoint.
Run without torchrun, the same script trains in one process.
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
from attention_explained.training import distributed_env, exact_match, fit, init_distributed, to_device
from attention_explained.transformer import Transformer, greedy_decode, load_transformer, save_transformer


def translation_loss(model, batch):
    "Mean cross-entropy of the next word over the real target positions (as in Chapter 8)."
    logits, _ = model(batch.src, batch.tgt_in, batch.src_len)                  # (B, T, V): DDP's forward
    return F.cross_entropy(logits.transpose(1, 2), batch.tgt_out, ignore_index=model.pad_idx)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--epochs', type=int, default=7)
    parser.add_argument('--n-train', type=int, default=6000, help='training sentence pairs')
    parser.add_argument('--batch-size', type=int, default=64, help='sentence pairs per process and step')
    parser.add_argument('--lr', type=float, default=3e-3)
    parser.add_argument('--out', default='transformer_ddp.safetensors', help='the checkpoint rank 0 writes')
    parser.add_argument('--threads', type=int, default=1, help='torch threads per process (CPU)')
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    distributed = 'WORLD_SIZE' in os.environ                       # started by torchrun
    device = init_distributed() if distributed else None          # fit would do it too; we want the device
    rank, world_size = distributed_env()

    data = make_translation_data(n_train=args.n_train, n_valid=200, n_test=0, n_long=0, seed=0)
    src_vocab, tgt_vocab = data.src_vocab, data.tgt_vocab
    loader = DataLoader(data['train'], batch_size=args.batch_size, shuffle=True,
                        collate_fn=functools.partial(collate, src_vocab=src_vocab, tgt_vocab=tgt_vocab))
    torch.manual_seed(0)                                           # rank 0's weights are broadcast anyway
    model = Transformer(len(src_vocab), len(tgt_vocab), d_model=64, n_heads=4, n_encoder_layers=2,
                        n_decoder_layers=2, d_ff=128, dropout=0.0, max_len=64)
    if rank == 0:
        print(f"{world_size} process(es), backend {dist.get_backend() if distributed else 'none'}, "
              f"{args.batch_size} pairs per process and step (global batch {args.batch_size * world_size})",
              flush=True)
    start = time.perf_counter()
    history = fit(model, translation_loss, loader, epochs=args.epochs, lr=args.lr, seed=0, device=device,
                  checkpoint=lambda m: save_transformer(m, args.out))
    if rank == 0:
        device = next(model.parameters()).device
        valid = to_device(next(iter(data.batches('valid', batch_size=200))), device)
        predicted, _ = greedy_decode(model, valid.src, valid.tgt_out.shape[1] + 2, src_lengths=valid.src_len)
        accuracy = exact_match(predicted, valid.tgt_out, valid.tgt_mask)
        reloaded = load_transformer(args.out)
        same = all(torch.equal(a.cpu(), b) for a, b in zip(model.state_dict().values(), reloaded.state_dict().values()))
        print(f"{len(history['step_loss'])} steps per process in {time.perf_counter() - start:.1f} s; "
              f"train loss {history['train_loss'][-1]:.3f}\n(mean over all processes); "
              f"valid exact match {accuracy:.1%}", flush=True)
        print(f"checkpoint {args.out} written by rank 0; reloaded weights equal: {same}", flush=True)
    if distributed: dist.destroy_process_group()


if __name__ == '__main__':
    main()
