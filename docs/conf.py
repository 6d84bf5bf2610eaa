"""Sphinx configuration of the attention_explained site.

The sources are not the notebooks in `nbs/` but the MyST notebooks that `tools/build_docs.py` makes from
nbdev's processed notebooks; build the site with `python tools/build_docs.py`, not with sphinx-build directly.
"""
import configparser
from pathlib import Path

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
]
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

# Sphinx's search splits Korean text on spaces and punctuation only (its default splitter for languages without
# a stemmer), so "어텐션" is found as a word of the glossary; `language` stays English for the English prose.
language = 'en'
html_search_language = 'en'

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
}
# Without it pydata-sphinx-theme logs "Got invalid theme mode" on a reader's first visit. Light, because the
# figures are drawn on white.
html_context = {'default_mode': 'light'}
