"""The router: the URL decides the navbar and the page skeleton."""
from __future__ import annotations

import json

from dash import Input, Output, dcc

from dashboard.service.core import NotCached
from dashboard.web.response_cache import keep_out
from dashboard.viewstate import ViewState, home_route, parse_path, view_data
from layouts import ids, pages, placeholders
from layouts.overview import MAIN_PARTS
from layouts.profile import CHARTS as PROFILE_CHARTS
from layouts.training import CHARTS as TRAINING_CHARTS
from layouts.training import SUMMARY_MAIN
from layouts.unified import CHARTS as UNIFIED_CHARTS
from layouts.shell import freshness, navbar

from .overview import overview_sections
from .profile import profile_main
from .oversight import oversight_sections
from .training import summary_sections
from .unified import unified_main
from .village import village_sections

# Each page's first view, drawn with its skeleton: the page then appears at once, at
# its final size, instead of growing as its callbacks answer. page -> (its sections from
# the same function its main callback calls, {(component id, property): section name}).
# The charts above the fold come with their figures: a chart whose figure comes later
# would be a spinner's height first and push what is below it down when it is drawn.
def _key(identifier) -> str | None:
    if isinstance(identifier, dict):
        return json.dumps(identifier, sort_keys=True)
    return identifier if isinstance(identifier, str) else None


def _children(mapping: dict) -> dict:
    return {(key, "children"): name for key, name in mapping.items()}


FIRST_VIEW = {
    "overview": (lambda service, data: overview_sections(service, data, MAIN_PARTS),
                 _children({ids.HEADER: "header", ids.OV_KPIS: "kpis", ids.OV_ATTENTION: "attention",
                            ids.OV_STALE: "stale", ids.OV_TILES: "tiles"})),
    "unified": (unified_main, {**_children({ids.UN_HEADER: "header", ids.UN_KPIS: "kpis", ids.UN_TILES: "tiles"}),
                               **{(_key(ids.drill_graph(name)), "figure"): name for name in UNIFIED_CHARTS},
                               **{(ids.chart_wrap(name), "style"): f"{name}_style" for name in UNIFIED_CHARTS}}),
    "training": (lambda service, data: summary_sections(service, data, SUMMARY_MAIN),
                 {**_children({ids.TR_HEADER: "header", ids.TR_KPIS: "kpis", ids.TR_TILES: "tiles"}),
                  **{(_key(ids.drill_graph(name)), "figure"): name for name in TRAINING_CHARTS},
                  **{(ids.chart_wrap(name), "style"): f"{name}_style" for name in TRAINING_CHARTS}}),
    "oversight": (oversight_sections, {
        **_children({ids.OS_HEADER: "header", ids.OS_KPIS: "kpis", ids.OS_NOTE: "note",
                     ids.OS_RECS_TITLE: "recs_title", ids.OS_SILENT: "silent", ids.OS_TILES: "tiles",
                     **{ids.os_heat_title(k): f"heat_title_{k}" for k in ids.OS_HEAT_KINDS}}),
        **{(_key(ids.drill_graph(ids.os_heat(k))), "figure"): f"heat_{k}" for k in ids.OS_HEAT_KINDS},
        **{(ids.os_heat_inner(k), "style"): f"heat_style_{k}" for k in ids.OS_HEAT_KINDS},
        (_key(ids.drill_graph(ids.OS_RECS)), "figure"): "recs", (ids.chart_wrap(ids.OS_RECS), "style"): "recs_style"}),
    # the cadre profile: header, cards, the pyramid and the levels by child, the table
    "profile": (profile_main, {**_children({ids.PR_HEADER: "header", ids.PR_KPIS: "kpis", ids.PR_TABLE: "table"}),
                               (ids.PR_PYRAMID, "figure"): ids.PR_PYRAMID,
                               **{(_key(ids.drill_graph(name)), "figure"): name for name in PROFILE_CHARTS}}),
    # a village page is small: all of it (its status card and its three tables)
    "village": (village_sections, _children({ids.VL_HEADER: "header", ids.VL_STATUS: "status",
                                             ids.VL_PROFILES: "profiles",
                                             ids.VL_HOLDERS: "holders", ids.VL_TRAININGS: "trainings",
                                             ids.VL_ACTIVITIES: "activities"})),
}


def fill(tree, contents: dict) -> None:
    """Put ``contents`` (component id -> children) into the components of those ids."""
    fill_props(tree, {key: {"children": value} for key, value in contents.items()})


def fill_props(tree, contents: dict) -> None:
    """Set ``contents`` (component id -> {property: value}) on the components of those ids
    (the id a string, or a pattern-matching dict)."""
    wanted = {_key(key): props for key, props in contents.items()}
    _fill(tree, wanted)


def _fill(tree, wanted: dict) -> None:
    if tree is None or isinstance(tree, (str, int, float)):
        return
    if isinstance(tree, (list, tuple)):
        for item in tree:
            _fill(item, wanted)
        return
    props = wanted.get(_key(getattr(tree, "id", None)))
    if props:
        for name, value in props.items():
            setattr(tree, name, value)
        if "children" in props:
            return
    _fill(getattr(tree, "children", None), wanted)


def reserve_chart_heights(tree) -> None:
    """Every spinner wrapper (dcc.Loading) around a chart keeps the chart's height: until
    plotly.js has loaded, a chart has no box of its own (Dash draws an empty div), and the
    spinner alone would be 72 px high; the sections below would then move down twice."""
    if tree is None or isinstance(tree, (str, int, float)):
        return
    if isinstance(tree, (list, tuple)):
        for item in tree:
            reserve_chart_heights(item)
        return
    if isinstance(tree, dcc.Loading):
        height = _graph_height(tree.children)
        if height:
            tree.parent_style = {**(getattr(tree, "parent_style", None) or {}), "minHeight": f"{int(height)}px"}
    reserve_chart_heights(getattr(tree, "children", None))


def _graph_height(tree) -> float | None:
    if tree is None or isinstance(tree, (str, int, float)):
        return None
    if isinstance(tree, (list, tuple)):
        return max((h for h in (_graph_height(item) for item in tree) if h), default=None)
    if isinstance(tree, dcc.Graph):
        figure = getattr(tree, "figure", None) or {}
        layout = figure.get("layout") if isinstance(figure, dict) else getattr(figure, "layout", None)
        height = (layout or {}).get("height") if isinstance(layout, dict) else getattr(layout, "height", None)
        return height or None
    return _graph_height(getattr(tree, "children", None))


# How ``render_route`` draws a page's first view: two callers, two rules.
FULL = "full"  # the initial HTML of a page load (``dashboard.web.first_view``): computed
# if need be; the browser's first and largest paint and its layout shift depend on it
FROM_CACHE = "from-cache"  # an SPA navigation (the router callback): only from the
# result cache, else placeholders of the same size; the page's callbacks compute it


def render_route(app, service, pathname: str | None, search: str | None, first_view: str):
    """(navbar, page, title) for a URL. A unit's page comes with its first view (header,
    KPI cards; on the overview the attention list and village tiles) in its skeleton:
    the same contents its own callback then draws again, so nothing moves.

    ``first_view``: ``FULL`` computes what is not cached (the initial HTML);
    ``FROM_CACHE`` draws only what the result cache holds (the warm-up, an earlier
    visit) and otherwise the page's placeholders (``layouts.placeholders``), so that an
    SPA navigation answers at once and the cold queries run in the page's callbacks."""
    if first_view not in (FULL, FROM_CACHE):
        raise ValueError(f"first_view: {first_view!r}")
    path = "/" + (app.strip_relative_path(pathname or "/") or "")
    user = service.current_user()
    # a one-unit user's root pages are their own unit's (not the town titled with one ward)
    route = home_route(parse_path(path), user.unit_code if user is not None and user.role == "unit" else None)
    state = ViewState.from_query(search)
    page = pages.page(route, state, search or "", service.today(), path)
    if route is not None and route.page in FIRST_VIEW:
        sections_of, places = FIRST_VIEW[route.page]
        data = view_data(route, search or "")
        if first_view == FULL:
            sections = sections_of(service, data)
        else:
            try:
                with service.cache_only():
                    sections = sections_of(service, data)
            except NotCached:
                keep_out()  # once the numbers are computed, the same URL draws them
                sections = placeholders.sections(route.page, route.unit is not None, service.is_demo(), state.lang)
        contents: dict = {}
        for (key, prop), name in places.items():
            value = sections.get(name)
            if value is None and prop != "children":
                continue  # a placeholder keeps the skeleton's own chart and style
            contents.setdefault(key, {})[prop] = value
        fill_props(page, contents)
    reserve_chart_heights(page)
    return navbar(route, state, state.lang, user), page, pages.title(route, state.lang)


def register(app, service) -> None:
    @app.callback(
        Output(ids.NAVBAR, "children"),
        Output(ids.PAGE, "children"),
        Output(ids.PAGE_TITLE, "children"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
    )
    def route(pathname, search):
        return render_route(app, service, pathname, search, FROM_CACHE)

    @app.callback(Output(ids.FRESHNESS, "children"), Input(ids.URL, "pathname"), Input(ids.URL, "search"))
    def fresh(_pathname, search):
        """Every page says up to which date the data goes and when it was last imported."""
        return freshness(service.freshness(), ViewState.from_query(search).lang)

    app.clientside_callback(
        "function (title) { if (title) { document.title = title; } return window.dash_clientside.no_update; }",
        Output(ids.PAGE_TITLE, "hidden"),
        Input(ids.PAGE_TITLE, "children"),
    )
