"""Run notebooks as if the machine had a second device, to find the cells a GPU would break.

This machine has no GPU. On one, a chapter breaks wherever a tensor on the CPU meets a tensor on the
GPU (`model(x)` after `fit` moved the model, `torch.arange(n)` inside a module), and wherever a GPU
tensor is handed to NumPy. This tool makes such places fail here too: it runs each notebook with
`default_device()` returning `cpu:1`, a device that is the CPU underneath but kept apart from `cpu`:

- a tensor on `cpu:1` is a wrapper (`OtherDeviceTensor`) around a CPU tensor; every operation on it is
  computed on the CPU and its result wrapped again;
- an operation that mixes a `cpu:1` tensor with a CPU tensor of one or more dimensions raises, as CUDA
  does (0-dimensional CPU tensors may mix, as they may with CUDA; `copy_` and `.to()` move between
  devices);
- NumPy cannot read a `cpu:1` tensor (`.numpy()`, `np.asarray`), as it cannot read a CUDA one.

Where the model differs from a GPU: a module whose parameters an autograd graph still holds cannot be moved
to `cpu:1` (torch swaps such tensors in place, and the graph's references forbid it; `.to('cuda')` has no such
limit), and it knows nothing of CUDA's own kernels, numerics or memory.

Training is cut to 2 steps of one epoch, so trained results are not reached: fastcore's `test_eq`,
`test_close` and the like are turned off (`test_fail` is kept), and other failures are reported but
are not device failures. A cell fails the run only when its error
says it mixed devices or handed a device tensor to NumPy.

    python tools/other_device.py nbs/08_transformer.ipynb [more notebooks]   # exit 1 on a device failure
"""
from __future__ import annotations

import contextlib, io, json, os, re, sys, time, traceback
from itertools import islice
from pathlib import Path

import torch
from torch.overrides import TorchFunctionMode
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_map

OTHER = torch.device('cpu', 1)
DEVICE_ERROR = 'expected all tensors to be on the same device'
NUMPY_ERROR = "can't convert a tensor on cpu:1 to numpy"


class OtherDeviceTensor(torch.Tensor):
    "A CPU tensor that says it lives on `cpu:1`."

    @staticmethod
    def __new__(cls, elem: torch.Tensor):
        return torch.Tensor._make_wrapper_subclass(
            cls, elem.shape, strides=elem.stride(), storage_offset=elem.storage_offset(),
            dtype=elem.dtype, layout=elem.layout, device=OTHER, requires_grad=elem.requires_grad,
        )

    def __init__(self, elem: torch.Tensor):
        self.elem = elem

    def __repr__(self):
        return f"{self.elem!r} on {OTHER}"

    def numpy(self, *args, **kwargs):
        raise TypeError(f"{NUMPY_ERROR}: use .cpu() first")

    # A CUDA tensor has a storage of its own that libraries such as safetensors read; so has
    # this one: its CPU tensor's.
    def untyped_storage(self):
        return self.elem.untyped_storage()

    def storage(self):
        return self.elem.storage()

    def data_ptr(self):
        return self.elem.data_ptr()

    def tolist(self):
        return self.cpu().tolist()

    def __format__(self, spec):   # as torch.Tensor formats a 0-d tensor, which it does not
        return self.item().__format__(spec) if self.dim() == 0 else super().__format__(spec)

    def __array__(self, *args, **kwargs):
        raise TypeError(f"{NUMPY_ERROR}: use .cpu() first")

    def __tensor_flatten__(self):
        return ['elem'], None

    @staticmethod
    def __tensor_unflatten__(inner, meta, outer_size, outer_stride):
        return OtherDeviceTensor(inner['elem'])

    @classmethod
    def __torch_dispatch__(cls, func, types, args=(), kwargs=None):
        return _dispatch(func, args, kwargs or {})


# Operations that take tensors from two devices legitimately.
CROSS_DEVICE = {'copy_', '_to_copy', '_copy_from', '_copy_from_and_resize', 'set_'}
# Indexing a CUDA tensor with CPU indices is allowed too.
INDEXING = {'index', 'index_put', 'index_put_', '_index_put_impl_'}
# In-place operations that change only sizes and strides.
METADATA_IN_PLACE = {'transpose_', 't_', 'squeeze_', 'unsqueeze_', 'as_strided_', 'swapdims_',
                     'swapaxes_'}
# Packed sequences keep their lengths and batch sizes on the CPU whatever the device of the data.
LENGTHS_ON_CPU = {'_pack_padded_sequence', '_pad_packed_sequence', 'gru', 'lstm', 'rnn_tanh',
                  'rnn_relu'}


def _is_other_device(value) -> bool:
    return isinstance(value, torch.device) and value == OTHER or value == str(OTHER)


def _dispatch(func, args, kwargs):
    name = func._schema.name.split('::')[-1]
    others, plain = [], []
    # indices, and packing's lengths, may stay on the CPU
    checked = (args[:1] + args[2:]) if name in INDEXING | LENGTHS_ON_CPU else args
    for a in torch.utils._pytree.tree_leaves((checked, kwargs)):
        if isinstance(a, OtherDeviceTensor): others.append(a)
        elif isinstance(a, torch.Tensor) and a.dim() > 0 and a.device.type != 'meta':
            plain.append(a)
    generators = [a for a in torch.utils._pytree.tree_leaves((args, kwargs))
                  if isinstance(a, torch.Generator) and a.device != OTHER]
    if others and generators:   # CUDA refuses a CPU generator for its tensors
        raise RuntimeError(
            f"{DEVICE_ERROR}: a generator on {generators[0].device} for tensors on {OTHER} "
            f"(in {func})"
        )
    if others and plain and name not in CROSS_DEVICE:
        raise RuntimeError(
            f"{DEVICE_ERROR}, but found at least two devices, {OTHER} and cpu! "
            f"(in {func}: shapes {[tuple(p.shape) for p in plain]} on the CPU)"
        )
    to_other = _is_other_device(kwargs.get('device'))
    if to_other: kwargs = {**kwargs, 'device': torch.device('cpu')}
    leaving = name == '_to_copy' and 'device' in kwargs and not to_other
    unwrapped = {}

    def unwrap(a):
        if isinstance(a, OtherDeviceTensor):
            unwrapped[id(a.elem)] = a
            return a.elem
        return a

    out = func(*tree_map(unwrap, args), **tree_map(unwrap, kwargs))
    if name in METADATA_IN_PLACE and isinstance(args[0], OtherDeviceTensor):
        # the wrapper's own sizes and strides must change too: run the op on the wrapper
        # itself below the Python key (these ops never read the data it does not have)
        python = torch._C.DispatchKeySet(torch._C.DispatchKey.Python)
        with torch._C._ExcludeDispatchKeyGuard(python): func(args[0], *args[1:], **kwargs)
    wrap_results = (bool(others) or to_other) and not leaving

    def wrap(o):
        if not isinstance(o, torch.Tensor): return o
        if id(o) in unwrapped: return unwrapped[id(o)]   # an in-place op returns its input
        return OtherDeviceTensor(o) if wrap_results else o

    if name == '_pack_padded_sequence':   # (data, batch_sizes): batch_sizes stays on the CPU
        return wrap(out[0]), out[1]
    return tree_map(wrap, out)


class OtherDeviceMode(TorchDispatchMode):
    """While active, factory functions given `device=cpu:1` build `OtherDeviceTensor`s and
    every operation is checked for mixed devices."""

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        return _dispatch(func, args, kwargs or {})

    # torch.tensor(data, device=...) and torch.as_tensor build a CPU tensor in C++ without asking
    # the dispatcher when the device's type is 'cpu'; a function mode places them instead.
    def __enter__(self):
        self._factories = _PlacedFactories()
        self._factories.__enter__()
        return super().__enter__()

    def __exit__(self, *exc):
        result = super().__exit__(*exc)
        self._factories.__exit__(*exc)
        return result


class _PlacedFactories(TorchFunctionMode):
    "torch.tensor / torch.as_tensor with `device=cpu:1`: built on the CPU, then moved there."

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func in (torch.tensor, torch.as_tensor) and _is_other_device(kwargs.get('device')):
            return func(*args, **{k: v for k, v in kwargs.items() if k != 'device'}).to(OTHER)
        return func(*args, **kwargs)


class FewBatches:
    "The first `n` batches of a re-iterable, re-iterable itself."

    def __init__(self, batches, n):
        self.batches, self.n = batches, n

    def __iter__(self):
        return islice(iter(self.batches), self.n)

    def __len__(self):
        try: return min(len(self.batches), self.n)
        except TypeError: return self.n


SETUP = '''
import inspect, torch, attention_explained.training as _training
import fastcore.test as _fastcore_test
from other_device import OTHER, OtherDeviceMode, FewBatches
_fit, _default_device = _training.fit, _training.default_device

def _short_fit(*args, **kwargs):
    bound = inspect.signature(_fit).bind(*args, **kwargs)
    bound.arguments['train_batches'] = FewBatches(bound.arguments['train_batches'], 2)
    bound.arguments['epochs'] = 1
    return _fit(*bound.args, **bound.kwargs)

_training.fit, _training.default_device = _short_fit, lambda: OTHER
# after two steps the trained results are meaningless: their assertions are not checked
_saved_tests = {name: getattr(_fastcore_test, name) for name in
                ('test_eq', 'test_ne', 'test_close', 'test', 'test_is', 'test_eq_type')}
for _name in _saved_tests: setattr(_fastcore_test, _name, lambda *args, **kwargs: None)
_other_device_mode = OtherDeviceMode(); _other_device_mode.__enter__();
'''

# Everything SETUP changed is put back, so that notebooks (and tests) run one after another in a process.
TEARDOWN = '''
_other_device_mode.__exit__(None, None, None)
_training.fit, _training.default_device = _fit, _default_device
for _name, _function in _saved_tests.items(): setattr(_fastcore_test, _name, _function)
import matplotlib.pyplot as _plt; _plt.close('all')
'''


def run_notebook(path: Path, verbose: bool = False) -> list[tuple[int, str, str]]:
    "Execute `path`'s code cells in order; return (cell index, error type, message) per failing cell."
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    shell.showtraceback = lambda *args, **kwargs: None   # the summary below says enough
    shell.run_cell(f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})")
    shell.run_cell('%matplotlib agg')
    if not shell.run_cell(SETUP).success: raise RuntimeError("setup failed")
    failures = []
    cells = json.loads(path.read_text())['cells']
    for i, cell in enumerate(cells):
        src = ''.join(cell['source'])
        if cell['cell_type'] != 'code' or re.search(r'^#\|\s*eval:\s*false', src, re.M): continue
        with contextlib.redirect_stdout(io.StringIO()):   # the cells' own output is not needed
            result = shell.run_cell(src, silent=True)
        err = result.error_in_exec or result.error_before_exec
        if err is not None:
            if verbose: traceback.print_exception(err, file=sys.stderr)
            where = traceback.extract_tb(err.__traceback__)[-1]
            message = str(err).splitlines()[0] if str(err) else ''
            failures.append((i, type(err).__name__, f"{message} [{where.name}:{where.lineno}]"))
    shell.run_cell(TEARDOWN)
    InteractiveShell.clear_instance()
    return failures


def is_device_failure(kind: str, message: str) -> bool:
    return DEVICE_ERROR in message or NUMPY_ERROR in message


def main(paths: list[str]) -> int:
    device_failures = 0
    for p in paths:
        t0 = time.perf_counter()
        failures = run_notebook(Path(p), verbose=bool(os.environ.get('VERBOSE')))
        print(f"{p}: {len(failures)} failing cells ({time.perf_counter() - t0:.0f} s)")
        for i, kind, message in failures:
            device = is_device_failure(kind, message)
            device_failures += device
            tag = 'DEVICE' if device else 'other '
            print(f"  {tag} cell {i}: {kind}: {message[:200]}")
    return 1 if device_failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
