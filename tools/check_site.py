"""Check the built site in a real browser (Debian Chromium driven by Playwright), offline, as a reader sees it.

    python tools/check_site.py                       # checks _build/html; exit status 1 on any defect
    python tools/check_site.py --warn-only code-overflow,shrunk-figure   # report those classes, do not fail on them
    python tools/check_site.py --self-test           # breaks a copy of the site once per defect class: each is caught

Serves the site on 127.0.0.1 and visits every page at 1280 px (desktop), then narrows it to 390 px (phone). Every defect
belongs to one class, printed with its page, the element (the page's Nth code cell and the section it is under)
and the measure, then counted per class and per page (`--json FILE` writes them all):

  broken              console error, uncaught exception, failed request (4xx/5xx), image that does not load, math
                      not typeset (or a MathJax error), raw `$$`, sidebar not listing every notebook under its title
                      in reading order, a chapter without previous/next links, a notebook without a page
  distorted-image     an image whose displayed width/height ratio is off its natural ratio by more than 2 %
  shrunk-figure       a figure displayed so small that its text is under MIN_TEXT_PX px (rule below)
  code-overflow       a code cell, an output or an API signature wider than the column at 1280 px
                      (scrollWidth > clientWidth, or the block sticks out of the article)
  math-overflow       a display equation wider than the column at 1280 px
  raw-markdown        markdown left as text: table pipes `|---|`, `**bold**`, `[text](url)`; in API signatures also
                      backticks and `**` in the parameter comments
  ipynb-link          a link to a `.ipynb` file where a page is meant (the "Download notebook" link is exempt)
  inherited-docstring PyTorch's own docstring or raw reST (`:class:`, `.. note::`) shown in the text
  class-as-def        an API signature that shows a class of the library as `def Name(` (nbdev), or a Sphinx autodoc
                      entry (`dl.py.function`/`method`) for one; API signatures are nbdev's `div.api-signature`
                      and autodoc's `dl.py > dt.sig`
  numbering           the sidebar/title/description of a chapter does not say "Chapter N" with N its file prefix,
                      chapters not numbered 1, 2, 3, ... in order, or a toolkit page not titled "Toolkit: ..."
  missing-alt         an image without alt text (or with a file name as alt text)
  phone-scroll        at 390 px the document scrolls sideways (the widest unclipped element is named)
  take-home           a chapter page without a working "Download notebook" link or an "Open in Colab" badge
                      (pointing at the repository's notebook, with a local badge image)
  search              the site search for a chapter word, or for "어텐션", does not find the expected page
  api-index           the general index (genindex.html) lacks an entry for a documented API name
What a reader meets (issue 21); "folded" means inside a closed <details> (MyST-NB's hide-input/hide-cell toggle,
a folded admonition) or not rendered:
  api-block           on a chapter page (01_..89_), a generated API block: a `div.api-signature`, a "source" link to a
                      line of the library (`#L12`) in a section without one, or a Sphinx `dl.py` entry
  visible-tests       on the chapter pages, `test_*(` calls in code cells that are not folded (comments, strings and
                      `def test_*` left out): more than MAX_VISIBLE_TESTS_PAGE on one page or MAX_VISIBLE_TESTS in all;
                      and every visible `@given` (the counts per page are printed after the classes)
  record-in-prose     `ATEN_CPU_CAPABILITY`, `AVX`/`AVX2`/`AVX-512` or `load average` in prose (paragraphs, list items,
                      headings, captions, admonitions, inline code among them), not in code cells, outputs or folded parts
  phone-nav           at 390 px, on the landing page and the longest chapter: tapping the visible menu button does not put
                      the chapter links on screen, visible and clickable (elementFromPoint), or the contents button the
                      page's section links; or there is no tappable button
  toc-clipped         at 1280 px a right-hand contents entry whose text runs past the box that clips it (or the window),
                      or that is cut with an ellipsis
  duplicate-search    at 1280 px more than one rendered search box or button outside the article
  figure-no-link      a figure in the article (an image at least MIN_FIGURE_PX wide, not a badge linking elsewhere) that is
                      not inside a link to an image file (its full size)
The Korean edition (issue 23), `ko/<page>.html` (tools/check_korean.py):
  korean              `<html lang="ko">` missing; under 60 % of a page's prose words hold Hangul; a prose block of more
                      than 8 words without Hangul (console errors and failed requests there count as `broken`)
  language-switch     the header's switch does not lead to the same page in the other edition (both editions), or is
                      not on screen and tappable at 1280 and 390 px; the Korean search (어텐션, 멀티 헤드, 위치 인코딩)
                      is checked under `search`
The "Try it" boxes (issue 24), on each page with a `[data-demo]` (tools/check_demos.py):
  demo                the page API (window.attentionExplained.translate / classifyDigit) is missing, fails or differs
                      from Python's attention_explained.demos (tokens, or a number by more than 1e-4); the box shows
                      no answer or no view; an unknown word gets no nearest words; a console error or a request
                      outside the site while the demo runs
Interactive attention views (issue 24), on each page with a `[data-attention-view]`:
  attention-view      hovering a view's first query (a real mouse hover at 1280 px) does not give every key a `data-weight`
                      equal to the embedded weight (query 0, the layer/head shown) to 4 decimals; a console error or
                      uncaught exception during the hover; a request to anything outside the site from that page

The shrunk-figure rule: matplotlib figures are saved at 100 dpi (the `width` attribute of the <img> is that
logical size; retina PNGs have twice as many natural pixels), and the book's fonts are at least 9 pt, i.e.
9 pt x 100/72 = 12.5 logical px. Displayed at scale s = displayed width / logical width, that text is 12.5 s px,
so a figure is flagged when 12.5 s < MIN_TEXT_PX (9 px), i.e. s < 0.72. A 7-inch figure (the book's maximum)
is 700 logical px and never shrinks in the ~780 px column. For SVG images the smallest `font-size` in the file
times the displayed scale is compared with MIN_TEXT_PX directly.
"""
from __future__ import annotations

import argparse, ast, collections, functools, json, re, shutil, sys, tempfile, threading, time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'tools'))
from quarto_to_myst import bare_title, display_title, output_name, parse_front_matter
import check_korean
import check_demos

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking']
DESKTOP, PHONE = {'width': 1280, 'height': 900}, {'width': 390, 'height': 844}
MIN_TEXT_PX = 9.0                    # smallest readable text in a figure, as displayed
FIG_FONT_PX = 9 * 100 / 72           # 9 pt at matplotlib's 100 dpi, in logical px
RATIO_TOL = 0.02                     # distorted: displayed w/h off the natural w/h by more than 2 %
MAX_VISIBLE_TESTS_PAGE = 5          # visible-tests: test_* calls shown (not folded) on one chapter page ...
MAX_VISIBLE_TESTS = 60              # ... and over all chapter pages
MIN_FIGURE_PX = 150                 # figure-no-link: images narrower than this (badges, icons) are not figures
COLAB = 'https://colab.research.google.com/github/'
KOREAN_WORD = '어텐션'

CLASSES = ['broken', 'distorted-image', 'shrunk-figure', 'code-overflow', 'math-overflow', 'raw-markdown',
           'ipynb-link', 'inherited-docstring', 'class-as-def', 'numbering', 'missing-alt', 'phone-scroll',
           'take-home', 'search', 'api-index',
           # what a reader meets (issue 21)
           'api-block', 'visible-tests', 'record-in-prose', 'phone-nav', 'toc-clipped', 'duplicate-search',
           'figure-no-link',
           # interactive attention views (issue 24)
           'attention-view', 'demo',
           # the Korean edition (issue 23)
           'korean', 'language-switch']

# Sentences of torch.nn.Module's docstrings that show up when one of our methods has no docstring of its own.
# (and of Python's builtins, which `show_doc` of a constant shows)
TORCH_PHRASES = ['Define the computation performed at every call', 'Should be overridden by all subclasses',
                 'Initialize internal Module state', 'one should call the :class:', 'registered hooks while the latter',
                 'Built-in immutable sequence', 'Built-in mutable sequence', "str(object='') -> str",
                 'dict() -> new empty dictionary', 'int([x]) -> integer']

Defect = collections.namedtuple('Defect', 'cls page msg')

def _prefix(nb_file:str) -> int | None:
    m = re.match(r'^(\d+)_', Path(nb_file).name)
    return int(m.group(1)) if m else None

def _typeset(s:str) -> str:
    "`s` with Sphinx's smart quotes and dashes undone, so that `today’s` (the sidebar) equals `today's` (the notebook)."
    for a, b in (('’', "'"), ('‘', "'"), ('“', '"'), ('”', '"'), ('…', '...'), ('—', '---'), ('–', '--')): s = s.replace(a, b)
    return s

def notebook_title(f:Path) -> tuple[str | None, dict | None]:
    "(title, front matter) of a notebook: its raw front matter or its first `# heading`."
    for c in json.loads(f.read_text())['cells']:
        if (fm := parse_front_matter(c)) is not None: return fm.get('title'), fm
        if c['cell_type'] == 'markdown':
            m = re.search(r'^#\s+(\S.*?)\s*$', ''.join(c['source']), re.MULTILINE)
            if m: return m.group(1), None
    return None, None

def expected_pages(nbs:Path) -> dict[str, dict]:
    """page file (`scaled_dot_product.html`) -> {'nb', 'title', 'prefix'} for every notebook nbdev would publish
    from `nbs`, in reading order: index first, then by file name (chapters 01_.., toolkit 90_.., then the rest);
    `title` is the title the site shows (`display_title`)."""
    res = {}
    def _key(f):
        p = _prefix(f.name)
        return (f.stem != 'index', p is None, f.name)
    for f in sorted(nbs.glob('*.ipynb'), key=_key):
        if f.name[0] in '_.': continue           # nbdev skips these too
        title, fm = notebook_title(f)
        res[output_name(f.name, fm) + '.html'] = {'nb': f.name, 'title': display_title(f.name, title) if title else None,
                                                  'prefix': _prefix(f.name)}
    return res

def library_classes(lib:Path) -> set[str]:
    "Names of the classes defined in the library's modules (read with `ast`, nothing imported)."
    names = set()
    for f in lib.glob('*.py'):
        try: tree = ast.parse(f.read_text())
        except SyntaxError: continue
        names |= {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    return names

def site_pages(site:Path) -> list[str]:
    "Every HTML page of the English site (not the theme's templates under _static, the _sources, or the Korean ko/)."
    return sorted(p.relative_to(site).as_posix() for p in site.rglob('*.html')
                  if not any(part.startswith('_') for part in p.relative_to(site).parts)
                  and p.relative_to(site).parts[0] != check_korean.KO)

class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args): pass

def serve(site:Path):
    "A local HTTP server for `site` on a free port of 127.0.0.1, in a daemon thread; returns (server, base url)."
    server = ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f'http://127.0.0.1:{server.server_address[1]}/'

# Runs in the page once it has loaded: waits for MathJax, forces images to load, and reports what it sees.
_INSPECT_JS = r"""async () => {
  while (document.readyState !== 'complete') await new Promise(r => setTimeout(r, 50));
  if (document.querySelector('script[src*="mathjax"]')) {
    for (let i = 0; i < 200 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++)
      await new Promise(r => setTimeout(r, 50));
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  }
  const imgs = [...document.images];
  imgs.forEach(img => { img.loading = 'eager'; });
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  const main = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  const col = main.getBoundingClientRect();
  const desc = el => {
    const cell = el.closest('.cell');
    const all = [...main.querySelectorAll('.cell')];
    const sec = el.closest('section'); const h = sec && sec.querySelector('h1, h2, h3, h4, h5, h6');
    const where = (cell ? `cell ${all.indexOf(cell) + 1}` : '') +
                  (h ? ` under "${h.textContent.replace(/[#¶]/g, '').trim().slice(0, 40)}"` : '');
    const txt = (el.innerText || el.getAttribute('src') || '').trim().split('\n')[0].slice(0, 70);
    return `${where} ${JSON.stringify(txt)}`.trim();
  };
  // text outside code: raw dollars and raw markdown
  // (code blocks, scripts and maths are skipped whole: far fewer text nodes to look at)
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {acceptNode: n =>
      n.nodeType !== 1 ? NodeFilter.FILTER_ACCEPT :
      n.matches('pre, script, style, mjx-container, .math') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP});
  const proseNodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) proseNodes.push(n);
  let rawDollars = 0; const rawMd = [];
  const mdRes = [[/\|\s*:?-{3,}:?\s*\|/, 'table pipes'], [/\*\*[^*\s][^*\n]*?\*\*/, '**bold**'],
                 [/\]\([^)\s]*\)/, '[text](url)']];
  for (const n of proseNodes) {
    if (n.parentElement.closest('code')) continue;
    const t = n.textContent;
    if (t.includes('$$')) rawDollars++;
    for (const [re, what] of mdRes) if (re.test(t)) rawMd.push(`${what}: ${JSON.stringify(t.trim().slice(0, 70))}`);
  }
  // API signatures: the parameter comments are markdown-free plain text
  const sigs = [...main.querySelectorAll('div.api-signature pre')].map(pre => pre.innerText);
  for (const s of sigs) for (const line of s.split('\n')) {
    const c = line.includes('#') ? line.slice(line.indexOf('#')) : '';
    if (/`[^`]+`/.test(c) || /\*\*[^*\s][^*]*\*\*/.test(c) || /\]\(/.test(c))
      rawMd.push(`in an API signature: ${JSON.stringify(line.trim().slice(0, 90))}`);
  }
  const links = [...main.querySelectorAll('a[href]')];
  const ipynbLinks = links.filter(a => /\.ipynb(#|$)/.test(a.getAttribute('href')) && !a.hasAttribute('download')
      && !a.classList.contains('download-notebook') && !a.getAttribute('href').startsWith('https://colab.'))
      .map(a => `${a.getAttribute('href')} (${JSON.stringify(a.textContent.trim().slice(0, 40))})`);
  // blocks wider than the column
  const wide = el => Math.max(el.scrollWidth - el.clientWidth, el.getBoundingClientRect().right - col.right);
  // (Sphinx autodoc's signatures, dl.py > dt.sig, count as API signatures like nbdev's div.api-signature)
  const codeEls = [...main.querySelectorAll('div.highlight pre, .cell_output pre, .output pre, dl.py > dt.sig')];
  const code = codeEls.map(el => ({kind: el.closest('.api-signature') || el.matches('dt.sig') ? 'API signature' :
                                    el.closest('.cell_output, .output') ? 'output' : 'code cell',
                                   over: wide(el), width: el.scrollWidth, client: el.clientWidth, desc: desc(el),
                                   chars: Math.max(...el.innerText.split('\n').map(l => l.length))}));
  const maths = [...main.querySelectorAll('mjx-container[display="true"]')].map(c => {
    const inner = c.querySelector('mjx-math') || c;
    const w = inner.getBoundingClientRect().width;
    return {over: Math.max(w - c.clientWidth, c.scrollWidth - c.clientWidth, c.getBoundingClientRect().right - col.right),
            width: Math.round(w), client: c.clientWidth, desc: (c.closest('.math') || c).textContent.slice(0, 60)};
  });
  const images = imgs.map(img => {
    const r = img.getBoundingClientRect();
    return {src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0, alt: img.getAttribute('alt'),
            inMain: main.contains(img), nw: img.naturalWidth, nh: img.naturalHeight, w: r.width, h: r.height,
            attrWidth: parseFloat(img.getAttribute('width')) || null, visible: r.width > 0 && r.height > 0,
            where: desc(img).replace(/\s*"[^"]*"$/, ''),
            link: (a => a ? a.href : null)(img.closest('a[href]')),
            linkExternal: (a => !!a && a.origin !== location.origin)(img.closest('a[href]'))};
  });
  const sidebar = [...document.querySelectorAll('nav.bd-docs-nav a.reference')].map(a => (
      {href: a.getAttribute('href'), text: a.textContent.trim()}));
  const h1 = main.querySelector('h1');
  const descr = main.querySelector('p.description');
  const apiNames = [...main.querySelectorAll('div.api-signature')].map(d => {
    const sec = d.closest('section'); const h = sec && sec.querySelector('h1, h2, h3, h4, h5, h6');
    return h ? h.textContent.replace(/[#¶]/g, '').trim() : null; }).filter(Boolean);
  const autodoc = [...main.querySelectorAll('dl.py > dt.sig')].map(dt => ({kind: dt.parentElement.classList[1] || '',
      id: dt.id, name: (dt.querySelector('.sig-name') || dt).textContent.trim()}));
  const downloads = [...document.querySelectorAll('a[download], a.download-notebook')].map(a => a.getAttribute('href'));
  const colab = [...document.querySelectorAll(`a[href^="https://colab.research.google.com/"]`)].map(a => {
    const im = a.querySelector('img');
    return {href: a.getAttribute('href'), img: im ? im.getAttribute('src') : null, ok: !!im && im.naturalWidth > 0}; });
  // --- what a reader meets (issue 21) ---
  // folded: inside a closed <details> (MyST-NB's hide-input/hide-cell toggle, a folded admonition) or not rendered
  const folded = el => !!el.closest('details:not([open])') || !el.checkVisibility({checkVisibilityCSS: true});
  const secOf = el => { const sec = el.closest('section'); const h = sec && sec.querySelector('h1, h2, h3, h4, h5, h6');
                        return h ? h.textContent.replace(/[#¶]/g, '').trim().slice(0, 50) : ''; };
  // nbdev show_doc API blocks: a generated signature (div.api-signature), a bare "source" link to a line of the
  // library (counted only where no signature is), or a Sphinx autodoc entry (dl.py)
  const apiBlocks = [];
  for (const el of main.querySelectorAll('div.api-signature'))
    apiBlocks.push(`"${secOf(el)}": ${JSON.stringify(el.innerText.trim().split('\n')[0].slice(0, 60))}`);
  for (const a of main.querySelectorAll('a[href]')) {
    if (a.textContent.trim() !== 'source' || !/#L\d+(-L\d+)?$/.test(a.getAttribute('href'))) continue;
    const sec = a.closest('section');
    if (!(sec && sec.querySelector('div.api-signature'))) apiBlocks.push(`"${secOf(a)}": a "source" link to ${a.getAttribute('href').split('/').pop()}`);
  }
  for (const dl of main.querySelectorAll('dl.py:not(dl.py dl.py)'))
    apiBlocks.push(`"${secOf(dl)}": ${JSON.stringify(((dl.querySelector('dt') || dl).innerText || '').trim().split('\n')[0].slice(0, 60))}`);
  // test_*( calls and @given in code cells, comments and strings left out (Pygments' c* and s* token classes)
  const cellPres = [...new Set(main.querySelectorAll('.cell_input pre, div.cell div.highlight pre'))]
      .filter(pre => !pre.closest('.cell_output, .output'));
  const allCells = [...main.querySelectorAll('.cell')];
  const testCells = cellPres.map(pre => {
    const c = pre.cloneNode(true);
    c.querySelectorAll('span[class^="c"], span[class^="s"]').forEach(s => s.remove());
    const src = c.textContent;
    const calls = [...src.matchAll(/(?<!\bdef\s+)(?<![\w.])(test_\w+)\s*\(/g)].map(m => m[1]);
    const given = [...src.matchAll(/^\s*@(?:\w+\.)*given\b.*$/gm)].map(m => m[0].trim().slice(0, 60));
    const cell = pre.closest('.cell');
    return {folded: folded(pre), calls, given, where: (cell ? `cell ${allCells.indexOf(cell) + 1}` : 'a code block') +
            ` under "${secOf(pre)}"`};
  }).filter(c => c.calls.length || c.given.length);
  // the engineering record's words in prose: text outside code blocks, outputs, maths and folded parts,
  // joined per block (paragraph, list item, heading, caption, cell of a table)
  const recordRe = /ATEN_CPU_CAPABILITY|\bAVX(?:[-_]?512\w*|2)?\b|\bload[\s-]+averages?\b/gi;
  const blocks = new Map();
  for (const n of proseNodes) {
    const el = n.parentElement;
    if (el.closest('.cell_input, .cell_output, .output, .highlight, .api-signature, details:not([open])')) continue;
    const b = el.closest('p, li, h1, h2, h3, h4, h5, h6, figcaption, caption, dt, dd, td, th, summary, blockquote, div') || main;
    blocks.set(b, (blocks.get(b) || '') + n.textContent);
  }
  const recordWords = [];
  for (const [b, txt] of blocks) {
    const found = [...txt.matchAll(recordRe)];
    if (!found.length || !b.checkVisibility({checkVisibilityCSS: true})) continue;
    const i = Math.max(0, found[0].index - 30);
    recordWords.push({words: [...new Set(found.map(m => m[0]))], tag: b.tagName.toLowerCase(), where: secOf(b),
                      text: txt.replace(/\s+/g, ' ').slice(i, i + 90).trim()});
  }
  // right-hand contents entries: the text's extent against the nearest box that clips it (or the window)
  const vw = document.documentElement.clientWidth;
  const clipOf = el => { let l = 0, r = vw;
    for (let p = el; p && p !== document.documentElement; p = p.parentElement) {
      if (getComputedStyle(p).overflowX === 'visible') continue;
      const b = p.getBoundingClientRect(); l = Math.max(l, b.left + p.clientLeft); r = Math.min(r, b.left + p.clientLeft + p.clientWidth);
    }
    return [l, r]; };
  const tocLinks = [...new Set(document.querySelectorAll('nav.page-toc a, nav.bd-toc-nav a, .bd-sidebar-secondary .toc-entry a'))]
      .filter(a => !main.contains(a) && a.getClientRects().length && a.checkVisibility({checkVisibilityCSS: true}));
  const toc = tocLinks.map(a => {
    const range = document.createRange(); range.selectNodeContents(a);
    const rs = [...range.getClientRects()].filter(r => r.width > 0);
    const left = Math.min(...rs.map(r => r.left)), right = Math.max(...rs.map(r => r.right));
    const [cl, cr] = clipOf(a);
    const ellipsis = a.scrollWidth > a.clientWidth + 1 && getComputedStyle(a).overflowX !== 'visible';
    return {text: a.textContent.trim().replace(/\s+/g, ' '), clipped: rs.length > 0 && (right > cr + 1 || left < cl - 1 || ellipsis),
            shown: Math.round(Math.max(0, Math.min(right, cr) - Math.max(left, cl))), width: Math.round(right - left)};
  });
  // search boxes and buttons outside the article that are rendered (scrolled out of view still counts)
  let search = [...document.querySelectorAll('.search-button__button, .search-button-field, input[type="search"], ' +
                                             'form.bd-search, [role="search"], #searchbox')]
      .filter(el => !main.contains(el) && !el.closest('dialog:not([open])') && el.getClientRects().length
                    && (el.matches('input, button, form') || el.querySelector('input, button'))
                    && el.checkVisibility({checkVisibilityCSS: true}) && el.getBoundingClientRect().width > 0);
  search = search.filter(el => !search.some(o => o !== el && o.contains(el))).map(el => {
    const r = el.getBoundingClientRect(); const where = el.closest('.bd-sidebar-primary, .bd-sidebar-secondary, header, footer');
    return `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')} at (${Math.round(r.left)}, ${Math.round(r.top + scrollY)})` +
           (where ? ` in ${where.tagName.toLowerCase()}${where.className ? '.' + where.className.trim().split(/\s+/)[0] : ''}` : ''); });
  return {
    apiBlocks, testCells, recordWords, toc, search,
    mathjaxLoaded: !!window.MathJax,
    mathElements: document.querySelectorAll('.math').length,
    untypeset: [...document.querySelectorAll('.math')].filter(el => !el.querySelector('mjx-container')).map(el => el.textContent.slice(0, 60)),
    mjx: document.querySelectorAll('mjx-container').length,
    mathErrors: [...document.querySelectorAll('mjx-merror')].map(el => el.getAttribute('data-mjx-error') || el.textContent),
    rawDollars, rawMd, ipynbLinks, code, maths, images, sigs: sigs.map(s => s.split('\n')[0]), apiNames, autodoc,
    text: main.innerText, sidebar, downloads, colab,
    h1: h1 ? h1.textContent.replace(/[#¶]/g, '').trim() : null, description: descr ? descr.textContent.trim() : null,
    prev: !!document.querySelector('.prev-next-area a.left-prev'),
    next: !!document.querySelector('.prev-next-area a.right-next'),
    colWidth: Math.round(col.width), title: document.title,
  };
}"""

# At phone width: does the document scroll sideways, and which unclipped elements stick out?
_PHONE_JS = r"""() => {
  const vw = document.documentElement.clientWidth;
  const sw = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  const clipped = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o !== 'visible') return true; } return false; };
  const out = [];
  if (sw > vw + 1) for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > vw + 1 && r.width > 0 && !clipped(el) && getComputedStyle(el).position !== 'fixed') {
      out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(r.right)}`);
      if (out.length >= 3) break;
    }
  }
  return {vw, sw, offenders: out};
}"""

# At phone width: mark the visible toggle of one sidebar ('primary': the menu, 'secondary': the page's contents)
# for a real click, and say whether that sidebar's links are on screen and clickable.
_PHONE_NAV_JS = r"""([which, pages]) => {
  const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
  const main = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  const hits = el => { const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0 && r.left >= -1 && r.top >= -1 && r.right <= vw + 1 && r.bottom <= vh + 1)) return false;
    if (!el.checkVisibility({checkVisibilityCSS: true, checkOpacity: true})) return false;
    const h = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!h && (h === el || el.contains(h) || h.contains(el)); };
  const toggles = [...document.querySelectorAll(which === 'primary'
      ? 'button.primary-toggle, label.primary-toggle, [aria-label="Site navigation"], [aria-controls="pst-primary-sidebar"]'
      : 'button.secondary-toggle, label.secondary-toggle, [aria-label="On this page"], [aria-controls="pst-secondary-sidebar"]')];
  const toggle = toggles.find(hits);
  document.querySelectorAll('[data-check-site-toggle]').forEach(el => el.removeAttribute('data-check-site-toggle'));
  if (toggle) toggle.setAttribute('data-check-site-toggle', which);
  const path = a => { try { return decodeURIComponent(new URL(a.href).pathname.split('/').pop()); } catch (e) { return ''; } };
  const links = which === 'primary'
    ? [...document.querySelectorAll('a[href]')].filter(a => pages.includes(path(a)) && !main.contains(a)
                                                         && !a.closest('.prev-next-area, .bd-header-article, footer'))
    : [...new Set(document.querySelectorAll('nav.page-toc a, nav.bd-toc-nav a, .toc-entry a'))].filter(a => !main.contains(a));
  const onScreen = links.filter(hits);
  const box = (links[0] && links[0].closest('dialog[open], .bd-sidebar-primary, .bd-sidebar-secondary, nav')) || null;
  const r = box && box.getBoundingClientRect();
  return {toggles: toggles.length, toggle: !!toggle, links: links.length, onScreen: onScreen.length,
          box: box ? `${box.tagName.toLowerCase()}${box.id ? '#' + box.id : ''} at x ${Math.round(r.left)}..${Math.round(r.right)}, ` +
                     `visibility ${getComputedStyle(box).visibility}` : 'none'};
}"""

def check_phone_nav(page, name:str, chapters:list[str]) -> list[Defect]:
    """At the phone's width (already set), tap the visible menu button, then the visible contents button: each must put its
    sidebar's links (the chapters; the page's sections) on screen, visible and clickable (not under another element)."""
    res = []
    for which, what, want in (('primary', 'menu', 'the chapter list'), ('secondary', 'contents', "the page's contents")):
        st = page.evaluate(_PHONE_NAV_JS, [which, chapters])
        if which == 'secondary' and not st['links']: continue      # a page without sections has no contents to open
        if not st['toggle']:
            # a sidebar left open by the previous tap may cover this button: load the page again once
            page.reload(wait_until='load'); page.wait_for_load_state('networkidle')
            st = page.evaluate(_PHONE_NAV_JS, [which, chapters])
        if not st['toggle']:
            res.append(Defect('phone-nav', name, f"at {PHONE['width']} px no visible, tappable {what} button "
                              f"({st['toggles']} in the page)")); continue
        if st['onScreen'] >= min(3, st['links']):
            res.append(Defect('phone-nav', name, f"at {PHONE['width']} px {want} is on screen before the {what} button is tapped"))
            continue
        try: page.click(f'[data-check-site-toggle="{which}"]', timeout=3000)
        except Exception as e:
            res.append(Defect('phone-nav', name, f"at {PHONE['width']} px the {what} button cannot be tapped: {str(e).splitlines()[0]}"))
            continue
        for _ in range(6):            # let a sliding sidebar arrive (0.9 s at most)
            page.wait_for_timeout(150)
            after = page.evaluate(_PHONE_NAV_JS, [which, chapters])
            if after['onScreen'] >= min(3, after['links']) and after['links']: break
        if not (after['links'] and after['onScreen'] >= min(3, after['links'])):
            res.append(Defect('phone-nav', name, f"at {PHONE['width']} px tapping the {what} button does not show {want}: "
                              f"{after['onScreen']} of {after['links']} links on screen and clickable ({after['box']})"))
        page.keyboard.press('Escape')
    return res

def _svg_min_font(svg:Path) -> tuple[float | None, float | None]:
    "(smallest font-size, viewBox/width in user units) of an SVG file; None where absent."
    try: t = svg.read_text(errors='replace')
    except OSError: return None, None
    sizes = [float(v) for v in re.findall(r'font-size\s*[:=]\s*["\']?\s*([\d.]+)\s*(?:px)?', t)]
    m = re.search(r'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)', t)
    w = float(m.group(1)) if m else None
    if w is None and (m := re.search(r'<svg[^>]*\swidth\s*=\s*["\']([\d.]+)', t)): w = float(m.group(1))
    return (min(sizes) if sizes else None), w

def check_images(info, page, site:Path) -> tuple[list[Defect], int]:
    res, n = [], 0
    for im in info['images']:
        src = im['src'] or ''
        if not im['ok']: res.append(Defect('broken', page, f'image did not load: {src}')); continue
        alt = (im['alt'] or '').strip()
        if not alt or re.search(r'\.(png|svg|jpe?g|gif|webp)$', alt, re.I) or alt.startswith('_images/'):
            res.append(Defect('missing-alt', page, f'image {src} ({im["where"]}) has alt text {im["alt"]!r}'))
        if not im['inMain'] or not im['visible']: continue
        n += 1
        ratio = (im['w'] / im['h']) / (im['nw'] / im['nh'])
        if abs(ratio - 1) > RATIO_TOL:
            res.append(Defect('distorted-image', page, f'{src} ({im["where"]}): displayed {im["w"]:.0f}x{im["h"]:.0f} px, natural '
                              f'{im["nw"]}x{im["nh"]}: width/height ratio x{ratio:.2f}'))
        if src.lower().split('?')[0].endswith('.svg'):
            font, vbw = _svg_min_font(site/unquote(src.split('?')[0]))
            if font and vbw:
                px = font * im['w'] / vbw
                if px < MIN_TEXT_PX:
                    res.append(Defect('shrunk-figure', page, f'{src} ({im["where"]}): smallest text {font:g} units shown at {px:.1f} px '
                                      f'(displayed {im["w"]:.0f} of {vbw:g} px wide)'))
        else:
            logical = im['attrWidth'] or im['nw']
            scale = im['w'] / logical
            if logical * 1.0 > info['colWidth'] and FIG_FONT_PX * scale < MIN_TEXT_PX:
                res.append(Defect('shrunk-figure', page, f'{src} ({im["where"]}): {logical:.0f} logical px shown at {im["w"]:.0f} px '
                                  f'(x{scale:.2f}): 9 pt text at {FIG_FONT_PX*scale:.1f} px'))
    return res, n

def check_numbering(page, info, expected, order) -> list[Defect]:
    "Sidebar texts, the page's title and description against the file prefixes (chapters 1..n, toolkit)."
    res = []
    # the sidebar is the same on every page: its numbering is checked once, on the landing page
    listed = [(re.sub(r'#.*$', '', a['href']) or page, a['text']) for a in info['sidebar']] if page == 'index.html' else []
    chapters = [(p, t) for p, t in listed if p in expected and (expected[p]['prefix'] or 0) and expected[p]['prefix'] < 90]
    for k, (p, text) in enumerate(chapters, 1):
        n = expected[p]['prefix']
        m = re.match(r'^Chapter (\d+)\b', text)
        if not m: res.append(Defect('numbering', page, f'sidebar lists {p} as {text!r}: no "Chapter {n}"'))
        elif int(m.group(1)) != n: res.append(Defect('numbering', page, f'sidebar lists {p} as {text!r}, its file says Chapter {n}'))
        if n != k: res.append(Defect('numbering', page, f'sidebar chapter #{k} is {p} (file prefix {n:02d}): a gap in the numbering'))
    for p, text in listed:
        if p in expected and (expected[p]['prefix'] or 0) >= 90 and not text.startswith('Toolkit: '):
            res.append(Defect('numbering', page, f'sidebar lists toolkit page {p} as {text!r}, not "Toolkit: ..."'))
    me = expected.get(page)
    if me and me['prefix'] and me['prefix'] < 90:
        n = me['prefix']
        for what, t in (('title', info['h1']), ('description', info['description'])):
            m = re.match(r'^\s*Chapter (\d+)\b', t or '')
            if what == 'title' and not m: res.append(Defect('numbering', page, f'title {t!r} does not start with "Chapter {n}"'))
            elif m and int(m.group(1)) != n:
                res.append(Defect('numbering', page, f'{what} {t[:60]!r} says Chapter {m.group(1)}, its file {me["nb"]} says {n}'))
    return res

def check_site(site:Path, nbs:Path, screenshots:Path | None, search_word:str, search_page:str | None,
               math_page:str | None, git_url:str | None = None, lib:Path | None = None,
               nav_pages:list[str] | None = None, korean_searches:dict | None = None) -> tuple[list[Defect], dict]:
    """Return (defects, stats). `nav_pages`: where the phone's menu and contents buttons are tapped (default: the
    landing page and the longest chapter)."""
    from playwright.sync_api import sync_playwright
    defects, stats = [], collections.Counter()
    expected = expected_pages(nbs)
    classes = library_classes(lib or ROOT/'attention_explained')
    pages = site_pages(site)
    if not pages: return [Defect('broken', '-', f'no HTML pages in {site}')], stats
    missing = [p for p in expected if p not in pages]
    if missing: defects.append(Defect('broken', '-', f'no page built for notebook(s): {missing}'))
    order = list(expected)
    chapter_pages = [p for p, e in expected.items() if e['prefix'] and e['prefix'] < 90]
    if nav_pages is None:
        nav_pages = ['index.html'] + sorted((p for p in chapter_pages if (site/p).exists()),
                                            key=lambda p: -(site/p).stat().st_size)[:1]
    api_names, tests_per_page = {}, {}
    server, base = serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=DESKTOP)
            problems = []        # filled by the event handlers for the page being visited
            page.on('console', lambda m: m.type == 'error' and problems.append(f'console error: {m.text}'))
            page.on('pageerror', lambda e: problems.append(f'uncaught exception: {e}'))
            page.on('requestfailed', lambda r: problems.append(f'request failed: {r.url} ({r.failure})'))
            page.on('response', lambda r: r.status >= 400 and problems.append(f'HTTP {r.status}: {r.url}'))
            outside = []         # requests that leave the site (checked on the pages with an attention view)
            page.on('request', lambda r: not r.url.startswith((base, 'data:', 'blob:', 'about:'))
                    and outside.append(r.url))
            for name in pages:
                problems.clear(); outside.clear()
                page.goto(urljoin(base, name), wait_until='load')       # the whole document parsed, then quiet
                page.wait_for_load_state('networkidle')
                info = page.evaluate(_INSPECT_JS)
                page.wait_for_load_state('networkidle')
                stats['pages'] += 1
                stats['math'] += info['mjx']
                d = []
                d += [Defect('broken', name, f'math not typeset: {t!r}') for t in info['untypeset']]
                d += [Defect('broken', name, f'MathJax error: {t}') for t in info['mathErrors']]
                if info['rawDollars']: d.append(Defect('broken', name, f"{info['rawDollars']} text node(s) with raw $$"))
                if info['mathElements'] and not info['mathjaxLoaded']: d.append(Defect('broken', name, 'MathJax did not load'))
                if name == math_page and not info['mjx']: d.append(Defect('broken', name, 'no mjx-container: the math is not typeset'))
                di, n_img = check_images(info, name, site)
                d += di
                stats['images'] += n_img
                for c in info['code']:
                    stats[c['kind']] += 1
                    if c['over'] > 1:
                        d.append(Defect('code-overflow', name, f"{c['kind']} {c['desc']}: {c['width']} px in a "
                                        f"{c['client']} px box (+{c['over']:.0f} px; longest line {c['chars']} chars)"))
                for m in info['maths']:
                    stats['display math'] += 1
                    if m['over'] > 1:
                        d.append(Defect('math-overflow', name, f"{m['width']} px equation in a {m['client']} px "
                                        f"column: {m['desc']!r}"))
                d += [Defect('raw-markdown', name, t) for t in info['rawMd']]
                d += check_reader(name, info, name in chapter_pages, tests_per_page, stats)
                d += check_views(page, name, problems, outside, stats)
                d += [Defect('demo', name, m) for m in check_demos.check_demos(page, base, name, problems, outside, stats)]
                d += [Defect('ipynb-link', name, f'link to a notebook: {t}') for t in info['ipynbLinks']]
                switch = page.evaluate("() => { const a = document.querySelector('a[data-lang-switch]'); return a ? a.href : null; }")
                d += [Defect(c, name, m) for c, m in check_korean.check_switch(page, base, name, switch, check_korean.KO)]
                for ph in TORCH_PHRASES:
                    if ph in info['text']: d.append(Defect('inherited-docstring', name, f'PyTorch docstring text {ph!r}'))
                for m in re.finditer(r'(?:^|\s)(:(?:class|meth|func|attr):`[^`]*`|\.\. (?:note|warning)::)', info['text']):
                    d.append(Defect('inherited-docstring', name, f'raw reST {m.group(1)!r}'))
                for s in info['sigs']:
                    m = re.match(r'^\s*def (\w+)\(', s)
                    if m and m.group(1) in classes:
                        d.append(Defect('class-as-def', name, f'the class {m.group(1)} is shown as {s.strip()!r}'))
                for e in info['autodoc']:         # Sphinx autodoc: a class documented as a function or method
                    if e['kind'] in ('function', 'method') and e['name'] in classes:
                        d.append(Defect('class-as-def', name, f"the class {e['name']} is documented as a {e['kind']} ({e['id']})"))
                stats['API entries'] += len(info['sigs']) + len(info['autodoc'])
                for a in info['apiNames'] + [e['id'] for e in info['autodoc'] if e['id']]: api_names.setdefault(a, name)
                if name in expected:
                    listed = {re.sub(r'#.*$', '', a['href']) or name: a['text'] for a in info['sidebar']}
                    if [p for p in listed if p in expected] != [p for p in order if p in listed]:
                        d.append(Defect('broken', name, f'sidebar order {list(listed)} is not the reading order {order}'))
                    for p, e in expected.items():
                        if p not in listed: d.append(Defect('broken', name, f'sidebar does not list {p}'))
                        elif e['title'] and _typeset(bare_title(listed[p])) != _typeset(bare_title(e['title'])):
                            d.append(Defect('broken', name, f'sidebar lists {p} as {listed[p]!r}, not {e["title"]!r}'))
                    i = order.index(name)
                    if i > 0 and not info['prev']: d.append(Defect('broken', name, 'no "previous" link'))
                    if i < len(order) - 1 and not info['next']: d.append(Defect('broken', name, 'no "next" link'))
                    d += check_numbering(name, info, expected, order)
                    if expected[name]['prefix'] and expected[name]['prefix'] < 90:
                        d += check_take_home(page, base, name, info, expected[name]['nb'], git_url)
                if name == math_page and screenshots is not None:
                    screenshots.mkdir(parents=True, exist_ok=True)
                    stem = Path(name).stem
                    page.screenshot(path=str(screenshots/f'{stem}.png'), full_page=True)
                # the same page at a phone's width: the loaded page narrowed, not loaded again (a second load
                # costs a third of the check's CPU; on all 22 pages both ways gave the same widths)
                page.set_viewport_size(PHONE)
                ph = page.evaluate(_PHONE_JS)
                if ph['sw'] > ph['vw'] + 1:
                    d.append(Defect('phone-scroll', name, f"at {PHONE['width']} px the page is {ph['sw']} px wide; "
                                    f"sticking out: {', '.join(ph['offenders']) or '?'}"))
                if name in nav_pages:       # last, as the taps change the page
                    d += check_phone_nav(page, name, chapter_pages)
                    stats['pages tapped at 390 px'] += 1
                page.set_viewport_size(DESKTOP)
                d += [Defect('broken', name, p) for p in problems]
                defects += d
            stats['visible tests'] = tests_per_page
            total = sum(n for n, _ in tests_per_page.values())
            if total > MAX_VISIBLE_TESTS:
                defects.append(Defect('visible-tests', '-', f'{total} visible test_* calls over the chapter pages (budget '
                                      f'{MAX_VISIBLE_TESTS}): ' + ', '.join(f'{p} {n}' for p, (n, _) in tests_per_page.items() if n)))
            # the general index
            problems.clear()
            if (site/'genindex.html').exists():
                page.goto(urljoin(base, 'genindex.html'), wait_until='networkidle')
                entries = set(page.eval_on_selector_all('table.genindextable a, .genindextable li > a',
                                                        'els => els.map(a => a.textContent.trim())'))
                flat = ' '.join(entries)
                stats['genindex entries'] = len(entries)
                for a, pg in api_names.items():
                    short = a.split('.')[-1]
                    if not any(e == a or e.startswith(a + ' ') or e.startswith(short + ' ') or e == short
                               or e.startswith(short + '()') for e in entries):
                        defects.append(Defect('api-index', 'genindex.html', f'no entry for {a} (documented on {pg})'))
            else: defects.append(Defect('api-index', '-', 'no genindex.html'))
            # Sphinx's own search, which runs in the browser from searchindex.js
            searches = [(search_word, search_page)]
            glossary = next((p for p, e in expected.items() if Path(e['nb']).stem == 'glossary'), None)
            searches.append((KOREAN_WORD, glossary))
            for word, want in searches:
                if not want:
                    defects.append(Defect('search', '-', f'no page expected to be found for {word!r} (no glossary notebook?)'))
                    continue
                problems.clear()
                page.goto(urljoin(base, f'search.html?q={word}'), wait_until='networkidle')
                try:
                    page.wait_for_selector('#search-results .search-summary, #search-results p', timeout=15000)
                    page.wait_for_timeout(300)
                    hits = page.eval_on_selector_all('#search-results ul.search li a', 'els => els.map(a => a.getAttribute("href"))')
                except Exception as e: hits = []; problems.append(f'search did not finish: {e}')
                found = [h for h in hits if re.sub(r'[?#].*$', '', h) == want]
                if not found: defects.append(Defect('search', 'search.html', f'search for {word!r} does not find {want} (hits: {hits})'))
                defects += [Defect('broken', f'search.html?q={word}', p) for p in problems]
                stats[f'search hits {word}'] = len(hits)
            # the Korean edition, page by page, and its search
            defects += [Defect(*t) for t in check_korean.check_korean(page, base, site, pages, problems, stats, DESKTOP, PHONE,
                                                                      korean_searches)]
            browser.close()
    finally:
        server.shutdown()
    return defects, stats

# Reads one attention view after its first query was hovered: the weights its data say, and the data-weight shown.
_VIEW_JS = r"""(k) => {
  const v = document.querySelectorAll('[data-attention-view]')[k];
  const data = v.querySelector('script[type="application/json"]');
  if (!data) return {id: v.id, error: 'no embedded weights (script[type="application/json"])'};
  const d = JSON.parse(data.textContent);
  const sel = r => { const s = v.querySelector(`select[data-role="${r}"]`); return s ? +s.value : 0; };
  const l = sel('layer'), h = sel('head');
  const keys = [...v.querySelectorAll('[data-key]')];
  return {id: v.id, K: d.K, Q: d.Q, layer: l, head: h, queries: v.querySelectorAll('[data-query]').length,
          keys: keys.length, got: keys.map(e => e.getAttribute('data-weight')),
          want: keys.map((e, j) => (d.w[((l * d.H + h) * d.Q) * d.K + j] / 1e4).toFixed(4))};
}"""

def check_views(page, name:str, problems:list, outside:list, stats) -> list[Defect]:
    """attention-view: on a page with interactive attention views, hover each view's first query with the mouse; every
    key must then show the embedded weight (query 0, the layer/head shown) in `data-weight`; nothing logged as an error
    meanwhile; no request outside the site from the page."""
    views = page.locator('[data-attention-view]')
    n, d = views.count(), []
    if not n: return d
    stats['attention views'] += n
    d += [Defect('attention-view', name, f'a page with an attention view requested {u} (outside the site)')
          for u in dict.fromkeys(outside)]
    for k in range(n):
        before = len(problems)
        try:
            views.nth(k).locator('[data-query="0"]').hover(timeout=5000)
            page.wait_for_timeout(100)                  # console messages arrive asynchronously
            r = page.evaluate(_VIEW_JS, k)
        except Exception as e:
            d.append(Defect('attention-view', name, f'view {k + 1}: hovering its first query failed: '
                                                    f'{str(e).splitlines()[0]}'))
            continue
        where = f"view {k + 1} ({r.get('id') or 'no id'})"
        if r.get('error'): d.append(Defect('attention-view', name, f"{where}: {r['error']}")); continue
        if (r['queries'], r['keys']) != (r['Q'], r['K']):
            d.append(Defect('attention-view', name, f"{where}: {r['queries']} query and {r['keys']} key elements for "
                                                    f"{r['Q']} × {r['K']} weights"))
        wrong = [j for j, (g, w) in enumerate(zip(r['got'], r['want'])) if g != w]
        if wrong:
            j = wrong[0]
            d.append(Defect('attention-view', name, f"{where}: after a hover on query 0, {len(wrong)} of {r['keys']} "
                            f"keys' data-weight differ from the weights of layer {r['layer'] + 1}, head {r['head'] + 1} "
                            f"(key {j}: {r['got'][j]} shown, {r['want'][j]} in the data)"))
        d += [Defect('attention-view', name, f'{where}: {p} (during the hover)') for p in problems[before:]]
        del problems[before:]
    return d

def check_reader(name:str, info:dict, chapter:bool, tests_per_page:dict, stats) -> list[Defect]:
    "What a reader meets (issue 21): API blocks and visible tests in chapters, the record in prose, contents, search, figures."
    res = []
    if chapter:
        res += [Defect('api-block', name, f'API block in a chapter: {b}') for b in info['apiBlocks']]
        shown = [c for c in info['testCells'] if not c['folded']]
        calls = collections.Counter(f for c in shown for f in c['calls'])
        n = sum(calls.values())
        tests_per_page[name] = (n, sum(len(c['calls']) for c in info['testCells'] if c['folded']))
        if n > MAX_VISIBLE_TESTS_PAGE:
            where = collections.Counter(c['where'].split(' under ')[-1] for c in shown for _ in c['calls'])
            res.append(Defect('visible-tests', name, f'{n} visible test_* calls (budget {MAX_VISIBLE_TESTS_PAGE}): '
                              + ', '.join(f'{f} {k}' for f, k in calls.most_common())
                              + '; most under ' + ', '.join(f'{w} {k}' for w, k in where.most_common(3))))
        res += [Defect('visible-tests', name, f'visible @given ({c["where"]}): {g}') for c in shown for g in c['given']]
    for r in info['recordWords']:
        res.append(Defect('record-in-prose', name, f'{"/".join(r["words"])} in a <{r["tag"]}> under "{r["where"]}": '
                          f'{r["text"]!r}'))
    stats['contents entries'] += len(info['toc'])
    for e in info['toc']:
        if e['clipped']:
            res.append(Defect('toc-clipped', name, f'contents entry {e["text"][:60]!r}: {e["shown"]} of its {e["width"]} px '
                              f'shown at {DESKTOP["width"]} px'))
    if len(info['search']) > 1:
        res.append(Defect('duplicate-search', name, f'{len(info["search"])} search boxes at {DESKTOP["width"]} px: '
                          + '; '.join(info['search'])))
    for im in info['images']:
        if not (im['ok'] and im['inMain'] and im['visible']) or im['nw'] < MIN_FIGURE_PX: continue
        link = re.sub(r'[?#].*$', '', im['link'] or '')
        if im['linkExternal'] and not re.search(r'\.(png|svg|jpe?g|gif|webp|avif)$', link, re.I):
            continue                   # a badge or logo that links to another site, not a figure
        if not re.search(r'\.(png|svg|jpe?g|gif|webp|avif)$', link, re.I):
            res.append(Defect('figure-no-link', name, f'figure {im["src"]} ({im["where"]}) has no link to its full size'
                              + (f' (its link goes to {im["link"]})' if im['link'] else '')))
    return res

def check_take_home(page, base, name, info, nb_file, git_url) -> list[Defect]:
    res = []
    dl = [h for h in info['downloads'] if h and h.split('?')[0].endswith('.ipynb')]
    if not dl: res.append(Defect('take-home', name, 'no "Download notebook" link (a[download] to an .ipynb)'))
    for h in dl[:1]:
        r = page.request.get(urljoin(urljoin(base, name), h))
        if r.status != 200 or not r.body().lstrip().startswith(b'{'):
            res.append(Defect('take-home', name, f'download link {h} answers HTTP {r.status}, not a notebook'))
    want = f"{COLAB}{re.sub(r'^https://github.com/', '', (git_url or '').rstrip('/'))}/blob/"
    colab = [c for c in info['colab'] if c['href'].startswith(want) and c['href'].endswith(f'/nbs/{nb_file}')]
    if not colab: res.append(Defect('take-home', name, f'no "Open in Colab" link to {want}<branch>/nbs/{nb_file} '
                                    f'(found {[c["href"] for c in info["colab"]]})'))
    for c in colab[:1]:
        if not c['img'] or re.match(r'^(https?:)?//', c['img']) or not c['ok']:
            res.append(Defect('take-home', name, f'the Colab badge image {c["img"]!r} is not a local image that loads'))
    return res

def report(defects:list[Defect], stats:dict, warn_only:set[str]) -> int:
    "Print every defect, then counts per class and per page; return the number of failing (non-warn-only) ones."
    for d in defects:
        print(f"{'WARN' if d.cls in warn_only else 'FAIL'} [{d.cls}] {d.page}: {d.msg}")
    by_cls = collections.Counter(d.cls for d in defects)
    pages_by_cls = collections.defaultdict(collections.Counter)
    for d in defects: pages_by_cls[d.cls][d.page] += 1
    denominators = {'distorted-image': stats.get('images', 0), 'shrunk-figure': stats.get('images', 0),
                    'math-overflow': stats.get('display math', 0),
                    'code-overflow': sum(stats.get(k, 0) for k in ('code cell', 'output', 'API signature')),
                    'phone-scroll': stats.get('pages', 0), 'class-as-def': stats.get('API entries', 0),
                    'toc-clipped': stats.get('contents entries', 0), 'figure-no-link': stats.get('images', 0),
                    'duplicate-search': stats.get('pages', 0)}
    print('\ndefects per class:')
    for c in CLASSES:
        of = f' of {denominators[c]}' if c in denominators else ''
        per = ', '.join(f'{p} {n}' for p, n in sorted(pages_by_cls[c].items()))
        extra = ''
        if c == 'code-overflow' and by_cls[c]:
            kinds = collections.Counter(re.match(r'^(code cell|output|API signature)', d.msg).group(1)
                                        for d in defects if d.cls == c)
            extra = ' [' + ', '.join(f"{k} {kinds[k]}/{stats.get(k, 0)}" for k in ('code cell', 'output', 'API signature')) + ']'
        flag = ' (warn only)' if c in warn_only else ''
        print(f'  {c:<20} {by_cls[c]:>4}{of}{extra}{flag}' + (f'  — {per}' if per else ''))
    if stats.get('visible tests'):
        vt = stats['visible tests']
        print(f"\nvisible test_* calls per chapter page (budget {MAX_VISIBLE_TESTS_PAGE} a page, {MAX_VISIBLE_TESTS} in all; "
              f"folded ones in brackets): " + ', '.join(f'{Path(p).stem} {n} [{f}]' for p, (n, f) in vt.items())
              + f"; total {sum(n for n, _ in vt.values())} [{sum(f for _, f in vt.values())}]")
    return sum(n for c, n in by_cls.items() if c not in warn_only)

# ---------------------------------------------------------------------------------------------- self-test
def _inject(path:Path, html:str, where:str = '</article>') -> None:
    t = path.read_text()
    assert where in t, f'{where!r} not in {path}'
    path.write_text(t.replace(where, html + where, 1))

def self_test(site:Path, nbs:Path, page:str, git_url:str | None) -> int:
    "Break a copy of `site` once per defect class (and add a notebook with no page); the check must report each."
    with tempfile.TemporaryDirectory() as tmp:
        bad, bad_nbs = Path(tmp)/'html', Path(tmp)/'nbs'
        shutil.copytree(site, bad)
        shutil.copytree(nbs, bad_nbs, ignore=shutil.ignore_patterns('.*'))
        (bad_nbs/'99_unbuilt.ipynb').write_text(json.dumps({'cells': [{'cell_type': 'markdown', 'metadata': {},
            'source': '# Unbuilt\n> a notebook without a page'}], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}))
        expected = expected_pages(nbs)
        chapters = [p for p, e in expected.items() if e['prefix'] and e['prefix'] < 90 and (bad/p).exists()]
        other = next(p for p in chapters if p != page)
        third = next(p for p in chapters if p not in (page, other))
        expect = {'a notebook without a page': ('broken', "no page built for notebook(s): ['unbuilt.html']")}
        image = next(iter(sorted((bad/'_images').glob('*.png'))), None)
        if image:
            image.unlink()
            expect['an image file deleted'] = ('broken', f'image did not load: _images/{image.name}')
        t = (bad/page).read_text()
        (bad/page).write_text(t.replace('mathjax/tex-chtml.js', 'mathjax/missing.js'))
        expect['MathJax not loaded'] = ('broken', 'no mjx-container')
        expect['a 404'] = ('broken', 'HTTP 404')
        t = (bad/page).read_text()
        (bad/page).write_text(re.sub(rf'<li class="toctree-l1[^"]*"><a class="reference internal" href="{re.escape(other)}">.*?</a></li>', '', t))
        expect['a sidebar entry removed'] = ('broken', f'sidebar does not list {other}')
        _inject(bad/'index.html', '<script>console.error("self-test error")</script>', '</body>')
        expect['a console error'] = ('broken', 'console error: self-test error')
        # one break per defect class, on pages other than the MathJax-less one
        _inject(bad/other, '<style>article.bd-article img { height: 77px !important; }</style>', '</head>')
        expect['images squashed by CSS'] = ('distorted-image', 'width/height ratio')
        _inject(bad/third, '<p><img src="_static/selftest-wide.png" alt="a wide test figure" width="1600" '
                           'style="width:400px;height:auto"></p>')
        shutil.copy(next(iter(sorted((bad/'_images').glob('*.png')))), bad/'_static'/'selftest-wide.png')
        expect['a wide figure shrunk'] = ('shrunk-figure', 'selftest-wide.png')
        _inject(bad/other, '<div class="cell_input"><div class="highlight"><pre>x = "' + 'w' * 300 + '"</pre></div></div>')
        expect['a long code line'] = ('code-overflow', 'code cell')
        _inject(bad/other, '<div class="math notranslate nohighlight">\\[' + ' + '.join(f'x_{{{i}}}' for i in range(150)) + '\\]</div>')
        expect['a long display equation'] = ('math-overflow', 'x')
        _inject(bad/other, '<p>| a | b |\n|---|---|\n| 1 | 2 |</p>')
        expect['a table left as pipes'] = ('raw-markdown', 'table pipes')
        _inject(bad/other, '<p>see <a href="scaled_dot_product.ipynb">Chapter 3</a></p>')
        expect['a link to an .ipynb'] = ('ipynb-link', 'scaled_dot_product.ipynb')
        _inject(bad/other, '<p><em>Define the computation performed at every call.</em></p>')
        expect["nn.Module's docstring"] = ('inherited-docstring', 'Define the computation')
        _inject(bad/other, '<div class="api-signature highlight-python notranslate"><div class="highlight"><pre>'
                           'def MultiHeadAttention(\n    d_model:int, # the size\n):</pre></div></div>')
        expect['a class shown as def'] = ('class-as-def', 'MultiHeadAttention')
        _inject(bad/other, '<dl class="py function"><dt class="sig sig-object py" id="attention_explained.selftest.'
                           'MultiHeadAttention"><span class="sig-name descname"><span class="pre">MultiHeadAttention</span></span>'
                           '<span class="sig-paren">(</span>d_model<span class="sig-paren">)</span></dt><dd><p>Doc.</p></dd></dl>')
        expect['a class documented by autodoc as a function'] = ('class-as-def', 'documented as a function')
        t = (bad/third).read_text()
        (bad/third).write_text(re.sub(r'(<h1>)(Chapter )?(\d+)', lambda m: f'{m.group(1)}Chapter {int(m.group(3) or 0) + 40}', t)
                               if re.search(r'<h1>Chapter \d+', t) else t.replace('<h1>', '<h1>Chapter 42: ', 1))
        expect['a title with the wrong number'] = ('numbering', f'{third}')
        t = (bad/third).read_text()
        (bad/third).write_text(re.sub(r'(<img\b[^>]*?)\salt="[^"]*"', r'\1', t, count=1))
        expect['an image without alt'] = ('missing-alt', third)
        _inject(bad/third, '<div style="width: 900px; background: #eee">a 900 px wide block</div>')
        expect['a block wider than a phone'] = ('phone-scroll', f'{third}')
        t = (bad/other).read_text()
        (bad/other).write_text(re.sub(r'<a\b[^>]*\bdownload\b[^>]*>.*?</a>', '', t, flags=re.S))
        expect['the download link removed'] = ('take-home', 'Download notebook')
        t = (bad/'genindex.html').read_text()
        (bad/'genindex.html').write_text(re.sub(r'<table[^>]*genindextable.*?</table>', '', t, flags=re.S))
        expect['an empty general index'] = ('api-index', 'no entry for')
        expect['a search miss'] = ('search', "search for 'zqxjkv' does not find")
        clean = break_for_reader(bad, expected, chapters, (page, other, third), expect)
        clean.update(break_views(bad, expect))
        clean.update(check_demos.break_demos(bad, expect))
        ko_clean, ko_searches = check_korean.break_korean(bad, expect)
        clean.update(ko_clean)
        nav = ['index.html', next(p for p in chapters if p not in (page, other, third))]
        defects, _ = check_site(bad, bad_nbs, None, 'zqxjkv', page, page, git_url, nav_pages=nav,
                                korean_searches=ko_searches)
    def hit(c, v, pg=None): return any(d.cls == c and (v in d.msg or v == d.page) and pg in (None, d.page) for d in defects)
    missed = [k for k, e in expect.items() if not hit(*e)]
    for k, e in expect.items(): print(f"{'caught' if k not in missed else 'MISSED'} [{e[0]}]: {k}")
    wrong = [k for k, e in clean.items() if hit(*e)]
    for k, e in clean.items(): print(f"{'WRONGLY FLAGGED' if k in wrong else 'not flagged'} [{e[0]}]: {k}")
    covered = {e[0] for e in expect.values()}
    print(f'classes broken: {len(covered)} of {len(CLASSES)}' + (f' (not: {sorted(set(CLASSES) - covered)})' if set(CLASSES) - covered else ''))
    print('self-test ' + (f'FAILED: the check missed {missed}' if missed else
                          f'FAILED: the check flagged {wrong}' if wrong else
                          f'passed ({len(expect)} breakages caught, {len(clean)} look-alikes left alone)'))
    return 1 if missed or wrong or set(CLASSES) - covered else 0

_FOLD = ('<div class="cell tag_hide-input docutils container"><details class="admonition hide above-input">'
         '<summary aria-label="Toggle hidden content"><p class="admonition-title">How we know</p></summary>{}</details></div>')
_CELL = ('<div class="cell docutils container"><div class="cell_input docutils container"><div class="highlight-python '
         'notranslate"><div class="highlight"><pre>{}</pre></div></div></div></div>')

def break_for_reader(bad:Path, expected:dict, chapters:list[str], used:tuple, expect:dict) -> dict:
    """The breaks of issue 21's classes, on a chapter page not otherwise broken (`fourth`) and on the landing page.
    Adds to `expect`; returns the look-alikes that must NOT be flagged (folded tests, code and outputs that mention the
    record, a linked figure)."""
    fourth = next(p for p in chapters if p not in used)
    clean = {}
    # api-block: a show_doc block as nbdev renders it, and a bare "source" link with its heading
    _inject(bad/fourth, '<section id="selftest-api"><h3>selftest_api_block</h3><p><a class="reference external" '
            'href="https://github.com/o/r/blob/main/attention_explained/core.py#L1">source</a></p><div class="api-signature '
            'highlight-python notranslate"><div class="highlight"><pre>def selftest_api_block(\n    x:int, # a number\n):'
            '</pre></div></div><p><em>A docstring.</em></p></section><section id="selftest-src"><h3>selftest_source_only</h3>'
            '<p><a href="https://github.com/o/r/blob/main/attention_explained/core.py#L9">source</a></p>'
            '<blockquote><p>selftest_source_only(x)</p></blockquote></section>')
    expect['a show_doc block in a chapter'] = ('api-block', 'selftest_api_block')
    expect['a "source" link under an API heading'] = ('api-block', 'selftest_source_only')
    # visible-tests: six visible test calls and an @given; the same folded, in a comment, in a string, as a def
    _inject(bad/fourth, _CELL.format('<span class="nd">@given</span>(selftest_strategy())\n'
            '<span class="k">def</span> <span class="nf">test_selftest_def</span>(x): <span class="k">pass</span>\n'
            + '<span class="n">test_selftest_visible</span>(1, 1)\n' * 6 +
            '<span class="c1"># test_selftest_comment(1)</span>\n<span class="n">print</span>(<span class="s2">"test_selftest_string(1)"</span>)'))
    _inject(bad/fourth, _FOLD.format('<div class="cell_input docutils container"><div class="highlight"><pre>'
            '@given(selftest_folded_strategy())\n' + 'test_selftest_folded(1)\n' * 6 + '</pre></div></div>'))
    expect['six visible test calls'] = ('visible-tests', 'test_selftest_visible 6', fourth)
    expect['a visible @given'] = ('visible-tests', 'selftest_strategy')
    clean['test calls in a folded cell'] = ('visible-tests', 'test_selftest_folded')
    clean['an @given in a folded cell'] = ('visible-tests', 'selftest_folded_strategy')
    clean['test_* in a comment, a string, a def'] = ('visible-tests', 'test_selftest_comment')
    clean['test_* in a string'] = ('visible-tests', 'test_selftest_string')
    clean['def test_*'] = ('visible-tests', 'test_selftest_def')
    # record-in-prose: the words in a paragraph and a list item; the same in an output, a code cell, a folded note
    _inject(bad/fourth, '<p>Selftest prose: measured with <code>ATEN_CPU_CAPABILITY=default</code> and AVX-512.</p>'
            '<ul><li>Selftest item: at a load average of 30.</li></ul>')
    _inject(bad/fourth, '<div class="cell_output docutils container"><div class="output stream highlight-myst-ansi">'
            '<div class="highlight"><pre>selftest-output AVX2 load average 3</pre></div></div></div>'
            + _CELL.format('# selftest-code ATEN_CPU_CAPABILITY') + _FOLD.format('<p>selftest-folded: AVX2, load average 9</p>'))
    expect['the record in a paragraph'] = ('record-in-prose', 'Selftest prose')
    expect['the record in a list item'] = ('record-in-prose', 'Selftest item')
    for k in ('output', 'code', 'folded'): clean[f'the record in a {k}'] = ('record-in-prose', f'selftest-{k}')
    # phone-nav: taps that do nothing (the landing page); no tappable menu button (the other page tapped)
    _inject(bad/'index.html', "<script>document.addEventListener('click', e => { if (e.target.closest('.primary-toggle, "
            ".secondary-toggle, [aria-label=\"Site navigation\"], [aria-label=\"On this page\"]')) { e.stopImmediatePropagation(); "
            "e.preventDefault(); } }, true);</script>", '</body>')
    expect['the menu button does nothing'] = ('phone-nav', 'tapping the menu button does not show', 'index.html')
    if 'toc-entry' in (bad/'index.html').read_text():          # (a page without sections has no contents button to tap)
        expect['the contents button does nothing'] = ('phone-nav', 'tapping the contents button does not show', 'index.html')
    _inject(bad/fourth, '<style>.primary-toggle, [aria-label="Site navigation"] { display: none !important; }</style>', '</head>')
    expect['no menu button'] = ('phone-nav', 'no visible, tappable menu button', fourth)
    # toc-clipped: a contents entry that cannot wrap; duplicate-search: a second search field
    entry = ('<li class="toc-h2 nav-item toc-entry"><a class="reference internal nav-link" href="#" style="white-space: '
             'nowrap !important">Selftest contents entry far too long to fit in the right-hand column</a></li>')
    t = (bad/fourth).read_text()
    t2 = re.sub(r'(<nav\b[^>]*\bpage-toc\b[^>]*>\s*<ul\b[^>]*>)', lambda m: m.group(1) + entry, t, count=1)
    if t2 == t:         # no page-toc in the theme's markup: a contents column of our own
        t2 = t.replace('</body>', '<nav class="page-toc" style="position: fixed; right: 0; top: 120px; width: 150px; '
                       f'overflow: hidden"><ul>{entry}</ul></nav></body>', 1)
    (bad/fourth).write_text(t2)
    expect['a contents entry that does not fit'] = ('toc-clipped', 'Selftest contents entry')
    _inject(bad/fourth, '<form class="bd-search" role="search" style="position: fixed; top: 0; left: 400px; z-index: 9">'
            '<input type="search" placeholder="selftest search"></form>', '</body>')
    expect['a second search box'] = ('duplicate-search', fourth)
    # figure-no-link: a figure without a link, beside one linked to its full size
    png = max((bad/'_images').glob('*.png'), key=lambda f: f.stat().st_size)
    for n in ('nolink', 'linked'): shutil.copy(png, bad/'_static'/f'selftest-{n}.png')
    _inject(bad/fourth, '<p><img src="_static/selftest-nolink.png" alt="a selftest figure without a link"></p>'
            '<p><a class="reference internal image-reference" href="_static/selftest-linked.png"><img '
            'src="_static/selftest-linked.png" alt="a selftest figure with a link"></a></p>')
    expect['a figure without a link'] = ('figure-no-link', 'selftest-nolink.png')
    clean['a figure linked to its full size'] = ('figure-no-link', 'selftest-linked.png')
    return clean

def break_views(bad:Path, expect:dict) -> dict:
    """The breaks of the attention-view class, on the landing page: beside a working view (not to be flagged), one whose
    hover shows other numbers, one that logs an error when hovered, and a request outside the site."""
    sys.path.insert(0, str(ROOT))
    from attention_explained.plots import attention_view
    weights = [[[.7, .2, .1], [.1, .8, .1]], [[.3, .3, .4], [.5, .25, .25]]]       # 2 heads, 2 queries, 3 keys
    def view(js:str = '') -> str:
        html = attention_view(weights, ['q1', 'q2'], ['a', 'b', 'c'])._repr_html_()
        uid = re.search(r'id="(ae-view-[0-9a-f]+)"', html).group(1)
        return html + (f'<script>document.querySelector(\'#{uid} [data-query="0"]\').addEventListener('
                       f'\'mouseenter\', function () {{ {js} }});</script>' if js else '')
    _inject(bad/'index.html', view() + view("this.closest('[data-attention-view]').querySelectorAll('[data-key]')"
            ".forEach(function (k) { k.setAttribute('data-weight', '0.5000'); });")
            + view("console.error('self-test view error');")
            + '<img src="http://selftest.invalid/outside.png" alt="an outside image">', '</body>')
    expect['a view whose hover shows other numbers'] = ('attention-view', "view 2 ", 'index.html')
    expect['a view that logs an error on hover'] = ('attention-view', 'self-test view error', 'index.html')
    expect['a request outside the site'] = ('attention-view', 'selftest.invalid', 'index.html')
    return {'a working view': ('attention-view', 'view 1 ', 'index.html')}

def git_url_from_settings() -> str | None:
    import configparser
    cp = configparser.ConfigParser()
    cp.read(ROOT/'settings.ini')
    return cp['DEFAULT'].get('git_url')

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--site', default=str(ROOT/'_build'/'html'), help='the built site')
    p.add_argument('--nbs', default=str(ROOT/'nbs'), help='the notebooks the sidebar must list')
    p.add_argument('--screenshots', default=str(ROOT/'_build'/'screenshots'), help='where the Ch3 screenshot goes')
    p.add_argument('--search-word', default='saturation', help='a word that only the search page below explains')
    p.add_argument('--chapter', default='03_', help='notebook name prefix of the chapter used for math, search, screenshot')
    p.add_argument('--warn-only', default='', help=f'comma-separated classes reported but not failing (of: {", ".join(CLASSES)})')
    p.add_argument('--json', default=None, help='also write the defects and counts to this JSON file')
    p.add_argument('--self-test', action='store_true', help='check that a deliberately broken copy of the site fails')
    args = p.parse_args(argv)
    site, nbs = Path(args.site), Path(args.nbs)
    warn_only = {c.strip() for c in args.warn_only.split(',') if c.strip()}
    if warn_only - set(CLASSES): print(f'unknown class(es) {sorted(warn_only - set(CLASSES))}; known: {CLASSES}'); return 2
    if not (site/'index.html').exists(): print(f'{site}/index.html missing: run python tools/build_docs.py'); return 1
    chapter = next((f for f in sorted(nbs.glob(f'{args.chapter}*.ipynb'))), None)
    if chapter is None: print(f'no notebook nbs/{args.chapter}*.ipynb'); return 1
    page = output_name(chapter.name) + '.html'
    git_url = git_url_from_settings()
    if args.self_test: return self_test(site, nbs, page, git_url)
    t0 = time.time()
    defects, stats = check_site(site, nbs, Path(args.screenshots), args.search_word, page, page, git_url)
    print(f"checked {stats['pages']} pages at {DESKTOP['width']} and {PHONE['width']} px in {time.time()-t0:.1f} s: "
          f"{stats['images']} images, {stats['code cell']} code cells, {stats['output']} text outputs, "
          f"{stats['API entries']} API entries, {stats['display math']} display equations, {stats['math']} typeset "
          f"math elements, {stats.get('genindex entries', 0)} index entries, {stats['attention views']} attention "
          f"views hovered; {stats['korean pages']} Korean pages")
    failing = report(defects, stats, warn_only)
    if stats.get('hangul share'):
        shares = stats['hangul share']
        print('\nHangul share of the prose words, per Korean page: ' + ', '.join(
            f'{Path(p).stem} {s:.0%}' for p, (s, n) in shares.items()))
        for q in check_korean.SEARCHES:
            print(f"Korean search {q!r}: {len(stats.get(f'korean search hits {q}', []))} pages "
                  f"{stats.get(f'korean search hits {q}', [])[:6]}; first snippet "
                  f"{stats.get(f'korean search snippet {q}', '')[:100]!r}")
    if args.json:
        Path(args.json).write_text(json.dumps({'stats': dict(stats), 'defects': [d._asdict() for d in defects]},
                                              indent=1, ensure_ascii=False))
    print('site check ' + ('FAILED' if failing else 'passed') + f' ({len(defects)} defect(s), {failing} failing)')
    return 1 if failing else 0

if __name__ == '__main__': sys.exit(main())
