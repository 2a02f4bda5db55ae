"""Callbacks: wiring only. Each module exposes ``register(app, service)``; a callback
reads its inputs, asks the data service, and hands the result to a layout function."""
from __future__ import annotations

from . import filters, grids, navigation, overview, router, unified, village


def register_callbacks(app, service) -> None:
    for module in (router, navigation, filters, grids, overview, unified, village):
        module.register(app, service)
