"""The community oversight page (Giám sát cộng đồng, /giam-sat and /giam-sat/<code>).

``skeleton`` is drawn from the URL alone; ``render`` turns the data service's
``OversightData`` into the contents of each section, ``render_activities`` its
``OversightActivities`` into the activity table. Pure: no database.
"""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import fmt
from dashboard.definitions import INDICATORS, grade
from dashboard.i18n import activity_kind_label, board_kind_label, t, unit_title
from dashboard.periods import add_months
from dashboard.viewstate import Route, ViewState, href, view_data

from . import ids
from .components import (
    empty_state,
    figure_text,
    info_button,
    kpi_card,
    kpi_popover,
    kpi_title,
    loading,
    section,
)
from .figures import empty_figure, graph_config
from .filters import filter_bar
from .grid import data_grid, date_column, int_column, text_column
from .labels import change_text, period_label, short_period_label, titled_records
from .oversight_figures import activity_heatmap, heatmap_box, recommendations_chart
from .tiles import state_tile, tiles_section, wants_tiles
from .unit_header import child_href, error_header, header

PAGE = "oversight"
# more months than this and the heatmaps count by quarter instead (a term has up to 60)
MAX_MONTH_COLUMNS = 24
HEAT_NAMES = {kind: ids.os_heat(kind) for kind in ids.OS_HEAT_KINDS}
SECTIONS = [
    "header", "kpis", "note",
    *[f"heat_title_{k}" for k in ids.OS_HEAT_KINDS],
    *[f"heat_{k}" for k in ids.OS_HEAT_KINDS],
    *[f"heat_style_{k}" for k in ids.OS_HEAT_KINDS],
    "recs_title", "recs", "recs_style", "tiles", "silent",
]
HIDDEN = {"display": "none"}


def skeleton(route: Route, state: ViewState, today: date, search: str = "") -> html.Div:
    lang = state.lang
    heatmaps = []
    for kind in ids.OS_HEAT_KINDS:
        name = HEAT_NAMES[kind]
        graph = dcc.Graph(id=ids.drill_graph(name), config=graph_config(lang),
                          figure=empty_figure(t("loading", lang), lang))
        heatmaps.append(html.Section([
            html.Div(id=ids.os_heat_title(kind), className="mb-2"),
            loading(html.Div(html.Div(graph, id=ids.os_heat_inner(kind)), className="heatmap-scroll"), name),
        ], className="chart-card mb-3", id=ids.chart_wrap(name)))
    recs = html.Section([
        html.Div(id=ids.OS_RECS_TITLE, className="mb-2"),
        loading(html.Div(html.Div(dcc.Graph(id=ids.drill_graph(ids.OS_RECS), config=graph_config(lang),
                                            figure=empty_figure(t("loading", lang), lang)),
                                  className="recs-inner"), className="heatmap-scroll"), ids.OS_RECS),
    ], className="chart-card mb-4", id=ids.chart_wrap(ids.OS_RECS))
    reset = href(PAGE, ViewState(lang=lang), route.unit)
    return html.Div([
        loading(html.Div(id=ids.OS_HEADER, className="page-header"), ids.OS_HEADER),
        filter_bar(state, today, lang, view_data(route, search), reset_href=reset),
        html.H2(t("oversight.kpis", lang), className="h5 visually-hidden"),
        section(None, loading(html.Div(id=ids.OS_KPIS), ids.OS_KPIS)),
        html.Div(id=ids.OS_NOTE),
        # a commune's villages: tiles instead of the recommendations by child (render)
        html.Div(id=ids.OS_TILES),
        *heatmaps,
        recs,
        section(t("oversight.silent.title", lang), loading(html.Div(id=ids.OS_SILENT), ids.OS_SILENT),
                info=info_button("silent_boards", lang, "os-silent")),
        section(t("oversight.activities.title", lang),
                loading(html.Div(id=ids.OS_ACTIVITIES), ids.OS_ACTIVITIES)),
    ], className="page page-oversight")


# --- KPIs --------------------------------------------------------------------------------

RATE_CARDS = (
    # key, title, detail, numerator, denominator, indicator (thresholds)
    ("bttnd", "oversight.kpi.bttnd", "active_bttnd", "boards_bttnd", "boards"),
    ("gsdtcd", "oversight.kpi.gsdtcd", "active_gsdtcd", "boards_gsdtcd", "boards"),
    ("resolved", "kpi.resolved", "resolved", "recommendations", "resolved"),
)


def count_change(current, previous, has_previous: bool, compared: str, lang: str, show) -> str:
    """"tăng 12 so với Quý 2/2018" for a count, written with ``show``."""
    if not has_previous:
        return t("kpi.change_none", lang)
    delta = current - previous
    if abs(delta) < 1e-9:
        return f"{t('kpi.change_same', lang)} {compared}"
    key = "oversight.change_up" if delta > 0 else "oversight.change_down"
    return f"{t(key, lang, value=show(abs(delta)))} {compared}"


def count_card(title: str, value: str, detail: str, change: str, card_id: str, info=None) -> dbc.Card:
    """A headline count (no ratio, so no grade): value, what it is, the change."""
    return dbc.Card(dbc.CardBody([
        kpi_title(title, info),
        html.Div(html.Span(value, className="kpi-value kpi-value-count")),
        html.Div(detail, className="kpi-detail"),
        html.Div(html.Span(change, className="kpi-change"), className="mt-1"),
        kpi_popover(info),
    ]), className="kpi-card kpi-count h-100", id=card_id)


def kpis(total, previous, context, lang: str) -> html.Div:
    compared = t("period.vs_previous", lang, label=short_period_label(context.previous, lang))
    has_previous = context.previous.has_data
    rates = []
    for key, label, num_col, den_col, indicator_key in RATE_CARDS:
        num, den = int(total[num_col]), int(total[den_col])
        pnum, pden = int(previous[num_col]), int(previous[den_col])
        change = change_text((num, den), (pnum, pden), lang)
        rates.append(dbc.Col(kpi_card(
            t(label, lang), t(label + ".detail", lang), num, den,
            grade(INDICATORS[indicator_key], num, den),
            f"{change} {compared}" if change and pden else change, lang, card_id=ids.os_kpi(key),
            info=info_button(indicator_key, lang, ids.os_kpi(key), figure_text(num, den, indicator_key, lang)),
        ), xs=6, md=4))

    def whole(value):
        return fmt.number(value, 0, lang)

    def money(value):
        return fmt.money(value, lang)

    def land(value):
        return f"{fmt.number(value, 1 if value % 1 else 0, lang)} m²"

    counts = [
        ("activities", t("kpi.activities", lang), whole(total["activities"]),
         t("oversight.kpi.activities.detail", lang, count=whole(total["supervisions"])),
         count_change(int(total["activities"]), int(previous["activities"]), has_previous, compared, lang, whole)),
        ("money", t("kpi.money", lang), money(total["money_recovered"]),
         t("kpi.money.detail", lang),
         count_change(int(total["money_recovered"]), int(previous["money_recovered"]), has_previous, compared,
                      lang, money)),
        ("land", t("kpi.land", lang), land(float(total["land_recovered_m2"])),
         t("kpi.land.detail", lang),
         count_change(float(total["land_recovered_m2"]), float(previous["land_recovered_m2"]), has_previous,
                      compared, lang, land)),
        ("settlement", t("kpi.settlement", lang), money(total["settlement_reduction"]),
         t("kpi.settlement.detail", lang),
         count_change(int(total["settlement_reduction"]), int(previous["settlement_reduction"]), has_previous,
                      compared, lang, money)),
    ]
    figures = {"activities": total["activities"], "money": total["money_recovered"],
               "land": float(total["land_recovered_m2"]), "settlement": total["settlement_reduction"]}
    cards = [dbc.Col(count_card(title, value, detail, change, ids.os_kpi(key),
                                info_button(key, lang, ids.os_kpi(key),
                                            figure_text(figures[key], None, key, lang, 1 if key == "land" else 0))),
                     xs=6, xl=3)
             for key, title, value, detail, change in counts]
    return html.Div([dbc.Row(rates, className="g-3 kpi-row mb-3"), dbc.Row(cards, className="g-3 kpi-row")])


# --- activity by child and month ---------------------------------------------------------


def buckets(period) -> tuple[str, list[date]]:
    """("month" | "quarter", first days of the buckets) from the later of the period's
    start and the first day with records, to the period's date."""
    start = max(period.start, period.data_from) if period.data_from else period.start
    cursor = date(start.year, start.month, 1)
    months = []
    while cursor <= period.as_of:
        months.append(cursor)
        cursor = add_months(cursor, 1)
    if len(months) <= MAX_MONTH_COLUMNS:
        return "month", months
    quarters = list(dict.fromkeys(date(m.year, 3 * ((m.month - 1) // 3) + 1, 1) for m in months))
    return "quarter", quarters


def bucket_label(kind: str, day: date, lang: str) -> str:
    if kind == "quarter":
        return t("oversight.quarter_label", lang, quarter=(day.month - 1) // 3 + 1, year=day.year)
    return t("oversight.month_label", lang, month=day.month, year=day.year)


def _bucket_of(kind: str, day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1) if kind == "quarter" else day


def place_rows(data, lang: str) -> list[dict]:
    """The rows of the per-child charts: each child (unit_id, name, href, boards of each
    kind), and on a commune's page a last row (unit_id None) for activities tied to no
    village."""
    context = data.context
    children = data.summary[~data.summary["is_total"]]
    # two villages of a merged ward can share a name: sibling titles
    rows = [{"unit_id": int(row["unit_id"]),
             "name": name,
             "href": child_href(row, context.state, context.unit.code, PAGE),
             "boards_bttnd": int(row["boards_bttnd"]), "boards_gsdtcd": int(row["boards_gsdtcd"])}
            for name, row in titled_records(children, lang)]
    if data.by_village:
        rows.append({"unit_id": None, "name": t("oversight.no_village", lang), "href": None})
    return rows


def _per_row(data, rows: list[dict], values: pd.DataFrame, column: str, key) -> list[dict]:
    """{key: value} per place row: children from their group, the no-village row as the
    total minus the children."""
    unit_id = data.context.view.unit_id
    sums = values.groupby(["group_id", key])[column].sum()
    per_group: dict[int, dict] = {}
    for (group_id, bucket), value in sums.items():
        per_group.setdefault(int(group_id), {})[bucket] = int(value)
    out = []
    for row in rows:
        if row["unit_id"] is None:
            remainder = dict(per_group.get(unit_id, {}))
            for group_id, counts in per_group.items():
                if group_id != unit_id:
                    for bucket, value in counts.items():
                        remainder[bucket] = remainder.get(bucket, 0) - value
            out.append(remainder)
        else:
            out.append(per_group.get(row["unit_id"], {}))
    return out


def heatmap(data, kind: str, lang: str, rows: list[dict] | None = None):
    """(title block, figure, style of the scroller's inner box) of the heatmap of board
    kind ``kind``. Children with no board of that kind and no activity are left out (and
    counted in a note); children with a board that did nothing keep their row of zeros."""
    context = data.context
    bucket_kind, starts = buckets(context.period)
    board = board_kind_label(kind, lang, short=True)
    place = t("oversight.place.village" if data.by_village else "oversight.place.unit", lang)
    heading = t("oversight.heatmap.title", lang, board=board, place=place,
                bucket=t(f"oversight.bucket.{bucket_kind}", lang))

    def title(note=None):
        figure = t("def.heatmap_total", lang, unit=unit_title(context.unit.kind, context.unit.name, lang),
                   figure=figure_text(total, None, "activities", lang))
        return [html.H2([heading, info_button("activities", lang, f"chart-heat-{kind}", figure)], className="h5 mb-0"),
                html.Small(t("oversight.heatmap.hint", lang), className="text-muted d-print-none d-block"),
                html.Small(note, className="text-muted d-block heatmap-note") if note else None]

    months = data.months[data.months["board_kind"] == kind].copy()
    total = int(months[months["group_id"] == context.view.unit_id]["activities"].sum())
    if context.period.is_future:
        return title(), empty_figure(t("empty.future", lang), lang), {}
    if total == 0 or not starts:
        return title(), empty_figure(t("oversight.heatmap.empty", lang, board=board), lang), {}
    months["bucket"] = months["month"].map(lambda d: _bucket_of(bucket_kind, d))
    rows = place_rows(data, lang) if rows is None else rows
    per_row = _per_row(data, rows, months, "activities", "bucket")
    keep = [(row, counts) for row, counts in zip(rows, per_row)
            if row.get(f"boards_{kind}", 0) > 0 or any(v for v in counts.values())]
    hidden = sum(1 for row in rows if row["unit_id"] is not None) - sum(
        1 for row, _ in keep if row["unit_id"] is not None)
    values = [[int(counts.get(b, 0)) for b in starts] for _row, counts in keep]
    labels = [t("oversight.heatmap.row", lang, name=row["name"], count=fmt.number(sum(v), 0, lang))
              for (row, _), v in zip(keep, values)]
    columns = [bucket_label(bucket_kind, b, lang) for b in starts]
    figure = activity_heatmap(labels, columns, values, [row["href"] for row, _ in keep], lang)
    note = t("oversight.heatmap.hidden", lang, count=fmt.number(hidden, 0, lang), place=place,
             board=board) if hidden else None
    return title(note), figure, heatmap_box(len(columns))


def recommendations(data, lang: str, rows: list[dict] | None = None):
    """(title block, figure) of recommendations made and resolved per child. On a
    commune's page villages without recommendations are left out (and counted in a note):
    most villages have none."""
    place = t("oversight.place.village" if data.by_village else "oversight.place.unit", lang)

    def title(note=None):
        figure = t("def.chart_total", lang, unit=unit_title(data.context.unit.kind, data.context.unit.name, lang),
                   figure=figure_text(int(total["resolved"]), int(total["recommendations"]), "resolved", lang))
        return [html.H2([t("oversight.recs.title", lang, place=place),
                         info_button("resolved", lang, "chart-recs", figure)], className="h5 mb-0"),
                html.Small(t("chart.click_hint", lang), className="text-muted d-print-none d-block"),
                html.Small(note, className="text-muted d-block") if note else None]

    total = data.summary[data.summary["is_total"]].iloc[0]
    if int(total["recommendations"]) == 0:
        return title(), empty_figure(t("oversight.recs.empty", lang), lang)
    rows = place_rows(data, lang) if rows is None else rows
    made = _per_row(data, rows, data.months, "recommendations", "board_kind")
    resolved = _per_row(data, rows, data.months, "resolved", "board_kind")
    chart = []
    left_out = 0
    indicator = INDICATORS["resolved"]
    for row, m, r in zip(rows, made, resolved):
        n_made, n_resolved = int(sum(m.values())), int(sum(r.values()))
        if n_made == 0 and (row["unit_id"] is None or data.by_village):
            left_out += row["unit_id"] is not None
            continue
        chart.append({"name": row["name"], "made": n_made, "resolved": n_resolved,
                      "grade": grade(indicator, n_resolved, n_made), "href": row["href"]})
    note = t("oversight.recs.left_out", lang, count=fmt.number(left_out, 0, lang)) if left_out else None
    return title(note), recommendations_chart(chart, lang)


# --- a commune's villages as tiles --------------------------------------------------------


def tile_rows(data, rows: list[dict]) -> list[dict]:
    """``rows`` (``place_rows``) with what the charts draw of each: activities per board
    kind (a heatmap row's total), supervisions and inspections, recommendations made and
    resolved. The row of activities tied to no village only when it has any."""
    per_kind = _per_row(data, rows, data.months, "activities", "board_kind")
    sums = {column: [sum(values.values()) for values in _per_row(data, rows, data.months, column, "board_kind")]
            for column in ("supervisions", "recommendations", "resolved")}
    out = []
    for i, row in enumerate(rows):
        activities = {kind: int(per_kind[i].get(kind, 0)) for kind in ids.OS_HEAT_KINDS}
        if row["unit_id"] is None and not any(activities.values()):
            continue
        out.append({**row, "activities": activities, **{column: int(sums[column][i]) for column in sums}})
    return out


def oversight_tile(row: dict, lang: str):
    """A village of a commune: its recommendations resolved or still open, in words and in
    the colour of the resolution's grade (grey: no recommendations, or no activity);
    the activities of each kind of board there (what its heatmap rows counted; a child
    with a board of its own that did nothing says 0: only communes have boards, so this is
    for tiles of communes), the supervisions and inspections, resolved/made with the share
    and the grade as its bar wrote them."""
    details = [t("tiles.oversight.board", lang, board=board_kind_label(kind, lang, short=True),
                 count=fmt.number(count, 0, lang))
               for kind, count in row["activities"].items() if count or row.get(f"boards_{kind}", 0)]
    if row["supervisions"]:
        details.append(t("tiles.oversight.supervisions", lang, count=fmt.number(row["supervisions"], 0, lang)))
    made, resolved = row["recommendations"], row["resolved"]
    tone = grade(INDICATORS["resolved"], resolved, made)
    if made:
        # two lines, each whole: a tile is ~28 characters wide
        details.append(t("tiles.oversight.recs", lang, figure=f"{fmt.number(resolved, 0, lang)}/{fmt.number(made, 0, lang)}"))
        details.append(t("tiles.share_grade", lang, share=fmt.percent(resolved / made, 1, lang),
                         grade=t(f"grade.{tone}", lang)))
        state = t("tiles.oversight.resolved", lang) if resolved >= made else \
            t("tiles.oversight.open", lang, count=fmt.number(made - resolved, 0, lang))
    else:
        state = t("tiles.oversight.no_recs" if any(row["activities"].values()) else "tiles.oversight.silent", lang)
    return state_tile(row["name"], row["href"], state, tone, details)


# --- silent boards -----------------------------------------------------------------------


def term_text(valid_from, valid_to, lang: str) -> str:
    if valid_to is None:
        return t("oversight.term_open", lang, start=fmt.day(valid_from))
    return t("oversight.term_range", lang, start=fmt.day(valid_from), end=fmt.day(valid_to))


def quarter_label(quarter: tuple[date, date], lang: str) -> str:
    start = quarter[0]
    return t("period.label.quarter", lang, quarter=(start.month - 1) // 3 + 1, year=start.year)


def board_rows(boards: pd.DataFrame, lang: str) -> list[dict]:
    """Grid rows for a list of boards (``oversight_detail.board_list``); row ids are
    positions, not database ids."""
    return [{
        "id": f"b{i}",
        "name": b["name"],
        "kind": board_kind_label(b["kind"], lang, short=True),
        "commune": unit_title(b["unit_kind"], b["unit_name"], lang),
        "village": b["village_name"] or "",
        "term": term_text(b["valid_from"], b["valid_to"], lang),
        "from": b["valid_from"].isoformat(),
        "members": int(b["members"]),
        "activities": int(b["activities"]),
        "last": b["last_activity"].isoformat() if b["last_activity"] else None,
    } for i, (_, b) in enumerate(boards.iterrows())]


def silent_columns(lang: str) -> list[dict]:
    return [
        text_column("name", t("oversight.col.board", lang), min_width=220, flex=3),
        text_column("kind", t("oversight.col.board_kind", lang), min_width=110),
        text_column("commune", t("oversight.col.commune", lang), min_width=140),
        text_column("term", t("oversight.col.term", lang), min_width=150),
        date_column("last", t("oversight.col.last_activity", lang)),
    ]


def silent_list(boards: pd.DataFrame, count: int, heading: str, empty: str, name: str,
                export_title: str, lang: str, note: str | None = None) -> html.Div:
    parts = [html.H3(heading, className="h6 mt-2")]
    if note:
        parts.append(html.P(note, className="small text-muted mb-1"))
    if boards.empty:
        parts.append(empty_state(empty))
        return html.Div(parts, className="mb-3")
    if count > len(boards):
        parts.append(html.P(t("oversight.silent.capped", lang, shown=fmt.number(len(boards), 0, lang),
                              count=fmt.number(count, 0, lang)), className="small text-muted mb-1"))
    parts.append(data_grid(name, silent_columns(lang), board_rows(boards, lang), lang, row_id_field="id",
                           export_title=export_title, export_name=name))
    return html.Div(parts, className="mb-3")


def silent(data, lang: str) -> html.Div:
    context = data.context
    code = context.unit.code
    unit = unit_title(context.unit.kind, context.unit.name, lang)
    period = period_label(context.period, lang)
    quarter = quarter_label(data.quarter, lang)
    heading_p = t("oversight.silent.period", lang, label=period, count=fmt.number(data.silent_period_count, 0, lang))
    heading_q = t("oversight.silent.quarter", lang, label=quarter, count=fmt.number(data.silent_quarter_count, 0, lang))
    return html.Div([
        silent_list(data.silent_period, data.silent_period_count, heading_p,
                    t("oversight.silent.empty_period", lang), "oversight-silent-period",
                    f"{heading_p} — {unit}", lang),
        silent_list(data.silent_quarter, data.silent_quarter_count, heading_q,
                    t("oversight.silent.empty_quarter", lang, label=quarter), "oversight-silent-quarter",
                    f"{heading_q} — {unit}", lang, note=t("oversight.silent.quarter_rule", lang)),
    ], id=f"oversight-silent-{code}")


# --- the page ----------------------------------------------------------------------------


def render(data, lang: str) -> dict:
    """Contents of every section (``SECTIONS``) for ``OversightData``."""
    context = data.context
    total = data.summary[data.summary["is_total"]].iloc[0]
    out = {"header": header(context, lang, page=PAGE, subtitle=t("nav.oversight", lang)),
           "kpis": kpis(total, data.previous, context, lang), "note": None, "tiles": None, "recs_style": {}}
    if context.period.is_future:
        # a typed-in link to a period that has not begun: say so instead of zeros
        out.update(render_error(context, lang))
        out["header"] = header(context, lang, page=PAGE, subtitle=t("nav.oversight", lang))
        out["kpis"] = empty_state(t("empty.future", lang))
        return out
    children = data.summary[~data.summary["is_total"]]
    if data.by_village:
        out["note"] = html.P(t("oversight.village_note", lang,
                               unit=unit_title(context.unit.kind, context.unit.name, lang)),
                             className="small text-muted")
    if children.empty:
        message = t("empty.no_children", lang, unit=unit_title(context.unit.kind, context.unit.name, lang),
                    date=fmt.day(context.structure_date))
        for kind in ids.OS_HEAT_KINDS:
            title, _figure, _style = heatmap(data, kind, lang)
            out[f"heat_title_{kind}"] = title
            out[f"heat_{kind}"] = empty_figure(message, lang)
            out[f"heat_style_{kind}"] = {}
        out["recs_title"], _ = recommendations(data, lang)
        out["recs"] = empty_figure(message, lang)
    else:
        rows = place_rows(data, lang)  # the same rows for the two heatmaps and the chart
        for kind in ids.OS_HEAT_KINDS:
            out[f"heat_title_{kind}"], out[f"heat_{kind}"], out[f"heat_style_{kind}"] = heatmap(data, kind, lang, rows)
        if wants_tiles(children["level"].tolist()):
            # a commune's villages: the tiles say what the recommendation bars said (the
            # heatmaps stay: they say when, month by month, which a tile does not)
            out["tiles"] = tiles_section([oversight_tile(row, lang) for row in tile_rows(data, rows)], lang,
                                         ids.OS_TILES + "-section", wide=True,
                                         legend=t("tiles.oversight.legend", lang))
            out["recs_title"], out["recs"], out["recs_style"] = None, empty_figure("", lang, height=40), HIDDEN
        else:
            out["recs_title"], out["recs"] = recommendations(data, lang, rows)
    out["silent"] = silent(data, lang)
    return out


def render_error(context, lang: str) -> dict:
    out = {"header": error_header(context, lang, page=PAGE), "kpis": None, "note": None,
           "recs_title": None, "recs": empty_figure("", lang, height=40), "recs_style": {}, "tiles": None,
           "silent": None}
    for kind in ids.OS_HEAT_KINDS:
        out[f"heat_title_{kind}"] = None
        out[f"heat_{kind}"] = empty_figure("", lang, height=40)
        out[f"heat_style_{kind}"] = {}
    return out


# --- the activity table --------------------------------------------------------------------


def activity_columns(lang: str) -> list[dict]:
    return [
        date_column("d", t("oversight.col.date", lang)),
        text_column("b", t("oversight.col.board", lang), min_width=220, flex=3),
        text_column("bk", t("oversight.col.board_kind", lang), min_width=110),
        text_column("c", t("oversight.col.commune", lang), min_width=130),
        text_column("v", t("oversight.col.village", lang), min_width=100),
        text_column("k", t("oversight.col.kind", lang), min_width=110),
        text_column("s", t("oversight.col.subject", lang), min_width=240, flex=3),
        int_column("m", t("oversight.col.made", lang), lang, definition="recommendations"),
        int_column("r", t("oversight.col.resolved", lang), lang, definition="resolved"),
        {**int_column("mo", t("col.money", lang), lang, definition="money"), "minWidth": 130},
        {**int_column("l", t("col.land", lang), lang, decimals=1, definition="land"), "minWidth": 110},
        {**int_column("sr", t("col.settlement", lang), lang, definition="settlement"), "minWidth": 130},
    ]


def activity_rows(rows: pd.DataFrame, lang: str) -> list[dict]:
    """Grid rows (short keys: a few hundred rows travel to the browser); row ids are
    positions, not database ids."""
    return [{
        "id": f"a{i}",
        "d": a["date"].isoformat(),
        "b": a["board_name"],
        "bk": board_kind_label(a["board_kind"], lang, short=True),
        "c": unit_title(a["unit_kind"], a["unit_name"], lang),
        "v": a["village_name"] or "",
        "k": activity_kind_label(a["kind"], lang),
        "s": a["subject"],
        "m": int(a["recommendations"]),
        "r": int(a["resolved"]),
        "mo": int(a["money_recovered"]),
        "l": float(a["land_recovered_m2"]),
        "sr": int(a["settlement_reduction"]),
    } for i, (_, a) in enumerate(rows.iterrows())]


def render_activities(data, lang: str):
    """The activity table, or why there is none."""
    context = data.context
    if context.error or not context.unit_valid:
        return None
    unit = unit_title(context.unit.kind, context.unit.name, lang)
    if data.too_large:
        links = []
        for _, row in (data.children if data.children is not None else pd.DataFrame()).iterrows():
            links.append(html.Li(dcc.Link(unit_title(row["kind"], row["name"], lang),
                                          href=child_href(row, context.state, context.unit.code, PAGE))))
        return empty_state(t("oversight.activities.too_large", lang, unit=unit,
                             villages=fmt.number(data.villages, 0, lang),
                             limit=fmt.number(data.max_villages, 0, lang)),
                           html.Ul(links, className="mb-0 child-links"))
    if data.rows is None or data.rows.empty:
        return empty_state(t("oversight.activities.empty", lang))
    parts = []
    if data.count > len(data.rows):
        parts.append(html.P(t("oversight.activities.capped", lang, shown=fmt.number(len(data.rows), 0, lang),
                              count=fmt.number(data.count, 0, lang)), className="small text-muted mb-1"))
    title = f"{t('oversight.activities.title', lang)} — {unit} — {period_label(context.period, lang)}"
    parts.append(data_grid("oversight-activities", activity_columns(lang), activity_rows(data.rows, lang), lang,
                           row_id_field="id", export_title=title, export_name=f"giam-sat-{context.unit.code}"))
    return html.Div(parts)
