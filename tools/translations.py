"""The Korean edition's catalogs (`locales/ko/LC_MESSAGES/*.po`): bring them up to date, and check them.

    python tools/translations.py update   # after the English changed: new messages empty, changed ones fuzzy
    python tools/translations.py check    # what CI runs: fails on an untranslated or fuzzy message, or broken markup
    python tools/translations.py stats    # messages, translated and fuzzy per catalog

Both read the message templates (`_build/gettext/*.pot`) that `python tools/build_docs.py` writes with Sphinx's
gettext builder; `--pot` names another folder. `update` is `sphinx-intl update -l ko` plus one step: a message with
no prose in it (a link alone, an inline formula, a module name) gets itself as its translation, so a translator
sees only what there is to translate. `check` runs the same update on a copy, so a message whose English changed
since its translation is reported as fuzzy, with its page, even before anyone ran `update`.
"""
from __future__ import annotations

import argparse, contextlib, io, re, shutil, sys, tempfile
from collections import Counter
from pathlib import Path

import polib
from sphinx_intl import basic

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT/'locales'
POT = ROOT/'_build'/'gettext'
LANGUAGE = 'ko'

# The parts of a message that are not prose: they must come through a translation unchanged. Chapter messages are
# MyST markdown; the API reference's come from reST docstrings, but Sphinx parses every translation of a page with
# that page's parser (MyST), so a translated docstring writes `{ref}` where the English has `:ref:`. A role's
# display text may be translated (`{download}`노트북 내려받기 <path>``); its target may not.
_ROLE = re.compile(r'(?:\{([\w:.-]+)\}|:([\w:.-]+):)(`+)(.+?)\3', re.S)     # {name}`...` (MyST), :name:`...` (reST)
_CODE = re.compile(r'(`+)(.+?)\1', re.S)                    # inline code
_MATH = re.compile(r'\$\$.+?\$\$|\$[^$\n]+?\$', re.S)         # inline and display maths
_LINK = re.compile(r'\]\(([^)\s]+)\)')                        # a markdown link's or image's target
_URL = re.compile(r'https?://\S+')
_TAG = re.compile(r'<[^>]+>')
_PROSE = re.compile(r'[A-Za-z]{2,}')

def _role_key(name:str, body:str) -> str:
    "role:<name>:<target>; code names and maths keep their whole text, other roles only the target in <...>."
    if name == 'math': return f'math:{body.strip()}'
    m = re.match(r'^(.*?)\s*<([^<>]+)>\s*$', body, re.S)
    target = m.group(2) if m else body
    return f'role:{name.replace("py:", "")}:{target.strip()}' if name.startswith(('py:', 'ref', 'doc', 'download', 'numref')) \
        else f'role:{name}:{body}'

def _emphasis(text:str) -> Counter:
    "How many bold and italic spans markdown makes of `text` (a `**` that CommonMark cannot close counts as none)."
    from markdown_it import MarkdownIt
    found = Counter()
    for tok in MarkdownIt('commonmark').parse(text):
        for child in tok.children or []:
            if child.type in ('strong_open', 'em_open'): found[f'emphasis:{child.type[:-5]}'] += 1
    return found

def invariants(text:str) -> Counter:
    "What a translation must keep: code, maths, link and role targets, bold and italic spans (a multiset; order is free)."
    found = Counter()
    rest = _ROLE.sub(lambda m: (found.update([_role_key(m.group(1) or m.group(2), m.group(4))]), ' ')[1], text)
    found.update(f'code:{m.group(2)}' for m in _CODE.finditer(rest))
    found.update(f'math:{m.group(0).strip("$").strip()}' for m in _MATH.finditer(_CODE.sub('', rest)))
    found.update(f'link:{m}' for m in _LINK.findall(text))
    found.update(_emphasis(text))
    return found

def is_korean(text:str) -> bool:
    "Whether a message is Korean already (the English edition quotes the series, and some pages say things in both)."
    words = [w for w in re.sub(r'`[^`]*`|\$[^$]*\$|\]\([^)]*\)', ' ', text).split() if re.search(r'[A-Za-z\uac00-\ud7a3]', w)]
    return bool(words) and sum(bool(re.search(r'[\uac00-\ud7a3]', w)) for w in words) >= 0.6 * len(words)

def has_prose(text:str) -> bool:
    "Whether a message holds English words to translate once its code, maths, links, URLs and tags are taken out."
    if is_korean(text): return False
    rest = _CODE.sub(' ', text)
    rest = _MATH.sub(' ', rest)
    rest = _URL.sub(' ', _LINK.sub('] ', rest))
    rest = _TAG.sub(' ', rest)
    rest = re.sub(r'\\[A-Za-z]+', ' ', rest)                  # LaTeX commands in a formula message
    if '\\' in text and not re.search(r'[A-Za-z]{4,}', rest): return False     # a formula, a shape
    return bool(_PROSE.search(rest))

def catalogs(locale_dir:Path=LOCALES) -> dict[str, Path]:
    "{'bahdanau': .../bahdanau.po, 'api/multihead': ...}"
    base = locale_dir/LANGUAGE/'LC_MESSAGES'
    return {str(p.relative_to(base).with_suffix('')): p for p in sorted(base.rglob('*.po'))}

def update(pot_dir:Path=POT, locale_dir:Path=LOCALES, quiet:bool=False) -> int:
    "sphinx-intl's update, then copy the prose-free messages; returns how many were copied."
    if not any(pot_dir.rglob('*.pot')): sys.exit(f'no templates in {pot_dir}: run `python tools/build_docs.py` first')
    with contextlib.redirect_stdout(io.StringIO()) as said:
        basic.update(str(locale_dir), str(pot_dir), (LANGUAGE,), line_width=-1, ignore_obsolete=True)
    copied = 0
    for name, path in catalogs(locale_dir).items():
        po = polib.pofile(str(path), wrapwidth=0)
        changed = False
        # the header sphinx-intl copies from the template is marked fuzzy, with placeholders: a catalog that is
        # complete says so to every PO tool (msgfmt, Poedit)
        header = {'Last-Translator': 'attention_explained translators', 'Language-Team': 'Korean',
                  'PO-Revision-Date': po.metadata.get('POT-Creation-Date', '')}
        for key, value in header.items():
            if po.metadata.get(key, '').startswith(('FULL NAME', 'YEAR-', 'ko <LL@')) or key not in po.metadata:
                po.metadata[key], changed = value, True
        if po.metadata_is_fuzzy: po.metadata_is_fuzzy, changed = False, True
        for e in po:
            if 'python-format' in e.flags:          # babel's guess from a "%" in prose: nothing here is a format string
                e.flags.remove('python-format'); changed = True
            if not e.obsolete and not e.msgstr and not has_prose(e.msgid):
                e.msgstr, changed = e.msgid, True
                copied += 1
        if changed: po.save(str(path))
    if not quiet:
        print(''.join(l for l in said.getvalue().splitlines(True) if not l.startswith('Not Changed')), end='')
        print(f'{len(catalogs(locale_dir))} catalogs in {locale_dir}; {copied} prose-free messages copied')
    return copied

def problems(po:polib.POFile) -> list[tuple[str, str]]:
    "(kind, message) for every untranslated, fuzzy or markup-breaking entry."
    out = []
    for e in po:
        if e.obsolete: continue
        if 'fuzzy' in e.flags: out.append(('fuzzy', e.msgid))
        elif not e.msgstr: out.append(('untranslated', e.msgid))
        elif (want := invariants(e.msgid)) != (got := invariants(e.msgstr)):
            lost, added = want - got, got - want
            out.append(('markup', f'{e.msgid}\n      lost: {sorted(lost)}  added: {sorted(added)}'))
    return out

def stats(locale_dir:Path=LOCALES) -> dict[str, dict]:
    rows = {}
    for name, path in catalogs(locale_dir).items():
        po = polib.pofile(str(path))
        live = [e for e in po if not e.obsolete]
        rows[name] = dict(messages=len(live), translated=sum(bool(e.msgstr) and 'fuzzy' not in e.flags for e in live),
                          fuzzy=sum('fuzzy' in e.flags for e in live),
                          untranslated=sum(not e.msgstr for e in live))
    return rows

def check(pot_dir:Path=POT, locale_dir:Path=LOCALES, show:int=3) -> int:
    "Update a copy of the catalogs from the templates; report per catalog; 1 if anything is left to translate."
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)/'locales'
        shutil.copytree(locale_dir, copy)
        update(pot_dir, copy, quiet=True)
        found = {name: problems(polib.pofile(str(p))) for name, p in catalogs(copy).items()}
        rows = stats(copy)
    total = Counter()
    for name, r in rows.items(): total.update(r)
    print(f"Korean catalogs: {len(rows)} · messages {total['messages']} · translated {total['translated']}"
          f" · fuzzy {total['fuzzy']} · untranslated {total['untranslated']}")
    bad = 0
    for name, items in found.items():
        if not items: continue
        kinds = Counter(k for k, _ in items)
        print(f"  {name}.po: " + ', '.join(f'{n} {k}' for k, n in kinds.items()))
        for kind, msg in items[:show]:
            print(f"    [{kind}] {msg[:300]!r}" if kind != 'markup' else f"    [markup] {msg[:600]}")
        bad += len(items)
    if bad:
        print(f"{bad} messages need a translator: edit locales/{LANGUAGE}/LC_MESSAGES/<page>.po "
              "(after `python tools/translations.py update`; see the contributing page)")
    return 1 if bad else 0

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('command', choices=('update', 'check', 'stats'))
    p.add_argument('--pot', default=str(POT), help='folder of the .pot templates (Sphinx gettext builder output)')
    p.add_argument('--locales', default=str(LOCALES))
    p.add_argument('--show', type=int, default=3, help='messages shown per catalog by check')
    a = p.parse_args(argv)
    if a.command == 'update': update(Path(a.pot), Path(a.locales))
    elif a.command == 'stats':
        for name, r in stats(Path(a.locales)).items(): print(f'{name:28s} ' + ' '.join(f'{k} {v:4d}' for k, v in r.items()))
    else: sys.exit(check(Path(a.pot), Path(a.locales), a.show))

if __name__ == '__main__': main()
