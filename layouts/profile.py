"""The cadre-profile page (Cơ cấu cán bộ): /co-cau and /co-cau/<code>.

``skeleton`` is drawn from the URL alone; the ``render_*`` functions turn what the data
service returns (``dashboard.indicators.profile_detail``) into each section. Attributes
of people are shown only for the units the user may see (the service scopes them)."""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import definitions, fmt
from dashboard.i18n import role_label, t, unit_title
from dashboard.profile_figures import term_rows
from dashboard.viewstate import Route, ViewState, href, view_data
from dashboard.vocabulary import PERSON_ATTRIBUTES

from . import ids
from .components import empty_state, figure_text, info_button, loading, section
from .figures import empty_figure, graph_config
from .filters import filter_bar
from .grid import data_grid, date_column, int_column, name_column, percent_column, text_column
from .labels import change_text, period_label, short_period_label, titled_records
from .profile_charts import level_bars, pyramid_figure, terms_figure, value_label
from .unified import count_change, stat_card
from .unit_header import child_href, error_header, header

PAGE = "profile"
LEVEL_CHARTS = {ids.PR_EDUCATION: "education", ids.PR_QUALIFICATION: "qualification", ids.PR_THEORY: "theory"}
CHARTS = tuple(LEVEL_CHARTS)
MAIN_SECTIONS = ("header", "body_style", "kpis", ids.PR_PYRAMID, *CHARTS, "table")


def skeleton(route: Route, state: ViewState, today: date, search: str = "") -> html.Div:
    lang = state.lang

    def graph(name, title, hint, drill=True, width=6, info=None):
        component = dcc.Graph(id=ids.drill_graph(name) if drill else name, config=graph_config(lang),
                              figure=empty_figure(t("loading", lang), lang))
        return dbc.Col(section(t(title, lang), loading(component, name),
                               extra=html.Small(t(hint, lang), className="text-muted d-print-none"),
                               class_name="chart-card", info=info), xs=12, xl=width, id=ids.chart_wrap(name))

    levels = [graph(name, f"profile.chart.{attribute}", "profile.chart.levels.hint",
                    info=info_button("theory_plus", lang, f"chart-{name}") if attribute == "theory" else None)
              for name, attribute in LEVEL_CHARTS.items()]
    body = html.Div([
        section(None, loading(html.Div(id=ids.PR_KPIS), ids.PR_KPIS)),
        dbc.Row([graph(ids.PR_PYRAMID, "profile.chart.pyramid", "profile.chart.pyramid.hint", drill=False,
                       info=info_button("avg_age", lang, "chart-pr-pyramid")), levels[0]], className="g-3 charts-row"),
        dbc.Row(levels[1:], className="g-3 charts-row"),
        section(t("profile.table.title", lang), loading(html.Div(id=ids.PR_TABLE), ids.PR_TABLE)),
        section(t("profile.terms.title", lang), loading(html.Div([
            dcc.Graph(id=ids.PR_TERMS_CHART, config=graph_config(lang), figure=empty_figure(t("loading", lang), lang)),
            html.Div(id=ids.PR_TERMS)]), ids.PR_TERMS), info=info_button("reelected", lang, "pr-terms")),
        section(t("profile.holders.title", lang), loading(html.Div(id=ids.PR_HOLDERS), ids.PR_HOLDERS)),
    ], id=ids.PR_BODY)
    return html.Div([
        loading(html.Div(id=ids.PR_HEADER, className="page-header"), ids.PR_HEADER),
        filter_bar(state, today, lang, view_data(route, search), reset_href=href(PAGE, ViewState(lang=lang), route.unit)),
        body,
    ], className="page page-profile")


# --- KPIs -----------------------------------------------------------------------------------


def _share_card(key: str, title_key: str, num: int, den: int, before: dict | None, keys: tuple[str, str],
                with_label, lang: str, detail: str) -> dbc.Card:
    change = ""
    if before is not None:
        change = with_label(change_text((num, den), (before[keys[0]], before[keys[1]]), lang), bool(before[keys[1]]))
    anchor = f"pr-kpi-{key.replace('_', '-')}"
    return stat_card(t(title_key, lang), fmt.percent(num / den, 1, lang) if den else t("kpi.no_data", lang),
                     f"{fmt.number(num, 0, lang)}/{fmt.number(den, 0, lang)}", detail, html.Span(), change, "none",
                     anchor, info_button(key, lang, anchor, figure_text(num, den, key, lang)))


def age_change(current: float, previous: float | None, lang: str) -> str:
    if previous is None or not previous or not current:
        return t("kpi.change_none", lang) if previous is None else ""
    delta = round(current - previous, 1)
    if delta == 0:
        return t("kpi.change_same", lang)
    return t("profile.kpi.change_years", lang, sign="+" if delta > 0 else "−", value=fmt.number(abs(delta), 1, lang))


def kpis(total: dict, previous: dict | None, context, lang: str) -> dbc.Row:
    """Women's share, average age, theory trung cấp or above, re-elected, ethnic
    minorities; each with its change against the previous period."""
    compared = t("period.vs_previous", lang, label=short_period_label(context.previous, lang))

    def with_label(change: str, had_data: bool) -> str:
        return f"{change} {compared}" if change and had_data else change

    women = _share_card("women", "kpi.women", total["posts_women"], total["posts"], previous,
                        ("posts_women", "posts"), with_label, lang, t("kpi.women.detail", lang))
    age = total["avg_age"]
    before_age = None if previous is None else previous["avg_age"]
    age_card = stat_card(
        t("kpi.avg_age", lang), fmt.number(age, 1, lang) if total["aged"] else t("kpi.no_data", lang),
        t("profile.kpi.avg_age.of", lang, people=fmt.number(total["aged"], 0, lang)), t("kpi.avg_age.detail", lang),
        html.Span(), with_label(age_change(age, before_age, lang), bool(before_age)), "none", "pr-kpi-avg-age",
        info_button("avg_age", lang, "pr-kpi-avg-age"))
    theory = _share_card("theory_plus", "kpi.theory_plus", total["theory_intermediate_plus"], total["posts"], previous,
                         ("theory_intermediate_plus", "posts"), with_label, lang, t("kpi.theory_plus.detail", lang))
    reelected = _share_card("reelected", "kpi.reelected", total["reelected"], total["term_start_posts"], previous,
                            ("reelected", "term_start_posts"), with_label, lang, t("kpi.reelected.detail", lang))
    minority = _share_card("minority", "kpi.minority", total["posts_minority"], total["posts"], previous,
                           ("posts_minority", "posts"), with_label, lang, t("kpi.minority.detail", lang))
    cards = [women, age_card, theory, reelected, minority]
    return dbc.Row([dbc.Col(card, xs=12, md=6, lg=4, xl=True) for card in cards], className="g-3 kpi-row")


# --- main: cards, pyramid, levels by child, table ---------------------------------------------


def _child_rows(table, state: ViewState, parent_code: str, lang: str) -> list[dict]:
    children = table[~table["is_total"]]
    return [{"name": title, "code": row["code"], "unit_id": int(row["unit_id"]), "level": row["level"],
             "href": child_href(row, state, parent_code, PAGE), **{k: row[k] for k in table.columns
                                                                   if k not in ("name", "code", "level")}}
            for title, row in titled_records(children, lang)]


def level_figure(attribute: str, children: list[dict], levels, lang: str) -> dict:
    mine = levels[levels["attribute"] == attribute]
    values = [v for v in PERSON_ATTRIBUTES[attribute] if v in set(mine["value"])]
    if (mine["value"] == "").any():
        values.append("")
    rows = []
    for child in children:
        counts = mine[mine["group_id"] == child["unit_id"]]
        rows.append({"name": child["name"], "href": child["href"], "posts": int(child["posts"]),
                     **{v: int(n) for v, n in zip(counts["value"], counts["posts"])}})
    return level_bars(attribute, rows, values, lang)


def table_rows(children: list[dict], total: dict, lang: str) -> list[dict]:
    def row(name, href_, r):
        posts = int(r["posts"])
        return {"name": name, "href": href_, "posts": posts, "posts_women": int(r["posts_women"]),
                "women_share": r["posts_women"] / posts if posts else None,
                "avg_age": float(r["avg_age"]) if r["aged"] else None,
                "theory": int(r["theory_intermediate_plus"]),
                "theory_share": r["theory_intermediate_plus"] / posts if posts else None,
                "qualification": int(r["qualification_intermediate_plus"]), "education": int(r["education_upper"]),
                "minority": int(r["posts_minority"]),
                "minority_share": r["posts_minority"] / posts if posts else None,
                "party_senior": int(r["posts_party_senior"]),
                "party_senior_share": r["posts_party_senior"] / posts if posts else None,
                "first_time": int(r["posts_first_time"]),
                "first_time_share": r["posts_first_time"] / posts if posts else None,
                "term_start": int(r["term_start_posts"]),
                "reelected": int(r["reelected"])}
    return [row(c["name"], c["href"], c) for c in children], [row(t("grid.total", lang), None, total)]


def table_columns(lang: str) -> list[dict]:
    return [
        name_column("name", t("profile.col.unit", lang)),
        int_column("posts", t("profile.col.posts", lang), lang),
        int_column("posts_women", t("profile.col.women", lang), lang, definition="women"),
        percent_column("women_share", t("profile.col.women_share", lang), lang, definition="women"),
        int_column("avg_age", t("col.avg_age", lang), lang, decimals=1, definition="avg_age"),
        int_column("theory", t("col.theory_plus", lang), lang, definition="theory_plus"),
        percent_column("theory_share", t("profile.col.theory_share", lang), lang, definition="theory_plus"),
        int_column("qualification", t("profile.col.qualification", lang), lang),
        int_column("education", t("profile.col.education", lang), lang),
        int_column("minority", t("profile.col.minority", lang), lang, definition="minority"),
        percent_column("minority_share", t("profile.col.minority_share", lang), lang, definition="minority"),
        int_column("party_senior", definitions.column("party_senior", lang), lang, definition="party_senior"),
        percent_column("party_senior_share", t("profile.col.party_senior_share", lang,
                                               years=definitions.PARTY_SENIORITY_YEARS), lang, definition="party_senior"),
        int_column("first_time", definitions.column("first_time_posts", lang), lang, definition="first_time_posts"),
        percent_column("first_time_share", t("profile.col.first_time_share", lang), lang, definition="first_time_posts"),
        int_column("term_start", t("profile.col.term_start", lang), lang, definition="reelected"),
        int_column("reelected", t("profile.col.reelected", lang), lang, definition="reelected"),
    ]


def render_main(data, lang: str) -> dict:
    context = data.context
    table = data.table
    total_row = table[table["is_total"]].iloc[0]
    total = {k: (float(total_row[k]) if k == "avg_age" else int(total_row[k])) for k in table.columns
             if k not in ("unit_id", "code", "name", "kind", "level", "is_total")}
    out = {"header": header(context, lang, page=PAGE, subtitle=t("profile.kicker", lang)), "body_style": {},
           "kpis": kpis(total, data.previous, context, lang),
           ids.PR_PYRAMID: pyramid_figure(data.pyramid.to_dict("records"), lang)
           if not data.pyramid.empty else empty_figure(t("profile.holders.empty", lang,
                                                         date=fmt.day(context.period.as_of)), lang)}
    children = _child_rows(table, context.state, context.unit.code, lang)
    unit = unit_title(context.unit.kind, context.unit.name, lang)
    if not children:
        message = t("empty.no_children", lang, unit=unit, date=fmt.day(context.structure_date))
        for name in CHARTS:
            out[name] = empty_figure(message, lang)
        out["table"] = empty_state(message)
        return out
    for name, attribute in LEVEL_CHARTS.items():
        out[name] = level_figure(attribute, children, data.levels, lang)
    rows, bottom = table_rows(children, total, lang)
    out["table"] = data_grid("profile-units", table_columns(lang), rows, lang, pinned_bottom=bottom,
                             export_title=t("profile.export.table", lang, unit=unit,
                                            period=period_label(context.period, lang)),
                             export_name=f"co-cau-{context.unit.code}")
    return out


def render_error(context, lang: str) -> dict:
    out = {"header": error_header(context, lang, PAGE), "body_style": {"display": "none"}, "kpis": None,
           ids.PR_PYRAMID: empty_figure("", lang, height=40), "table": None}
    for name in CHARTS:
        out[name] = empty_figure("", lang, height=40)
    return out


# --- term against term ------------------------------------------------------------------------


def render_terms(data, lang: str) -> tuple:
    context = data.context
    unit = unit_title(context.unit.kind, context.unit.name, lang)
    if data.table.empty:
        message = t("profile.terms.empty", lang, date=fmt.day(context.period.as_of))
        return empty_figure(message, lang), None
    records = data.table.to_dict("records")
    rows = [{**r, "term": r["term"].replace("-", "–"), "moment": t(f"profile.terms.{r['moment']}", lang),
             "day": r["day"].isoformat()} for r in term_rows(data.table)]
    columns = [
        text_column("term", t("profile.col.term", lang), 110), text_column("moment", t("profile.col.moment", lang), 120),
        date_column("day", t("profile.col.date", lang)),
        int_column("posts", t("profile.col.posts", lang), lang),
        int_column("unified", t("col.unified", lang), lang, definition="unified"),
        int_column("first_time", t("profile.col.first_time", lang), lang, definition="first_time"),
        int_column("first_time", definitions.column("first_time_posts", lang), lang, definition="first_time_posts"),
        percent_column("first_time_share", t("profile.col.first_time_share", lang), lang, definition="first_time_posts"),
        int_column("term_start", t("profile.col.term_start", lang), lang, definition="reelected"),
        int_column("reelected", t("profile.col.reelected", lang), lang, definition="reelected"),
        percent_column("reelected_share", t("profile.col.reelected_share", lang), lang, definition="reelected"),
        int_column("women", t("profile.col.women", lang), lang, definition="women"),
        int_column("avg_age", t("col.avg_age", lang), lang, decimals=1, definition="avg_age"),
        int_column("theory", t("col.theory_plus", lang), lang, definition="theory_plus"),
        int_column("cadres", t("profile.col.cadres", lang), lang),
        int_column("trained", t("profile.col.trained", lang), lang, definition="training"),
    ]
    hint = html.P(t("profile.terms.hint", lang, date=fmt.day(context.structure_date)), className="small text-muted")
    grid = data_grid("profile-terms", columns, rows, lang, export_name=f"co-cau-nhiem-ky-{context.unit.code}",
                     export_title=t("profile.export.terms", lang, unit=unit))
    return terms_figure(records, lang), html.Div([hint, grid])


# --- holders (a commune's or a village's) ---------------------------------------------------------


def render_holders(data, lang: str):
    context = data.context
    if not data.shown:
        return html.P(t("profile.holders.above", lang), className="text-muted small")
    if data.table.empty:
        return empty_state(t("profile.holders.empty", lang, date=fmt.day(context.period.as_of)))
    year = context.period.as_of.year
    rows = []
    for r in data.table.to_dict("records"):
        rows.append({
            "village": unit_title(r["village_kind"], r["village_name"], lang), "role": role_label(r["role"], lang),
            "full_name": r["full_name"], "gender": t("profile.women" if r["gender"] == "nu" else "profile.men", lang)
            if r["gender"] else "", "age": year - int(r["birth_year"]) if r["birth_year"] else None,
            **{a: value_label(a, r[a] or "", lang) for a in ("ethnicity", "education", "qualification", "theory")},
            "party_since": r["party_since"] or "",
        })
    columns = [
        text_column("village", t("profile.col.village", lang), 120), text_column("role", t("profile.col.role", lang), 130),
        text_column("full_name", t("profile.col.name", lang), 170, 2), text_column("gender", t("profile.col.gender", lang), 80),
        int_column("age", t("profile.col.age", lang), lang),
        text_column("ethnicity", t("profile.col.ethnicity", lang), 90),
        text_column("education", t("profile.chart.education", lang), 90),
        text_column("qualification", t("profile.chart.qualification", lang), 120),
        text_column("theory", t("profile.chart.theory", lang), 110),
        date_column("party_since", t("profile.col.party_since", lang)),
    ]
    unit = unit_title(context.unit.kind, context.unit.name, lang)
    note = html.P(t("profile.holders.too_many", lang, limit=len(rows)), className="small text-muted") \
        if data.too_many else None
    grid = data_grid("profile-holders", columns, rows, lang, export_name=f"co-cau-nguoi-{context.unit.code}",
                     export_title=t("profile.export.holders", lang, unit=unit, date=fmt.day(context.period.as_of)))
    return html.Div([note, grid]) if note else grid
