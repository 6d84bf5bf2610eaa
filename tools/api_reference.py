"""The site's API reference, generated from the code: one page per module of the library.

`tools/build_docs.py` calls the pure functions below (nothing here imports the library):
- `module_exports` reads each module's `__all__` and the kind of each name (class, function, data) with `ast`;
- `taught_in` finds, in the chapters' notebooks, the export cell that defines (or `@patch`es) each public name
  and the nearest heading above it: the section that teaches it. `heading_label` names a MyST target that the
  translation (`quarto_to_myst.label_headings`) puts on that heading, so the reference links back with `:ref:`
  (an unresolved one is a warning, and `-W` fails the build);
- `module_page` writes a module's page: Sphinx's autodoc directives (`autoclass`/`autofunction`/`autodata`), one
  per name of `__all__`, in that order.

Loaded by `docs/conf.py` as a Sphinx extension, it completes what autodoc shows (`autodoc-process-docstring`):
- the docstring, written as Markdown-ish plain text, becomes safe reST (`docstring_rst`): `` `code` `` stays
  code, `$maths$` is rendered with `:math:`, other text is shown as written (no stray emphasis or references);
- the parameter comments (fastcore's `docments`) become the entry's parameter list, and the return comment its
  "Returns";
- "Taught in Chapter N: ... › section" links back to the section that defines the name.
Each entry's anchor is its full dotted name: `api/multihead.html#attention_explained.multihead.MultiHeadAttention`.
"""
from __future__ import annotations

import ast, json, re
from pathlib import Path

__all__ = ['module_exports', 'cell_definitions', 'taught_in', 'heading_label', 'plain_heading', 'module_page', 'inline_rst', 'docstring_rst',
           'param_fields', 'link_targets', 'REFERENCE_DIR', 'REFERENCE_DATA']

REFERENCE_DIR = 'api'                       # the reference pages: api/<module>.html
REFERENCE_DATA = '_api_reference.json'      # what build_docs hands the extension, in the Sphinx source folder

# ---------------------------------------------------------------------------------------------- the code
def _all_names(tree:ast.Module) -> list[str] | None:
    for n in tree.body:
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == '__all__' for t in n.targets):
            return [str(x) for x in ast.literal_eval(n.value)]
    return None

def _top_level(tree:ast.Module) -> dict[str, tuple[str, ast.AST]]:
    "name -> (kind, node) of the module's top-level classes, functions and assignments (the last one wins)."
    out = {}
    for n in tree.body:
        if isinstance(n, ast.ClassDef): out[n.name] = ('class', n)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and not _patched_class(n): out[n.name] = ('function', n)
        elif isinstance(n, (ast.Assign, ast.AnnAssign)):
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target]):
                for x in ast.walk(t):
                    if isinstance(x, ast.Name): out[x.id] = ('data', n)
    return out

def module_exports(lib:Path) -> dict[str, list[tuple[str, str, str | None]]]:
    """`{module: [(name, kind, value), ...]}` for each module of the package folder `lib` that has an `__all__`,
    in `__all__` order; kind is 'class', 'function' or 'data' (value: the source of a short data value, else None)."""
    out = {}
    for f in sorted(lib.glob('[!_]*.py')):
        src = f.read_text()
        tree = ast.parse(src)
        names = _all_names(tree)
        if not names: continue
        defs = _top_level(tree)
        rows = []
        for name in names:
            kind, node = defs.get(name, ('data', None))
            value = ast.get_source_segment(src, node.value) if kind == 'data' and getattr(node, 'value', None) else None
            rows.append((name, kind, value if value and len(value) <= 60 and '\n' not in value else None))
        out[f.stem] = rows
    return out

# ---------------------------------------------------------------------------------------------- the notebooks
_re_export = re.compile(r'^\s*#\|\s*export(s)?\s*$', re.MULTILINE)
_re_default_exp = re.compile(r'^\s*#\|\s*default_exp\s+([\w.]+)', re.MULTILINE)
_re_fence = re.compile(r'^\s*(`{3,}|~{3,})')

def _patched_class(fn) -> list[str]:
    "The classes a fastcore `@patch`ed function is added to (from its `self:` annotation), else []."
    if not any((isinstance(d, ast.Name) and d.id == 'patch') or
               (isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id == 'patch')
               for d in fn.decorator_list): return []
    if not fn.args.args or fn.args.args[0].annotation is None: return []
    a = fn.args.args[0].annotation
    elts = a.elts if isinstance(a, ast.Tuple) else [a]
    return [e.id for e in elts if isinstance(e, ast.Name)]

def cell_definitions(code:str) -> list[str]:
    "The public names an export cell defines: `Name` for classes, functions and data, `Class.method` for patches."
    code = re.sub(r'^\s*[%!].*$', '', code, flags=re.MULTILINE)
    try: tree = ast.parse(code)
    except SyntaxError: return []
    out = []
    for n in tree.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and (classes := _patched_class(n)):
            out += [f'{c}.{n.name}' for c in classes]
        else: out += list(_top_level(ast.Module(body=[n], type_ignores=[])))
    return [o for o in out if not o.split('.')[-1].startswith('_')]

def _headings(md:str) -> list[tuple[int, str]]:
    "(level, line) of the Markdown headings of `md`, outside code blocks and fenced divs (callout titles)."
    out, fence, divs = [], None, 0
    for line in md.splitlines():
        if (m := _re_fence.match(line)):
            fence = None if fence and line.strip().startswith(fence) else (fence or m.group(1))
            continue
        if fence: continue
        if re.match(r'^:{3,}\s*\{', line): divs += 1; continue
        if re.match(r'^:{3,}\s*$', line): divs = max(0, divs - 1); continue
        if not divs and (h := re.match(r'^(#{1,6})\s+\S', line)): out.append((len(h.group(1)), line.rstrip()))
    return out

def heading_label(page:str, heading:str) -> str:
    "The MyST target put on a chapter heading that the reference links to: `taught-<page>-<slug>`."
    text = re.sub(r'^#+\s*', '', heading).lower()
    return f'taught-{page}-' + (re.sub(r'[^a-z0-9]+', '-', text).strip('-') or 'section')

def plain_heading(heading:str) -> str:
    "A heading line as plain text for a link title: no `#`, backticks, emphasis marks or `$`."
    text = re.sub(r'^#+\s*', '', heading)
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text)
    return ' '.join(re.sub(r'[`*$<>]|\\(?=\S)', '', text).split())

def _src(cell) -> str:
    s = cell.get('source', '')
    return ''.join(s) if isinstance(s, list) else s

def taught_in(notebooks:list[tuple[str, dict, str, str]], lib_name:str, exports:dict) -> dict[str, dict]:
    """`{full name: {'page', 'title', 'heading', 'label'}}`: where each public name of `exports` (as
    `module_exports` gives) is defined, from `notebooks` = [(nb_file, notebook, page name, page title)] in reading
    order. A name defined under the page title only (no section heading yet) gets `heading` None. The first
    definition wins (a later `@patch` of the same method does not move it)."""
    owner = {name: mod for mod, rows in exports.items() for name, _, _ in rows}    # a class's module
    out = {}
    for nb_file, nb, page, title in notebooks:
        module, heading = None, None
        for cell in nb.get('cells', []):
            src = _src(cell)
            if cell.get('cell_type') == 'markdown':
                hs = [h for lvl, h in _headings(src) if lvl >= 2]
                if hs: heading = hs[-1]
                continue
            if cell.get('cell_type') != 'code': continue
            if (m := _re_default_exp.search(src)): module = m.group(1)
            if not module or not _re_export.search(src): continue
            for name in cell_definitions(src):
                top = name.split('.')[0]
                mod = owner.get(top) if '.' in name else (module if top in owner and owner[top] == module else None)
                if mod is None: continue
                full = f'{lib_name}.{mod}.{name}'
                if full in out: continue
                out[full] = {'page': page, 'title': title, 'heading': plain_heading(heading) if heading else None,
                             'label': heading_label(page, heading) if heading else None, 'line': heading}
    return out

def link_targets(lib:Path, lib_name:str, exports:dict, taught:dict) -> dict[str, str]:
    """`{name as the prose writes it: full dotted name}` for the chapters' links: each public name of `exports`,
    and `Class.method` for the public methods of its classes (defined in the class or `@patch`ed, from `taught`).
    A name that two modules define is left out (the prose could mean either)."""
    out, dup = {}, set()
    for mod, rows in exports.items():
        tree = ast.parse((lib/f'{mod}.py').read_text())
        classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
        for name, kind, _ in rows:
            pairs = [(name, f'{lib_name}.{mod}.{name}')]
            if kind == 'class' and name in classes:
                pairs += [(f'{name}.{m.name}', f'{lib_name}.{mod}.{name}.{m.name}') for m in classes[name].body
                          if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and not m.name.startswith('_')]
            for short, full in pairs:
                if short in out and out[short] != full: dup.add(short)
                out[short] = full
    for full in taught:
        short = '.'.join(full.split('.')[-2:])
        if full.count('.') >= 3 and short not in out: out[short] = full
    return {k: v for k, v in out.items() if k not in dup}

# ---------------------------------------------------------------------------------------------- the pages
def module_page(lib_name:str, module:str, rows:list, chapter:tuple[str, str] | None = None) -> str:
    """A module's reference page (MyST): its title, the chapter that teaches it (`chapter` = (page, title)), and
    one autodoc directive per name of `__all__` (`rows` as `module_exports` gives them)."""
    full = f'{lib_name}.{module}'
    parts = [f'# {full}', '']
    if chapter: parts += [f'{{.api-module}}\nThe module that [{chapter[1]}]({"../" + chapter[0]}.ipynb) builds: '
                          f'`from {full} import *` gives the {len(rows)} names below.', '']
    rst = [f'.. py:module:: {full}', '']
    for name, kind, value in rows:
        if kind == 'class':
            rst += [f'.. autoclass:: {full}.{name}', '   :members:', '   :undoc-members:',
                    '   :member-order: bysource', '']
        elif kind == 'function': rst += [f'.. autofunction:: {full}.{name}', '']
        else:
            rst += [f'.. autodata:: {full}.{name}'] + ([] if value else ['   :no-value:']) + ['']
    parts += ['```{eval-rst}', *rst, '```', '']
    return '\n'.join(parts)

# ---------------------------------------------------------------------------------------------- docstrings
_re_span = re.compile(r'(``[^`]+``|`[^`\n]+`|\$\$[^$]+\$\$|\$[^$\n]+\$|\*\*[^*\n]+\*\*)')
_BEFORE_OK, _AFTER_OK = set(' \t-:/\'"<([{'), set(' \t-.,:;!?/\'")]}>')

def _plain_rst(text:str) -> str:
    "Text shown as written: reST's inline markup characters escaped."
    return re.sub(r'([\\*_|`])', r'\\\1', text)

def inline_rst(text:str) -> str:
    """One line of a docstring or parameter comment as reST: `` `code` `` as code, `$maths$` as `:math:`,
    `**bold**` as bold, every other character shown as written; markup glued to a word ("the `mask`s") gets reST's `\ ` separator."""
    parts = _re_span.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0: out.append(_plain_rst(part)); continue
        if part.startswith('$'):
            tex = part.strip('$').strip()
            markup = f':math:`{tex}`' if tex else None
        elif part.startswith('**'):
            bold = part[2:-2]
            markup = f'**{_plain_rst(bold)}**' if bold.strip() == bold else None
        else:
            code = part.strip('`')
            markup = f'``{code}``' if code and code.strip() == code else None
        if markup is None: out.append(_plain_rst(part)); continue
        before, after = parts[i-1], parts[i+1] if i + 1 < len(parts) else ''
        if before and before[-1] not in _BEFORE_OK: markup = '\\ ' + markup
        if after and after[0] not in _AFTER_OK: markup += '\\ '
        out.append(markup)
    return ''.join(out)

_re_bullet = re.compile(r'^[-*+]\s+')

def docstring_rst(lines:list[str]) -> list[str]:
    """A docstring (Markdown-ish plain text, as the book writes them) as reST lines: each paragraph joined into
    one line (no accidental indented blocks), `- item` lines as a list, `$$...$$` as display maths."""
    out, para, display = [], [], None
    def flush():
        if para: out.extend([inline_rst(' '.join(para)), ''])
        para.clear()
    for line in lines:
        s = line.strip()
        if display is not None:
            if s.endswith('$$'):
                display.append(s[:-2])
                out += ['.. math::', ''] + [f'   {d}' for d in display if d.strip()] + ['']
                display = None
            else: display.append(s)
            continue
        if s.startswith('$$'):
            flush()
            if s.endswith('$$') and len(s) > 4: out += ['.. math::', '', f'   {s[2:-2].strip()}', '']
            else: display = [s[2:]]
            continue
        if not s: flush(); continue
        if _re_bullet.match(s):
            flush()
            para.append('- ' + _re_bullet.sub('', s))
            continue
        para.append(s)
    flush()
    while out and not out[-1]: out.pop()
    return out

_re_param_line = re.compile(r'^\s*(?:def\s+\w+\s*\()?\s*\*{0,2}(\w+)\s*[:=,)][^#]*(#\s?(.*))?$')
_re_comment_line = re.compile(r'^\s*#\s?(.*)$')

def continued_comments(obj) -> dict[str, str]:
    """{parameter: the rest of its comment} where a parameter's comment goes on over comment-only lines below it
    (fastcore's `docments` keeps only the first line):

        x:Tensor,          # decoder input (B, T, d_model); with a cache, only
                           # the new position(s)

    Comment-only lines above a parameter that has no comment of its own are that parameter's (as `docments`
    reads them), not the previous one's."""
    import inspect
    try: lines = inspect.getsource(obj).splitlines()
    except (OSError, TypeError): return {}
    out, last, pending = {}, None, []
    def settle():
        if last and pending: out[last] = ' '.join(pending)
    for line in lines:
        if (m := _re_comment_line.match(line)):
            pending.append(m.group(1).strip()); continue
        if re.match(r'^\s*\)', line) or re.search(r'\)\s*(->[^#]*)?:\s*(#.*)?$', line) and last:
            # the end of the signature: lines above a `-> type:` without a comment are the return value's
            if not ('->' in line and '#' not in line): settle()
            break
        m = _re_param_line.match(line)
        if not m: pending = []; continue
        if m.group(2): settle(); last = m.group(1)              # its own comment: what was pending went on the last one's
        else: last = None                                       # the pending lines are this parameter's own
        pending = []
    return out

def param_fields(doc:dict, more:dict | None = None) -> list[str]:
    """reST field lines (`:param x: ...`, `:returns: ...`) from fastcore `docments(obj, full=True, returns=True)`;
    `more`: the continuation lines of a comment (`continued_comments`)."""
    out, more = [], more or {}
    for name, d in doc.items():
        comment = (d or {}).get('docment')
        if not comment or name == 'self': continue
        if more.get(name): comment = f'{comment} {more[name]}'
        comment = ' '.join(str(comment).split())
        out.append(f':returns: {inline_rst(comment)}' if name == 'return' else f':param {name}: {inline_rst(comment)}')
    return out

# ---------------------------------------------------------------------------------------------- Sphinx
def _taught_line(t:dict) -> str:
    title = re.sub(r'[`<>]', '', t['title'])
    if t.get('label'):
        return f'*Taught in* :ref:`{title} › {re.sub(r"[`<>]", "", t["heading"])} <{t["label"]}>`.'
    return f'*Taught in* :doc:`{title} </{t["page"]}>`.'

def _process_docstring(app, what, name, obj, options, lines):
    data = app.env.temp_data.get('api_reference') or _load(app)
    if not name.startswith(data.get('lib', '\0') + '.'): return
    own = list(lines)
    if what == 'data' and not isinstance(obj, type) and obj.__doc__ and obj.__doc__ == type(obj).__doc__:
        own = []                    # a constant: not the docstring of its type ("Built-in immutable sequence.")
    doc = docstring_rst(own)
    fields = []
    if what in ('class', 'function', 'method'):
        try:
            from fastcore.docments import docments
            fields = param_fields(docments(obj, full=True, returns=True), continued_comments(obj))
        except Exception: fields = []
    if what == 'data' and isinstance(obj, type) and obj.__module__.split('.')[0] != data.get('lib'):
        doc = [f'Alias of ``{obj.__module__}.{obj.__qualname__}``.'] + ([''] + doc if doc else [])
    taught = data.get('taught', {}).get(name)
    lines[:] = doc + ([''] if doc and fields else []) + fields + ([''] + [_taught_line(taught)] if taught else [])

def _load(app) -> dict:
    f = Path(app.srcdir)/REFERENCE_DATA
    data = json.loads(f.read_text()) if f.exists() else {}
    app.env.temp_data['api_reference'] = data
    return data

def setup(app):
    app.setup_extension('sphinx.ext.autodoc')
    app.connect('autodoc-process-docstring', _process_docstring, priority=400)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
