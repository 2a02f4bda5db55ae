"""The Data page (/du-lieu): template, import, export, history, data quality, review report.

``skeleton`` is drawn without the database; ``status``, ``import_result``, ``history``,
``quality`` render what the data service returns. Imported text is only ever passed as
component children or grid cell values, which the browser shows as text, never as HTML.
"""
from __future__ import annotations

from datetime import date, datetime

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import fmt
from dashboard.i18n import t, unit_title
from dashboard.periods import PERIOD_KINDS
from dashboard.definitions import VACANT_HEAD_DAYS
from dashboard.vocabulary import SHEET_TITLES
from dashboard.viewstate import Route, ViewState

from . import ids
from .components import empty_state, icon, loading, section
from .grid import data_grid, date_column, int_column, text_column

# at most this many problems go to the browser (the CLI lists them all)
MAX_PROBLEMS_SHOWN = 300


def skeleton(route: Route, state: ViewState, today: date, search: str = "") -> html.Div:
    lang = state.lang
    upload = html.Div([
        dcc.Upload(
            id=ids.DATA_UPLOAD,
            children=html.Div([icon("bi-cloud-arrow-up"), " ", t("data.upload", lang)], className="upload-label"),
            accept=".xlsx,.csv", multiple=False, className="upload-zone", max_size=-1,
        ),
        html.Div(id=ids.DATA_UPLOAD_HINT, className="form-text"),
        html.Div(id=ids.DATA_ADMIN_ONLY),
        dbc.Checkbox(id=ids.DATA_DRY_RUN, value=False, label=t("data.dry_run", lang), className="mt-2"),
        dcc.Store(id=ids.DATA_LIMIT),
        dcc.Store(id=ids.DATA_PAYLOAD),
        dcc.Store(id=ids.DATA_TOO_LARGE),
        dcc.Store(id=ids.DATA_VERSION, data=0),
    ])
    result = dcc.Loading(html.Div(id=ids.DATA_RESULT, className="mt-3", **{"aria-live": "polite"}),
                         type="circle", delay_show=100, custom_spinner=html.Div(
                             [dbc.Spinner(size="sm"), " ", t("data.working", lang)], className="text-muted py-2",
                             role="status"))
    downloads = html.Div([
        html.P(t("data.template_hint", lang), className="small text-muted mb-2"),
        html.Div([
            dbc.Button([icon("bi-file-earmark-arrow-down"), " ", t("data.template_download", lang)],
                       id=ids.DATA_TEMPLATE_BUTTON, color="primary", outline=True, size="sm"),
            dbc.Button([icon("bi-database-down"), " ", t("data.export_all", lang)],
                       id=ids.DATA_EXPORT_BUTTON, color="secondary", outline=True, size="sm"),
        ], className="d-flex flex-wrap gap-2"),
        dcc.Download(id=ids.DATA_TEMPLATE_DOWNLOAD),
        dcc.Download(id=ids.DATA_EXPORT_DOWNLOAD),
        loading(html.Div(id=ids.DATA_EXPORT_MESSAGE, className="mt-2"), ids.DATA_EXPORT_MESSAGE),
    ])
    report = html.Div([
        html.P(t("data.report_hint", lang), className="small text-muted mb-2"),
        dbc.Row([
            dbc.Col([dbc.Label(t("data.report_unit", lang), html_for=ids.DATA_REPORT_UNIT, className="small mb-0"),
                     dcc.Dropdown(id=ids.DATA_REPORT_UNIT, options=[], clearable=False)], xs=12, md=4),
            dbc.Col([dbc.Label(t("data.report_period", lang), html_for=ids.DATA_REPORT_PERIOD, className="small mb-0"),
                     dcc.Dropdown(id=ids.DATA_REPORT_PERIOD, value="quarter", clearable=False, searchable=False,
                                  options=[{"label": t(f"period.{k}", lang), "value": k} for k in PERIOD_KINDS])],
                    xs=12, sm=6, md=3),
            dbc.Col([dbc.Label(t("data.report_date", lang), html_for=ids.DATA_REPORT_DATE, className="small mb-0"),
                     html.Div(dcc.DatePickerSingle(id=ids.DATA_REPORT_DATE, date=today.isoformat(),
                                                   display_format="DD/MM/YYYY", first_day_of_week=1,
                                                   placeholder=t("filter.pick_date", lang),
                                                   max_date_allowed=today.isoformat(), clearable=False))],
                    xs=12, sm=6, md=2),
            dbc.Col([dbc.Label(t("filter.structure", lang), html_for=ids.DATA_REPORT_STRUCTURE, className="small mb-0"),
                     dbc.RadioItems(id=ids.DATA_REPORT_STRUCTURE, value="as-of", className="pt-1",
                                    options=[{"label": t(f"filter.structure.{k}", lang), "value": k}
                                             for k in ("as-of", "current")])], xs=12, md=3),
        ], className="g-2"),
        dbc.Row([
            dbc.Col([dbc.Label(t("data.report_kind", lang), html_for=ids.DATA_REPORT_KIND, className="small mb-0"),
                     dcc.Dropdown(id=ids.DATA_REPORT_KIND, value="", clearable=False, searchable=False,
                                  options=[{"label": t("data.report_kind.results", lang), "value": ""}])],
                    xs=12, md=6),
            dbc.Col([dbc.Label(t("data.report_number", lang), html_for=ids.DATA_REPORT_NUMBER, className="small mb-0"),
                     dbc.Input(id=ids.DATA_REPORT_NUMBER, type="text", maxLength=20, size="sm")], xs=6, md=2),
            dbc.Col([dbc.Label(t("data.report_signer", lang), html_for=ids.DATA_REPORT_SIGNER, className="small mb-0"),
                     dbc.Input(id=ids.DATA_REPORT_SIGNER, type="text", maxLength=80, size="sm")], xs=6, md=4),
        ], className="g-2 mt-1"),
        html.Div([
            dbc.Button([icon("bi-file-earmark-excel"), " ", t("data.report_download", lang)], id=ids.DATA_REPORT_BUTTON,
                       color="primary", size="sm"),
            dbc.Button([icon("bi-file-earmark-word"), " ", t("data.report_word", lang)], id=ids.DATA_REPORT_WORD,
                       color="primary", outline=True, size="sm"),
        ], className="d-flex flex-wrap gap-2 mt-2"),
        dcc.Download(id=ids.DATA_REPORT_DOWNLOAD),
        loading(html.Div(id=ids.DATA_REPORT_MESSAGE, className="mt-2"), ids.DATA_REPORT_MESSAGE),
    ])
    return html.Div([
        html.Div([
            html.H1(t("data.title", lang), className="h3 mb-1"),
            html.P(t("data.lead", lang), className="text-muted mb-1"),
            loading(html.Div(id=ids.DATA_STATUS), ids.DATA_STATUS),
        ], className="page-header mb-3"),
        dbc.Row([
            dbc.Col(section(t("data.import", lang), upload, class_name="card card-body"), xs=12, lg=7),
            dbc.Col([
                section(t("data.template", lang), downloads, class_name="card card-body"),
            ], xs=12, lg=5),
        ], className="g-3"),
        html.Div(result, className="mb-4"),
        section(t("data.history", lang), loading(html.Div(id=ids.DATA_HISTORY), ids.DATA_HISTORY)),
        section(t("data.quality", lang), loading(html.Div(id=ids.DATA_QUALITY), ids.DATA_QUALITY)),
        section(t("data.report", lang), report, class_name="card card-body d-print-none"),
    ], className="page page-data")


# --- rendering ---------------------------------------------------------------------------


def status(is_demo: bool, empty: bool, data_from: date | None, data_through: date | None, lang: str):
    if empty:
        return html.Div(t("data.status_empty", lang), className="small")
    lines = []
    if data_from and data_through:
        lines.append(html.Div(t("data.status", lang, start=fmt.day(data_from), end=fmt.day(data_through)),
                              className="small"))
    if is_demo:
        lines.append(html.Div([icon("bi-info-circle"), " ", t("data.status_demo", lang)],
                              className="small alert alert-warning py-1 px-2 mb-0 mt-1"))
    return html.Div(lines)


def upload_hint(limit_text: str, lang: str) -> str:
    return t("data.upload_limit", lang, limit=limit_text)


def _counts_rows(counts: dict, lang: str) -> list[dict]:
    rows = []
    for table, c in counts.items():
        if not isinstance(c, dict) or not any(c.values()):
            continue
        rows.append({"sheet": SHEET_TITLES.get(table, table), **c})
    return rows


def counts_table(counts: dict, lang: str) -> html.Table:
    head = html.Thead(html.Tr([html.Th(t("data.col.sheet", lang), scope="col")] + [
        html.Th(t(f"data.col.{k}", lang), scope="col", className="text-end") for k in ("inserted", "updated", "unchanged")]))
    body = html.Tbody([
        html.Tr([html.Td(row["sheet"])] + [html.Td(fmt.number(row[k], 0, lang), className="text-end")
                                           for k in ("inserted", "updated", "unchanged")])
        for row in _counts_rows(counts, lang)])
    return html.Div(html.Table([head, body], className="table table-sm mb-0 counts-table"),
                    className="table-responsive")


def import_result(result, lang: str):
    """The summary shown after an upload: what was written, or every problem and where."""
    if result.ok:
        key = "data.result_dry" if result.dry_run else "data.result_ok"
        lines = [html.Div([icon("bi-check-circle-fill"), " ",
                           t(key, lang, file=result.file_name, rows=fmt.number(result.rows_read, 0, lang))],
                          className="fw-semibold")]
        if result.replaced_demo:
            lines.append(html.Div(t("data.result_replaced", lang)))
        if not result.changed and not result.replaced_demo:
            lines.append(html.Div(t("data.result_unchanged", lang)))
        return html.Div([dbc.Alert(lines, color="info" if result.dry_run else "success", className="mb-2"),
                         counts_table(result.counts, lang)], id="import-summary")
    count = len(result.problems)
    shown = result.problems[:MAX_PROBLEMS_SHOWN]
    message = [html.Div([icon("bi-x-octagon-fill"), " ",
                         t("data.result_rejected", lang, file=result.file_name, count=fmt.number(count, 0, lang))],
                        className="fw-semibold")]
    if count > len(shown):
        message.append(html.Div(t("data.result_truncated", lang, shown=len(shown), count=fmt.number(count, 0, lang))))
    # where, then what: two wrapped columns that fit a 390 px phone side by side, so the
    # sheet, row and column are never off-screen; the separate columns follow for sorting
    columns = [
        {**text_column("where", t("data.col.where_in_file", lang), 120, flex=1), "maxWidth": 200},
        text_column("message", t("data.col.message", lang), 200, flex=3),
        text_column("sheet", t("data.col.sheet", lang), 120),
        int_column("row", t("data.col.row", lang), lang),
        text_column("column", t("data.col.column", lang), 120),
        text_column("file", t("data.col.file", lang), 140),
    ]
    rows = [{**p.as_dict(lang), "where": problem_place(p, lang)} for p in shown]
    return html.Div([dbc.Alert(message, color="danger", className="mb-2"),
                     data_grid("import-problems", columns, rows, lang, export_name="loi-nhap-du-lieu",
                               export_title=t("data.col.message", lang))], id="import-problems")


def problem_place(problem, lang: str) -> str:
    """"Giao ban › dòng 3 › cột Ngày giao ban": the sheet, row and column of a problem."""
    parts = [problem.sheet] if problem.sheet else []
    if problem.row is not None:
        parts.append(t("imp.place.row", lang, row=problem.row))
    if problem.column:
        parts.append(t("imp.place.column", lang, column=problem.column))
    return " › ".join(parts) or problem.file


def too_large(file_name: str, size_text: str, limit_text: str, lang: str):
    return dbc.Alert([icon("bi-x-octagon-fill"), " ",
                      t("data.too_large", lang, file=file_name, size=size_text, limit=limit_text)],
                     color="danger", id="import-problems")


def bad_upload(lang: str):
    return dbc.Alert(t("data.bad_upload", lang), color="danger", id="import-problems")


def unknown_unit(code: str, lang: str):
    return dbc.Alert(t("empty.unknown_unit", lang, code=code), color="warning")


def report_ready(file_name: str, lang: str):
    return html.Div([icon("bi-check-circle"), " ", t("data.report_ready", lang, file=file_name)], className="small")


def admin_only(lang: str):
    """Why the upload zone is inactive, said before anyone chooses a file."""
    return dbc.Alert([icon("bi-lock"), " ", t("data.import_admin_only", lang)], color="secondary",
                     className="small py-2 mt-2 mb-0", id="import-admin-only")


def not_allowed(lang: str):
    return dbc.Alert(t("data.not_allowed", lang), color="warning")


def _counts_text(counts: dict, lang: str) -> str:
    if counts and all(isinstance(v, int) for v in counts.values()):
        return t("data.counts_rows", lang, rows=fmt.number(sum(counts.values()), 0, lang))
    total = {"inserted": 0, "updated": 0, "unchanged": 0}
    for c in counts.values():
        if isinstance(c, dict):
            for k in total:
                total[k] += int(c.get(k, 0))
    return t("data.counts", lang, **{k: fmt.number(v, 0, lang) for k, v in total.items()})


IMPORT_RESULTS = ("started", "ok", "rejected", "dry-run", "interrupted")


def history(records: list[dict], lang: str):
    if not records:
        return empty_state(t("data.history_empty", lang))
    rows = []
    for r in records:
        when = r["created_at"]
        rows.append({
            "when": fmt.vietnam_time(when) if isinstance(when, datetime) else str(when),
            "user": r["user_name"], "file": r["file_name"],
            "result": t(f"data.result.{r['result']}", lang) if r["result"] in IMPORT_RESULTS else r["result"],
            "counts": _counts_text(r["counts"], lang) if r["result"] in ("ok", "dry-run") else "",
            "checksum": (r["checksum"] or "")[:16],
            "note": r["message"] or (t("data.interrupted_note", lang) if r["result"] == "interrupted" else ""),
        })
    columns = [
        text_column("when", t("data.col.when", lang), 130),
        text_column("user", t("data.col.user", lang), 100),
        text_column("file", t("data.col.file", lang), 150, flex=2),
        text_column("result", t("data.col.result", lang), 100),
        text_column("counts", t("data.col.counts", lang), 170, flex=2),
        text_column("note", t("data.col.note", lang), 200, flex=3),
        text_column("checksum", t("data.col.checksum", lang), 140),
    ]
    return data_grid("import-history", columns, rows, lang, export_name="lich-su-nhap-du-lieu",
                     export_title=t("data.history", lang))


def quality(report, lang: str):
    hint = html.P(t("data.quality_hint", lang, date=fmt.day(report.day)), className="small text-muted mb-2")
    if not report.total:
        return html.Div([hint, empty_state(t("data.quality_empty", lang))])
    rows = []
    for r in report.rows:
        where = unit_title(r["kind"], r["name"], lang)
        if r.get("parent_name"):
            where += f" — {unit_title(r['parent_kind'], r['parent_name'], lang)}"
        rows.append({"check": t(f"data.quality.{r['check']}", lang, days=VACANT_HEAD_DAYS), "where": where,
                     "code": r["code"], "item": r["item"], "since": r["since"].isoformat(), "days": r["days"]})
    columns = [
        text_column("check", t("data.col.check", lang), 200, flex=2),
        text_column("where", t("data.col.where", lang), 180, flex=2),
        text_column("item", t("data.col.item", lang), 200, flex=2),
        date_column("since", t("data.col.since", lang)),
        int_column("days", t("data.col.days", lang), lang),
    ]
    parts = [hint]
    if report.total > len(report.rows):
        parts.append(html.P(t("data.quality_more", lang, count=fmt.number(report.total, 0, lang),
                              shown=fmt.number(len(report.rows), 0, lang)), className="small"))
    parts.append(data_grid("data-quality", columns, rows, lang, export_name="chat-luong-du-lieu",
                           export_title=t("data.quality", lang)))
    return html.Div(parts)


def report_kind_options(reviews: list[dict], lang: str) -> list[dict]:
    """The kinds of report: the results report of the period, and each recorded review."""
    return [{"label": t("data.report_kind.results", lang), "value": ""}] + [
        {"label": f"{r['name']} ({fmt.day(r['date'])})", "value": r["code"]} for r in reviews]


def report_unit_options(units: list[dict], lang: str) -> list[dict]:
    return [{"label": unit_title(u["kind"], u["name"], lang) + f" ({u['code']})", "value": u["code"]} for u in units]
