"""Drill-down: a click on a unit in any chart opens that unit's page."""
from __future__ import annotations

from dash import ALL, Input, Output, State

from layouts import ids


def register(app, service) -> None:
    # In the browser: no round trip. Every drill graph carries each point's link in
    # customdata (bars; stacked bars on their first segment only) or one link per row in
    # its trace's meta.row_links (heatmaps, see layouts.figures.row_links), found by the
    # clicked row's label; setting the
    # Location's href pushes it to the history (Back works).
    app.clientside_callback(
        """
        function (clicks, figures) {
            const ctx = window.dash_clientside.callback_context;
            if (!ctx.triggered.length || !ctx.triggered[0].value) {
                return window.dash_clientside.no_update;
            }
            const point = (ctx.triggered[0].value.points || [])[0];
            if (!point) {
                return window.dash_clientside.no_update;
            }
            let href = point.customdata;
            if (typeof href !== "string" || href.charAt(0) !== "/") {
                href = null;
                const name = ctx.triggered_id && ctx.triggered_id.name;
                const entry = ((ctx.states_list && ctx.states_list[0]) || []).find(
                    (s) => s.id && s.id.name === name);
                const figure = entry && entry.value;
                const traces = (figure && figure.data) || [];
                const trace = traces[point.curveNumber || 0];
                const links = trace && trace.meta && trace.meta.row_links;
                if (links && trace.y) {
                    const row = Array.from(trace.y).indexOf(point.y);
                    href = row >= 0 ? links[row] : null;
                } else {
                    // a segment of stacked bars: the first segment carries the row's link
                    const first = traces.find((tr) => Array.isArray(tr.customdata) && tr.y);
                    const row = first ? Array.from(first.y).indexOf(point.y) : -1;
                    href = row >= 0 ? first.customdata[row] : null;
                }
            }
            if (typeof href !== "string" || href.charAt(0) !== "/") {
                return window.dash_clientside.no_update;
            }
            window.scrollTo(0, 0);
            return href;
        }
        """,
        Output(ids.URL, "href"),
        Input({"type": ids.DRILL_GRAPH, "name": ALL}, "clickData"),
        State({"type": ids.DRILL_GRAPH, "name": ALL}, "figure"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        "function (n, open) { return n ? !open : open; }",
        Output(ids.NAVBAR_COLLAPSE, "is_open"),
        Input(ids.NAVBAR_TOGGLE, "n_clicks"),
        State(ids.NAVBAR_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        "function (n) { if (n) { window.grassrootsPrint(); } return window.dash_clientside.no_update; }",
        Output(ids.PRINT, "disabled"),
        Input(ids.PRINT, "n_clicks"),
        prevent_initial_call=True,
    )
