"""The browser tests spread over the pytest-xdist workers like the others: each starts the
app on a free port of its own (``tests.conftest.free_port``) with its own Chromium profile,
so two can run at once. They used to share one worker (``xdist_group``), which made that
worker the whole run's critical path (about 450 s of browser tests against 250 s of the
rest on a 2-core machine)."""
from __future__ import annotations
