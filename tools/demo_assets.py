"""The files the "Try it" boxes of Chapters 8 and 9 load (issue 24), written into a built site's `_static/demos/`.

    python tools/demo_assets.py _build/html        # what tools/build_docs.py calls after each edition's Sphinx build

- `translator.onnx`, `digit_vit.onnx`: exported with `torch.onnx` by `attention_explained.demos.export_onnx` from the
  weights that ship in the package (so they are made here, never committed);
- onnxruntime-web's single-threaded WebAssembly build, vendored from the npm registry: the pinned tarball is
  fetched with urllib (no npm needed), checked against the registry's sha512 `dist.integrity`, cached in
  ~/.cache/attention_explained/, and only the few files the page loads are extracted, with the licence: the
  package ships no LICENSE file; its package.json says MIT and its files' banner "Copyright (c) Microsoft
  Corporation", so the MIT text with that notice is written beside them, and its package.json is kept.
  The site never loads a CDN: the boxes load these files from the site itself, and only on the two pages.
"""
from __future__ import annotations

import argparse, base64, hashlib, io, json, os, shutil, tarfile, urllib.request
from pathlib import Path

ORT_VERSION = '1.30.0'
# the registry's `dist.integrity` of onnxruntime-web@1.30.0 (https://registry.npmjs.org/onnxruntime-web/1.30.0)
ORT_INTEGRITY = 'sha512-q0y+JrrtukXSzsBWEMccVfqX25LRmosXHF+CaRJmg8pZClzcV7svNc4rKY3jL02Vb7QmRMDs1SigqR4CXAfKYQ=='
ORT_URL = f'https://registry.npmjs.org/onnxruntime-web/-/onnxruntime-web-{ORT_VERSION}.tgz'
# the wasm-only bundle (a classic script that defines `ort`), the loader it imports, its WebAssembly, the licence
ORT_FILES = {'package/dist/ort.wasm.min.js': 'ort.wasm.min.js',
             'package/dist/ort-wasm-simd-threaded.mjs': 'ort-wasm-simd-threaded.mjs',
             'package/dist/ort-wasm-simd-threaded.wasm': 'ort-wasm-simd-threaded.wasm',
             'package/package.json': 'onnxruntime-web-package.json'}
MIT = '''MIT License

Copyright (c) Microsoft Corporation.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
'''
CACHE = Path(os.environ.get('XDG_CACHE_HOME', Path.home()/'.cache'))/'attention_explained'
MAX_BYTES = 15_000_000          # issue 24: at most 15 MB added to the site

def _integrity(data:bytes) -> str:
    return 'sha512-' + base64.b64encode(hashlib.sha512(data).digest()).decode()

def ort_tarball(cache:Path = CACHE) -> bytes:
    "The pinned onnxruntime-web tarball, from the cache or the npm registry; its sha512 must be the registry's."
    path = cache/f'onnxruntime-web-{ORT_VERSION}.tgz'
    if path.exists() and _integrity(data := path.read_bytes()) == ORT_INTEGRITY: return data
    with urllib.request.urlopen(ORT_URL, timeout=120) as r: data = r.read()
    if _integrity(data) != ORT_INTEGRITY:
        raise RuntimeError(f'{ORT_URL}: sha512 {_integrity(data)} is not the pinned {ORT_INTEGRITY}')
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix('.part'); tmp.write_bytes(data); tmp.replace(path)
    return data

def write_demo_assets(site:Path, cache:Path = CACHE, link_from:Path | None = None) -> dict:
    """Write the ONNX files and the vendored runtime into `site/_static/demos/`; returns {file name: bytes}.
    `link_from`: a `_static/demos/` folder already written (the English edition's, for the Korean one in `ko/`): its
    files are hard-linked (copied where links are impossible), so each edition is whole on its own while the bytes
    are stored once on disk and in a tar archive of the site (such as the Pages artifact)."""
    out = Path(site)/'_static'/'demos'
    out.mkdir(parents=True, exist_ok=True)
    if link_from is not None:
        for f in sorted(Path(link_from).iterdir()):
            (out/f.name).unlink(missing_ok=True)
            try: os.link(f, out/f.name)
            except OSError: shutil.copy2(f, out/f.name)
        return {f.name: f.stat().st_size for f in sorted(out.iterdir())}
    from attention_explained.demos import export_onnx, load_digit_vit, load_translator
    with tarfile.open(fileobj=io.BytesIO(ort_tarball(cache)), mode='r:gz') as tar:
        for member, name in ORT_FILES.items():
            (out/name).write_bytes(tar.extractfile(member).read())
        license = json.loads((out/'onnxruntime-web-package.json').read_text()).get('license')
        if license != 'MIT': raise RuntimeError(f'onnxruntime-web {ORT_VERSION} says license {license!r}, not MIT')
    (out/'onnxruntime-web-LICENSE.txt').write_text(MIT)
    export_onnx(load_translator()[0], out/'translator.onnx')
    export_onnx(load_digit_vit(), out/'digit_vit.onnx')
    sizes = {f.name: f.stat().st_size for f in sorted(out.iterdir())}
    total = sum(sizes.values())
    if total > MAX_BYTES: raise RuntimeError(f'the demo files take {total:,} bytes, over the {MAX_BYTES:,} allowed')
    (out/'README.txt').write_text(
        f'onnxruntime-web {ORT_VERSION} (MIT, see onnxruntime-web-LICENSE.txt), from the npm registry ({ORT_URL}),\n'
        'and the ONNX files exported by attention_explained.demos.export_onnx. Loaded only by the "Try it" boxes of\n'
        'Chapters 8 and 9.\n')
    return sizes

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('site', type=Path, help='a built site (the folder with index.html)')
    p.add_argument('--link-from', type=Path, default=None, help="another edition's _static/demos/ to hard-link")
    args = p.parse_args(argv)
    sizes = write_demo_assets(args.site, link_from=args.link_from)
    print('demo assets: ' + ', '.join(f'{k} {v / 1e6:.2f} MB' for k, v in sizes.items())
          + f'; total {sum(sizes.values()) / 1e6:.2f} MB')

if __name__ == '__main__': main()
