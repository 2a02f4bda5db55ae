"""The filter bar: a change rewrites the URL's query (the page then redraws from it)."""
from __future__ import annotations

from datetime import date

from dash import Input, Output, State, no_update

from dashboard.viewstate import route_from_data
from layouts import ids
from layouts.labels import unit_name
from dashboard.i18n import kind_label


def apply_filters(day, period, structure, kinds, units, data, today: date | None = None) -> str:
    """The new query string for the filter values (lang and anything else kept).

    ``today``: the date a URL without ``ngay`` shows; the picker showing that date on such
    a page leaves the URL without ``ngay`` (the page is the same, and a link copied later
    gets the date written out by "Copy link")."""
    _route, state = route_from_data(data)
    try:
        chosen = date.fromisoformat(day) if day else None
    except (TypeError, ValueError):
        chosen = state.day
    if state.day is None and chosen == today:
        chosen = None
    changes = {
        "day": chosen,
        "period": period or "day",
        "structure": structure or "as-of",
        "kinds": tuple(k for k in (kinds or []) if isinstance(k, str)),
        "units": tuple(u for u in (units or []) if isinstance(u, str)),
    }
    new_state = state.with_(**changes)
    if new_state.structure != state.structure or new_state.day != state.day:
        # children change with the structure date: a filter on them no longer applies
        if new_state.structure != state.structure:
            new_state = new_state.with_(units=())
    return new_state.to_query()


def register(app, service) -> None:
    @app.callback(
        Output(ids.URL, "search"),
        Input(ids.F_DATE, "date"),
        Input(ids.F_PERIOD, "value"),
        Input(ids.F_STRUCTURE, "value"),
        Input(ids.F_KIND, "value"),
        Input(ids.F_UNITS, "value"),
        State(ids.FILTER_STATE, "data"),
        prevent_initial_call=True,
    )
    def on_filter(day, period, structure, kinds, units, data):
        """A changed filter pushes one history entry; the filters settling on a page just
        opened (the picker reporting the date it shows) change nothing, so one click on a
        link is one entry and Back returns in one press."""
        query = apply_filters(day, period, structure, kinds, units, data, service.today())
        return no_update if query == route_from_data(data)[1].to_query() else query

    @app.callback(
        Output(ids.F_KIND, "options"),
        Output(ids.F_UNITS, "options"),
        Input(ids.FILTER_STATE, "data"),
    )
    def fill_options(data):
        route, state = route_from_data(data)
        lang = state.lang
        kinds, units = service.child_options(route, state, service.scope())
        return ([{"label": kind_label(k, lang), "value": k} for k in kinds],
                [{"label": unit_name(u, lang), "value": u["code"]} for u in units])

    # Phones: the filters fold under one button.
    app.clientside_callback(
        """
        function (n, className) {
            const base = (className || "").replace(/\\bopen\\b/g, "").trim();
            return n % 2 === 1 ? base + " open" : base;
        }
        """,
        Output(ids.FILTER_BODY, "className"),
        Input(ids.FILTER_TOGGLE, "n_clicks"),
        State(ids.FILTER_BODY, "className"),
        prevent_initial_call=True,
    )

    # "Copy link" copies the address with the date written out, so the link shows the
    # same figures tomorrow.
    app.clientside_callback(
        """
        function (n, day) {
            const url = new URL(window.location.href);
            if (day && !url.searchParams.get("ngay")) { url.searchParams.set("ngay", day); }
            return url.toString();
        }
        """,
        Output(ids.F_COPY, "content"),
        Input(ids.F_COPY, "n_clicks"),
        State(ids.F_DATE, "date"),
        prevent_initial_call=True,
    )
