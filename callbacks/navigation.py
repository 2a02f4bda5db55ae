"""Drill-down: a click on a unit in any chart opens that unit's page."""
from __future__ import annotations

from dash import ALL, Input, Output, State

from layouts import ids


def register(app, service) -> None:
    # In the browser: no round trip. Every drill graph carries each point's link in
    # customdata; setting the Location's href pushes it to the history (Back works).
    app.clientside_callback(
        """
        function (clicks) {
            const ctx = window.dash_clientside.callback_context;
            if (!ctx.triggered.length || !ctx.triggered[0].value) {
                return window.dash_clientside.no_update;
            }
            const point = (ctx.triggered[0].value.points || [])[0];
            if (!point || !point.customdata || typeof point.customdata !== "string"
                    || point.customdata.charAt(0) !== "/") {
                return window.dash_clientside.no_update;
            }
            window.scrollTo(0, 0);
            return point.customdata;
        }
        """,
        Output(ids.URL, "href"),
        Input({"type": ids.DRILL_GRAPH, "name": ALL}, "clickData"),
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
