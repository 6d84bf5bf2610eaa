"""Browser tests of the "Try it" boxes (issue 24): Chapter 8's translator and Chapter 9's digit ViT run by
onnxruntime-web in headless Chromium (Debian's, never `playwright install`) must give Python's answers: the tokens of
`attention_explained.demos.translate` exactly, and every probability and attention weight to 1e-4. The page is written
from `translator_demo()` and `digit_demo()` into a folder with the site's `_static/demos/` files (tools/demo_assets.py:
the ONNX exports and the vendored runtime), served over HTTP; also in Korean (`<html lang="ko">`), and at 390 px with
touch. The medians of 10 calls are printed (pytest -s); tests never assert a timing.

    python -m pytest -s tools/test_demos.py
"""
import shutil, sys, tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_site as cs
import check_demos as cd

pytest.importorskip('playwright.sync_api')
pytest.importorskip('onnx')
if not Path(cs.CHROMIUM).exists(): pytest.skip(f'no Chromium at {cs.CHROMIUM}', allow_module_level=True)
from attention_explained.demos import (classify_digit, digit_demo, digits_split, nearest_words, translate,
                                       translator_demo)

SENTENCES = ['we love small cats', 'I see you', 'big dogs chase red happy birds',
             'children read new books and teachers help students and we find pretty flowers',
             'happy old teachers draw black trees', 'you eat apples']
NOT_GRAMMAR = 'cats cats cats and'                   # known words, no sentence: still answered, as Python does

def page_html(lang:str) -> str:
    return (f'<!doctype html><html lang="{lang}" data-content_root="./"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"></head><body>'
            + translator_demo()._repr_html_() + digit_demo()._repr_html_() + '</body></html>')

@pytest.fixture(scope='module')
def site():
    from demo_assets import write_demo_assets
    tmp = Path(tempfile.mkdtemp())
    write_demo_assets(tmp)
    (tmp/'en.html').write_text(page_html('en'))
    (tmp/'ko.html').write_text(page_html('ko'))
    server, base = cs.serve(tmp)
    yield base
    server.shutdown()
    shutil.rmtree(tmp)

def open_page(browser, url, phone=False):
    ctx = browser.new_context(viewport=cs.PHONE if phone else cs.DESKTOP, has_touch=phone, is_mobile=phone)
    p = ctx.new_page()
    p.problems, p.outside = [], []
    root = url.rsplit('/', 1)[0]
    p.on('console', lambda m: m.type == 'error' and p.problems.append(f'console {m.type}: {m.text}'))
    p.on('pageerror', lambda e: p.problems.append(f'uncaught: {e}'))
    p.on('request', lambda r: not r.url.startswith((root, 'data:', 'blob:')) and p.outside.append(r.url))
    p.goto(url, wait_until='networkidle')
    return p

@pytest.fixture(scope='module')
def en(browser, site): return open_page(browser, site + 'en.html')

def test_translations_equal_python(en):
    worst = 0.0
    for text in SENTENCES + [NOT_GRAMMAR, 'Big dogs chase red birds.']:
        r = cd.run(en, 'translate', text)
        tokens, attention = translate(text)
        assert r.get('tokens') == tokens, (text, r)
        worst = max(worst, cd.max_difference(r['attention'], attention))
        assert cd.compare_translation(r, text) == []
    print(f'\ntranslate: {len(SENTENCES) + 2} sentences, tokens equal, largest attention difference {worst:.1e}')
    assert worst <= cd.TOLERANCE
    assert en.problems == [] and en.outside == []

def test_unknown_word_names_the_nearest(en):
    r = cd.run(en, 'translate', 'the dgos chase cats')
    assert [u['word'] for u in r['unknown']] == ['the', 'dgos']
    assert [u['nearest'] for u in r['unknown']] == [nearest_words('the'), nearest_words('dgos')]
    assert 'dogs' in r['error'] and 'Nearest known words' in r['error']
    with pytest.raises(ValueError, match='nearest known words: dogs'): translate('the dgos chase cats')
    box = en.locator('[data-demo="translator"]')
    box.locator('input').fill('big dgos chase cats')
    box.locator('button').click()
    en.wait_for_selector('[data-demo="translator"] .ae-demo-error')
    assert 'dogs' in box.locator('.ae-demo-out').inner_text()
    assert en.problems == []

def test_digits_equal_python(en):
    images, labels, test_idx, _ = digits_split()
    inputs = [images[i, 0].reshape(-1).tolist() for i in test_idx[20:30].tolist()]   # not the box's 20
    inputs += [cd.test_pixels(), [0] * 64, [16] * 64, [(7 * k) % 17 for k in range(64)]]
    worst = 0.0
    for pixels in inputs:
        r = cd.run(en, 'classifyDigit', pixels)
        probabilities, attention = classify_digit(pixels)
        assert cd.compare_digit(r, pixels) == []
        worst = max(worst, cd.max_difference(r['probabilities'], probabilities),
                    cd.max_difference(r['attention'], attention))
    print(f'\nclassifyDigit: {len(inputs)} digits, largest difference {worst:.1e}')
    bad = cd.run(en, 'classifyDigit', [20] * 64)
    assert '64 numbers in [0, 16]' in bad['error']
    assert en.problems == [] and en.outside == []

def test_boxes_answer_with_a_view(browser, site):
    en = open_page(browser, site + 'en.html')          # a fresh page: the boxes' own first answers
    for kind in ('translator', 'digit'):
        shown = en.evaluate(cd._SHOWN_JS, kind)
        assert shown['text'] and not shown['error'] and shown['view'], (kind, shown)
    korean = en.locator('[data-demo="translator"] .ae-demo-korean').inner_text()
    assert korean == '큰 개는 빨간 새를 쫓아', korean     # the box's first sentence, particles attached
    # the view of the answer keeps the book's DOM contract: a hover gives each key its weight
    view = en.locator('[data-demo="translator"] [data-attention-view]')
    view.locator('[data-query="1"]').hover()
    tokens, attention = translate('big dogs chase red birds')
    shown = [k.get_attribute('data-weight') for k in view.locator('[data-key]').all()]
    assert shown == [f'{x:.4f}' for x in attention[0, 0, 1]]
    assert cd.check_demos(en, '', 'en.html', en.problems, en.outside) == []

def test_korean_labels(browser, site):
    p = open_page(browser, site + 'ko.html')
    assert p.locator('[data-demo="translator"] button').inner_text() == '번역'
    assert p.locator('[data-action="test"]').inner_text() == '테스트 숫자 불러오기'
    p.wait_for_selector('[data-demo="digit"] .ae-demo-view [data-attention-view]')
    assert 'ViT의 판단' in p.locator('[data-demo="digit"] .ae-demo-out').inner_text()
    assert p.locator('[data-demo="digit"] [data-role="layer"]').locator('xpath=..').inner_text().startswith('층')
    r = cd.run(p, 'translate', 'big dgos')
    assert '가장 가까운 단어: dogs' in r['error'], r
    assert p.problems == [] and p.outside == []

def test_phone_draws_by_touch(browser, site):
    p = open_page(browser, site + 'en.html', phone=True)
    board = p.locator('[data-demo="digit"] .ae-demo-board')
    p.locator('[data-action="clear"]').tap()
    box = board.bounding_box()
    cell = box['width'] / 8
    for x, y in [(3, 1), (4, 1), (5, 2), (5, 3), (4, 4), (3, 5), (3, 6)]:      # a rough 7
        p.touchscreen.tap(box['x'] + (x + .5) * cell, box['y'] + (y + .5) * cell)
    p.wait_for_function("() => /ViT/.test(document.querySelector('[data-demo=\"digit\"] .ae-demo-out').textContent)")
    assert p.evaluate('() => document.documentElement.scrollWidth') <= cs.PHONE['width']
    assert p.locator('[data-demo="digit"] .ae-demo-view [data-attention-view]').count() == 1
    p.locator('[data-demo="translator"] input').fill('you see happy cats')
    p.locator('[data-demo="translator"] button').tap()
    p.wait_for_function("() => document.querySelector('.ae-demo-korean') && "
                        "document.querySelector('.ae-demo-korean').textContent.startsWith('너는')")
    assert p.problems == [] and p.outside == []

def test_latency_medians(en):
    t = cd.latencies(en, 10)
    print('\nmedian of 10 after the first call: ' + ', '.join(f'{k} {v[0]:.1f} ms' for k, v in t.items()))
    assert set(t) == {'translate', 'classifyDigit'}

def test_check_demos_catches_a_wrong_answer(browser, site):
    "The check_site class `demo` (tools/check_demos.py) on a page whose translator drops a token: caught."
    p = open_page(browser, site + 'en.html')
    assert cd.check_demos(p, site, 'en.html', p.problems, p.outside) == []
    p.evaluate("""() => { const api = window.attentionExplained, f = api.translate;
        api.translate = async t => { const r = await f(t); r.tokens = r.tokens.slice(1);
                                     console.error('self-test demo error'); return r; };
        const g = api.classifyDigit;
        api.classifyDigit = async x => { const r = await g(x); r.probabilities[0] += 1e-3; return r; }; }""")
    found = cd.check_demos(p, site, 'en.html', p.problems, p.outside)
    assert any('the page gives' in m for m in found), found
    assert any('probabilities differ' in m for m in found), found
    assert any('self-test demo error' in m for m in found), found
