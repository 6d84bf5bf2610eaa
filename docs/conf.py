"""Sphinx configuration of the attention_explained site.

The sources are not the notebooks in `nbs/` but the MyST notebooks that `tools/build_docs.py` makes from
nbdev's processed notebooks; build the site with `python tools/build_docs.py`, not with sphinx-build directly.
"""
import configparser, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent/'tools'))     # the api_reference, site_i18n extensions

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
    'site_i18n',                # tools/site_i18n.py: what the Korean edition translates, and its search
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

# --- Search: the Korean search language (nouns indexed without their particles) is in tools/site_i18n.py.
html_js_files = [('search-snippets.js', {'defer': 'defer'})]
html_search_scorer = str(Path(__file__).resolve().parent/'_static'/'search-scorer.js')   # a chapter's own title first

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

def setup(app):
    app.add_node(dropdown_admonition, html=(_visit_dropdown, _depart_dropdown))
    app.add_post_transform(_FoldDropdowns)
    app.connect('builder-inited', _link_every_image)
