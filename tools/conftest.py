"Fixtures shared by the tools' browser tests (test_attention_view.py, test_demos.py)."
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

@pytest.fixture(scope='module')
def browser():
    "Debian's Chromium driven by Playwright, as the site check runs it (one per test module)."
    import check_site as cs
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=cs.CHROMIUM, args=cs.CHROMIUM_ARGS)
        yield b
        b.close()
