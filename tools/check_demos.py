"""The browser check of the "Try it" boxes (issue 24): Chapter 8's translator and Chapter 9's digit ViT, run in the
page by onnxruntime-web, must give Python's answers. tools/check_site.py calls `check_demos` on every page and reports
what it returns as the `demo` class; `break_demos` is its part of `--self-test`. tools/test_demos.py tests the boxes
more closely (more sentences and digits, the out-of-vocabulary message, Korean labels, a phone's taps).

  demo    on a page with a `[data-demo]` box: the page API (`window.attentionExplained.translate` / `.classifyDigit`)
          is missing, fails, or differs from Python's `attention_explained.demos.translate` / `classify_digit`
          (tokens not equal, or a number more than 1e-4 away); the box shows no answer or no attention view; an
          unknown word gets no message naming the nearest known words; a console error or a request outside the
          site while the demo runs.
"""
from __future__ import annotations

import re
from pathlib import Path

TOLERANCE = 1e-4
SENTENCE = 'I see big red birds and you chase old dogs'     # the check's own inputs (not the boxes' defaults)
UNKNOWN = 'big dgos chase cats'                               # 'dgos': the nearest known word is 'dogs'

def test_pixels() -> list[int]:
    "A digit of the check's own: a ring (a 0), drawn on the 8 × 8 grid in 0…16."
    return [16 if 2 <= x <= 5 and y in (1, 6) or 1 <= y <= 6 and x in (2, 5) else 0
            for y in range(8) for x in range(8)]

def max_difference(a, b) -> float:
    "The largest |a − b| over two nested lists of numbers of the same shape (inf if the shapes differ)."
    import numpy as np
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.abs(a - b).max()) if a.shape == b.shape and a.size else (0.0 if a.shape == b.shape else float('inf'))

_WAIT_JS = """async (fn) => {
  for (let i = 0; i < 300 && !(window.attentionExplained && window.attentionExplained[fn]); i++)
    await new Promise(r => setTimeout(r, 100));
  return !!(window.attentionExplained && window.attentionExplained[fn]);
}"""
_CALL_JS = """async ([fn, arg]) => {
  try { const r = await window.attentionExplained[fn](arg);
        return {tokens: r.tokens, attention: r.attention, probabilities: r.probabilities}; }
  catch (e) { return {error: String(e.message || e), unknown: e.unknown || null}; }
}"""
# what the box shows, once it has answered (its first answer runs at page load)
_SHOWN_JS = """async (kind) => {
  const box = document.querySelector(`[data-demo="${kind}"]`);
  for (let i = 0; i < 300; i++) {
    const out = box.querySelector('.ae-demo-out');
    if (out && out.textContent.trim() && !/…$/.test(out.textContent.trim())) break;
    await new Promise(r => setTimeout(r, 100));
  }
  const out = box.querySelector('.ae-demo-out');
  return {text: out ? out.textContent.trim() : '', error: !!box.querySelector('.ae-demo-error'),
          view: !!box.querySelector('.ae-demo-view [data-attention-view] [data-key]')};
}"""

def run(page, fn:str, arg):
    "Call `window.attentionExplained[fn](arg)` in the page (after waiting for it): its result, or {'error': ...}."
    if not page.evaluate(_WAIT_JS, fn): return {'error': f'window.attentionExplained.{fn} never appeared'}
    return page.evaluate(_CALL_JS, [fn, arg])

def compare_translation(r:dict, text:str) -> list[str]:
    "What differs between the page's answer `r` for `text` and Python's `translate(text)`."
    from attention_explained.demos import translate
    tokens, attention = translate(text)
    if r.get('error'): return [f'translate({text!r}) failed in the page: {r["error"]}']
    if r.get('tokens') != tokens:
        return [f'translate({text!r}): the page gives {r.get("tokens")}, Python {tokens}']
    diff = max_difference(r.get('attention'), attention)
    return [] if diff <= TOLERANCE else [f'translate({text!r}): the cross-attention differs from Python\'s by {diff:.2e}']

def compare_digit(r:dict, pixels) -> list[str]:
    "What differs between the page's answer `r` for `pixels` and Python's `classify_digit(pixels)`."
    from attention_explained.demos import classify_digit
    probabilities, attention = classify_digit(pixels)
    if r.get('error'): return [f'classifyDigit failed in the page: {r["error"]}']
    res = []
    for what, got, want in (('probabilities', r.get('probabilities'), probabilities),
                            ('CLS attention', r.get('attention'), attention)):
        diff = max_difference(got, want)
        if diff > TOLERANCE: res.append(f'classifyDigit: the {what} differ from Python\'s by {diff:.2e}')
    return res

def check_demos(page, base:str, name:str, problems:list | None = None, outside:list | None = None,
                stats:dict | None = None) -> list[str]:
    """The `demo` defects of the page `name` of the site at `base`, already loaded in `page` (a Playwright page at the
    page's URL). `problems` and `outside`, when given, are the caller's lists of console errors and of requests that
    left the site (filled by its event handlers); what lands in them from here on counts against the demo."""
    kinds = page.evaluate("() => [...document.querySelectorAll('[data-demo]')].map(e => e.getAttribute('data-demo'))")
    if not kinds: return []
    problems = [] if problems is None else problems
    before = len(problems)
    res = []
    for kind in dict.fromkeys(kinds):
        shown = page.evaluate(_SHOWN_JS, kind)
        if shown['error'] or not shown['text']:
            res.append(f'the {kind} box shows no answer' + (f': {shown["text"]!r}' if shown['text'] else ''))
        elif not shown['view']: res.append(f'the {kind} box shows no attention view with its answer')
        if kind == 'translator':
            res += compare_translation(run(page, 'translate', SENTENCE), SENTENCE)
            r = run(page, 'translate', UNKNOWN)
            if not r.get('error') or 'dogs' not in r['error']:
                res.append(f'translate({UNKNOWN!r}) gives no out-of-vocabulary message naming "dogs": {r}')
        elif kind == 'digit':
            res += compare_digit(run(page, 'classifyDigit', test_pixels()), test_pixels())
        else: res.append(f'a box of unknown kind {kind!r}')
        if stats is not None: stats['demos run'] = stats.get('demos run', 0) + 1
    page.wait_for_timeout(100)                       # console messages arrive asynchronously
    res += [f'{p} (while the demo ran)' for p in problems[before:]]
    del problems[before:]
    res += [f'a page with a demo requested {u} (outside the site)' for u in dict.fromkeys(outside or [])]
    return res

def break_demos(bad:Path, expect:dict, translator_page:str = 'transformer.html', digit_page:str = 'vit.html') -> dict:
    """The breaks of the `demo` class in a copy `bad` of the site: the digit model's file replaced by another graph
    (the digit box must fail), the translator's answers altered after they leave the runtime (one token dropped), and
    a request outside the site from the translator's page. `expect` gets (class, message part, page) per break; the
    returned look-alike, the out-of-vocabulary message of the unbroken translator runtime, must not be flagged."""
    (bad/'_static'/'demos'/'digit_vit.onnx').write_bytes(b'not an ONNX file')
    page = (bad/translator_page).read_text()
    wrap = ('<script>(function () { var api = window.attentionExplained, f = api.translate;'
            ' api.translate = async function (t) { var r = await f(t); r.tokens = r.tokens.slice(1); return r; }; })();'
            '</script><img src="http://selftest-demo.invalid/outside.png" alt="an outside image">')
    assert '</body>' in page, translator_page
    (bad/translator_page).write_text(page.replace('</body>', wrap + '</body>', 1))
    expect['a digit model that does not load'] = ('demo', 'classifyDigit failed in the page', digit_page)
    expect["a translator whose answers are not Python's"] = ('demo', 'the page gives', translator_page)
    expect['a demo page that requests outside the site'] = ('demo', 'selftest-demo.invalid', translator_page)
    return {'the out-of-vocabulary message': ('demo', 'out-of-vocabulary', translator_page)}

def latencies(page, n:int = 10) -> dict:
    """Median milliseconds of `n` calls, after a first one (the runtime and the model loaded): a 6-word translation
    and a digit, on the page's boxes; {name: (median, all times)}."""
    js = """async ([fn, arg, n]) => {
      await window.attentionExplained[fn](arg);
      const times = [];
      for (let i = 0; i < n; i++) { const t = performance.now(); await window.attentionExplained[fn](arg);
                                    times.push(performance.now() - t); }
      return times;
    }"""
    out = {}
    for fn, arg in (('translate', 'big dogs chase red happy birds'), ('classifyDigit', test_pixels())):
        if page.evaluate("(fn) => !!(window.attentionExplained || {})[fn]", fn):
            times = page.evaluate(js, [fn, arg, n])
            out[fn] = (sorted(times)[len(times) // 2] if n % 2 else
                       sum(sorted(times)[n // 2 - 1:n // 2 + 1]) / 2, times)
    return out
