"""Rebuild `attention_explained/chorales.npz` from the Bach chorales in music21's bundled corpus.

Chapter 11 of the book trains on this file; it is committed, so neither the tests nor the readers need
music21. Run this script only to rebuild it (music21 is a dev dependency, in the `music` extra):

    python tools/build_chorales.py            # writes attention_explained/chorales.npz

Serialization (described in Chapter 11 and in `attention_explained.relative.load_chorales`):

- every chorale with exactly four parts (soprano, alto, tenor, bass) is quantized to a sixteenth-note grid;
- at each grid step the four voices are written in the order S A T B, so a chorale of n steps is 4n tokens;
- a voice's event at a step is one of: *rest*, *hold* (the note sounding at the previous step goes on),
  or the *onset* of a MIDI pitch p in [PITCH_LO, PITCH_LO + N_PITCHES);
- token id = voice · EVENTS + event, with event 0 = rest, 1 = hold, 2 + (p − PITCH_LO) = onset of pitch p,
  so the token says which voice it belongs to (the vocabulary has 4 · EVENTS ids).

Ties are merged first (`stripTies`), so a tied note is one onset followed by holds. Grace notes and notes
shorter than a sixteenth after quantization are dropped; a part holding a chord keeps its top note.
Exact duplicates (the same token sequence twice in the corpus) are kept once. The held-out split is by
chorale: a seeded permutation puts 10% of the chorales in the test split.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

PITCH_LO, PITCH_HI = 33, 88      # MIDI pitches kept (A1 … D#6); the chorales span far less, see the printout
N_PITCHES = PITCH_HI - PITCH_LO
EVENTS = 2 + N_PITCHES           # rest, hold, one onset per pitch
VOICES = 4                       # vocabulary: VOICES · EVENTS = 228 ids, stored as uint8
STEPS_PER_QUARTER = 4            # the sixteenth-note grid


def voice_events(part, n_steps:int) -> np.ndarray | None:
    "The events of one part on the grid `(n_steps,)`, or None if a pitch falls outside the kept range."
    events = np.zeros(n_steps, dtype=np.int64)                      # rest everywhere to begin with
    for n in part.stripTies().flatten().notesAndRests:
        if n.isRest or n.duration.isGrace: continue
        start = int(round(float(n.offset) * STEPS_PER_QUARTER))
        end = min(n_steps, int(round(float(n.offset + n.quarterLength) * STEPS_PER_QUARTER)))
        if end <= start: continue                                    # shorter than a sixteenth: dropped
        midi = max(p.midi for p in n.pitches)                        # a chord in one part: its top note
        if not PITCH_LO <= midi < PITCH_HI: return None
        events[start] = 2 + midi - PITCH_LO                          # onset
        events[start + 1:end] = 1                                    # hold
    return events


def serialize(score) -> np.ndarray | None:
    "A four-part score as interleaved tokens `(4 · n_steps,)`: S A T B at every sixteenth; None if unusable."
    if len(score.parts) != VOICES: return None
    n_steps = int(round(float(score.highestTime) * STEPS_PER_QUARTER))
    voices = [voice_events(p, n_steps) for p in score.parts]
    if n_steps == 0 or any(v is None for v in voices): return None
    grid = np.stack(voices, 1)                                       # (n_steps, 4): one column per voice
    if (grid == 0).all(0).any(): return None                         # a silent part: not a four-voice chorale
    return (grid + np.arange(VOICES) * EVENTS).reshape(-1)           # (n_steps·4,) S A T B S A T B …


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out', default=str(Path(__file__).resolve().parents[1] / 'attention_explained' / 'chorales.npz'))
    parser.add_argument('--test-fraction', type=float, default=0.1)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    import music21
    from music21 import corpus
    start = time.time()
    paths = sorted(p for p in corpus.getComposer('bach') if str(p).endswith(('.mxl', '.xml', '.krn')))
    seqs, names, seen, skipped = [], [], set(), []
    for path in paths:
        try: tokens = serialize(corpus.parse(path))
        except Exception as e: tokens = None; print(f"  {Path(path).name}: {type(e).__name__}", file=sys.stderr)
        if tokens is None: skipped.append(Path(path).name); continue
        digest = hashlib.sha1(tokens.astype(np.uint8).tobytes()).hexdigest()
        if digest in seen: skipped.append(Path(path).name + ' (duplicate)'); continue
        seen.add(digest); seqs.append(tokens.astype(np.uint8)); names.append(Path(path).stem)
    rng = np.random.default_rng(args.seed)
    n_test = max(1, round(args.test_fraction * len(seqs)))
    split = np.zeros(len(seqs), dtype=np.uint8)                      # 0 = train, 1 = test
    split[rng.permutation(len(seqs))[:n_test]] = 1
    lengths = np.array([len(s) for s in seqs], dtype=np.int64)
    np.savez_compressed(args.out, tokens=np.concatenate(seqs), lengths=lengths, split=split,
                        names=np.array(names), pitch_lo=PITCH_LO, n_pitches=N_PITCHES, voices=VOICES,
                        steps_per_quarter=STEPS_PER_QUARTER, music21_version=music21.__version__)
    pitches = np.concatenate(seqs).astype(np.int64) % EVENTS
    onsets = pitches[pitches >= 2] - 2 + PITCH_LO
    print(f"{len(paths)} files, {len(seqs)} chorales kept ({int(split.sum())} test), {len(skipped)} skipped; "
          f"{lengths.sum():,} tokens; pitches {onsets.min()}…{onsets.max()}; "
          f"{Path(args.out).stat().st_size / 1024:.0f} KiB; {time.time() - start:.0f} s")
    return 0


if __name__ == '__main__':
    sys.exit(main())
