"""Build the attention_explained site and README.md from the executed notebooks in `nbs/`.

    python tools/build_docs.py            # -> _build/html/index.html and README.md
    python tools/build_docs.py --no-html  # README.md only

Steps (nbdev's own functions, not the Quarto-based `nbdev_docs`/`nbdev_proc_nbs` commands):
1. `nbdev.quarto.refresh_quarto_yml` and `nbdev.quarto.nbdev_sidebar` write `nbs/nbdev.yml`, `nbs/_quarto.yml`
   and `nbs/sidebar.yml` (generated, git-ignored; `custom_sidebar = False` in settings.ini);
2. `nbdev.serve.proc_nbs` writes the processed notebooks to `_proc/` (hidden cells dropped, doc links added;
   nbdev's `show_doc` processors are skipped: nothing is executed);
3. `tools/quarto_to_myst.py` turns them into MyST notebooks in `_proc/_myst/`, in sidebar order, and
   `nbs/index.ipynb` (processed) into README.md; `tools/api_reference.py` writes the API reference pages
   (`api/<module>`, one per module, from the code with Sphinx's autodoc) and links the chapters to them;
4. `sphinx-build -W` (warnings are errors) with `docs/conf.py` writes `_build/html`. Notebooks are not re-executed.
5. the Korean edition: Sphinx's gettext builder writes the message templates to `_build/gettext`, and the same
   sources built with `language=ko` (catalogs in `locales/ko/LC_MESSAGES`) go to `_build/html/ko`.
"""
from __future__ import annotations

import argparse, json, os, re, shutil, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'tools'))
from quarto_to_myst import (TOOLKIT_FROM, display_title, notebook_to_readme, output_name, page_order,
                            parse_front_matter, toctree_cell, translate_notebook)
from api_reference import REFERENCE_DATA, REFERENCE_DIR, link_targets, module_exports, module_page, taught_in
from demo_assets import write_demo_assets      # the "Try it" boxes' ONNX files and runtime (issue 24)

GROUPS = ('Chapters', 'Toolkit', 'API reference', 'Reference')     # sidebar captions, in this order

# nbdev's processors that render `show_doc` (they run each notebook's import and export cells in an IPython shell).
# The site documents the API in its reference pages (tools/api_reference.py), so they are skipped: the processed
# notebooks come from the saved cells alone, and a notebook that is being edited cannot break the build.
# `mv_exports` only moves an exports cell after its show_doc cell, and fails on a notebook whose last cell is one.
SKIP_PROCS = ('add_show_docs', 'clean_show_doc', 'exec_show_docs', 'mv_exports')

def nbdev_steps() -> tuple[Path, list[str], str]:
    "Run nbdev's config, sidebar and notebook processing: (processed dir, notebook files in order, site url)."
    from nbdev import processors
    from nbdev.config import get_config
    from nbdev.quarto import nbdev_sidebar, refresh_quarto_yml
    from nbdev.serve import proc_nbs
    cfg = get_config()
    refresh_quarto_yml()
    nbdev_sidebar.__wrapped__(path=cfg.nbs_path)
    sidebar = cfg.nbs_path/'sidebar.yml'
    if not sidebar.exists():
        sys.exit('nbs/sidebar.yml was not generated: set `custom_sidebar = False` in settings.ini')
    base = processors.FilterDefaults.base_procs
    processors.FilterDefaults.base_procs = lambda self: [p for p in base(self) if p.__name__ not in SKIP_PROCS]
    try: cache = proc_nbs(cfg.nbs_path, n_workers=0, force=True)       # in this process, where the patch holds
    finally: processors.FilterDefaults.base_procs = base
    site_url = f"{cfg.doc_host}{cfg.doc_baseurl}"
    return Path(cache), page_order(sidebar.read_text()), site_url

def _group(nb_file:str) -> str:
    "Chapters (01_..89_), Toolkit (90_ and up), Reference (pages without a number: glossary, contributing)."
    m = re.match(r'^(\d+)_', Path(nb_file).name)
    if not m: return 'Reference'
    return 'Toolkit' if int(m.group(1)) >= TOOLKIT_FROM else 'Chapters'

def _reading_order(order:list[str]) -> list[str]:
    "index first, then chapters, toolkit and reference pages, each in file order (nbdev sorts by name only)."
    return order[:1] + sorted(order[1:], key=lambda f: GROUPS.index(_group(f)))

def api_reference(order:list[str], pages:dict, nbs:Path, lib:Path, src:Path) -> tuple[dict, dict, list[str], dict]:
    """Write the API reference pages (`src/api/<module>.md`, one per module with an `__all__`); return (link
    targets for the prose, {page: {heading line: label}}, toctree entries, where each name is taught).
    `pages` maps each notebook file to (page name, display title)."""
    exports = module_exports(lib)
    notebooks = [(f, json.loads((nbs/f).read_text()), *pages[f]) for f in order if _group(f) in ('Chapters', 'Toolkit')]
    taught = taught_in(notebooks, lib.name, exports)
    labels = {}
    for t in taught.values():
        if t['label']: labels.setdefault(t['page'], {})[t['line']] = t['label']
    chapter, rank = {}, {}              # module -> (page, title) of the notebook that exports it, and its place
    for i, (f, nb, page, title) in enumerate(notebooks):
        for c in nb['cells']:
            src_ = ''.join(c['source']) if c['cell_type'] == 'code' else ''
            if (m := re.search(r'^\s*#\|\s*default_exp\s+([\w.]+)', src_, re.M)) and m.group(1) not in chapter:
                chapter[m.group(1)], rank[m.group(1)] = (page, title), i
    (src/REFERENCE_DIR).mkdir()
    ordered = sorted(exports, key=lambda m: (rank.get(m, len(notebooks)), m))     # in reading order
    for mod in ordered:
        (src/REFERENCE_DIR/f'{mod}.md').write_text(module_page(lib.name, mod, exports[mod], chapter.get(mod)))
    entries = [f'{m} <{REFERENCE_DIR}/{m}>' for m in ordered]     # the sidebar shows the module's short name
    return link_targets(lib, lib.name, exports, taught), labels, entries, taught

def write_myst(cache:Path, order:list[str], site_url:str) -> Path:
    "Translate the processed notebooks into `cache/_myst` (plus any other files from nbs/); return that dir."
    src = cache/'_myst'
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir()
    for f in cache.rglob('*'):        # images and other files the notebooks refer to
        rel = f.relative_to(cache)
        if f.is_file() and rel.parts[0] != '_myst' and f.suffix not in ('.ipynb', '.yml'):
            (src/rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, src/rel)
    if not order or Path(order[0]).stem != 'index': sys.exit(f'the sidebar must start with index.ipynb, got {order[:1]}')
    from nbdev.config import get_config
    cfg = get_config()
    # nbdev (recursive = False) copies no sub-folders: the figures the markdown embeds (nbs/images/*.svg) come from nbs/
    for f in cfg.nbs_path.rglob('*'):
        rel = f.relative_to(cfg.nbs_path)
        if (f.is_file() and len(rel.parts) > 1 and not any(p[0] in '._' for p in rel.parts)
                and f.suffix not in ('.ipynb', '.yml', '.py') and not (src/rel).exists()):
            (src/rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, src/rel)
    fms = {f: next((d for c in json.loads((cache/f).read_text())['cells'] if (d := parse_front_matter(c)) is not None), None)
           for f in order}
    pages = {f: (output_name(f, fms[f]), display_title(Path(f).name, (fms[f] or {}).get('title', ''))) for f in order}
    api_names, labels, api_pages, taught = api_reference(order, pages, cfg.nbs_path, cfg.lib_path, src)
    # what the chapter pages link to: their notebooks (Sphinx's download role copies them into the site; the folder
    # is excluded from the sources in conf.py) and the local "Open in Colab" badge
    (src/'_notebooks').mkdir()
    for nb_file in order:
        if re.match(r'^\d+_', Path(nb_file).name): shutil.copy2(cfg.nbs_path/nb_file, src/'_notebooks'/Path(nb_file).name)
    (src/'_site').mkdir()
    shutil.copy2(ROOT/'docs'/'_static'/'colab-badge.svg', src/'_site'/'colab-badge.svg')
    names, toc = set(), {}
    for nb_file in order:
        nb = json.loads((cache/nb_file).read_text())
        name = pages[nb_file][0]
        if name in names: sys.exit(f'two notebooks would both become {name}.html')
        names.add(name)
        (src/nb_file).parent.mkdir(parents=True, exist_ok=True)
        page = translate_notebook(nb, site_url=site_url, nb_file=Path(nb_file).name, git_url=cfg.git_url,
                                  branch=cfg.get('branch', 'main'), api_names=api_names, labels=labels.get(name))
        if name != 'index': toc.setdefault(_group(nb_file), []).append(str(Path(nb_file).parent/name))
        (src/Path(nb_file).parent/f'{name}.ipynb').write_text(json.dumps(page, indent=1, ensure_ascii=False))
    toc['API reference'] = api_pages
    # the reference links back only to sections whose target the translation placed (a heading that the processed
    # notebook no longer has, e.g. while `--reuse-proc` runs on older notebooks, gets a link to its page instead)
    placed = set(re.findall(r'\((taught-[\w-]+)\)=', ''.join(p.read_text() for p in src.glob('*.ipynb'))))
    taught = {k: (v if v['label'] in placed else {**v, 'label': None}) for k, v in taught.items()}
    (src/REFERENCE_DATA).write_text(json.dumps({'lib': cfg.lib_path.name, 'taught': taught}, indent=1, ensure_ascii=False))
    index = json.loads((src/'index.ipynb').read_text())
    index['cells'] += [{**toctree_cell(entries, caption), 'id': f'toctree-{i}'}
                       for i, (caption, entries) in enumerate(sorted(toc.items(), key=lambda o: GROUPS.index(o[0])))]
    (src/'index.ipynb').write_text(json.dumps(index, indent=1, ensure_ascii=False))
    return src

def write_readme(cache:Path, site_url:str) -> Path:
    "README.md (and README_files/ for figures, if the landing page has any) from the processed index."
    from nbdev.config import get_config
    cfg = get_config()
    nb = json.loads((cache/cfg.readme_nb).read_text())
    images = ROOT/'README_files'
    shutil.rmtree(images, ignore_errors=True)
    readme = ROOT/'README.md'
    readme.write_text(notebook_to_readme(nb, site_url, image_dir=images, image_prefix=images.name))
    return readme

def sphinx(src:Path, out:Path, builder:str='html', language:str='en') -> None:
    "sphinx-build -W; the Korean edition also gets the tag `edition_ko` (a `{only} not edition_ko` block is English-only)."
    cmd = [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-E', '-q', '-b', builder, '-c', str(ROOT/'docs'),
           '-D', f'language={language}', *(['-t', f'edition_{language}'] if language != 'en' else []), str(src), str(out)]
    if subprocess.run(cmd).returncode: sys.exit(f'sphinx-build -b {builder} ({language}) failed (warnings are errors)')

def korean(src:Path, out:Path) -> None:
    """The Korean edition: the message templates (`_build/gettext`, one .pot per page, for
    `tools/translations.py`), then the same sources built with `language=ko` and the catalogs in
    `locales/ko/LC_MESSAGES` into `out/ko`, with the same page names. A message without a translation
    shows its English; `tools/translations.py check` is what fails on one."""
    t = time.time()
    pot = ROOT/'_build'/'gettext'
    shutil.rmtree(pot, ignore_errors=True)
    sphinx(src, pot, builder='gettext')
    t1 = time.time()
    sphinx(src, out/'ko', language='ko')
    print(f'korean: templates in {pot.relative_to(ROOT)} ({t1-t:.1f} s), {out/"ko"/"index.html"} ({time.time()-t1:.1f} s)')

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--no-html', action='store_true', help='only regenerate README.md')
    p.add_argument('--out', default=str(ROOT/'_build'/'html'), help='HTML output folder')
    p.add_argument('--reuse-proc', action='store_true', help="reuse _proc/ from the last build (skip nbdev's steps)")
    p.add_argument('--edition', choices=('both', 'en', 'ko'), default='both',
                   help='build the English site, the Korean one (in OUT/ko), or both')
    args = p.parse_args(argv)
    os.chdir(ROOT)
    t0 = time.time()
    if args.reuse_proc:               # iterate on the translation, conf.py or CSS without re-running nbdev
        from nbdev.config import get_config
        cfg = get_config()
        cache, order = ROOT/'_proc', page_order((cfg.nbs_path/'sidebar.yml').read_text())
        site_url = f"{cfg.doc_host}{cfg.doc_baseurl}"
    else: cache, order, site_url = nbdev_steps()
    order = _reading_order(order)
    print(f'nbdev: {len(order)} notebooks processed into {cache.relative_to(ROOT)} ({time.time()-t0:.1f} s)')
    readme = write_readme(cache, site_url)
    print(f'wrote {readme.relative_to(ROOT)}')
    if args.no_html: return
    src = write_myst(cache, order, site_url)
    t1 = time.time()
    out = Path(args.out)
    if args.edition != 'ko':
        sphinx(src, out)
        print(f'sphinx: {out/"index.html"} ({time.time()-t1:.1f} s)')
        print(f'demo files: {sum(write_demo_assets(out).values()) / 1e6:.2f} MB in {out/"_static"/"demos"}')
    if args.edition != 'en':
        korean(src, out)
        write_demo_assets(out/'ko', link_from=out/'_static'/'demos' if args.edition == 'both' else None)
    print(f'total {time.time()-t0:.1f} s')

if __name__ == '__main__': main()
