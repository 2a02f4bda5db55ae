"""The app starts when the reader first uses the page, not while the page loads.

The page's first view is in the initial HTML (``first_view``): title, cards, attention
list, ranked bars and tables' rows, drawn by the server, links as plain links. Reading it
needs no script. Dash's scripts (React, the renderer, the component libraries: about 1 MB)
and the renderer's start (the layout, the callbacks, React drawing the same page again)
cost a phone several seconds of a blocked main thread (Lighthouse mobile: 2.4-2.8 s of
total blocking time on the overview, almost all of it the renderer's and React's work).
So the index page carries them as tags of a type the browser does not run, and ``assets/boot.js``
starts them:
- at once when the first view is not complete (placeholders of a cold cache, or no first
  view at all): the app fills it in;
- otherwise on the reader's first use of the page: a touch, a click, a key, a scroll, the
  mouse moving over it, focus moving into it, a print. A link followed before that is an
  ordinary link (the next page comes with its own first view).
boot.js prefetches the scripts once the page has loaded (downloaded at low priority, not
run), so starting costs the running, not the download; not before: on a slow network
they would compete with the page itself (Lighthouse's largest paint 2.0 -> 5.5 s on a
commune page with the hints in the HTML). The project's own assets/ scripts stay
in the page as Dash puts them (small, and they must see the page from the start: the print
and session handlers, the lazy loading of charts and tables).
"""
from __future__ import annotations

import re

from markupsafe import Markup

DEFAULT_RENDERER = "var renderer = new DashRenderer();"
SCRIPT_TAG = re.compile(r'<script src="([^"]+)"></script>')
DEFERRED_TYPE = "grassroots/deferred"  # assets/boot.js looks for it


def split(scripts: str, assets_prefix: str) -> tuple[str, list[str]]:
    """Dash's script tags -> (what stays in the page, the sources started later).
    Everything under ``assets_prefix`` and every inline script (Dash's clientside
    functions: definitions only) stays; the other sources are started later, in order."""
    deferred: list[str] = []

    def keep_or_defer(match: re.Match) -> str:
        src = match.group(1)
        if src.startswith(assets_prefix):
            return match.group(0)
        deferred.append(src)
        return ""

    kept = SCRIPT_TAG.sub(keep_or_defer, scripts)
    return kept, deferred


def boot_html(deferred: list[str]) -> str:
    """The scripts as tags the browser neither fetches nor runs (an unknown type), in
    Dash's order, for boot.js to start (and to prefetch once the page has loaded)."""
    return "".join(f'<script type="{DEFERRED_TYPE}" src="{Markup.escape(src)}"></script>' for src in deferred)


def install(app) -> None:
    """Dash's index page with its scripts started by ``assets/boot.js``. An app whose
    renderer is not Dash's default (hooks) keeps Dash's own page."""
    original = app.interpolate_index

    def interpolate_index(**kwargs):
        if app.renderer.strip() != DEFAULT_RENDERER or "scripts" not in kwargs or "renderer" not in kwargs:
            return original(**kwargs)
        assets_prefix = app.config.requests_pathname_prefix + "assets/"
        kept, deferred = split(kwargs["scripts"], assets_prefix)
        if not deferred:
            return original(**kwargs)
        kwargs["scripts"] = boot_html(deferred) + kept
        # kept for Dash's check of the page, but not run: boot.js starts the renderer
        kwargs["renderer"] = f'<script id="_dash-renderer" type="text/plain">{DEFAULT_RENDERER}</script>'
        return original(**kwargs)

    app.interpolate_index = interpolate_index
