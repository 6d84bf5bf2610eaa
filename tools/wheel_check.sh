#!/usr/bin/env bash
# Installs the built wheel into a fresh venv (CPU torch first, the rest under constraints.txt) and runs a
# chapter's function from a directory that cannot see this checkout.
set -euo pipefail
wheel=$(realpath "$1"); constraints=$(realpath constraints.txt)
venv=$(mktemp -d)/venv
# With uv (make wheel-check passes the .venv's) the installs take seconds; without it, pip as a user would.
# No precompiled bytecode here: this venv imports each module once.
# (uv only with a local CPU wheel of torch: from an index, uv would take the CUDA build.)
if [ -n "${UV:-}" ] && [ -x "${UV}" ] && [ -n "${TORCH_WHEEL:-}" ]; then
  "$UV" venv -q --python python3 "$venv"    # 0.3 s; `python -m venv` also installs pip (7 s of CPU here)
  install() { UV_COMPILE_BYTECODE=0 "$UV" pip install --python "$venv/bin/python" -q "$@"; }
  install "$TORCH_WHEEL"
else
  python3 -m venv "$venv"
  install() { "$venv/bin/pip" install --disable-pip-version-check -q "$@"; }
  install torch==2.13.0
fi
install -c "$constraints" "$wheel"
cd "$(mktemp -d)"
"$venv/bin/python" - <<'PY'
import importlib, pkgutil, torch, attention_explained
# every module imports with only the runtime requirements (a missing one in settings.ini fails here)
modules = [m.name for m in pkgutil.iter_modules(attention_explained.__path__) if not m.name.startswith('_')]
for name in modules: importlib.import_module(f'attention_explained.{name}')
from attention_explained.attention import scaled_dot_product_attention
assert 'site-packages' in attention_explained.__file__, attention_explained.__file__
q = torch.randn(2, 4, 8)
out, w = scaled_dot_product_attention(q, q, q, mask=torch.ones(4, 4, dtype=torch.bool).tril())
ref = torch.nn.functional.scaled_dot_product_attention(q, q, q, is_causal=True)
assert torch.allclose(out, ref, atol=1e-6), (out - ref).abs().max()
# package data: Chapter 11's chorales ship inside the wheel
from attention_explained.relative import load_chorales
chorales = load_chorales()
assert len(chorales.train) > 300 and len(chorales.test) > 10, (len(chorales.train), len(chorales.test))
# package data: the two "Try it" models ship inside the wheel (issue 24) and answer without the dev tools
from attention_explained.demos import classify_digit, translate
tokens, cross = translate('big dogs chase red birds')
assert tokens == ['큰', '개', '는', '빨간', '새', '를', '쫓아'], tokens
probabilities, cls_attention = classify_digit([16 if 2 <= x <= 5 and y in (1, 6) or 1 <= y <= 6 and x in (2, 5)
                                               else 0 for y in range(8) for x in range(8)])
assert abs(probabilities.sum() - 1) < 1e-5 and cls_attention.shape == (3, 4, 16), cls_attention.shape
# optional extras stay optional: the pretrained module imports without them (checked above) and names the pip command
print(f"wheel OK: attention_explained {attention_explained.__version__}, {len(chorales.train)}+{len(chorales.test)} chorales, demos translate {' '.join(tokens)!r}, {len(modules)} modules imported ({', '.join(modules)}), from {attention_explained.__file__}")
PY
