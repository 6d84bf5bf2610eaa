"""The Korean edition in the browser: the part of `tools/check_site.py` that reads `_build/html/ko/` (issue 23).

For every Korean page (`ko/<page>.html`, the English site's pages with the same names):
  korean            `<html lang="ko">` is missing; fewer than MIN_HANGUL_SHARE of the prose words hold Hangul (prose:
                    paragraphs, headings, list items, table cells, captions, admonition titles, API descriptions;
                    not code, maths, cell inputs or outputs, nor a signature); a prose block of more than
                    MAX_WORDS_WITHOUT_HANGUL words with no Hangul at all (an untranslated paragraph)
  language-switch   the header's switch does not lead to the same page in the other edition (checked on both
                    editions), or at 1280 or 390 px it is not on screen and tappable
  broken            (the common class) a console error, an uncaught exception, a failed request, an image that does
                    not load, on a Korean page
  search            the Korean site's search for 어텐션, 멀티 헤드 or 위치 인코딩 does not find the chapters that teach
                    them, or its snippet is not Korean prose (no Hangul, or raw LaTeX)
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

KO = 'ko'
MIN_HANGUL_SHARE = 0.60
MAX_WORDS_WITHOUT_HANGUL = 8
# Sphinx's generated pages: lists of names, not prose (they still get the switch and console checks)
NOT_PROSE_PAGES = ('genindex.html', 'py-modindex.html', 'search.html')
# query -> the pages (file names) that must be among its hits: the chapters that teach the idea
SEARCHES = {'어텐션': ['bahdanau.html', 'luong.html', 'scaled_dot_product.html'],
            '멀티 헤드': ['multi_head.html'],
            '위치 인코딩': ['positional_encoding.html']}

# Runs in a Korean page: Hangul share of the prose words, prose blocks without Hangul, the switch, broken images.
_KOREAN_JS = r"""(maxWords) => {
  const main = document.querySelector('article.bd-article') || document.querySelector('main');
  const BLOCK = 'p, li, dt, td, th, h1, h2, h3, h4, h5, h6, figcaption, caption, summary, .admonition-title';
  const NOT_PROSE = 'pre, code, .math, mjx-container, script, style, .cell_input, .cell_output, dt.sig, ' +
                    '.headerlink, .lang-switch, [data-attention-view], .toctree-wrapper';
  // a word: a token with Hangul in it, or an English word (letters, at most a capital first); identifiers (d_k),
  // shapes ((B, T, D)), single letters and acronyms (GRU, LN) are names, not words of either language
  const hangul = /[\uac00-\ud7a3]/;
  const isWord = w => hangul.test(w) || /^[A-Za-z][a-z]+(['’-][a-z]+)*$/.test(w.replace(/^[("'“‘*]+|[)"'”’.,;:!?*]+$/g, ''));
  const proseText = el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(NOT_PROSE).forEach(n => n.remove());
    copy.querySelectorAll(BLOCK).forEach(n => n.remove());          // nested blocks are counted on their own
    return copy.textContent;
  };
  let words = 0, korean = 0;
  const bare = [];
  for (const el of main ? main.querySelectorAll(BLOCK) : []) {
    if (el.closest(NOT_PROSE)) continue;
    const ws = proseText(el).split(/\s+/).filter(isWord);
    const k = ws.filter(w => hangul.test(w)).length;
    words += ws.length; korean += k;
    if (ws.length > maxWords && k === 0) bare.push(proseText(el).trim().replace(/\s+/g, ' ').slice(0, 100));
  }
  const sw = document.querySelector('a[data-lang-switch]');
  const images = [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.getAttribute('src'));
  return {lang: document.documentElement.lang, words, korean, bare, images,
          switchHref: sw ? sw.href : null, switchTo: sw ? sw.dataset.langSwitch : null};
}"""

# Whether the switch is on screen and is what a tap at its centre reaches.
_SWITCH_TAPPABLE_JS = r"""() => {
  const sw = [...document.querySelectorAll('a[data-lang-switch]')].find(a => a.offsetParent !== null);
  if (!sw) return 'no visible switch';
  const r = sw.getBoundingClientRect();
  if (r.width < 1 || r.height < 1 || r.right > innerWidth || r.left < 0 || r.bottom > innerHeight || r.top < 0)
    return `the switch is off screen (${Math.round(r.left)}, ${Math.round(r.top)}, ${Math.round(r.width)}×${Math.round(r.height)})`;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit && (hit === sw || sw.contains(hit)) ? '' : `a tap on the switch reaches ${hit ? hit.outerHTML.slice(0, 60) : 'nothing'}`;
}"""

def switch_target(base:str, name:str, to:str) -> str:
    "The URL the switch on page `name` (English `x.html` or Korean `ko/x.html`) must lead to."
    if to == KO: return urljoin(base, f'{KO}/{name}')
    return urljoin(base, name[len(KO) + 1:])

def check_switch(page, base:str, name:str, info_href:str | None, to:str) -> list[tuple[str, str]]:
    "(class, message) for a switch that is missing or leads elsewhere."
    want = switch_target(base, name, to)
    if not info_href: return [('language-switch', f'no language switch (to {to})')]
    if info_href.split('#')[0] != want:
        return [('language-switch', f'the switch leads to {info_href[len(base):]!r}, not the same page {want[len(base):]!r}')]
    return []

def korean_pages(site:Path) -> list[str]:
    "ko/<page>.html for every Korean page (the theme's and Sphinx's folders left out)."
    root = site/KO
    return sorted(f'{KO}/{p.relative_to(root).as_posix()}' for p in root.rglob('*.html')
                  if not any(part.startswith('_') for part in p.relative_to(root).parts))

def check_korean(page, base:str, site:Path, english_pages:list[str], problems:list, stats, desktop:dict, phone:dict,
                 searches:dict | None = None) -> list[tuple[str, str, str]]:
    """(class, page, message) for every Korean page; `problems` is filled by the page's console/request handlers.
    `searches`: query -> pages that must be hit (default SEARCHES)."""
    out = []
    pages = korean_pages(site)
    if not pages: return [('korean', '-', f'no Korean edition: {site/KO} has no pages')]
    out += [('language-switch', p, f'no Korean page {KO}/{p} for the switch to lead to')
            for p in english_pages if f'{KO}/{p}' not in pages]
    shares = {}
    for i, name in enumerate(pages):
        problems.clear()
        page.goto(urljoin(base, name), wait_until='load')
        page.wait_for_load_state('networkidle')
        info = page.evaluate(_KOREAN_JS, MAX_WORDS_WITHOUT_HANGUL)
        stats['korean pages'] += 1
        if info['lang'] != KO: out.append(('korean', name, f'<html lang="{info["lang"]}">, not "ko"'))
        share = info['korean'] / info['words'] if info['words'] else 1.0
        prose = Path(name).name not in NOT_PROSE_PAGES
        if prose: shares[name] = (share, info['words'])
        if prose and share < MIN_HANGUL_SHARE:
            out.append(('korean', name, f'{share:.0%} of {info["words"]} prose words hold Hangul (at least '
                                        f'{MIN_HANGUL_SHARE:.0%} expected)'))
        for b in info['bare'] if prose else []:
            out.append(('korean', name, f'a prose block of more than {MAX_WORDS_WITHOUT_HANGUL} words without Hangul: {b!r}'))
        out += [(c, name, m) for c, m in check_switch(page, base, name, info['switchHref'], 'en')]
        out += [('broken', name, f'image did not load: {s}') for s in info['images']]
        if name in (f'{KO}/index.html', f'{KO}/bahdanau.html'):      # the switch at both widths, on two pages
            for size in (desktop, phone):
                page.set_viewport_size(size)
                page.evaluate('() => window.scrollTo(0, 0)')
                page.wait_for_timeout(400)          # the theme's layout settles after a resize
                if msg := page.evaluate(_SWITCH_TAPPABLE_JS):
                    out.append(('language-switch', name, f"at {size['width']} px {msg}"))
            page.set_viewport_size(desktop)
        out += [('broken', name, p) for p in problems]
    stats['hangul share'] = shares
    # the Korean search: Sphinx's own, in the browser, from ko/searchindex.js
    for query, want in (searches or SEARCHES).items():
        problems.clear()
        page.goto(urljoin(base, f'{KO}/search.html?q={query}'), wait_until='networkidle')
        try:
            # the search is over when its summary line says so; the snippets arrive page by page after it
            # (the results come one by one, each with its snippet cut from the fetched page: wait for the pages
            # wanted, or for the summary line that ends the search)
            page.wait_for_function("""(want) => {
                const s = document.querySelector('#search-results .search-summary');
                if (s && s.textContent.trim()) return true;
                const got = [...document.querySelectorAll('#search-results ul.search li > a')].map(a =>
                    a.getAttribute('href').replace(/[?#].*$/, ''));
                return want.every(w => got.includes(w));
            }""", arg=want, timeout=60000)
            page.wait_for_timeout(500)
            hits = page.eval_on_selector_all('#search-results ul.search li', """els => els.map(li => ({
                href: li.querySelector('a').getAttribute('href'), title: li.querySelector('a').textContent,
                snippet: (li.querySelector('p.context') || {textContent: ''}).textContent}))""")
        except Exception as e:
            hits = []
            problems.append(f'search did not finish: {e}')
        found = [re.sub(r'[?#].*$', '', h['href']) for h in hits]
        missing = [w for w in want if w not in found]
        if missing: out.append(('search', f'{KO}/search.html', f'the Korean search for {query!r} does not find {missing} '
                                                              f'(hits: {found[:8]})'))
        for h in hits[:3]:          # a snippet is Korean prose: Hangul words beyond the page's title, no raw LaTeX
            s = h['snippet']
            rest = s.replace(h['title'], ' ')
            # (a run of white space is what the theme's removed parts leave: the snippet was cut from them)
            if len(re.findall(r'[\uac00-\ud7a3]+', rest)) < 4 or re.search(r'\\[A-Za-z(\[]|\s{3,}', s):
                out.append(('search', f'{KO}/search.html', f'the snippet for {query!r} on {h["href"]} is not Korean prose: {s[:90]!r}'))
        stats[f'korean search hits {query}'] = found
        stats[f'korean search snippet {query}'] = hits[0]['snippet'][:160] if hits else ''
        out += [('broken', f'{KO}/search.html?q={query}', p) for p in problems]
    return out

def break_korean(bad:Path, expect:dict) -> tuple[dict, dict]:
    """Break one Korean page each way (issue 23): a page mostly English again, one untranslated paragraph, a switch
    to another page, a console error; and a search that cannot succeed. Adds to `expect`; returns (look-alikes not to
    flag, the searches to run instead)."""
    pages = [p for p in korean_pages(bad) if Path(p).name not in ('index.html', 'search.html', 'genindex.html')
             and '/api/' not in p and (bad/p).exists()]
    english, one_paragraph, switch, error = pages[:4]
    t = (bad/english).read_text()
    # (each English paragraph short, so only the share falls, not the paragraph rule)
    filler = ''.join(f'<p>Selftest English sentence {i} stays short.</p>' for i in range(2000))
    (bad/english).write_text(t.replace('</article>', filler + '</article>', 1))
    expect['a Korean page that is mostly English'] = ('korean', 'prose words hold Hangul', english)
    t = (bad/one_paragraph).read_text()
    (bad/one_paragraph).write_text(t.replace('</article>', '<p>This selftest paragraph was left in English by a '
                                            'translator who forgot it.</p></article>', 1))
    expect['an untranslated paragraph'] = ('korean', 'This selftest paragraph', one_paragraph)
    t = (bad/switch).read_text()
    t2 = re.sub(r'(<a class="[^"]*lang-switch"[^>]*href=")[^"]*(")', r'\1../index.html\2', t, count=1)
    assert t2 != t, 'no language switch to break'
    (bad/switch).write_text(t2)
    expect['a switch to another page'] = ('language-switch', 'not the same page', switch)
    t = (bad/error).read_text()
    (bad/error).write_text(t.replace('</body>', '<script>console.error("korean self-test error")</script></body>', 1))
    expect['a console error on a Korean page'] = ('broken', 'korean self-test error', error)
    expect['a Korean search that finds nothing'] = ('search', "'홣홣홣' does not find")
    clean = {'a translated page': ('korean', 'prose words hold Hangul', f'{KO}/index.html')}
    return clean, {'홣홣홣': ['bahdanau.html'], **SEARCHES}
