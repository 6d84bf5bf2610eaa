"""Tests of the site check's reader classes (issue 21) on small hand-written pages in headless Chromium: each class
fires on its defect and stays quiet on the look-alike that is fine (a folded test, the record in an output, a linked
figure, a wrapped contents entry, a menu that opens). `--self-test` does the same on a broken copy of the real site;
these need no built site.

    python -m pytest tools/test_check_site.py
"""
import collections, shutil, sys, tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_site as cs

pytest.importorskip('playwright.sync_api')
if not Path(cs.CHROMIUM).exists(): pytest.skip(f'no Chromium at {cs.CHROMIUM}', allow_module_level=True)

FIG = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#ccc"/></svg>'

def page_html(article:str, head:str = '', header:str = '', toc:str = '', body_end:str = '') -> str:
    "A page shaped like the book theme's: a header, a contents column at the right, the article."
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
      body {{ margin: 0; font: 16px sans-serif; }}
      .bd-header {{ height: 50px; display: flex; gap: 8px; }}
      .bd-main {{ display: flex; }}
      article.bd-article {{ width: 780px; }}
      .bd-sidebar-secondary {{ width: 200px; overflow: hidden; }}
      .toc-entry a {{ display: block; }}
    </style>{head}</head><body>
    <header class="bd-header">{header}</header>
    <div class="bd-main"><article class="bd-article">{article}</article>
      <div class="bd-sidebar-secondary"><nav class="page-toc"><ul>{toc}</ul></nav></div></div>{body_end}
    </body></html>"""

def cell(src:str, fold:bool = False) -> str:
    c = f'<div class="cell_input"><div class="highlight"><pre>{src}</pre></div></div>'
    if fold: c = f'<details class="hide above-input"><summary>How we know</summary>{c}</details>'
    return f'<div class="cell">{c}</div>'

def entry(text:str, style:str = '') -> str:
    return f'<li class="toc-entry"><a class="reference internal nav-link" href="#s" style="{style}">{text}</a></li>'

@pytest.fixture(scope='module')
def browser_page():
    from playwright.sync_api import sync_playwright
    tmp = Path(tempfile.mkdtemp())
    (tmp/'fig.svg').write_text(FIG)
    server, base = cs.serve(tmp)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=cs.CHROMIUM, args=cs.CHROMIUM_ARGS)
        page = browser.new_page(viewport=cs.DESKTOP)
        def show(name, html, viewport=cs.DESKTOP):
            (tmp/name).write_text(html)
            page.set_viewport_size(viewport)
            page.goto(base + name, wait_until='load')
            return page
        yield show
        browser.close()
    server.shutdown()
    shutil.rmtree(tmp)

def reader(show, name, html, chapter=True):
    info = show(name, html).evaluate(cs._INSPECT_JS)
    per_page = {}
    return cs.check_reader(name, info, chapter, per_page, collections.Counter()), per_page

GOOD = page_html(
    '<h1>Chapter 1: Toy</h1>'
    '<p>The result holds over 10 runs (97-99 %).</p>'
    + cell('<span class="n">test_close</span>(a, b)\n' * 5)                       # at the budget: fine
    + cell('<span class="nd">@given</span>(st.integers())\ndef check(x): ...\n' + 'test_eq(x, x)\n' * 9, fold=True)
    + cell('<span class="c1"># ATEN_CPU_CAPABILITY=default and AVX2: the same</span>')
    + '<div class="cell_output"><pre>load average 3.1, AVX2</pre></div>'
    + '<details class="admonition"><summary>How the margin was measured</summary><p>AVX-512 and default kernels</p></details>'
    + '<p><a class="reference internal image-reference" href="fig.svg"><img src="fig.svg" alt="a figure"></a></p>'
    + '<p><a href="https://colab.research.google.com/x"><img src="fig.svg" alt="Open in Colab"></a></p>',
    header='<input type="search" placeholder="Search">',
    toc=entry('Why absolute positions are not enough to tell distances') + entry('Exercises'))

BAD = page_html(
    '<h1>Chapter 1: Toy</h1>'
    '<section><h3>toy_fn</h3><p><a href="https://github.com/o/r/blob/main/pkg/m.py#L3">source</a></p>'
    '<div class="api-signature"><div class="highlight"><pre>def toy_fn(x)</pre></div></div><p><em>Doc.</em></p></section>'
    '<p>Measured on AVX2, with <code>ATEN_CPU_CAPABILITY=default</code>.</p>'
    '<ul><li>at a load average of 30</li></ul>'
    + cell('<span class="nd">@given</span>(st.integers())\ndef check(x): ...\n' + 'test_eq(1, 1)\ntest_fail(f)\n' * 3)
    + '<p><img src="fig.svg" alt="an unlinked figure"></p>',
    header='<input type="search" placeholder="Search"><form class="bd-search" role="search"><input type="search"></form>',
    toc=entry('Why absolute positions are not enough to tell distances', 'white-space: nowrap')
        + entry('RelativeMultiHeadAttention.relative_logits', 'white-space: nowrap; overflow: hidden; text-overflow: ellipsis'))

def test_a_good_page_passes(browser_page):
    d, per_page = reader(browser_page, 'good.html', GOOD)
    assert d == [], d
    assert per_page == {'good.html': (5, 9)}          # 5 shown, 9 folded

def test_each_defect_is_caught(browser_page):
    d, per_page = reader(browser_page, 'bad.html', BAD)
    by = collections.defaultdict(list)
    for x in d: by[x.cls].append(x.msg)
    assert len(by['api-block']) == 1 and 'toy_fn' in by['api-block'][0]
    assert per_page == {'bad.html': (6, 0)}
    assert any('6 visible test_* calls' in m and 'test_eq 3, test_fail 3' in m for m in by['visible-tests'])
    assert any('visible @given' in m for m in by['visible-tests'])
    assert len(by['record-in-prose']) == 2                       # the paragraph (AVX2 and the inline code), the list item
    assert 'AVX2/ATEN_CPU_CAPABILITY' in by['record-in-prose'][0] and 'load average' in by['record-in-prose'][1]
    assert len(by['toc-clipped']) == 2
    assert len(by['duplicate-search']) == 1 and '2 search boxes' in by['duplicate-search'][0]
    assert len(by['figure-no-link']) == 1

def test_only_chapters_are_held_to_the_chapter_rules(browser_page):
    d, per_page = reader(browser_page, 'toolkit.html', BAD, chapter=False)
    assert not {'api-block', 'visible-tests'} & {x.cls for x in d} and per_page == {}
    assert 'record-in-prose' in {x.cls for x in d}

# ------------------------------------------------------------------------------------------- the phone's buttons
def phone_page(script:str, extra:str = '') -> str:
    links = ''.join(f'<li><a href="{p}">Chapter {i}</a></li>' for i, p in enumerate(['a.html', 'b.html', 'c.html'], 1))
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
      body {{ margin: 0; }} .bd-header-article {{ height: 50px; }}
      .bd-sidebar-primary, .bd-sidebar-secondary {{ position: fixed; top: 0; width: 280px; height: 100vh; background: #fff;
                                                   box-sizing: border-box; padding-top: 60px;
                                                   transition: transform .2s; }}
      .bd-sidebar-primary {{ left: 0; transform: translateX(-100%); visibility: hidden; }}
      .bd-sidebar-secondary {{ right: 0; transform: translateX(100%); visibility: hidden; }}
      .open {{ transform: none !important; visibility: visible !important; }}
    </style></head><body>
    <div class="bd-header-article"><button class="primary-toggle">menu</button>
      <button class="secondary-toggle" style="float: right">contents</button></div>
    <div class="bd-sidebar-primary"><nav class="bd-docs-nav"><ul>{links}</ul></nav></div>
    <div class="bd-sidebar-secondary"><nav class="page-toc"><ul><li><a href="#one">One</a></li>
      <li><a href="#two">Two</a></li></ul></nav></div>
    <article class="bd-article"><h1>Toy</h1><p>Text.</p></article>{extra}
    <script>{script}</script></body></html>"""

OPENS = """for (const w of ['primary', 'secondary']) document.querySelector('.' + w + '-toggle').addEventListener('click',
  () => document.querySelector('.bd-sidebar-' + w).classList.toggle('open'));
document.addEventListener('keydown', e => e.key === 'Escape' && document.querySelectorAll('.open').forEach(
  el => el.classList.remove('open')));"""

def phone_nav(show, name, html):
    return cs.check_phone_nav(show(name, html, cs.PHONE), name, ['a.html', 'b.html', 'c.html'])

def test_buttons_that_open_pass(browser_page):
    assert phone_nav(browser_page, 'opens.html', phone_page(OPENS)) == []

def test_buttons_that_do_nothing_fail(browser_page):
    d = phone_nav(browser_page, 'inert.html', phone_page(''))
    assert [x.msg.split(':')[0] for x in d] == ['at 390 px tapping the menu button does not show the chapter list',
                                                "at 390 px tapping the contents button does not show the page's contents"]

def test_a_sidebar_under_a_cover_fails(browser_page):
    cover = '<div style="position: fixed; inset: 60px 0 0 0; z-index: 5"></div>'   # opens, but nothing can be tapped
    d = phone_nav(browser_page, 'covered.html', phone_page(OPENS, cover))
    assert len(d) == 2 and all('0 of' in x.msg for x in d)

def test_no_button_fails(browser_page):
    d = phone_nav(browser_page, 'nobutton.html', phone_page(OPENS, '<style>.primary-toggle { display: none; }</style>'))
    assert [x.msg for x in d] == ['at 390 px no visible, tappable menu button (1 in the page)']

# ------------------------------------------------------------------------------------- interactive attention views
def views_checked(show, name, html):
    from attention_explained.plots import attention_view
    page = show(name, html)
    problems, outside = [], []
    page.on('console', lambda m: m.type == 'error' and problems.append(f'console error: {m.text}'))
    return cs.check_views(page, name, problems, outside, collections.Counter())

def test_attention_views(browser_page):
    from attention_explained.plots import attention_view
    w = [[[.7, .2, .1], [.1, .8, .1]], [[.3, .3, .4], [.5, .25, .25]]]
    good = attention_view(w, ['q1', 'q2'], ['a', 'b', 'c'])._repr_html_()
    assert views_checked(browser_page, 'views.html', page_html(good + good)) == []
    # a view whose script never runs: hovering sets nothing
    mute = good.replace('window.attentionExplainedView(', 'void (')
    d = views_checked(browser_page, 'mute.html', page_html(mute))
    assert len(d) == 1 and "3 of 3 keys' data-weight differ" in d[0].msg and 'None shown, 0.7000' in d[0].msg
