"""Train the two "Try it" models (issue 24) and write their weights into the package.

    python tools/export_demos.py            # -> attention_explained/demo_weights/{translator,digit_vit}.safetensors

Chapter 8's translator and Chapter 9's digit ViT, trained with the chapters' own exported code and recipes
(`attention_explained.demos.train_translator` / `train_digit_vit`: seeded, on the CPU, about a minute each) and
stored as float16 safetensors files that ship in the wheel. The chapters never write them (CI runs the notebooks
on a clean tree); run this script when the models or their recipes change, and commit the two files.
The ONNX files the site runs are made from these weights at docs-build time (tools/demo_assets.py).
"""
import argparse, time
from pathlib import Path

import torch

def main(argv=None):
    from attention_explained.demos import export_demo_weights, weights_dir
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--out', default=str(weights_dir()), help='folder to write the two files to')
    args = p.parse_args(argv)
    torch.set_num_threads(1)          # small models: one thread is faster on a shared CPU
    t = time.time()
    for path in export_demo_weights(Path(args.out)):
        print(f'wrote {path} ({path.stat().st_size / 1024:.0f} KiB)')
    print(f'{time.time() - t:.0f} s')

if __name__ == '__main__': main()
