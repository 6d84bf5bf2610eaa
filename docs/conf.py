"""Sphinx configuration of the attention_explained site.

The sources are not the notebooks in `nbs/` but the MyST notebooks that `tools/build_docs.py` makes from
nbdev's processed notebooks; build the site with `python tools/build_docs.py`, not with sphinx-build directly.
"""
import configparser, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent/'tools'))     # the api_reference extension

_settings = configparser.ConfigParser()
_settings.read(Path(__file__).resolve().parent.parent/'settings.ini')
_cfg = _settings['DEFAULT']

project = _cfg['title']
html_title = _cfg['title']
author = _cfg['author']
copyright = _cfg['copyright']
release = version = _cfg['version']

extensions = [
    'myst_nb',                  # notebooks and MyST markdown
    'sphinx-mathjax-offline',   # MathJax served from _static/mathjax, so math works offline
    'api_reference',            # tools/api_reference.py: autodoc, plus docments, maths and "Taught in" links
]

# --- The API reference (api/<module>.html, written by tools/build_docs.py): Sphinx's autodoc and py domain.
# Types go into the parameter list (with fastcore's parameter comments) so that a signature stays readable;
# a signature longer than a line puts one parameter per line. PyTorch's docstrings are not inherited (a
# `forward` without its own docstring would show nn.Module's). Entries show `Name`, their anchor is the full
# dotted name (`#attention_explained.multihead.MultiHeadAttention`).
autodoc_typehints = 'description'
autodoc_typehints_format = 'short'
autodoc_inherit_docstrings = False
autodoc_class_signature = 'mixed'
autodoc_preserve_defaults = True
add_module_names = False
python_maximum_signature_line_length = 88
toc_object_entries_show_parents = 'hide'
root_doc = 'index'
# _notebooks: the chapters' own notebooks, offered by each page's "Download notebook" link (not pages themselves)
exclude_patterns = ['**.ipynb_checkpoints', '_notebooks']

# The notebooks are committed executed: show their saved outputs, never run them here.
nb_execution_mode = 'off'
nb_merge_streams = True
# Markdown outputs (results tables printed with IPython.display.Markdown) as GitHub markdown, so tables render.
nb_render_markdown_format = 'gfm'
myst_enable_extensions = ['dollarmath', 'amsmath', 'colon_fence', 'attrs_block']
myst_heading_anchors = 4        # nbdev's links to API entries (page.html#name) point at these slugs

# The English edition; the Korean one is the same sources built with `-D language=ko` (below).
language = 'en'

# --- Search. English words are stemmed as usual. Korean has no stemmer in Sphinx: its text would be split on spaces
# only, and a noun with its particle ("어텐션은", "어텐션을", "어텐션의") would never match a search for the noun.
# The Korean index therefore holds each word both as written and without a trailing particle.
from sphinx.search import SearchLanguage as _SearchLanguage, languages as _search_languages

_PARTICLES = sorted('''은 는 이 가 을 를 의 에 에서 에게 에는 에서는 에서의 에도 으로 로 으로는 로는 으로의 로의 와 과 와는 과는
    와의 과의 도 만 만을 까지 부터 보다 처럼 이나 나 이란 란 이라는 라는 이며 이고 입니다 이다 이므로 이면 인 이라면 마다
    에게서 한테 께서'''.split(), key=len, reverse=True)

def _strip_particle(word:str) -> str:
    "The word without one trailing particle, when a noun of two syllables or more is left; else the word."
    for p in _PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 2 and '\uac00' <= word[-len(p)-1] <= '\ud7a3':
            return word[:-len(p)]
    return word

class _SearchKorean(_SearchLanguage):
    lang = 'ko'
    language_name = 'Korean'
    def split(self, input:str) -> list[str]:
        words = super().split(input)
        return words + [s for w in words if (s := _strip_particle(w)) != w]
    def word_filter(self, word:str) -> bool: return len(word) > 1 or '\uac00' <= word <= '\ud7a3'
    def stem(self, word:str) -> str: return word.lower()

_search_languages['ko'] = _SearchKorean
html_js_files = [('search-snippets.js', {'defer': 'defer'})]

# --- The language switch (docs/_templates/lang-switch.html) sits in the article header, beside the buttons, on
# every page and at every width.
templates_path = ['_templates']

# --- The Korean edition (`-D language=ko`, built by tools/build_docs.py into _build/html/ko): Sphinx's gettext
# pipeline. `tools/translations.py update` writes one catalog per page into locales/ko/LC_MESSAGES/ (api/<module>.po
# for the reference), without source locations so that an edit elsewhere in a notebook leaves the catalog alone.
locale_dirs = [str(Path(__file__).resolve().parent.parent/'locales')]
gettext_compact = False
gettext_location = False
gettext_uuid = False
gettext_allow_fuzzy_translations = False

html_theme = 'sphinx_book_theme'
html_static_path = ['_static']
html_css_files = ['custom.css']
html_favicon = '_static/favicon.svg'
html_last_updated_fmt = None
html_copy_source = False        # the rendered pages are the product; the notebooks live in the repository
html_theme_options = {
    'repository_url': _cfg['git_url'],
    'repository_branch': _cfg.get('branch', 'main'),
    'use_repository_button': True,
    'use_download_button': False,
    'home_page_in_toc': True,
    'show_navbar_depth': 1,
    'show_toc_level': 2,
    'article_header_end': ['lang-switch.html', 'article-header-buttons.html'],
}
# Without it pydata-sphinx-theme logs "Got invalid theme mode" on a reader's first visit. Light, because the
# figures are drawn on white.
html_context = {'default_mode': 'light'}

# --- Folded admonitions: a Quarto callout with `collapse="true"` arrives as an admonition classed `dropdown`
# (tools/quarto_to_myst.py). It is written as <details class="admonition KIND dropdown"> with its title as the
# <summary>, so it folds without any script.
from docutils import nodes as _nodes
from sphinx.transforms.post_transforms import SphinxPostTransform as _PostTransform

class dropdown_admonition(_nodes.General, _nodes.Element):
    "An admonition shown folded: <details>, its title the <summary>."

def _visit_dropdown(self, node):
    classes = ' '.join(['admonition'] + [c for c in node['classes'] if c != 'admonition'])
    self.body.append(f'<details class="{classes}">\n<summary class="admonition-title">'
                     f'{self.encode(node["title"])}</summary>\n')

def _depart_dropdown(self, node): self.body.append('</details>\n')

class _FoldDropdowns(_PostTransform):
    default_priority = 200
    formats = ('html',)
    def run(self, **kwargs):
        for adm in list(self.document.findall(_nodes.Admonition)):
            if 'dropdown' not in adm.get('classes', []): continue
            title = next((c for c in adm.children if isinstance(c, _nodes.title)), None)
            new = dropdown_admonition(title=title.astext() if title else 'Note', classes=list(adm['classes']))
            new += [c for c in adm.children if c is not title]
            adm.replace_self(new)

# --- Every figure opens at full size: Sphinx links only resized images to their file (`html_scaled_image_link`);
# here every image not already inside a link gets the same link, <a class="reference internal image-reference
# full-size" href="_images/...">, after Sphinx has chosen the file it copies into _images/.
import posixpath as _posixpath

def _link_every_image(app):
    builder = app.builder
    if builder.format != 'html' or not getattr(builder, 'html_scaled_image_link', False): return
    post_process_images = builder.post_process_images
    def _post(doctree):
        post_process_images(doctree)
        for node in list(doctree.findall(_nodes.image)):
            if isinstance(node.parent, _nodes.reference):
                if node.parent.get('internal') and node.parent.get('refuri', '').startswith(builder.imgpath):
                    node.parent['classes'] = list(dict.fromkeys(node.parent['classes'] + ['full-size']))
                continue
            uri = node['uri']
            ref = _nodes.reference('', '', internal=True, classes=['full-size'],
                                   refuri=_posixpath.join(builder.imgpath, builder.images[uri]) if uri in builder.images else uri)
            node.replace_self(ref)
            ref.append(node)
    builder.post_process_images = _post

# --- What the translation leaves alone: display maths and a cell's output (program output, printed tables) are
# the same in both editions, so they never become messages. An output figure's alt text is its caption line
# (tools/quarto_to_myst.py); after translation it takes the translated caption, so the Korean alt text is Korean.
from sphinx.transforms import SphinxTransform as _Transform

class _UntranslatedParts(_Transform):
    default_priority = 15           # before Sphinx's Locale transform (20) and the gettext builder's extraction
    def apply(self, **kwargs):
        for node in self.document.findall(_nodes.math_block): node['translatable'] = False
        for box in self.document.findall(_nodes.container):
            if 'cell_output' not in box.get('classes', ()): continue
            for node in box.findall(_nodes.TextElement): node['translatable'] = False

# A folded cell's label (`#| code-summary: "How we know: ..."`, MyST-NB's `prompt_show`/`prompt_hide` on the cell) is
# not text of the page's doctree, so Sphinx would neither extract nor translate it. Before translation each folded
# cell gets a `fold_label` node that carries its label as a message of the page's catalog; after translation the
# (translated) label goes back onto the cell and the node goes away. (The gettext builder keeps it: it extracts
# messages when it writes.)
from sphinx import addnodes as _addnodes

class fold_label(_nodes.Element, _addnodes.translatable):
    "The label of a folded code cell, as a translatable message; renders nothing."
    def preserve_original_messages(self): self['original'] = self['text']
    def extract_original_messages(self): return [self['original']]
    def apply_translated_message(self, original, translated): self['text'] = translated

def _skip_node(self, node): raise _nodes.SkipNode

def _folded_cells(document):
    return [box for box in document.findall(_nodes.container)
            if box.get('nb_element') == 'cell_code' and box.get('hide_mode') and box.get('prompt_show')]

class _FoldLabelsIn(_Transform):
    default_priority = 5            # before Sphinx keeps the original messages (10) and translates them (20)
    def apply(self, **kwargs):
        for box in _folded_cells(self.document):
            label = fold_label(text=box['prompt_show'])
            label.source, label.line = box.source, box.line
            box.insert(0, label)

class _FoldLabelsOut(_Transform):
    default_priority = 25           # after Locale (20)
    def apply(self, **kwargs):
        if self.app.builder.name == 'gettext': return
        for label in list(self.document.findall(fold_label)):
            box = label.parent
            box['prompt_show'] = box['prompt_hide'] = label['text']
            box.remove(label)

def _caption_text(node):
    "The text of a caption paragraph (`*Figure N.k: ...*` in English, `*그림 N.k: ...*` in Korean), else None."
    if isinstance(node, _nodes.paragraph) and len(node.children) == 1 and isinstance(node[0], _nodes.emphasis):
        return node.astext()
    return None

class _AltFromCaption(_Transform):
    default_priority = 30           # after Locale (20): the caption is already translated
    def apply(self, **kwargs):
        if self.config.language == 'en': return
        for box in list(self.document.findall(_nodes.container)):
            if 'cell_output' not in box.get('classes', ()): continue
            images = [im for im in box.findall(_nodes.image) if im.get('alt')]
            if not images: continue
            cell = box.parent
            following = cell.parent[cell.parent.index(cell) + 1:] if cell.parent is not None else []
            caption = next((t for n in following for p in ([n] + list(n.findall(_nodes.paragraph)))
                            if (t := _caption_text(p))), None)
            if caption:
                for im in images: im['alt'] = caption

def setup(app):
    app.add_node(fold_label, html=(_skip_node, None))
    app.add_transform(_FoldLabelsIn)
    app.add_transform(_FoldLabelsOut)
    app.add_transform(_UntranslatedParts)
    app.add_transform(_AltFromCaption)
    app.add_node(dropdown_admonition, html=(_visit_dropdown, _depart_dropdown))
    app.add_post_transform(_FoldDropdowns)
    app.connect('builder-inited', _link_every_image)
