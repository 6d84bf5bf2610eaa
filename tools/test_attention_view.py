"""Browser tests of the plots toolkit's `attention_view` (issue 24): a page written from `_repr_html_()` with known
weights, hovered with a mouse at 1280 px and tapped at 390 px in headless Chromium (Debian's, never `playwright
install`). Checks the DOM contract (`data-attention-view`, `data-query`, `data-key`, `data-weight` to 4 decimals),
the layer/head menus and thumbnails, the image-grid mode, two views on one page, and no console errors or requests.

    python -m pytest tools/test_attention_view.py
"""
import shutil, sys, tempfile
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_site as cs
from attention_explained.plots import attention_view

pytest.importorskip('playwright.sync_api')
if not Path(cs.CHROMIUM).exists(): pytest.skip(f'no Chromium at {cs.CHROMIUM}', allow_module_level=True)

rng = np.random.default_rng(0)
def softmax(x): e = np.exp(x - x.max(-1, keepdims=True)); return e / e.sum(-1, keepdims=True)
WORDS = 'big dogs chase red birds'.split()
KOREAN = ['큰', '개는', '빨간', '새를', '쫓아', '<eos>']
CROSS = softmax(rng.normal(size=(2, 3, 6, 5)) * 3)          # layers × heads × queries × keys
PATCHES = softmax(rng.normal(size=(1, 2, 5, 5)) * 3)        # CLS + 2 × 2 patches

def page(*views):
    return ('<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
            '<link rel="icon" href="data:,">'
            '</head><body>' + ''.join(v._repr_html_() for v in views) + '</body></html>')

@pytest.fixture(scope='module')
def site():
    tmp = Path(tempfile.mkdtemp())
    (tmp/'two.html').write_text(page(attention_view(CROSS, KOREAN, WORDS),
                                     attention_view(PATCHES, ['CLS', 'p1', 'p2', 'p3', 'p4'], grid=(2, 2),
                                                    image=rng.random((4, 4)))))
    server, base = cs.serve(tmp)
    yield base
    server.shutdown()
    shutil.rmtree(tmp)

def open_page(browser, url, phone=False):
    ctx = browser.new_context(viewport=cs.PHONE if phone else cs.DESKTOP, has_touch=phone, is_mobile=phone)
    p = ctx.new_page()
    p.problems = []
    p.on('console', lambda m: m.type in ('error', 'warning') and p.problems.append(f'console {m.type}: {m.text}'))
    p.on('pageerror', lambda e: p.problems.append(f'uncaught: {e}'))
    p.on('request', lambda r: not r.url.startswith(url.rsplit('/', 1)[0]) and p.problems.append(f'request: {r.url}'))
    p.goto(url, wait_until='networkidle')
    return p

def shown(view):
    return [el.get_attribute('data-weight') for el in view.locator('[data-key]').all()]

def expected(w, l, h, i): return [f'{x:.4f}' for x in np.round(w[l, h, i], 4)]

def test_hover_shows_every_weight_of_the_row(browser, site):
    p = open_page(browser, site + 'two.html')
    view = p.locator('[data-attention-view]').first
    assert shown(view) == [None] * 5                           # nothing before a hover
    for i in (0, 3, 5):
        view.locator(f'[data-query="{i}"]').hover()
        assert shown(view) == expected(CROSS, 0, 0, i)
    assert abs(sum(map(float, shown(view))) - 1) < 5e-4       # a softmax row
    assert view.locator('[data-key="0"] .ae-num').inner_text() == f'{CROSS[0, 0, 5, 0]:.2f}'
    assert p.problems == []

def test_menus_and_thumbnails_pick_the_head(browser, site):
    p = open_page(browser, site + 'two.html')
    view = p.locator('[data-attention-view]').first
    view.locator('[data-query="2"]').hover()
    view.locator('select[data-role="layer"]').select_option('1')
    view.locator('select[data-role="head"]').select_option('2')
    assert shown(view) == expected(CROSS, 1, 2, 2)             # the row follows the menus
    assert view.locator('canvas.ae-thumb').count() == 6         # 2 layers × 3 heads
    view.locator('canvas.ae-thumb[data-layer="0"][data-head="1"]').click()
    assert view.locator('select[data-role="head"]').input_value() == '1'
    view.locator('[data-query="4"]').hover()
    assert shown(view) == expected(CROSS, 0, 1, 4)
    assert p.problems == []

def test_two_views_on_a_page_do_not_clash(browser, site):
    p = open_page(browser, site + 'two.html')
    views = p.locator('[data-attention-view]')
    assert views.count() == 2
    ids = views.evaluate_all('vs => vs.map(v => v.id)')
    assert len(set(ids)) == 2 and all(ids)
    views.nth(0).locator('[data-query="1"]').hover()
    views.nth(1).locator('[data-query="3"]').hover()
    assert shown(views.nth(0)) == expected(CROSS, 0, 0, 1)     # the first keeps its row
    assert shown(views.nth(1)) == expected(PATCHES, 0, 0, 3)
    # one global of our own: the namespaced function
    assert p.evaluate("typeof window.attentionExplainedView") == 'function'
    assert p.problems == []

def test_phone_tap_and_image_grid(browser, site):
    p = open_page(browser, site + 'two.html', phone=True)
    views = p.locator('[data-attention-view]')
    views.nth(0).locator('[data-query="4"]').tap()
    assert shown(views.nth(0)) == expected(CROSS, 0, 0, 4)
    grid = views.nth(1)
    assert grid.locator('.ae-cell[data-key]').count() == 4 and grid.locator('canvas.ae-image').count() == 2
    grid.locator('.ae-cell[data-query="2"]').tap()              # a patch
    assert shown(grid) == expected(PATCHES, 0, 0, 2)
    grid.locator('select[data-role="head"]').select_option('1')
    assert shown(grid) == expected(PATCHES, 0, 1, 2)
    width = p.evaluate('document.documentElement.scrollWidth')
    assert width <= cs.PHONE['width'], f'the page scrolls sideways at 390 px ({width} px)'
    assert p.problems == []

def test_the_html_is_small():
    html = attention_view(CROSS, KOREAN, WORDS)._repr_html_()
    assert len(html.encode()) < 16_000 and 'base64' not in html
