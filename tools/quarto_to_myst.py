"""Translate nbdev's processed notebooks (written for Quarto) into MyST-NB notebooks for Sphinx,
and the landing notebook into a GitHub README.

nbdev's processors (`nbdev.serve.proc_nbs`) drop hidden cells and render `show_doc`, but leave syntax that
only Quarto reads. Each rule below is one small function with its own test in `test_quarto_to_myst.py`:

- front matter: the raw `---` cell (title, description) becomes a `# title` heading and a description line;
- cell options: leading `#| echo: false`, `#| output: false`, `#| include: false`, `#| hide` comments become
  the MyST-NB cell tags `remove-input`, `remove-output`, `remove-cell` (and are removed from the code);
  `#| code-fold: true` becomes `hide-input` (the cell is folded, one click away), labelled with its
  `#| code-summary: "..."` (default "How we know");
- nbdev's `show_doc` cells (its generated API blocks) are left out: the API reference pages
  (`tools/api_reference.py`) document every public name; other `#| output: asis` cells' markdown output becomes
  a markdown cell, its headings clamped to one level below the enclosing heading;
- inline code naming a public name (`` `MultiHeadAttention` ``) links to its reference entry, the first time in
  each section; a heading that teaches a name gets the MyST target the reference links back to;
- `::: {.callout-*}` fenced divs become MyST admonitions (other fenced divs are unwrapped); `collapse="true"`
  makes a folded one (class `dropdown`, rendered as `<details>` by docs/conf.py);
- `[text](url){target=...}` loses its Quarto attributes; links into the book's own site become relative;
- the page order comes from nbdev's `sidebar.yml`;
- chapter titles say `Chapter N:` (derived from the file prefix when the title does not), toolkit titles `Toolkit:`;
- an image output gets its alt text from the caption line (`*Figure N.k: ...*`) that follows its cell; every
  caption paragraph is classed `figure-caption`, and one written right under its markdown image gets a paragraph
  of its own (Figure 12.1's caption ran beside its diagram);
- a chapter page gets a "Download notebook" link and an "Open in Colab" badge under its title.
"""
from __future__ import annotations

import base64
import copy
import re
from pathlib import Path

import yaml

__all__ = ['parse_front_matter', 'title_cell', 'split_cell_options', 'option_tags', 'fold_metadata', 'translate_callouts',
           'callouts_to_github', 'clean_links', 'clamp_headings', 'plain_comment', 'is_show_doc', 'label_headings',
           'unlink_doclinks', 'link_api_names', 'figure_caption', 'mark_captions', 'take_home_cell', 'page_order',
           'output_name', 'display_title', 'bare_title', 'translate_notebook', 'toctree_cell', 'notebook_to_readme']

CALLOUT_KINDS = ('note', 'tip', 'warning', 'important', 'caution')

# ---------------------------------------------------------------------------------------------- front matter
_re_front_matter = re.compile(r'^\s*---\s*\n(.*?)\n---\s*$', re.DOTALL)

def parse_front_matter(cell) -> dict | None:
    "The YAML dict of a raw `---` front-matter cell, or `None` if `cell` is not one."
    if cell.get('cell_type') != 'raw': return None
    m = _re_front_matter.match(_src(cell))
    if not m: return None
    d = yaml.safe_load(m.group(1))
    return d if isinstance(d, dict) else None

def title_cell(front_matter:dict, nb_file:str | None = None) -> dict:
    """A markdown cell with the page title as `#` heading and the description as a classed paragraph; with
    `nb_file`, the title is numbered as `display_title` says."""
    title, description = front_matter.get('title', ''), front_matter.get('description')
    if nb_file:
        title = display_title(nb_file, title)
        m = re.match(r'^Chapter (\d+)\s*:\s*', title)
        if m and description:      # the title says "Chapter N": the description need not repeat it
            description = re.sub(rf'^Chapter {m.group(1)}\s*[:.]\s*', '', description)
            description = description[:1].upper() + description[1:]
    src = f"# {title}".rstrip()
    if description: src += f"\n\n{{.description}}\n{description}"
    return _md_cell(src)

# ---------------------------------------------------------------------------------------------- cell options
_re_option = re.compile(r'^\s*#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')

def split_cell_options(source:str) -> tuple[dict, str]:
    "Split the leading `#| key: value` (or `#| flag`) lines off `source`: `(options, code)`."
    lines, opts = source.splitlines(), {}
    i = 0
    while i < len(lines) and _re_option.match(lines[i]):
        k, v = _re_option.match(lines[i]).groups()
        if len(v) >= 2 and v[0] == v[-1] and v[0] in '"\'': v = v[1:-1]     # a quoted value: its quotes only
        opts[k] = v if v else True
        i += 1
    return opts, '\n'.join(lines[i:])

def _false(v) -> bool: return str(v).lower() == 'false'

def option_tags(opts:dict) -> list[str]:
    "MyST-NB cell tags for Quarto/nbdev cell options."
    if opts.get('hide') is True or _false(opts.get('include', '')): return ['remove-cell']
    tags = []
    if _false(opts.get('echo', '')): tags.append('remove-input')
    if _false(opts.get('output', '')): tags.append('remove-output')
    if str(opts.get('code-fold', '')).lower() == 'true' and 'remove-input' not in tags:
        tags.append('hide-input')          # a test a reader skims: folded, one click away
    return tags

FOLD_LABEL = 'How we know'      # the label of a folded cell without `#| code-summary`

def fold_metadata(opts:dict) -> dict:
    """MyST-NB cell metadata for a folded cell (`#| code-fold: true`): its `#| code-summary` (default
    `FOLD_LABEL`) as the fold's label, shown both folded and open; `{}` for a cell that is not folded."""
    if 'hide-input' not in option_tags(opts): return {}
    label = opts.get('code-summary')
    label = label.strip() if isinstance(label, str) and label.strip() else FOLD_LABEL
    return {'mystnb': {'code_prompt_show': label, 'code_prompt_hide': label}}

# ---------------------------------------------------------------------------------------------- fenced divs
_re_div_open = re.compile(r'^(:{3,})\s*\{([^}]*)\}\s*$')
_re_div_close = re.compile(r'^(:{3,})\s*$')
_re_code_fence = re.compile(r'^\s*(`{3,}|~{3,})')

def _parse_attrs(attrs:str) -> tuple[list[str], dict]:
    "Classes and key=value pairs of a Pandoc attribute string like `.callout-tip title=\"Hint\"`."
    classes = re.findall(r'(?:^|\s)\.([\w-]+)', attrs)
    kv = {k: a if a else b for k, a, b in re.findall(r'([\w-]+)=(?:"([^"]*)"|(\S+))', attrs)}
    return classes, kv

def _div_tree(lines:list[str]):
    "Parse fenced divs into a tree: a list of str lines and dicts {'attrs', 'body'}. Code blocks are opaque."
    root, stack, fence = [], [], None
    cur = root
    for line in lines:
        if fence:
            cur.append(line)
            if line.strip().startswith(fence) and line.strip() == fence[0] * len(line.strip()): fence = None
            continue
        m = _re_code_fence.match(line)
        if m:
            fence = m.group(1)
            cur.append(line)
            continue
        mo, mc = _re_div_open.match(line), _re_div_close.match(line)
        if mo:
            div = {'attrs': mo.group(2), 'body': []}
            cur.append(div)
            stack.append(cur)
            cur = div['body']
        elif mc and stack: cur = stack.pop()
        else: cur.append(line)
    return root

def _height(body) -> int:
    return max([1 + _height(o['body']) for o in body if isinstance(o, dict)], default=0)

def _strip_blank(body:list) -> list:
    body = list(body)
    while body and isinstance(body[0], str) and not body[0].strip(): body.pop(0)
    while body and isinstance(body[-1], str) and not body[-1].strip(): body.pop()
    return body

def _collapsed(div) -> bool:
    "Whether a callout div is folded (`collapse=\"true\"`)."
    return str(_parse_attrs(div['attrs'])[1].get('collapse', '')).lower() == 'true'

def _callout(div) -> tuple[str | None, str | None, list]:
    "(kind, title, body) of a callout div; kind is None for other divs."
    classes, kv = _parse_attrs(div['attrs'])
    kind = next((c[len('callout-'):] for c in classes if c.startswith('callout-')), None)
    if kind is None: return None, None, div['body']
    if kind not in CALLOUT_KINDS: kind = 'note'
    body, title = _strip_blank(div['body']), kv.get('title')
    if not title and body and isinstance(body[0], str) and re.match(r'^#{1,6}\s+\S', body[0]):
        title = re.sub(r'^#{1,6}\s+', '', body[0]).strip()     # Quarto: a heading opening the callout is its title
        body = _strip_blank(body[1:])
    return kind, title, body

def _emit_myst(body) -> list[str]:
    out = []
    for o in body:
        if isinstance(o, str): out.append(o); continue
        kind, title, inner = _callout(o)
        if kind is None: out += _emit_myst(o['body']); continue     # a layout div: keep its content only
        colons = ':' * (3 + _height(inner))                          # an outer fence must be longer than inner ones
        if _collapsed(o):       # folded: a titled admonition classed `dropdown` (conf.py renders it as <details>)
            out += [f'{colons}{{admonition}} {title or kind.capitalize()}', f':class: {kind} dropdown', '']
        elif title: out += [f'{colons}{{admonition}} {title}', f':class: {kind}', '']
        else: out += [f'{colons}{{{kind}}}']
        out += _emit_myst(inner) + [colons]
    return out

def translate_callouts(md:str) -> str:
    "Turn Quarto `::: {.callout-KIND}` blocks into MyST admonitions; unwrap other fenced divs."
    if ':::' not in md: return md
    return '\n'.join(_emit_myst(_div_tree(md.splitlines())))

def _emit_github(body) -> list[str]:
    out = []
    for o in body:
        if isinstance(o, str): out.append(o); continue
        kind, title, inner = _callout(o)
        if kind is None: out += _emit_github(o['body']); continue
        lines = [f'[!{kind.upper()}]'] + ([f'**{title}**', ''] if title else []) + _emit_github(inner)
        out += [f'> {l}'.rstrip() for l in lines]
    return out

def callouts_to_github(md:str) -> str:
    "Turn Quarto callouts into GitHub alerts (`> [!NOTE]`) for the README; unwrap other fenced divs."
    if ':::' not in md: return md
    return '\n'.join(_emit_github(_div_tree(md.splitlines())))

# ---------------------------------------------------------------------------------------------- links
_re_link_attrs = re.compile(r'(\]\([^)\s]*(?:\s+"[^"]*")?\))\{[^}\n]*\}')
_re_link_url = re.compile(r'\]\(([^)\s]+)')

def _slug(s:str) -> str:
    "GitHub-style heading slug, as MyST's `myst_heading_anchors` makes them (`myst_parser.slugs.github_slugify`)."
    return re.sub(r'[^\w\- ]', '', s.lower().replace(' ', '-'))

def clean_links(md:str, site_url:str | None = None, readme:bool = False) -> str:
    """Drop Quarto's `{target=...}` attributes after links/images, and point links at the book's pages:
    - links into the published site (`SITE/page.html#name`, as nbdev writes them) become MyST links to the
      page's notebook and heading slug, or stay absolute for the README (`readme=True`); a link to the Korean
      edition (`SITE/ko/...`, built from the same sources) stays absolute;
    - relative links to notebooks (`03_x.ipynb`) go to the page nbdev makes of them (`x`), as Quarto does:
      `x.ipynb` for MyST, `SITE/x.html` for the README."""
    md = _re_link_attrs.sub(r'\1', md)
    # an image's alt text written over several lines: markdown would join the lines without a space ("flangeof")
    md = re.sub(r'!\[([^\]]*)\]\(', lambda m: '![' + re.sub(r'[ \t]*\n[ \t]*', ' ', m.group(1)) + '](', md)
    if not site_url: return md
    site = site_url.rstrip('/') + '/'
    def _rel(m):
        url = m.group(1)
        if url.startswith(site) and not readme and not url.startswith(site + 'ko/'):     # (ko/: the Korean edition)
            page, _, anchor = url[len(site):].partition('#')
            page = re.sub(r'\.html$', '.ipynb', page or 'index.html')
            return '](' + page + (f'#{_slug(anchor)}' if anchor else '')
        path, hash_, anchor = url.partition('#')
        if re.match(r'^[\w./-]+\.ipynb$', path) and not path.startswith('/'):
            page = str(Path(path).parent/output_name(Path(path).name)).removeprefix('./')
            return '](' + (f'{site}{page}.html' if readme else f'{page}.ipynb') + hash_ + anchor
        return m.group(0)
    return _re_link_url.sub(_rel, md)

# ---------------------------------------------------------------------------------------------- show_doc
_re_heading = re.compile(r'^(#{1,6})\s+\S', re.MULTILINE)

def _last_heading_level(md:str, default:int) -> int:
    levels, fence = [], None
    for line in md.splitlines():
        m = _re_code_fence.match(line)
        if m and (fence is None or line.strip().startswith(fence)): fence = None if fence else m.group(1); continue
        if fence is None and (h := re.match(r'^(#{1,6})\s+\S', line)): levels.append(len(h.group(1)))
    return levels[-1] if levels else default

def clamp_headings(md:str, parent_level:int) -> str:
    "Shift the headings of `md` up so the first level is at most `parent_level + 1` (no H2 -> H4 jumps)."
    levels = [len(m.group(1)) for m in _re_heading.finditer(md)]
    if not levels: return md
    shift = max(0, min(levels) - (parent_level + 1))            # keep the relative structure, remove the gap
    return _re_heading.sub(lambda m: '#' * max(1, len(m.group(1)) - shift) + m.group(0)[len(m.group(1)):], md)

def plain_comment(comment:str) -> str:
    "A comment or caption as plain text: `[text](url)` -> text, no backticks, no `**`/`__` bold."
    comment = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', comment)
    comment = re.sub(r'\*\*([^*]+)\*\*|__([^_]+)__', lambda m: m.group(1) or m.group(2), comment)
    return comment.replace('`', '')

# ---------------------------------------------------------------------------------------------- API names
_re_show_doc = re.compile(r'^\s*show_doc\(')
_re_heading_line = re.compile(r'^#{1,6}\s+\S')

def is_show_doc(code:str) -> bool:
    "Whether a code cell is nbdev's `show_doc(...)` (its generated API block, which the site leaves out)."
    return bool(_re_show_doc.match(code))

def label_headings(md:str, labels:dict) -> str:
    "Put a MyST target `(label)=` on each heading line of `md` that `labels` maps (heading line -> label)."
    if not labels: return md
    out, fence = [], None
    for line in md.split('\n'):
        if (m := _re_code_fence.match(line)):
            fence = None if fence and line.strip().startswith(fence) else (fence or m.group(1))
        elif not fence and _re_heading_line.match(line) and line.rstrip() in labels:
            out.append(f'({labels[line.rstrip()]})=')
        out.append(line)
    return '\n'.join(out)

_re_inline_code = re.compile(r'(?<![`\w])`([A-Za-z_][\w.]*)(\(\))?`(?!`)')
_re_doclink = re.compile(r'\[`([A-Za-z_][\w.]*)(\(\))?`\]\(([\w./-]*\.ipynb)?#([\w.-]+)\)')

def unlink_doclinks(md:str) -> str:
    """nbdev's doc links (`` [`Name`](page.ipynb#name) ``, to its API blocks, which the site leaves out) back to
    inline code, which `link_api_names` links to the reference."""
    return _re_doclink.sub(lambda m: f'`{m.group(1)}{m.group(2) or ""}`' if _slug(m.group(1)) == _slug(m.group(4))
                           else m.group(0), md)

def link_api_names(md:str, names:dict, seen:set | None = None) -> str:
    """Link inline code that names a public API name (`` `MultiHeadAttention` ``, `` `Encoder.forward` ``) to its
    reference entry with MyST's `{py:obj}` role: the first time per section (`seen` carries the names linked
    since the last heading, across cells; a heading empties it). Code blocks, headings, maths and link texts
    are left alone. `names` maps the name as written to its full dotted name."""
    if not names: return md
    seen = set() if seen is None else seen
    out, fence = [], None
    for line in md.split('\n'):
        if (m := _re_code_fence.match(line)):
            fence = None if fence and line.strip().startswith(fence) else (fence or m.group(1))
            out.append(line); continue
        if fence or line.startswith('    '): out.append(line); continue
        if _re_heading_line.match(line): seen.clear(); out.append(line); continue
        # maths, and code written with two backticks (`` `Name` `` shows the backticks themselves), stay as they are
        maths = [m.span() for m in re.finditer(r'\$\$.*?\$\$|\$[^$\n]+\$|``.+?``', line)]
        def _link(m):
            name, (i, j) = m.group(1), m.span()
            if name not in names or name in seen or any(a <= i < b for a, b in maths): return m.group(0)
            if line[:i].endswith('[') and line[j:].startswith(']'): return m.group(0)   # already a link's text
            seen.add(name)
            return f'{{py:obj}}`{name}{m.group(2) or ""} <{names[name]}>`'
        out.append(_re_inline_code.sub(_link, line))
    return '\n'.join(out)

# ---------------------------------------------------------------------------------------------- pages
def page_order(sidebar_yml:str) -> list[str]:
    "The notebook files listed in nbdev's `sidebar.yml`, in order (sections flattened)."
    def _walk(items):
        for o in items or []:
            if isinstance(o, str): yield o
            elif isinstance(o, dict):
                if isinstance(o.get('href'), str): yield o['href']
                yield from _walk(o.get('contents'))
    return list(_walk(yaml.safe_load(sidebar_yml)['website']['sidebar']['contents']))

TOOLKIT_FROM = 90       # notebooks numbered 90 and up are the toolkit, listed after the chapters
_re_numbered = re.compile(r'^(Chapter \d+|Toolkit)\s*[:.]\s*')

def display_title(nb_file:str, title:str) -> str:
    """The title the site shows for a notebook: `Chapter N: title` for chapters `01_`..`89_` and `Toolkit: title`
    for `90_` and up, derived from the file prefix when the title does not say it; other titles unchanged.
    A title that already says "Chapter M" is kept as it is, even when M is not the prefix (the check flags that)."""
    m = re.match(r'^(\d+)_', Path(nb_file).name)
    if not m or not title or _re_numbered.match(title): return title
    n = int(m.group(1))
    return f'Toolkit: {title}' if n >= TOOLKIT_FROM else f'Chapter {n}: {title}'

def bare_title(title:str) -> str:
    "A title without its `Chapter N:` / `Toolkit:` prefix."
    return _re_numbered.sub('', title or '', count=1)

def output_name(nb_file:str, front_matter:dict | None = None) -> str:
    "The page name nbdev gives a notebook: its `output-file` stem, else as `nbdev.doclinks._nbpath2html` names it."
    if front_matter and front_matter.get('output-file'): return Path(front_matter['output-file']).stem
    return re.sub(r'^\d+[a-zA-Z0-9]*_', '', Path(nb_file).stem.lower())

# ---------------------------------------------------------------------------------------------- notebooks
def _src(cell) -> str:
    s = cell.get('source', '')
    return ''.join(s) if isinstance(s, list) else s

def _md_cell(src:str, **metadata) -> dict:
    return {'cell_type': 'markdown', 'metadata': dict(metadata), 'source': src}

def _markdown_output(cell) -> str | None:
    for o in cell.get('outputs', []):
        md = o.get('data', {}).get('text/markdown')
        if md is not None: return ''.join(md) if isinstance(md, list) else md
    return None

_re_caption = re.compile(r'^\s*\*(Figure\s+(?:\d+|[A-Z])(?:\.\d+)*\s*[:.].*?)\*\s*\Z', re.DOTALL)  # 3.2, T.1; may wrap

def figure_caption(md:str) -> str | None:
    "The text of a `*Figure N.k: ...*` caption line opening the markdown `md` (markdown marks removed), or None."
    m = _re_caption.match(md.lstrip('\n').split('\n\n')[0])
    if not m: return None
    return ' '.join(plain_comment(re.sub(r'\$([^$]*)\$', r'\1', m.group(1))).replace('*', '').split())

_re_image_line = re.compile(r'^\s*!\[[^\]]*\]\([^)]*\)\s*$')
_re_caption_start = re.compile(r'^\s*\*Figure\s+(?:\d+|[A-Z])(?:\.\d+)*\s*[:.]')

def mark_captions(md:str) -> str:
    """Class each caption paragraph (`*Figure N.k: ...*`) `figure-caption`, and give a caption written on the line
    right under its markdown image a paragraph of its own (in one paragraph, the caption ran beside the image)."""
    out, fence = [], None
    for line in md.split('\n'):
        if (m := _re_code_fence.match(line)):
            fence = None if fence and line.strip().startswith(fence) else (fence or m.group(1))
        elif not fence and _re_caption_start.match(line):
            if out and _re_image_line.match(out[-1]): out.append('')
            if not out or not out[-1].strip(): out.append('{.figure-caption}')
        out.append(line)
    return '\n'.join(out)

def _has_image(cell) -> bool:
    return any(k.startswith('image/') for o in cell.get('outputs', []) for k in o.get('data', {}))

def _caption_after(cells:list, i:int) -> str | None:
    "The caption of the image outputs of cell `i`: the next cell kept on the page, if it is a caption line."
    for c in cells[i+1:]:
        if c.get('cell_type') == 'code' and 'remove-cell' in option_tags(split_cell_options(_src(c))[0]): continue
        return figure_caption(_src(c)) if c.get('cell_type') == 'markdown' else None
    return None

def take_home_cell(nb_file:str, git_url:str, branch:str = 'main', notebooks_dir:str = '_notebooks',
                   badge:str = '_site/colab-badge.svg') -> dict:
    """The "Open in Colab" badge (a local SVG) and the "Download notebook" link (Sphinx's download role, which
    copies the file into the site) of a chapter page."""
    repo = re.sub(r'^https?://github\.com/', '', git_url.rstrip('/')).removesuffix('.git')
    colab = f'https://colab.research.google.com/github/{repo}/blob/{branch}/nbs/{nb_file}'
    return _md_cell(f'{{.take-home}}\n[![Open in Colab]({badge})]({colab})\n'
                    f'{{download}}`Download notebook <{notebooks_dir}/{nb_file}>`')

def _cells(nb, site_url=None, callouts=translate_callouts, readme=False, nb_file=None, take_home=None,
           api_names=None, labels=None):
    "Yield `(cell, tags)` for the translated cells of `nb` (shared by the site and the README)."
    level, seen = 1, set()
    cells = nb['cells']
    for i, cell in enumerate(cells):
        cell = copy.deepcopy(cell)
        if (fm := parse_front_matter(cell)) is not None:
            yield title_cell(fm, nb_file), []
            if take_home: yield take_home, []
            continue
        ct = cell.get('cell_type')
        if ct == 'markdown':
            src = _src(cell)
            if not readme: src = mark_captions(src)
            src = clean_links(callouts(src), site_url, readme)
            if not readme: src = link_api_names(label_headings(unlink_doclinks(src), labels), api_names, seen)
            cell['source'] = src
            level = _last_heading_level(cell['source'], level)
            yield cell, []
            continue
        if ct != 'code':
            yield cell, []
            continue
        opts, code = split_cell_options(_src(cell))
        tags = option_tags(opts)
        if 'remove-cell' in tags or is_show_doc(code): continue    # API blocks live in the reference pages
        md = _markdown_output(cell)
        if str(opts.get('output', '')).lower() == 'asis' and md is not None:
            if 'remove-input' not in tags: yield {**cell, 'source': code, 'outputs': []}, []
            if 'remove-output' not in tags:
                yield _md_cell(clamp_headings(clean_links(callouts(md), site_url, readme), level)), []
            continue
        if not code.strip() and not cell.get('outputs'): continue
        cell['source'] = code
        if (fold := fold_metadata(opts)): cell.setdefault('metadata', {}).setdefault('mystnb', {}).update(fold['mystnb'])
        if _has_image(cell) and (alt := _caption_after(cells, i)):
            cell.setdefault('metadata', {}).setdefault('mystnb', {}).setdefault('image', {})['alt'] = alt
        for o in cell.get('outputs', []):
            if 'text/markdown' in o.get('data', {}):
                o['data']['text/markdown'] = clean_links(callouts(_markdown_output({'outputs': [o]})), site_url, readme)
        yield cell, tags

def translate_notebook(nb:dict, site_url:str | None = None, nb_file:str | None = None, git_url:str | None = None,
                       branch:str = 'main', api_names:dict | None = None, labels:dict | None = None) -> dict:
    """A MyST-NB notebook from an nbdev-processed one (see the module docstring for the rules). `nb_file` is the
    notebook's file name in `nbs/` (for the chapter number and the take-home links, given `git_url`);
    `api_names` maps public names to their reference entries (`link_api_names`), `labels` heading lines to the
    targets the reference links back to (`label_headings`)."""
    res = {k: copy.deepcopy(v) for k, v in nb.items() if k != 'cells'}
    res['nbformat'], res['nbformat_minor'] = 4, max(5, res.get('nbformat_minor', 5))
    meta = res.setdefault('metadata', {})
    meta.setdefault('language_info', {'name': 'python'})      # nbdev_clean strips it; Sphinx needs it to highlight
    res['cells'], ids = [], set()
    n = re.match(r'^(\d+)_', nb_file or '')
    take_home = take_home_cell(nb_file, git_url, branch) if n and git_url and int(n.group(1)) < TOOLKIT_FROM else None
    for i, (cell, tags) in enumerate(_cells(nb, site_url, nb_file=nb_file, take_home=take_home,
                                            api_names=api_names, labels=labels)):
        cell['metadata'] = {k: v for k, v in cell.get('metadata', {}).items() if k not in ('language', 'tags')}
        if tags: cell['metadata']['tags'] = tags
        if not cell.get('id') or cell['id'] in ids: cell['id'] = f'cell-{i}'
        ids.add(cell['id'])
        res['cells'].append(cell)
    return res

def toctree_cell(entries:list[str], caption:str) -> dict:
    "A markdown cell holding a hidden MyST `toctree` (the sidebar) with `entries` in order."
    body = '\n'.join(entries)
    return _md_cell(f'```{{toctree}}\n:hidden:\n:maxdepth: 1\n:caption: {caption}\n\n{body}\n```')

# ---------------------------------------------------------------------------------------------- README
def _text(o) -> str:
    t = o.get('text', o.get('data', {}).get('text/plain', ''))
    return ''.join(t) if isinstance(t, list) else t

def notebook_to_readme(nb:dict, site_url:str | None = None, image_dir:Path | None = None,
                       image_prefix:str = 'README_files', nbs_dir:str = 'nbs') -> str:
    """GitHub markdown from an nbdev-processed notebook: hidden cells dropped, outputs as text, callouts as alerts;
    images the notebook embeds by a relative path (`images/hero.svg`) are found under `nbs_dir` from the README."""
    parts = []
    for i, (cell, tags) in enumerate(_cells(nb, site_url, callouts_to_github, readme=True)):
        src = _src(cell).strip()
        if cell.get('cell_type') == 'markdown':
            if (m := re.match(r'^# (.*)\n\n\{\.description\}\n(.*)$', src, re.DOTALL)):  # title_cell, GitHub style
                src = f'# {m.group(1)}\n\n> {m.group(2)}'
            src = re.sub(r'(!\[[^\]]*\]\()(?![a-z]+:|/|#)([^)\s]+)', rf'\g<1>{nbs_dir}/\2', src)
            if src: parts.append(src)
            continue
        if cell.get('cell_type') != 'code': continue
        if src and 'remove-input' not in tags: parts.append(f'```python\n{src}\n```')
        if 'remove-output' in tags: continue
        for j, o in enumerate(cell.get('outputs', [])):
            data = o.get('data', {})
            if o.get('output_type') == 'stream' or 'text/markdown' not in data and 'image/png' not in data:
                if (t := _text(o).rstrip()): parts.append(f'```\n{t}\n```')
            elif 'text/markdown' in data: parts.append(_markdown_output({'outputs': [o]}).strip())
            elif image_dir is not None:
                name = f'cell{i}_output{j}.png'
                image_dir.mkdir(parents=True, exist_ok=True)
                (image_dir/name).write_bytes(base64.b64decode(''.join(data['image/png'])))
                parts.append(f'![]({image_prefix}/{name})')
    return '\n\n'.join(parts) + '\n'
