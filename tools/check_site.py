"""Check the built site in a real browser (Debian Chromium driven by Playwright), offline.

    python tools/check_site.py                 # checks _build/html, exit status 1 on any failure
    python tools/check_site.py --self-test     # breaks a copy of the site in known ways: each must be caught

Serves the site on 127.0.0.1 and visits every page. A page fails when it has a console error, an uncaught
exception, a failed request (4xx/5xx or no answer), an image that does not load, math that MathJax did not
typeset (or typeset with an error), or a sidebar that does not list every notebook in `nbs/` under its title;
chapters must have previous/next links. The site search for a word of Chapter 3 must find the Chapter 3 page.
A screenshot of the Chapter 3 page goes to `_build/screenshots/`.
"""
from __future__ import annotations

import argparse, functools, json, re, shutil, sys, tempfile, threading, time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'tools'))
from quarto_to_myst import output_name, parse_front_matter

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking']

def expected_pages(nbs:Path) -> dict[str, str]:
    """page file (`scaled_dot_product.html`) -> title, for every notebook nbdev would publish from `nbs`, in
    reading order: index first, then by file name (chapters 01_..09_, then the toolkit 90_...)."""
    res = {}
    for f in sorted(nbs.glob('*.ipynb'), key=lambda f: (f.stem != 'index', f.name)):
        if f.name[0] in '_.': continue           # nbdev skips these too
        cells, title, fm = json.loads(f.read_text())['cells'], None, None
        for c in cells:
            if (fm := parse_front_matter(c)) is not None:
                title = fm.get('title'); break
            if c['cell_type'] == 'markdown':
                m = re.search(r'^#\s+(\S.*?)\s*$', ''.join(c['source']), re.MULTILINE)
                if m: title = m.group(1); break
        res[output_name(f.name, fm) + '.html'] = title
    return res

def site_pages(site:Path) -> list[str]:
    "Every HTML page of the site (not the theme's templates under _static or the _sources)."
    return sorted(p.relative_to(site).as_posix() for p in site.rglob('*.html')
                  if not any(part.startswith('_') for part in p.relative_to(site).parts))

class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args): pass

def serve(site:Path):
    "A local HTTP server for `site` on a free port of 127.0.0.1, in a daemon thread; returns (server, base url)."
    server = ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f'http://127.0.0.1:{server.server_address[1]}/'

# Runs in the page once it has loaded: waits for MathJax, forces images to load, and reports what it sees.
_INSPECT_JS = r"""async () => {
  if (document.querySelector('script[src*="mathjax"]')) {
    for (let i = 0; i < 200 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++)
      await new Promise(r => setTimeout(r, 50));
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  }
  const imgs = [...document.images];
  imgs.forEach(img => { img.loading = 'eager'; });
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  const main = document.querySelector('main') || document.body;
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let rawDollars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if (n.textContent.includes('$$') && !n.parentElement.closest('pre, code, script, style')) rawDollars++;
  const mathEls = [...document.querySelectorAll('.math')];
  const sidebar = [...document.querySelectorAll('nav.bd-docs-nav a.reference')].map(a => (
      {href: a.getAttribute('href'), text: a.textContent.trim()}));
  return {
    mathjaxLoaded: !!window.MathJax,
    mathElements: mathEls.length,
    untypeset: mathEls.filter(el => !el.querySelector('mjx-container')).map(el => el.textContent.slice(0, 60)),
    mjx: document.querySelectorAll('mjx-container').length,
    mathErrors: [...document.querySelectorAll('mjx-merror')].map(el => el.getAttribute('data-mjx-error') || el.textContent),
    rawDollars,
    images: imgs.map(img => ({src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0})),
    sidebar,
    prev: !!document.querySelector('.prev-next-area a.left-prev'),
    next: !!document.querySelector('.prev-next-area a.right-next'),
    title: document.title,
  };
}"""

def check_site(site:Path, nbs:Path, screenshots:Path | None, search_word:str, search_page:str | None,
               math_page:str | None) -> tuple[list[str], dict]:
    "Return (failures, stats)."
    from playwright.sync_api import sync_playwright
    failures, stats = [], {'pages': 0, 'images': 0, 'math': 0}
    expected = expected_pages(nbs)
    pages = site_pages(site)
    if not pages: return [f'no HTML pages in {site}'], stats
    missing = [p for p in expected if p not in pages]
    if missing: failures.append(f'no page built for notebook(s): {missing}')
    order = list(expected)
    server, base = serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={'width': 1400, 'height': 1000})
            problems = []        # filled by the event handlers for the page being visited
            page.on('console', lambda m: m.type == 'error' and problems.append(f'console error: {m.text}'))
            page.on('pageerror', lambda e: problems.append(f'uncaught exception: {e}'))
            page.on('requestfailed', lambda r: problems.append(f'request failed: {r.url} ({r.failure})'))
            page.on('response', lambda r: r.status >= 400 and problems.append(f'HTTP {r.status}: {r.url}'))
            for name in pages:
                problems.clear()
                page.goto(urljoin(base, name), wait_until='networkidle')
                info = page.evaluate(_INSPECT_JS)
                page.wait_for_load_state('networkidle')
                stats['pages'] += 1
                stats['images'] += len(info['images'])
                stats['math'] += info['mjx']
                problems += [f"image did not load: {i['src']}" for i in info['images'] if not i['ok']]
                problems += [f'math not typeset: {t!r}' for t in info['untypeset']]
                problems += [f'MathJax error: {t}' for t in info['mathErrors']]
                if info['rawDollars']: problems.append(f"{info['rawDollars']} text node(s) with raw $$")
                if info['mathElements'] and not info['mathjaxLoaded']: problems.append('MathJax did not load')
                if name == math_page and not info['mjx']: problems.append('no mjx-container: the math is not typeset')
                if name in expected:
                    listed = {re.sub(r'#.*$', '', a['href']) or name: a['text'] for a in info['sidebar']}
                    if [p for p in listed if p in expected] != [p for p in order if p in listed]:
                        problems.append(f'sidebar order {list(listed)} is not the reading order {order}')
                    for p, title in expected.items():
                        if p not in listed: problems.append(f'sidebar does not list {p}')
                        elif title and listed[p] != title: problems.append(f'sidebar lists {p} as {listed[p]!r}, not {title!r}')
                    i = order.index(name)
                    if i > 0 and not info['prev']: problems.append('no "previous" link')
                    if i < len(order) - 1 and not info['next']: problems.append('no "next" link')
                if name == math_page and screenshots is not None:
                    screenshots.mkdir(parents=True, exist_ok=True)
                    stem = Path(name).stem
                    page.screenshot(path=str(screenshots/f'{stem}.png'), full_page=True)
                    api = page.locator('section:has(> h3) h3').first
                    if api.count():
                        api.scroll_into_view_if_needed()
                        page.evaluate('window.scrollBy(0, -120)')
                        page.screenshot(path=str(screenshots/f'{stem}_api.png'))
                failures += [f'{name}: {p}' for p in problems]
            if search_page:                        # Sphinx's own search, which runs in the browser from searchindex.js
                problems.clear()
                page.goto(urljoin(base, f'search.html?q={search_word}'), wait_until='networkidle')
                page.wait_for_selector('#search-results .search-summary, #search-results p', timeout=15000)
                hits = page.eval_on_selector_all('#search-results ul.search li a', 'els => els.map(a => a.getAttribute("href"))')
                found = [h for h in hits if re.sub(r'[?#].*$', '', h) == search_page]
                if not found: failures.append(f'search for {search_word!r} does not find {search_page} (hits: {hits})')
                failures += [f'search.html?q={search_word}: {p}' for p in problems]
                stats['search_hits'] = len(hits)
            browser.close()
    finally:
        server.shutdown()
    return failures, stats

def self_test(site:Path, nbs:Path, page:str) -> int:
    "Break a copy of `site` in known ways (and add a notebook with no page); the check must report each."
    with tempfile.TemporaryDirectory() as tmp:
        bad, bad_nbs = Path(tmp)/'html', Path(tmp)/'nbs'
        shutil.copytree(site, bad)
        shutil.copytree(nbs, bad_nbs, ignore=shutil.ignore_patterns('.*'))
        (bad_nbs/'99_unbuilt.ipynb').write_text(json.dumps({'cells': [{'cell_type': 'markdown', 'metadata': {},
            'source': '# Unbuilt\n> a notebook without a page'}], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}))
        expect = {'a notebook without a page': 'no page built for notebook(s): [\'unbuilt.html\']'}
        image = next(iter(sorted((bad/'_images').glob('*'))), None)
        if image:
            image.unlink()
            expect['an image file deleted'] = f'image did not load: _images/{image.name}'
        html = (bad/page).read_text()
        (bad/page).write_text(html.replace('mathjax/tex-chtml.js', 'mathjax/missing.js'))
        expect['MathJax not loaded'] = f'{page}: no mjx-container'
        expect['a 404'] = 'HTTP 404'
        other = next((p for p in expected_pages(nbs) if p not in (page, 'index.html')), None)
        if other:
            html = (bad/page).read_text()
            (bad/page).write_text(re.sub(rf'<li class="toctree-l1[^"]*"><a class="reference internal" href="{re.escape(other)}">.*?</a></li>', '', html))
            expect['a sidebar entry removed'] = f'{page}: sidebar does not list {other}'
        html = (bad/'index.html').read_text()
        (bad/'index.html').write_text(html.replace('</body>', '<script>console.error("self-test error")</script></body>'))
        expect['a console error'] = 'index.html: console error: self-test error'
        expect['a search miss'] = "search for 'zqxjkv' does not find"
        failures, _ = check_site(bad, bad_nbs, None, 'zqxjkv', page, page)
    missed = [k for k, v in expect.items() if not any(v in f for f in failures)]
    for k, v in expect.items(): print(f"{'caught' if k not in missed else 'MISSED'}: {k}")
    print('self-test ' + (f'FAILED: the check missed {missed}' if missed else f'passed ({len(expect)} breakages caught)'))
    return 1 if missed else 0

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--site', default=str(ROOT/'_build'/'html'), help='the built site')
    p.add_argument('--nbs', default=str(ROOT/'nbs'), help='the notebooks the sidebar must list')
    p.add_argument('--screenshots', default=str(ROOT/'_build'/'screenshots'), help='where the Ch3 screenshot goes')
    p.add_argument('--search-word', default='saturation', help='a word that only the search page below explains')
    p.add_argument('--chapter', default='03_', help='notebook name prefix of the chapter used for math, search, screenshot')
    p.add_argument('--self-test', action='store_true', help='check that a deliberately broken copy of the site fails')
    args = p.parse_args(argv)
    site, nbs = Path(args.site), Path(args.nbs)
    if not (site/'index.html').exists(): print(f'{site}/index.html missing: run python tools/build_docs.py'); return 1
    chapter = next((f for f in sorted(nbs.glob(f'{args.chapter}*.ipynb'))), None)
    if chapter is None: print(f'no notebook nbs/{args.chapter}*.ipynb'); return 1
    page = output_name(chapter.name) + '.html'
    if args.self_test: return self_test(site, nbs, page)
    t0 = time.time()
    failures, stats = check_site(site, nbs, Path(args.screenshots), args.search_word, page, page)
    print(f"checked {stats['pages']} pages in {time.time()-t0:.1f} s: {stats['images']} images, "
          f"{stats['math']} typeset math elements, search {args.search_word!r} -> {stats.get('search_hits', 0)} hit(s); "
          f"screenshot {Path(args.screenshots)/Path(page).stem}.png")
    for f in failures: print('FAIL', f)
    print('site check ' + ('FAILED' if failures else 'passed'))
    return 1 if failures else 0

if __name__ == '__main__': sys.exit(main())
