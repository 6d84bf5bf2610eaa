"""The Korean edition's Sphinx extension (`docs/conf.py` loads it; `tools/build_docs.py` builds with `language=ko`).

- What is not translated: display maths and a cell's output are the same in both editions, so they never become
  messages; an output figure's alt text (its caption line, tools/quarto_to_myst.py) takes the translated caption.
- What is translated although it is not text of the page: a folded cell's label (`#| code-summary`).
- The Korean search language: nouns indexed with and without their particles.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.search import SearchLanguage, languages as search_languages
from sphinx.transforms import SphinxTransform

# Search. English words are stemmed as usual. Korean has no stemmer in Sphinx: its text would be split on spaces
# only, and a noun with its particle ("어텐션은", "어텐션을", "어텐션의") would never match a search for the noun.
# The Korean index therefore holds each word both as written and without a trailing particle.

_PARTICLES = sorted('''은 는 이 가 을 를 의 에 에서 에게 에는 에서는 에서의 에도 으로 로 으로는 로는 으로의 로의 와 과 와는 과는
    와의 과의 도 만 만을 까지 부터 보다 처럼 이나 나 이란 란 이라는 라는 이며 이고 입니다 이다 이므로 이면 인 이라면 마다
    에게서 한테 께서'''.split(), key=len, reverse=True)

def _strip_particle(word:str) -> str:
    "The word without one trailing particle, when a noun of two syllables or more is left; else the word."
    for p in _PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 2 and '\uac00' <= word[-len(p)-1] <= '\ud7a3':
            return word[:-len(p)]
    return word

class SearchKorean(SearchLanguage):
    lang = 'ko'
    language_name = 'Korean'
    def split(self, input:str) -> list[str]:
        words = super().split(input)
        return words + [s for w in words if (s := _strip_particle(w)) != w]
    def word_filter(self, word:str) -> bool: return len(word) > 1 or '\uac00' <= word <= '\ud7a3'
    def stem(self, word:str) -> str: return word.lower()

search_languages['ko'] = SearchKorean

# What the translation leaves alone: display maths and a cell's output (program output, printed tables) are
# the same in both editions, so they never become messages. An output figure's alt text is its caption line
# (tools/quarto_to_myst.py); after translation it takes the translated caption, so the Korean alt text is Korean.

class _UntranslatedParts(SphinxTransform):
    default_priority = 15           # before Sphinx's Locale transform (20) and the gettext builder's extraction
    def apply(self, **kwargs):
        for node in self.document.findall(nodes.math_block): node['translatable'] = False
        for box in self.document.findall(nodes.container):
            if 'cell_output' not in box.get('classes', ()): continue
            for node in box.findall(nodes.TextElement): node['translatable'] = False

# A folded cell's label (`#| code-summary: "How we know: ..."`, MyST-NB's `prompt_show`/`prompt_hide` on the cell) is
# not text of the page's doctree, so Sphinx would neither extract nor translate it. Before translation each folded
# cell gets a `fold_label` node that carries its label as a message of the page's catalog; after translation the
# (translated) label goes back onto the cell and the node goes away. (The gettext builder keeps it: it extracts
# messages when it writes.)

class fold_label(nodes.Element, addnodes.translatable):
    "The label of a folded code cell, as a translatable message; renders nothing."
    def preserve_original_messages(self): self['original'] = self['text']
    def extract_original_messages(self): return [self['original']]
    def apply_translated_message(self, original, translated): self['text'] = translated

def _skip_node(self, node): raise nodes.SkipNode

def _folded_cells(document):
    return [box for box in document.findall(nodes.container)
            if box.get('nb_element') == 'cell_code' and box.get('hide_mode') and box.get('prompt_show')]

class _FoldLabelsIn(SphinxTransform):
    default_priority = 5            # before Sphinx keeps the original messages (10) and translates them (20)
    def apply(self, **kwargs):
        for box in _folded_cells(self.document):
            label = fold_label(text=box['prompt_show'])
            label.source, label.line = box.source, box.line
            box.insert(0, label)

class _FoldLabelsOut(SphinxTransform):
    default_priority = 25           # after Locale (20)
    def apply(self, **kwargs):
        if self.app.builder.name == 'gettext': return
        for label in list(self.document.findall(fold_label)):
            box = label.parent
            box['prompt_show'] = box['prompt_hide'] = label['text']
            box.remove(label)

def _caption_text(node):
    "The text of a caption paragraph (`*Figure N.k: ...*` in English, `*그림 N.k: ...*` in Korean), else None."
    if isinstance(node, nodes.paragraph) and len(node.children) == 1 and isinstance(node[0], nodes.emphasis):
        return node.astext()
    return None

class _AltFromCaption(SphinxTransform):
    default_priority = 30           # after Locale (20): the caption is already translated
    def apply(self, **kwargs):
        if self.config.language == 'en': return
        for box in list(self.document.findall(nodes.container)):
            if 'cell_output' not in box.get('classes', ()): continue
            images = [im for im in box.findall(nodes.image) if im.get('alt')]
            if not images: continue
            cell = box.parent
            following = cell.parent[cell.parent.index(cell) + 1:] if cell.parent is not None else []
            caption = next((t for n in following for p in ([n] + list(n.findall(nodes.paragraph)))
                            if (t := _caption_text(p))), None)
            if caption:
                for im in images: im['alt'] = caption

def setup(app):
    app.add_node(fold_label, html=(_skip_node, None))
    for t in (_FoldLabelsIn, _FoldLabelsOut, _UntranslatedParts, _AltFromCaption): app.add_transform(t)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
