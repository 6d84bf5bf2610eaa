"""How fast the "Try it" boxes answer in headless Chromium (issue 24): a 6-word translation (Chapter 8's translator, one
onnxruntime-web call per output word) and one digit (Chapter 9's ViT), each the median of 10 calls after a first one
that loads the runtime and the model. Issue 24 asks for at most 50 ms and 20 ms on the book's 2-core machine. It also
prints the bytes the demos add to a site. A benchmark, not a test: nothing here fails on a slow machine.

    python bench/bench_demos.py               # on the built site (_build/html), or a page of its own if none
"""
import shutil, statistics, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'tools'))
import check_site as cs, check_demos as cd

def main():
    from playwright.sync_api import sync_playwright
    site, tmp = ROOT/'_build'/'html', None
    pages = ['transformer.html', 'vit.html']
    if not all((site/p).exists() and 'data-demo=' in (site/p).read_text() for p in pages):
        from demo_assets import write_demo_assets
        from attention_explained.demos import digit_demo, translator_demo
        site = tmp = Path(tempfile.mkdtemp())
        write_demo_assets(tmp)
        (tmp/'demo.html').write_text('<!doctype html><html lang="en" data-content_root="./"><head><meta charset="utf-8">'
                                     '</head><body>' + translator_demo().html + digit_demo().html + '</body></html>')
        pages = ['demo.html']
    demos = site/'_static'/'demos'
    print(f'{site}: _static/demos/ holds {sum(f.stat().st_size for f in demos.iterdir()) / 1e6:.2f} MB')
    server, base = cs.serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=cs.CHROMIUM, args=cs.CHROMIUM_ARGS)
            page = browser.new_page(viewport=cs.DESKTOP)
            for name in pages:
                page.goto(base + name, wait_until='networkidle')
                for fn in ('translate', 'classifyDigit'):
                    if name == 'demo.html' or (fn == 'translate') == (name == 'transformer.html'):
                        page.evaluate(cd._WAIT_JS, fn)
                for fn, (median, times) in cd.latencies(page, 10).items():
                    print(f'{name} {fn:13s} median {median:6.2f} ms over 10 (min {min(times):.2f}, '
                          f'max {max(times):.2f}, mean {statistics.mean(times):.2f})')
            browser.close()
    finally:
        server.shutdown()
        if tmp: shutil.rmtree(tmp)

if __name__ == '__main__': main()
