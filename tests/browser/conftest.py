"""The browser tests run on one pytest-xdist worker (``xdist_group``), one at a time: each
starts the app on a free port of its own, but two Chromiums and two apps at once on a
2-core machine make every wait in them longer."""
from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.xdist_group("browser"))
