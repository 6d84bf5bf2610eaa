"""Tests of tools/other_device.py: the simulated second device fails where a GPU would, and only there."""
import json, sys
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from other_device import DEVICE_ERROR, OTHER, OtherDeviceMode, OtherDeviceTensor, run_notebook


@pytest.fixture
def mode():
    with OtherDeviceMode():
        yield


def test_a_model_on_the_other_device_refuses_cpu_inputs(mode):
    torch.manual_seed(0)
    layer = nn.Linear(3, 2).to(OTHER)
    assert isinstance(layer.weight, OtherDeviceTensor) and layer.weight.device == OTHER
    with pytest.raises(RuntimeError, match=DEVICE_ERROR):
        layer(torch.randn(4, 3))


def test_following_the_device_gives_the_cpu_results_bit_for_bit(mode):
    torch.manual_seed(0)
    gru, x = nn.GRU(3, 5, batch_first=True), torch.randn(2, 7, 3)
    with torch.no_grad(): expected, _ = gru(x)   # (a graph holding the weights stops .to())
    gru.to(OTHER)
    out, _ = gru(x.to(OTHER))                       # batch_first transposes in place inside
    assert out.device == OTHER and out.shape == (2, 7, 5)
    assert torch.equal(out.cpu(), expected)
    out.sum().backward()
    assert gru.weight_ih_l0.grad.device == OTHER


def test_factories_land_where_they_are_told(mode):
    made = [torch.zeros(2, device=OTHER), torch.arange(3, device=OTHER),
            torch.tensor([1, 2], device=OTHER), torch.as_tensor([1.0], device=OTHER)]
    assert all(t.device == OTHER for t in made)
    assert torch.tensor([1, 2]).device == torch.device('cpu')


def test_numpy_and_cpu_generators_are_refused_as_on_a_gpu(mode):
    probs = torch.tensor([[0.5, 0.5]]).to(OTHER)
    with pytest.raises(TypeError, match='numpy'):
        np.asarray(probs)
    with pytest.raises(RuntimeError, match='generator'):
        torch.multinomial(probs, 1, generator=torch.Generator().manual_seed(0))
    assert np.asarray(probs.cpu()).shape == (1, 2)


def test_allowed_mixes_are_allowed(mode):
    x = torch.randn(4, 3).to(OTHER)
    assert (x * torch.tensor(2.0)).device == OTHER           # a 0-d CPU tensor, as on CUDA
    assert x[torch.tensor([0, 2])].device == OTHER          # CPU indices, as on CUDA
    assert f"{x.sum():.1f}"                                  # a 0-d tensor formats
    target = torch.zeros(4, 3)
    target.copy_(x)                                          # copies cross devices
    assert torch.equal(target, x.cpu())


def test_run_notebook_reports_the_cell_that_mixes_devices(tmp_path):
    cells = [
        "import torch\nfrom attention_explained.training import default_device",
        "device = default_device()\nok = torch.arange(3, device=device) + 1",
        "bad = torch.arange(3, device=device) + torch.arange(3)",
        "import numpy as np\nnp.asarray(ok)",
        "assert ok.device == device",
    ]
    notebook = {'cells': [{'cell_type': 'code', 'source': s, 'metadata': {}, 'outputs': []}
                          for s in cells],
                'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    path = tmp_path / 'mixed.ipynb'
    path.write_text(json.dumps(notebook))
    failures = run_notebook(path)
    assert [i for i, *_ in failures] == [2, 3]
    assert DEVICE_ERROR in failures[0][2] and 'numpy' in failures[1][2]


# The library's own device-following, with the simulated device: these run in CI, where the chapters'
# pass of this tool (make test-other-device) does not.

def test_evaluate_loss_moves_each_batch_to_the_model(mode):
    from attention_explained.training import evaluate_loss
    torch.manual_seed(0)
    model, batches = nn.Linear(3, 1), [(torch.randn(4, 3), torch.randn(4, 1)) for _ in range(2)]
    def mse(m, batch): return ((m(batch[0]) - batch[1]) ** 2).mean()
    expected = evaluate_loss(model, mse, batches)
    model.to(OTHER)
    assert evaluate_loss(model, mse, batches) == expected     # the CPU batches were moved


def test_translation_batches_arrive_on_the_device(mode):
    from attention_explained.data import make_translation_data
    data = make_translation_data(n_train=10, n_valid=0, n_test=0, n_long=0)
    for on_device, on_cpu in zip(data.batches('train', 4, device=OTHER), data.batches('train', 4)):
        assert all(t.device == OTHER for t in on_device)
        assert all(torch.equal(a.cpu(), b) for a, b in zip(on_device, on_cpu))


def test_a_cpu_generator_samples_for_a_model_on_the_device(mode):
    from attention_explained.local import sample_categorical
    probs = torch.randn(50, 4, generator=torch.Generator().manual_seed(0)).softmax(-1)
    expected = sample_categorical(probs, torch.Generator().manual_seed(1))
    drawn = sample_categorical(probs.to(OTHER), torch.Generator().manual_seed(1))
    assert drawn.device == OTHER and torch.equal(drawn.cpu(), expected)
