"""Callbacks: wiring only. Each module exposes ``register(app, service)``; a callback
reads its inputs, asks the data service, and hands the result to a layout function."""
from __future__ import annotations

from . import data, filters, grids, navigation, notes, overview, oversight, router, training, unified, village


def register_callbacks(app, service) -> None:
    for module in (router, navigation, filters, grids, overview, notes, unified, village, training, oversight, data):
        module.register(app, service)
