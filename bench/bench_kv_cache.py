"""Benchmark (not a test): greedy decoding with and without the KV cache (the assembly chapter, `attention_explained.transformer`).

Prints the seconds each takes to generate the same tokens and the ratio. A benchmark, not a test:
nothing here asserts a time. Run from the repository root:

    python bench/bench_kv_cache.py [--tokens 128] [--batch 8] [--repeats 3] [--threads 1]
"""
import argparse
import time

import torch

from attention_explained.transformer import Transformer, greedy_decode


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--tokens', type=int, default=128, help='tokens generated per sentence')
    parser.add_argument('--batch', type=int, default=8, help='sentences decoded together')
    parser.add_argument('--src-len', type=int, default=32, help='source length')
    parser.add_argument('--d-model', type=int, default=256)
    parser.add_argument('--layers', type=int, default=3, help='encoder and decoder layers each')
    parser.add_argument('--repeats', type=int, default=3, help='the best of this many runs is reported')
    parser.add_argument('--threads', type=int, default=1, help='torch threads (1 keeps a shared CPU honest)')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    vocab, bos, eos = 1000, 1, 2
    model = Transformer(vocab, vocab, d_model=args.d_model, n_heads=8, n_encoder_layers=args.layers,
                        n_decoder_layers=args.layers, d_ff=4 * args.d_model, dropout=0.0, max_len=args.tokens + 1).eval()
    # An untrained model may emit <eos> at any step; forbid it so that both runs generate exactly `--tokens` tokens.
    with torch.no_grad(): model.generator.bias[eos] = -1e9
    src = torch.randint(4, vocab, (args.batch, args.src_len))

    def best_time(use_cache):
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            tokens, _ = greedy_decode(model, src, args.tokens, bos, eos, use_cache=use_cache)
            times.append(time.perf_counter() - start)
        return min(times), tokens

    without_cache, tokens_without = best_time(False)
    with_cache, tokens_with = best_time(True)
    assert tokens_with.shape == (args.batch, args.tokens), tokens_with.shape   # both really generated every token
    same = torch.equal(tokens_with, tokens_without)
    print(f"greedy decoding of {args.tokens} tokens × {args.batch} sentences, d_model={args.d_model}, "
          f"{args.layers}+{args.layers} layers, {torch.get_num_threads()} thread(s), best of {args.repeats}")
    print(f"  without cache (recompute the prefix): {without_cache:8.3f} s")
    print(f"  with KV cache                       : {with_cache:8.3f} s")
    print(f"  ratio                               : {without_cache / with_cache:8.2f}x")
    print(f"  same tokens                         : {same}")


if __name__ == '__main__':
    main()
