"""Tests of the Quarto -> MyST translation: each rule on small hand-written cells and notebooks, and once on
a notebook processed by nbdev's own processors, so that a change in nbdev's output format fails here.

    python -m pytest tools
"""
import base64, json, re, shutil, sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quarto_to_myst import (bare_title, callouts_to_github, clamp_headings, clean_links, display_title,
                            figure_caption, fold_metadata, is_show_doc, label_headings, link_api_names, mark_captions,
                            notebook_to_readme, option_tags, output_name, page_order, parse_front_matter,
                            plain_comment, split_cell_options, unlink_doclinks,
                            take_home_cell, title_cell, toctree_cell, translate_callouts, translate_notebook)

SITE = 'https://example.github.io/book'

def md(src): return {'cell_type': 'markdown', 'metadata': {}, 'source': src}
def raw(src): return {'cell_type': 'raw', 'metadata': {}, 'source': src}
def code(src, outputs=()): return {'cell_type': 'code', 'metadata': {}, 'source': src, 'execution_count': 1,
                                   'outputs': list(outputs)}
def text_out(t): return {'output_type': 'execute_result', 'execution_count': 1, 'metadata': {}, 'data': {'text/plain': t}}
def md_out(m): return {'output_type': 'execute_result', 'execution_count': 1, 'metadata': {},
                       'data': {'text/markdown': m, 'text/plain': 'repr'}}
def nb(*cells): return {'cells': list(cells), 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}

FRONT = raw('---\ndescription: "One line: with a colon"\noutput-file: toy.html\ntitle: Toy chapter\n\n---\n\n')
SHOW_DOC_MD = ('---\n\n[source](https://github.com/o/r/blob/main/pkg/m.py#L3){target="_blank" style="float:right; '
               'font-size:smaller"}\n\n### f\n\n```python\ndef f(\n    x:int, # the input\n)->int:\n```\n\n*Double x.*')

# ---------------------------------------------------------------------------------------------- front matter
def test_front_matter_parsed_from_raw_cell_only():
    assert parse_front_matter(FRONT) == {'description': 'One line: with a colon', 'output-file': 'toy.html',
                                         'title': 'Toy chapter'}
    assert parse_front_matter(md(FRONT['source'])) is None            # only raw cells are front matter
    assert parse_front_matter(raw('just raw text')) is None
    assert parse_front_matter(raw(['---\n', 'title: T\n', '---\n'])) == {'title': 'T'}   # list-of-lines sources

def test_title_cell():
    assert title_cell({'title': 'Toy chapter', 'description': 'One line'})['source'] == \
        '# Toy chapter\n\n{.description}\nOne line'
    assert title_cell({'title': 'T'})['source'] == '# T'

# ---------------------------------------------------------------------------------------------- cell options
def test_split_cell_options():
    opts, body = split_cell_options('#| echo: false\n#|output: asis\n#| hide\nx = 1\n#| not an option: here')
    assert opts == {'echo': 'false', 'output': 'asis', 'hide': True}
    assert body == 'x = 1\n#| not an option: here'               # only the leading lines are options
    assert split_cell_options('x = 1') == ({}, 'x = 1')
    assert split_cell_options('#| code-summary: "Exported source"\ny')[0] == {'code-summary': 'Exported source'}

@pytest.mark.parametrize('opts, tags', [
    ({'echo': 'false'}, ['remove-input']),
    ({'output': 'false'}, ['remove-output']),
    ({'echo': 'false', 'output': 'false'}, ['remove-input', 'remove-output']),
    ({'include': 'false'}, ['remove-cell']),
    ({'hide': True}, ['remove-cell']),
    ({'echo': 'true', 'output': 'asis'}, []),
    ({'eval': 'false'}, []),
    ({'code-fold': 'true'}, ['hide-input']),
    ({'code-fold': 'true', 'echo': 'false'}, ['remove-input']),
])
def test_option_tags(opts, tags):
    assert option_tags(opts) == tags

def test_fold_label_from_code_summary():
    opts, code = split_cell_options('#| code-fold: true\n#| code-summary: "How we know: ours equals PyTorch\'s"\nx')
    assert opts == {'code-fold': 'true', 'code-summary': "How we know: ours equals PyTorch's"} and code == 'x'
    label = "How we know: ours equals PyTorch's"
    assert fold_metadata(opts) == {'mystnb': {'code_prompt_show': label, 'code_prompt_hide': label}}
    assert fold_metadata({'code-fold': 'true'})['mystnb']['code_prompt_show'] == 'How we know'   # the default
    assert fold_metadata({'code-fold': 'true', 'code-summary': True}) == fold_metadata({'code-fold': 'true'})
    assert fold_metadata({'code-fold': 'show', 'code-summary': 'Exported source'}) == {}         # nbdev's exports
    assert fold_metadata({'code-fold': 'true', 'echo': 'false'}) == {}                          # nothing to fold

def test_folded_cell_in_notebook_keeps_image_alt():
    out = translate_notebook(nb(code('#| code-fold: true\n#| code-summary: "How we know: it trains"\nfit()',
                                     [{'output_type': 'display_data', 'metadata': {},
                                       'data': {'image/png': 'AAAA', 'text/plain': 'fig'}}]),
                                md('*Figure 1.1: The loss.*')))
    c = out['cells'][0]
    assert c['source'] == 'fit()' and c['metadata']['tags'] == ['hide-input']
    assert c['metadata']['mystnb'] == {'code_prompt_show': 'How we know: it trains',
                                       'code_prompt_hide': 'How we know: it trains',
                                       'image': {'alt': 'Figure 1.1: The loss.'}}

# ---------------------------------------------------------------------------------------------- callouts
def test_callout_becomes_admonition():
    assert translate_callouts('a\n\n::: {.callout-warning}\nCareful.\n:::\n\nb') == \
        'a\n\n:::{warning}\nCareful.\n:::\n\nb'

def test_callout_titles_from_attribute_and_heading():
    assert translate_callouts('::: {.callout-tip title="A hint"}\nText\n:::') == \
        ':::{admonition} A hint\n:class: tip\n\nText\n:::'
    assert translate_callouts('::: {.callout-note}\n## Why?\n\nBecause.\n:::') == \
        ':::{admonition} Why?\n:class: note\n\nBecause.\n:::'

def test_collapsed_callout_becomes_dropdown():
    assert translate_callouts('::: {.callout-note collapse="true"}\n## Why not?\n\nBecause.\n:::') == \
        ':::{admonition} Why not?\n:class: note dropdown\n\nBecause.\n:::'
    assert translate_callouts('::: {.callout-tip collapse=true}\nA tip.\n:::') == \
        ':::{admonition} Tip\n:class: tip dropdown\n\nA tip.\n:::'                # untitled: the kind is its title
    assert translate_callouts('::: {.callout-tip collapse="false"}\nA tip.\n:::') == ':::{tip}\nA tip.\n:::'

def test_callout_unknown_kind_and_other_divs():
    assert translate_callouts('::: {.callout-danger}\nx\n:::') == ':::{note}\nx\n:::'
    assert translate_callouts('::: {.column-margin}\nside text\n:::') == 'side text'   # layout divs unwrapped

def test_nested_callouts_get_longer_outer_fence():
    src = '::: {.callout-note}\nouter\n\n::: {.callout-tip}\ninner\n:::\n:::'
    assert translate_callouts(src) == '::::{note}\nouter\n\n:::{tip}\ninner\n:::\n::::'

def test_colons_inside_code_blocks_untouched():
    src = '```\n::: {.callout-note}\n:::\n```'
    assert translate_callouts(src) == src

def test_callouts_to_github_alerts():
    assert callouts_to_github('::: {.callout-important}\nRead me.\n:::') == '> [!IMPORTANT]\n> Read me.'
    assert callouts_to_github('::: {.callout-tip title="Hint"}\nA\n\nB\n:::') == \
        '> [!TIP]\n> **Hint**\n>\n> A\n>\n> B'

# ---------------------------------------------------------------------------------------------- links
def test_quarto_link_attributes_dropped():
    assert clean_links('see [source](https://x.org/a.py#L1){target="_blank" style="float:right"} now') == \
        'see [source](https://x.org/a.py#L1) now'
    assert clean_links('![fig](img/a.png){width=50%}') == '![fig](img/a.png)'
    assert clean_links('plain {braces} and [a](b) stay') == 'plain {braces} and [a](b) stay'

def test_site_links_become_myst_page_links():
    assert clean_links(f'[`f`]({SITE}/toy.html#f_name)', SITE) == '[`f`](toy.ipynb#f_name)'
    assert clean_links(f'[C]({SITE}/mha.html#MultiHeadAttention.from_torch)', SITE) == \
        '[C](mha.ipynb#multiheadattentionfrom_torch)'           # MyST's GitHub-style heading slug
    assert clean_links(f'[home]({SITE}/)', SITE) == '[home](index.ipynb)'
    assert clean_links('[ext](https://pytorch.org/docs.html#x)', SITE) == '[ext](https://pytorch.org/docs.html#x)'
    assert clean_links(f'[`f`]({SITE}/toy.html#f)') == f'[`f`]({SITE}/toy.html#f)'   # no site_url: left alone
    assert clean_links(f'[`f`]({SITE}/toy.html#f)', SITE, readme=True) == f'[`f`]({SITE}/toy.html#f)'

def test_notebook_links_go_to_their_pages():
    assert clean_links('[Ch 3](03_scaled_dot.ipynb) and [P](sub/90_Plots.ipynb#plot-attention)', SITE) == \
        '[Ch 3](scaled_dot.ipynb) and [P](sub/plots.ipynb#plot-attention)'          # MyST document links
    assert clean_links('[Ch 3](03_scaled_dot.ipynb)', SITE, readme=True) == f'[Ch 3]({SITE}/scaled_dot.html)'
    assert clean_links('[nb](https://x.org/03_a.ipynb)', SITE) == '[nb](https://x.org/03_a.ipynb)'  # not ours

# ---------------------------------------------------------------------------------------------- API names
def test_show_doc_cells_recognised():
    assert is_show_doc('show_doc(MultiHeadAttention.forward)') and is_show_doc('  show_doc(f, title_level=3)')
    assert not is_show_doc('x = show_doc') and not is_show_doc('print(1)\nshow_doc(f)')

NAMES = {'MultiHeadAttention': 'pkg.mha.MultiHeadAttention', 'Encoder.forward': 'pkg.mha.Encoder.forward',
         'fit': 'pkg.training.fit'}

def test_link_api_names_first_per_section():
    md_ = ('`MultiHeadAttention` and `MultiHeadAttention` again; `fit()` and `other`.\n\n'
           '## Next\n\n`MultiHeadAttention`, ``MultiHeadAttention``, `Encoder.forward`')
    assert link_api_names(md_, NAMES) == (
        '{py:obj}`MultiHeadAttention <pkg.mha.MultiHeadAttention>` and `MultiHeadAttention` again; '
        '{py:obj}`fit() <pkg.training.fit>` and `other`.\n\n## Next\n\n'
        '{py:obj}`MultiHeadAttention <pkg.mha.MultiHeadAttention>`, ``MultiHeadAttention``, '
        '{py:obj}`Encoder.forward <pkg.mha.Encoder.forward>`')
    seen = set()                                       # the section goes on in the next cell: not linked again
    assert link_api_names('`fit`', NAMES, seen).startswith('{py:obj}')
    assert link_api_names('`fit`', NAMES, seen) == '`fit`'

def test_link_api_names_leaves_code_maths_links_and_headings():
    md_ = '```python\n`fit`\n```\n## The `fit` loop\n$`fit`$ and [`fit`](x.ipynb)\n    `fit` indented code'
    assert link_api_names(md_, NAMES) == md_

def test_unlink_nbdev_doclinks():
    assert unlink_doclinks('[`Encoder.forward`](mha.ipynb#encoder.forward) and [`fit()`](training.ipynb#fit)') == \
        '`Encoder.forward` and `fit()`'
    assert unlink_doclinks('[`fit`](training.ipynb#training-loop)') == '[`fit`](training.ipynb#training-loop)'

def test_label_headings():
    labels = {'## Split, attend, merge': 'taught-mha-split-attend-merge'}
    assert label_headings('Text\n\n## Split, attend, merge\n\nMore', labels) == \
        'Text\n\n(taught-mha-split-attend-merge)=\n## Split, attend, merge\n\nMore'
    assert label_headings('```\n## Split, attend, merge\n```', labels) == '```\n## Split, attend, merge\n```'
    assert label_headings('## Other', labels) == '## Other'

def test_clamp_headings():
    assert clamp_headings('### f\n\ntext', parent_level=1) == '## f\n\ntext'      # under the title: H3 -> H2
    assert clamp_headings('### f', parent_level=2) == '### f'                     # under a section: unchanged
    assert clamp_headings('### C\n\n#### C.m', parent_level=1) == '## C\n\n### C.m'   # relative levels kept
    assert clamp_headings('no heading', parent_level=1) == 'no heading'

# ---------------------------------------------------------------------------------------------- pages
def test_page_order_from_sidebar():
    yml = ('website:\n  sidebar:\n    contents:\n    - index.ipynb\n    - 01_a.ipynb\n'
           '    - section: sub\n      href: sub/index.ipynb\n      contents:\n      - sub/02_b.ipynb\n    - 90_t.ipynb\n')
    assert page_order(yml) == ['index.ipynb', '01_a.ipynb', 'sub/index.ipynb', 'sub/02_b.ipynb', '90_t.ipynb']

def test_output_name():
    assert output_name('03_scaled_dot_product.ipynb') == 'scaled_dot_product'
    assert output_name('90_Plots.ipynb') == 'plots'                   # nbdev lower-cases page names
    assert output_name('index.ipynb') == 'index'
    assert output_name('03_x.ipynb', {'output-file': 'custom.html'}) == 'custom'

def test_toctree_cell():
    src = toctree_cell(['a', 'b'], 'Chapters')['source']
    assert src.startswith('```{toctree}\n') and ':hidden:' in src and ':caption: Chapters' in src
    assert src.endswith('\n\na\nb\n```')

# ---------------------------------------------------------------------------------------------- notebooks
def toy_notebook():
    return nb(
        FRONT,
        md('<!-- WARNING: THIS FILE WAS AUTOGENERATED! DO NOT EDIT! -->'),
        code('#| hide\nsecret = 1', [text_out('1')]),
        md(f'Text with [`f`]({SITE}/toy.html#f) and [Ch 2](02_prev.ipynb).\n\n::: {{.callout-note}}\nRemember.\n:::'),
        code('#| echo: false\n#| output: asis\nshow_doc(f)', [md_out(SHOW_DOC_MD)]),
        code('#| echo: false\nprint(2)', [{'output_type': 'stream', 'name': 'stdout', 'text': '2\n'}]),
        code('#| output: false\nnoisy()', [text_out('noise')]),
        code('f(2)', [text_out('4')]),
        code('', []),                                           # nbdev leaves emptied cells behind
    )

def test_translate_notebook():
    out = translate_notebook(toy_notebook(), site_url=SITE)
    cells = out['cells']
    srcs = [c['source'] for c in cells]
    assert srcs[0] == '# Toy chapter\n\n{.description}\nOne line: with a colon'
    assert not any('secret' in s for s in srcs)                                 # hidden cell dropped
    assert srcs[2] == 'Text with `f` and [Ch 2](prev.ipynb).\n\n:::{note}\nRemember.\n:::'   # nbdev's doc link
    assert not any('show_doc' in s or '[source]' in s for s in srcs)             # no API block
    assert cells[3]['metadata']['tags'] == ['remove-input'] and srcs[3] == 'print(2)'
    assert cells[4]['metadata']['tags'] == ['remove-output'] and srcs[4] == 'noisy()'
    assert 'tags' not in cells[5]['metadata'] and srcs[5] == 'f(2)' and cells[5]['outputs'][0]['data']['text/plain'] == '4'
    assert len(cells) == 6                                                      # the empty cell is gone
    assert len({c['id'] for c in cells}) == len(cells)                          # nbformat 4.5 wants unique ids
    assert out['metadata']['language_info']['name'] == 'python'
    assert not any('#|' in s for s in srcs)

def test_readme_from_notebook(tmp_path):
    png = base64.b64encode(b'\x89PNG fake').decode()
    n = toy_notebook()
    n['cells'].append(code('plot()', [{'output_type': 'display_data', 'metadata': {},
                                       'data': {'image/png': png, 'text/plain': '<Figure>'}}]))
    readme = notebook_to_readme(n, SITE, image_dir=tmp_path/'README_files', image_prefix='README_files')
    assert readme.startswith('# Toy chapter\n\n> One line: with a colon\n\n<!-- WARNING')
    assert 'secret' not in readme and 'noise' not in readme and 'noisy()' in readme
    assert '> [!NOTE]\n> Remember.' in readme
    assert f'[`f`]({SITE}/toy.html#f) and [Ch 2]({SITE}/prev.html)' in readme     # README links: absolute
    assert '[source]' not in readme and 'show_doc' not in readme                 # no API block
    assert '```\n2\n```' in readme and 'print(2)' not in readme    # echo: false shows the output only
    assert '```python\nf(2)\n```\n\n```\n4\n```' in readme
    img = [l for l in readme.splitlines() if l.startswith('![](README_files/')]
    assert len(img) == 1 and (tmp_path/img[0][4:-1]).read_bytes() == b'\x89PNG fake'

# ---------------------------------------------------------------------------------------------- with nbdev
def test_rules_match_what_nbdev_produces(tmp_path, monkeypatch):
    "Run nbdev's own processors (what `proc_nbs` uses) on a tiny chapter, then translate it."
    pytest.importorskip('nbdev')
    from nbdev.processors import FilterDefaults
    from nbdev.serve_drv import exec_nb               # the function each proc_nbs worker runs per notebook
    root = Path(__file__).resolve().parent.parent
    shutil.copy(root/'settings.ini', tmp_path/'settings.ini')
    (tmp_path/'nbs').mkdir()
    (tmp_path/'attention_explained').mkdir()
    (tmp_path/'attention_explained'/'_modidx.py').write_text("d = {'settings': {}, 'syms': {}}\n")
    src = nb(md('# Toy chapter\n> One line'), code('#| default_exp toy'),
             code('#| hide\nfrom nbdev.showdoc import *'),
             md('## Part\n\n::: {.callout-tip}\nA tip.\n:::\n\n::: {.callout-note collapse="true"}\n## Aside\nMore.\n:::'),
             code('#| export\ndef double(x:int, # the input\n          )->int: # twice x\n    "Double `x`."\n    return 2*x'),
             code('double(2)', [text_out('4')]),
             code('#| code-fold: true\n#| code-summary: "How we know: it doubles"\nassert double(3) == 6'))
    f = tmp_path/'nbs'/'01_toy.ipynb'
    f.write_text(json.dumps(src))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv('IN_TEST', '1')
    exec_nb(f, tmp_path/'processed.ipynb', FilterDefaults)
    processed = json.loads((tmp_path/'processed.ipynb').read_text())
    out = translate_notebook(processed, site_url=SITE)
    srcs = [c['source'] for c in out['cells']]
    assert srcs[0] == '# Toy chapter\n\n{.description}\nOne line'           # nbdev's front matter -> title
    assert ':::{tip}\nA tip.\n:::' in srcs[2]
    assert ':::{admonition} Aside\n:class: note dropdown\n\nMore.\n:::' in srcs[2]
    folded = out['cells'][-1]                            # nbdev keeps `#| code-summary` for the translation
    assert folded['source'] == 'assert double(3) == 6' and folded['metadata']['tags'] == ['hide-input']
    assert folded['metadata']['mystnb']['code_prompt_show'] == 'How we know: it doubles'
    assert not any('def double' in s and c['cell_type'] == 'markdown' for c, s in zip(out['cells'], srcs))
    assert not any(s.lstrip().startswith('#|') for s in srcs)
    assert not any('show_doc' in s for s in srcs) and not any('from nbdev' in s for s in srcs)
    assert srcs[-2] == 'double(2)'

# ---------------------------------------------------------------------------------------------- site rules
def test_display_title_numbers_chapters_and_toolkit():
    assert display_title('01_bahdanau.ipynb', 'Bahdanau attention') == 'Chapter 1: Bahdanau attention'
    assert display_title('12_pretrained.ipynb', 'Chapter 12: A pretrained encoder') == 'Chapter 12: A pretrained encoder'
    assert display_title('09_vit.ipynb', 'Chapter 8: The ViT') == 'Chapter 8: The ViT'      # kept: the check flags it
    assert display_title('90_plots.ipynb', 'Plots') == 'Toolkit: Plots'
    assert display_title('93_checks.ipynb', 'Toolkit: Checks') == 'Toolkit: Checks'
    assert display_title('index.ipynb', 'attention_explained') == 'attention_explained'
    assert display_title('glossary.ipynb', 'Glossary') == 'Glossary'
    assert bare_title('Chapter 3: Scaled') == 'Scaled' and bare_title('Toolkit: Plots') == 'Plots'
    assert title_cell({'title': 'Toy'}, '04_toy.ipynb')['source'] == '# Chapter 4: Toy'
    assert title_cell({'title': 'Toy', 'description': 'Chapter 4: one head'}, '04_toy.ipynb')['source'] == \
        '# Chapter 4: Toy\n\n{.description}\nOne head'                    # the number is said once
    assert title_cell({'title': 'ViT', 'description': 'Chapter 8: patches'}, '09_vit.ipynb')['source'].endswith(
        '\nChapter 8: patches')                                              # a wrong number stays: the check flags it

CLASS_DOC = ('---\n\n[source](https://github.com/o/r/blob/main/pkg/mha.py#L42){target="_blank"}\n\n'
             '### MultiHeadAttention\n\n```python\ndef MultiHeadAttention(\n'
             '    d_model:int, # feature size, see [`Encoder`](mha.ipynb#encoder)\n'
             '    mask:Tensor | None=None, # boolean, **True = may attend**; `(B, h, T, S)`\n'
             '    s:str="a # b", # a `#` inside a string\n'
             "    mode:str='cls', # `'cls'` or `'mean'`\n):\n```\n\n*h heads of size `d_k`.*")
FORWARD_DOC = ('---\n\n[source](https://github.com/o/r/blob/main/pkg/mha.py#L86)\n\n### MultiHeadAttention.forward\n\n'
               '```python\ndef forward(\n    query:Tensor, # `(B, T, d_model)`\n)->Tensor: # `(B, T, d_model)`\n```\n\n'
               '*Define the computation performed at every call.*\n\nShould be overridden by all subclasses.\n\n'
               '.. note::\n    one should call the :class:`Module` instance afterwards')

def test_plain_comment():
    assert plain_comment('**True = may attend**, `(B, T)`, [`Vocab`](data.ipynb#vocab)') == \
        'True = may attend, (B, T), Vocab'
    assert plain_comment('x * y and 2 ** 3') == 'x * y and 2 ** 3'

def test_figure_caption():
    assert figure_caption('*Figure 1.2: The weights, with $\\alpha_{ij}$ on a **log** scale.*\n\nMore text') == \
        'Figure 1.2: The weights, with \\alpha_{ij} on a log scale.'
    assert figure_caption('\n*Figure 10.1. Local windows.*') == 'Figure 10.1. Local windows.'
    assert figure_caption('Text about *Figure 1.2: x*') is None
    assert figure_caption('*emphasis* only') is None
    assert figure_caption('*Figure 3.1: A caption that wraps\nonto a second line.*\n\nText') == \
        'Figure 3.1: A caption that wraps onto a second line.'     # notebooks wrap long captions
    assert figure_caption('*Figure 3.1: one line.* Then *more* text') is None

def test_image_alt_from_caption_and_caption_class():
    png = {'output_type': 'display_data', 'metadata': {}, 'data': {'image/png': 'iVBO', 'text/plain': '<Figure>'}}
    out = translate_notebook(nb(FRONT, code('plot()', [png]), code('#| hide\nx = 1'),
                                md('*Figure 1.1: Heads, split and merged.*'), code('plot()', [png]), md('No caption.')))
    c1, cap, c2 = out['cells'][1], out['cells'][2], out['cells'][3]
    assert c1['metadata']['mystnb'] == {'image': {'alt': 'Figure 1.1: Heads, split and merged.'}}
    assert cap['source'].startswith('{.figure-caption}\n*Figure 1.1')
    assert 'mystnb' not in c2['metadata']                                   # no caption: no alt invented

def test_take_home_cell_on_chapters_only():
    cell = take_home_cell('05_multi_head.ipynb', 'https://github.com/o/r', 'main')['source']
    assert '[![Open in Colab](_site/colab-badge.svg)](https://colab.research.google.com/github/o/r/blob/main/nbs/05_multi_head.ipynb)' in cell
    assert '{download}`Download notebook <_notebooks/05_multi_head.ipynb>`' in cell
    ch = translate_notebook(nb(FRONT, md('x')), nb_file='05_toy.ipynb', git_url='https://github.com/o/r')
    assert ch['cells'][0]['source'].startswith('# Chapter 5: Toy chapter') and 'colab' in ch['cells'][1]['source']
    for f in ('index.ipynb', '90_plots.ipynb', 'glossary.ipynb'):
        cells = translate_notebook(nb(FRONT, md('x')), nb_file=f, git_url='https://github.com/o/r')['cells']
        assert not any('colab' in c['source'] for c in cells)

def test_readme_images_found_from_the_repository_root():
    out = notebook_to_readme(nb(md('![A sketch](images/hero.svg) and ![web](https://x.org/a.png)')), SITE)
    assert out == '![A sketch](nbs/images/hero.svg) and ![web](https://x.org/a.png)\n'

# ---------------------------------------------------------------------------------------------- with Sphinx
def test_translated_page_builds_with_the_site_config(tmp_path):
    """One translated chapter through Sphinx with docs/conf.py: the caption becomes the image's alt text, a
    markdown table output becomes a <table>, nbdev's API block is left out, a folded cell shows its label and a
    folded callout is a <details>."""
    pytest.importorskip('myst_nb')
    import subprocess
    root = Path(__file__).resolve().parent.parent
    png = ('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==')
    fig = {'output_type': 'display_data', 'metadata': {'image/png': {'width': 640, 'height': 480}},
           'data': {'image/png': png, 'text/plain': '<Figure>'}}
    table = {'output_type': 'execute_result', 'execution_count': 1, 'metadata': {},
             'data': {'text/markdown': '| a | b |\n|---|---|\n| 1 | 2 |', 'text/plain': 'Markdown'}}
    sd = ('---\n\n[source](https://github.com/o/r/blob/main/pkg/toy.py#L1)\n\n### Toy\n\n```python\n'
          'def Toy(\n    n:int, # **how many**, see `Toy`\n):\n```\n\n*A toy.*')
    src_nb = nb(FRONT, code('plot()', [fig]), md('*Figure 1.1: A one-pixel figure.*'), code('table()', [table]),
                code('#| echo: false\n#| output: asis\nshow_doc(Toy)', [md_out(sd)]),
                code('#| code-fold: true\n#| code-summary: "How we know: it is a toy"\nassert True'),
                md('::: {.callout-note collapse="true"}\n## An aside\nFolded text.\n:::'))
    src = tmp_path/'src'
    (src/'_notebooks').mkdir(parents=True)
    (src/'_notebooks'/'01_toy.ipynb').write_text(json.dumps(src_nb))
    (src/'_site').mkdir()
    shutil.copy(root/'docs'/'_static'/'colab-badge.svg', src/'_site'/'colab-badge.svg')
    page = translate_notebook(src_nb, SITE, nb_file='01_toy.ipynb', git_url='https://github.com/o/r')
    (src/'index.ipynb').write_text(json.dumps(nb(md('# Home'), toctree_cell(['toy'], 'Chapters'))))
    (src/'toy.ipynb').write_text(json.dumps(page))
    out = tmp_path/'html'
    r = subprocess.run([sys.executable, '-m', 'sphinx', '-W', '-q', '-b', 'html', '-c', str(root/'docs'), str(src), str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    html = (out/'toy.html').read_text()
    assert 'alt="Figure 1.1: A one-pixel figure."' in html
    assert '<table' in html and '|---|' not in html
    assert 'Chapter 1: Toy chapter' in html and 'colab.research.google.com/github/o/r/blob/main/nbs/01_toy.ipynb' in html
    assert 'download=""' in html and list((out/'_downloads').rglob('01_toy.ipynb'))
    assert 'how many' not in html and 'api-signature' not in html                    # no API block
    assert re.search(r'<details class="admonition hide above-input">\s*<summary[^>]*>\s*'
                     r'<p class="collapsed admonition-title">How we know: it is a toy</p>', html)
    assert re.search(r'<details class="admonition note dropdown">\s*<summary class="admonition-title">An aside'
                     r'</summary>\s*<p>Folded text.</p>', html)


def test_caption_under_markdown_image_gets_its_own_paragraph():
    src = '## Parts\n\n![A diagram](images/a.svg)\n*Figure 12.1: The parts,\nin order.*\n\nText.'
    assert mark_captions(src) == ('## Parts\n\n![A diagram](images/a.svg)\n\n{.figure-caption}\n'
                                  '*Figure 12.1: The parts,\nin order.*\n\nText.')
    assert mark_captions('![A](a.svg)\n\n*Figure 1.1: A.*') == '![A](a.svg)\n\n{.figure-caption}\n*Figure 1.1: A.*'
    assert mark_captions('*Figure 1.2: B.*') == '{.figure-caption}\n*Figure 1.2: B.*'
    assert mark_captions('See *Figure 1.2: B.* here\n```\n*Figure 1.3: code.*\n```') == \
        'See *Figure 1.2: B.* here\n```\n*Figure 1.3: code.*\n```'       # mid-sentence and code: untouched

def test_toolkit_caption_letters():
    "Toolkit pages number their figures T.1, D.1: the caption still becomes alt text."
    assert figure_caption('*Figure T.1: Hangul in a label.*') == 'Figure T.1: Hangul in a label.'

def test_code_in_double_backticks_is_not_linked():
    "`` `Name` `` shows the backticks themselves (how to write a name): it stays code, not a link."
    from quarto_to_myst import link_api_names
    names = {'MultiHeadAttention': 'attention_explained.multihead.MultiHeadAttention'}
    md = 'write it in backticks (`` `MultiHeadAttention` ``), as in `MultiHeadAttention`'
    out = link_api_names(md, names)
    assert '(`` `MultiHeadAttention` ``)' in out
    assert out.endswith('{py:obj}`MultiHeadAttention <attention_explained.multihead.MultiHeadAttention>`')

def test_link_to_the_korean_edition_stays_absolute():
    from quarto_to_myst import clean_links
    site = 'https://o.github.io/r'
    assert clean_links(f'[한국어로 읽기]({site}/ko/)', site) == f'[한국어로 읽기]({site}/ko/)'
    assert clean_links(f'[Chapter 3]({site}/scaled_dot_product.html#masks)', site) == '[Chapter 3](scaled_dot_product.ipynb#masks)'

def test_image_alt_over_several_lines_keeps_its_spaces():
    from quarto_to_myst import clean_links
    assert clean_links('![a light-blue flange\nof 2 rows](images/x.svg)') == '![a light-blue flange of 2 rows](images/x.svg)'
