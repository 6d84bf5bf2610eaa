"""Tests of the API reference: the pure functions on small sources, and once through Sphinx with docs/conf.py
on a toy package and chapter (reference entry, rendered maths, parameter comments, links both ways).

    python -m pytest tools
"""
import json, re, shutil, subprocess, sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_reference import (cell_definitions, docstring_rst, heading_label, inline_rst, link_targets, module_exports,
                           module_page, param_fields, plain_heading, taught_in)
from quarto_to_myst import toctree_cell, translate_notebook

TOY = '''__all__ = ['PAD', 'NAMES', 'Toy', 'double']
PAD = '<pad>'
NAMES = ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's')
class Toy:
    "A toy scaled by $\\\\sqrt{d_k}$: the `scale`s of head_1."
    def __init__(self,
                 d_k:int, # key size $d_k$
                ): self.d_k = d_k
    def forward(self, x): return x
    def _private(self): pass
def double(x:int, # the input
          )->int: # twice `x`
    "Double `x`."
    return 2*x
'''

def md(src): return {'cell_type': 'markdown', 'metadata': {}, 'source': src, 'id': f'md{abs(hash(src))}'}
def code(src): return {'cell_type': 'code', 'metadata': {}, 'source': src, 'execution_count': None, 'outputs': []}
def nb(*cells): return {'cells': list(cells), 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}

CHAPTER = nb(md('# Toy chapter\n> One line'), code('#| default_exp toy'),
             md('## Scaling, then `double`\n\nWe build `Toy`, then `double`.'),
             code('#| exports\nclass Toy:\n    def __init__(self, d_k): pass'),
             md('::: {.callout-note}\n## Not a section\nAn aside.\n:::'),
             code('#| export\ndef double(x): return 2*x'),
             md('### Its forward step\n\n`Toy.forward` returns its input.'),
             code('#| exports\n@patch\ndef forward(self:Toy, x): return x'),
             code('Toy(3)'))

@pytest.fixture
def lib(tmp_path):
    pkg = tmp_path/'toypkg'
    pkg.mkdir()
    (pkg/'__init__.py').write_text('')
    (pkg/'_modidx.py').write_text('d = {}')
    (pkg/'toy.py').write_text(TOY)
    return pkg

def test_module_exports(lib):
    assert module_exports(lib) == {'toy': [('PAD', 'data', "'<pad>'"), ('NAMES', 'data', None),
                                           ('Toy', 'class', None), ('double', 'function', None)]}

def test_cell_definitions():
    assert cell_definitions('class A: pass\ndef f(): pass\nX = 1\n_y = 2\n%time f()') == ['A', 'f', 'X']
    assert cell_definitions('@patch\ndef forward(self:A, x): pass\n@patch\ndef g(self:(A, B)): pass') == \
        ['A.forward', 'A.g', 'B.g']
    assert cell_definitions('@patch\ndef _hidden(self:A): pass') == []
    assert cell_definitions('def broken(:') == []

def test_heading_label_and_plain_heading():
    assert heading_label('multi_head', '## Split, attend, merge') == 'taught-multi_head-split-attend-merge'
    assert heading_label('vit', '### The `ViT`: patches') == 'taught-vit-the-vit-patches'
    assert plain_heading('## The `ViT` and $x_1$, [see](a.ipynb)') == 'The ViT and x_1, see'

def test_taught_in(lib):
    taught = taught_in([('01_toy.ipynb', CHAPTER, 'toy', 'Chapter 1: Toy chapter')], 'toypkg', module_exports(lib))
    assert taught['toypkg.toy.Toy'] == {'page': 'toy', 'title': 'Chapter 1: Toy chapter',
                                        'heading': 'Scaling, then double', 'label': 'taught-toy-scaling-then-double',
                                        'line': '## Scaling, then `double`'}
    assert taught['toypkg.toy.double']['label'] == 'taught-toy-scaling-then-double'   # a callout title is no section
    assert taught['toypkg.toy.Toy.forward']['label'] == 'taught-toy-its-forward-step'
    assert 'toypkg.toy.PAD' not in taught

def test_link_targets(lib):
    exports = module_exports(lib)
    taught = {'toypkg.toy.Toy.extra': {}}
    assert link_targets(lib, 'toypkg', exports, taught) == {
        'PAD': 'toypkg.toy.PAD', 'NAMES': 'toypkg.toy.NAMES', 'Toy': 'toypkg.toy.Toy',
        'Toy.forward': 'toypkg.toy.Toy.forward', 'double': 'toypkg.toy.double', 'Toy.extra': 'toypkg.toy.Toy.extra'}

def test_module_page(lib):
    page = module_page('toypkg', 'toy', module_exports(lib)['toy'], ('toy', 'Chapter 1: Toy chapter'))
    assert page.startswith('# toypkg.toy\n\n{.api-module}\nThe module that [Chapter 1: Toy chapter](../toy.ipynb)')
    assert '.. autodata:: toypkg.toy.PAD\n\n' in page and '.. autodata:: toypkg.toy.NAMES\n   :no-value:' in page
    assert '.. autoclass:: toypkg.toy.Toy\n   :members:\n   :undoc-members:\n   :member-order: bysource' in page
    assert '.. autofunction:: toypkg.toy.double' in page

def test_inline_rst():
    assert inline_rst('the `mask`s and head_1 * W^O |x| $\\alpha_j$') == \
        r'the ``mask``\ s and head\_1 \* W^O \|x\| :math:`\alpha_j`'
    assert inline_rst('a $$ b and ` c') == r'a $$ b and \` c'          # unmatched marks are shown as written
    assert inline_rst('(`x`)') == '(``x``)'
    assert inline_rst('boolean, **True = may attend**.') == 'boolean, **True = may attend**.'   # bold, as in Markdown
    assert inline_rst('a ** b') == r'a \*\* b'

def test_docstring_rst():
    assert docstring_rst(['First line', '   continues here.', '', '- one', '- two', '', '$$x = 1$$']) == \
        ['First line continues here.', '', '- one', '', '- two', '', '.. math::', '', '   x = 1']
    assert docstring_rst(['$$', 'a', '$$']) == ['.. math::', '', '   a']

def test_param_fields():
    doc = {'self': {'docment': None}, 'x': {'docment': 'the `x`'}, 'y': {'docment': None},
           'return': {'docment': 'twice $x$'}}
    assert param_fields(doc) == [':param x: the ``x``', ':returns: twice :math:`x`']

def test_reference_builds_with_the_site_config(lib, tmp_path):
    """A toy package and chapter through Sphinx with docs/conf.py: the reference entry (anchor = dotted name), its
    maths rendered, its parameter comments listed, a link back to the section, and the chapter's link to it."""
    pytest.importorskip('myst_nb')
    root = Path(__file__).resolve().parent.parent
    exports = module_exports(lib)
    taught = taught_in([('01_toy.ipynb', CHAPTER, 'toy', 'Chapter 1: Toy chapter')], 'toypkg', exports)
    labels = {t['line']: t['label'] for t in taught.values()}
    src = tmp_path/'src'
    (src/'api').mkdir(parents=True)
    (src/'api'/'toy.md').write_text(module_page('toypkg', 'toy', exports['toy'], ('toy', 'Chapter 1: Toy chapter')))
    (src/'_api_reference.json').write_text(json.dumps({'lib': 'toypkg', 'taught': taught}))
    page = translate_notebook(CHAPTER, nb_file='01_toy.ipynb', api_names=link_targets(lib, 'toypkg', exports, taught),
                              labels=labels)
    (src/'toy.ipynb').write_text(json.dumps(page))
    (src/'index.ipynb').write_text(json.dumps(nb(md('# Home'), toctree_cell(['toy'], 'Chapters'),
                                                 toctree_cell(['toy <api/toy>'], 'API reference'))))
    out = tmp_path/'html'
    r = subprocess.run([sys.executable, '-m', 'sphinx', '-W', '-q', '-b', 'html', '-c', str(root/'docs'), str(src), str(out)],
                       capture_output=True, text=True, env={'PYTHONPATH': str(tmp_path), 'PATH': '/usr/bin:/bin'})
    assert r.returncode == 0, r.stderr
    ref = (out/'api'/'toy.html').read_text()
    for anchor in ('toypkg.toy.Toy', 'toypkg.toy.Toy.forward', 'toypkg.toy.double', 'toypkg.toy.PAD'):
        assert f'id="{anchor}"' in ref
    assert '_private' not in ref
    assert r'\(\sqrt{d_k}\)' in ref                                          # $...$ became MathJax maths
    assert 'head_1' in ref and '<em>' not in ref.split('toypkg.toy.Toy"')[1].split('</dd>')[0].replace(
        '<em class="property">', '').replace('<em class="sig-param">', '').replace('<em>Taught in</em>', '')
    assert re.search(r'<strong>d_k</strong>.*key size <span class="math notranslate nohighlight">\\\(d_k\\\)', ref)
    assert re.search(r'twice <code[^>]*><span class="pre">x</span></code>', ref)          # the return comment
    assert re.search(r'Taught in</em> <a class="reference internal" href="../toy.html#taught-toy-its-forward-step"', ref)
    assert "&lt;pad&gt;" in ref                                                # a short value is shown
    assert 'immutable sequence' not in ref and 'str(object' not in ref        # not the docstring of its type
    chapter = (out/'toy.html').read_text()
    assert re.search(r'href="api/toy.html#toypkg.toy.Toy"', chapter)
    assert re.search(r'href="api/toy.html#toypkg.toy.Toy.forward"', chapter)
    assert 'id="taught-toy-its-forward-step"' in chapter

def _continued(x:int,          # the first line of x's comment,
                               # and its second line
               y:int=0,        # y's one line
               ) -> int:       # the result
    return x + y

def test_a_comment_over_several_lines_is_kept_whole():
    from api_reference import continued_comments, param_fields
    from fastcore.docments import docments
    more = continued_comments(_continued)
    assert more == {'x': "and its second line"}
    fields = param_fields(docments(_continued, full=True, returns=True), more)
    assert ":param x: the first line of x's comment, and its second line" in fields
    assert ':param y: y\'s one line' in fields and ':returns: the result' in fields

def _comment_above(path:str|None=None,     # the folder
    # truncate longer inputs (the comment of the next parameter, above it)
    max_length:int|None=None,
): return path

def test_a_comment_above_a_parameter_is_not_the_previous_ones():
    from api_reference import continued_comments
    assert continued_comments(_comment_above) == {}

def _comment_above_return(x:int,   # x's comment
# the result (the return value's comment, above the closing line)
) -> int: return x

def test_a_comment_above_the_return_is_the_returns():
    from api_reference import continued_comments
    assert continued_comments(_comment_above_return) == {}
