"""Callbacks: wiring only. Each module exposes ``register(app, service)``; a callback
reads its inputs, asks the data service, and hands the result to a layout function."""
from __future__ import annotations

from dashboard.web.response_cache import PER_USER, SHARED
from layouts import ids

from . import (data, filters, grids, navigation, notes, overview, oversight, profile, router, training, unified,
               village)

# Pages whose callbacks draw only from their view store (``dashboard.web.response_cache``).
CACHEABLE_PAGES = ("overview", "unified", "village", "training", "oversight", "profile")


def register_callbacks(app, service) -> None:
    for module in (router, navigation, filters, grids, overview, notes, unified, village, training, oversight, data,
                   profile):
        module.register(app, service)


def response_policies(app) -> dict[str, str]:
    """Which server callbacks may be answered from the rendered-response cache, by output
    spec (as the browser sends it): "shared" for those whose every input is a page's view
    store or the filter bar's state (the same answer for every user of the same scope),
    the freshness footer; "user" for the router (its navbar names the user) and the
    notes list (Sửa/Xóa on the user's own notes; the key carries the notes token, drawn
    anew at every change). The note form's buttons, the data page and every other button
    are left out."""
    shared_inputs = {ids.view(page) for page in CACHEABLE_PAGES} | {ids.FILTER_STATE}
    policies = {}
    for output, spec in app.callback_map.items():
        inputs = {i["id"] if isinstance(i["id"], str) else None for i in spec["inputs"]}
        outputs = [o.strip(".") for o in output.split("...")] if output.startswith("..") else [output]
        if inputs and inputs <= shared_inputs:
            policies[output] = SHARED
        elif outputs == [f"{ids.FRESHNESS}.children"]:
            policies[output] = SHARED
        elif f"{ids.NAVBAR}.children" in outputs:
            policies[output] = PER_USER
        elif f"{ids.NOTES}.children" in outputs and inputs <= shared_inputs | {ids.NOTE_VERSION}:
            policies[output] = PER_USER
    return policies
