"""The browser tests run on one pytest-xdist worker (``xdist_group``): each starts the app on
the same port, one at a time."""
from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.xdist_group("browser"))
