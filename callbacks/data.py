"""The Data page: upload and import, downloads, history, data quality, review report.

An upload is checked for size in the browser first (a file over the limit is never sent),
and again on the server; Flask's MAX_CONTENT_LENGTH caps any request. Admin-only actions
(import, full export) ask ``service.may_manage_data()``, the one check to wire to roles.
"""
from __future__ import annotations

import base64
import binascii
from datetime import date

from dash import Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from dashboard.export import safe_filename
from dashboard.importer import Source
from dashboard.importer.reading import display_name, human_size
from dashboard.service import UnknownUnit
from dashboard.template import TEMPLATE_FILE_NAME
from dashboard.viewstate import route_from_data
from layouts import data as layout
from dashboard.web.warmup import warm_in_background
from layouts import ids

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _lang(view) -> str:
    return route_from_data(view)[1].lang


def page_sections(service, view) -> dict:
    """Everything the page shows from the database."""
    lang = _lang(view)
    empty = service.is_empty()
    units = service.reports.units()
    manages = service.manages_data()
    return {
        "upload_disabled": not manages,
        "upload_class": "upload-zone" if manages else "upload-zone upload-zone-disabled",
        "dry_run_disabled": not manages,
        "export_disabled": not manages,
        "admin_only": None if manages else layout.admin_only(lang),
        "status": layout.status(service.is_demo(), empty, service.data_from(), service.data_through(), lang),
        "hint": layout.upload_hint(human_size(service.config.max_upload_bytes, lang), lang),
        "limit": service.config.max_upload_bytes,
        "history": layout.history(service.imports.history(), lang),
        "quality": layout.quality(service.imports.quality(), lang),
        "units": layout.report_unit_options(units, lang),
        "unit": units[0]["code"] if units else None,
        "kinds": layout.report_kind_options(service.reports.reviews() if not empty else [], lang),
    }


def decode_upload(contents: str) -> bytes:
    """The bytes of a ``dcc.Upload`` data URL; ValueError when it is not one."""
    if not isinstance(contents, str) or "," not in contents:
        raise ValueError("not a data URL")
    header, payload = contents.split(",", 1)
    if ";base64" not in header:
        raise ValueError("not base64")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError(str(error)) from error


def handle_upload(service, payload, too_large, dry_run: bool, lang: str):
    """The result panel for an upload (or for a file the browser found too large)."""
    limit = service.config.max_upload_bytes
    if not (isinstance(payload, dict) and isinstance(payload.get("contents"), str) and payload["contents"]):
        if isinstance(too_large, dict):
            name = display_name(too_large.get("filename"))
            size = too_large.get("size") if isinstance(too_large.get("size"), int) else 0
            service.imports.refused("too_large", name, size=size, limit=limit)
            return layout.too_large(name, human_size(size, lang), human_size(limit, lang), lang)
        raise PreventUpdate
    name = display_name(payload.get("filename"))
    if not service.may_manage_data():
        service.imports.refused("refused_role", name)
        return layout.not_allowed(lang)
    contents = payload["contents"]
    if len(contents) > limit * 4 // 3 + 1024:  # checked before decoding anything
        encoded = contents[contents.find(",") + 1:]
        size = len(encoded) * 3 // 4 - encoded[-2:].count("=")
        service.imports.refused("too_large", name, size=size, limit=limit)
        return layout.too_large(name, human_size(size, lang), human_size(limit, lang), lang)
    try:
        data = decode_upload(contents)
    except ValueError:
        return layout.bad_upload(lang)
    result = service.imports.run([Source(name, data)], dry_run=bool(dry_run))
    if service.config.warm_pages and not dry_run and getattr(result, "ok", False):
        warm_in_background(service)  # the new numbers of the root pages, before anyone asks
    return layout.import_result(result, lang)


def review_report(service, unit_code, period_kind, day, structure_kind, lang, word: bool = False,
                  review_code=None, number=None, signer=None):
    """(download data, message) for the results report: the workbook, or with ``word``
    the Word document (of the review ``review_code`` when one is chosen)."""
    try:
        chosen = date.fromisoformat(str(day)[:10]) if day else service.today()
    except ValueError:
        chosen = service.today()
    if period_kind not in ("day", "month", "quarter", "year", "term"):
        period_kind = "quarter"
    if structure_kind not in ("as-of", "current"):
        structure_kind = "as-of"
    try:
        if word:
            content, name = service.reports.document(
                unit_code or None, period_kind, chosen, structure_kind, lang, review_code=review_code or None,
                number=str(number or "")[:20], signer=str(signer or "")[:80])
        else:
            content, name = service.reports.review(unit_code or None, period_kind, chosen, structure_kind, lang)
    except (UnknownUnit, LookupError):
        return no_update, layout.unknown_unit(str(unit_code if not review_code else review_code), lang)
    return dcc.send_bytes(content, name, type=DOCX if word else XLSX), layout.report_ready(name, lang)


def register(app, service) -> None:
    @app.callback(
        Output(ids.DATA_STATUS, "children"),
        Output(ids.DATA_UPLOAD_HINT, "children"),
        Output(ids.DATA_LIMIT, "data"),
        Output(ids.DATA_HISTORY, "children"),
        Output(ids.DATA_QUALITY, "children"),
        Output(ids.DATA_REPORT_UNIT, "options"),
        Output(ids.DATA_REPORT_UNIT, "value"),
        Output(ids.DATA_REPORT_KIND, "options"),
        Output(ids.DATA_UPLOAD, "disabled"),
        Output(ids.DATA_UPLOAD, "className"),
        Output(ids.DATA_DRY_RUN, "disabled"),
        Output(ids.DATA_EXPORT_BUTTON, "disabled"),
        Output(ids.DATA_ADMIN_ONLY, "children"),
        Input(ids.view("data"), "data"),
        Input(ids.DATA_VERSION, "data"),
    )
    def fill(view, _version):
        s = page_sections(service, view)
        return (s["status"], s["hint"], s["limit"], s["history"], s["quality"], s["units"], s["unit"], s["kinds"],
                s["upload_disabled"], s["upload_class"], s["dry_run_disabled"], s["export_disabled"], s["admin_only"])

    # The browser measures the file before sending it: one over the limit is never posted.
    app.clientside_callback(
        """
        function (contents, filename, limit) {
            if (!contents) { return [window.dash_clientside.no_update, window.dash_clientside.no_update]; }
            var comma = contents.indexOf(',');
            var size = Math.floor((contents.length - comma - 1) * 3 / 4);
            if (limit && size > limit) { return [null, {filename: filename, size: size}]; }
            return [{contents: contents, filename: filename}, null];
        }
        """,
        Output(ids.DATA_PAYLOAD, "data"),
        Output(ids.DATA_TOO_LARGE, "data"),
        Input(ids.DATA_UPLOAD, "contents"),
        State(ids.DATA_UPLOAD, "filename"),
        State(ids.DATA_LIMIT, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.DATA_RESULT, "children"),
        Output(ids.DATA_VERSION, "data"),
        Output(ids.DATA_UPLOAD, "contents"),
        Input(ids.DATA_PAYLOAD, "data"),
        Input(ids.DATA_TOO_LARGE, "data"),
        State(ids.DATA_DRY_RUN, "value"),
        State(ids.DATA_VERSION, "data"),
        State(ids.view("data"), "data"),
        prevent_initial_call=True,
    )
    def upload(payload, too_large, dry_run, version, view):
        result = handle_upload(service, payload, too_large, dry_run, _lang(view))
        # clear the upload so that choosing the same file again imports it again
        return result, (version if isinstance(version, int) else 0) + 1, None

    @app.callback(
        Output(ids.DATA_TEMPLATE_DOWNLOAD, "data"),
        Input(ids.DATA_TEMPLATE_BUTTON, "n_clicks"),
        prevent_initial_call=True,
    )
    def template(clicks):
        if not clicks:
            raise PreventUpdate
        return dcc.send_bytes(service.imports.template(), TEMPLATE_FILE_NAME, type=XLSX)

    @app.callback(
        Output(ids.DATA_EXPORT_DOWNLOAD, "data"),
        Output(ids.DATA_EXPORT_MESSAGE, "children"),
        Input(ids.DATA_EXPORT_BUTTON, "n_clicks"),
        State(ids.view("data"), "data"),
        prevent_initial_call=True,
    )
    def export_all(clicks, view):
        if not clicks:
            raise PreventUpdate
        lang = _lang(view)
        if not service.may_manage_data():
            return no_update, layout.not_allowed(lang)
        name = safe_filename("du-lieu-can-bo-co-so", "xlsx", service.today())
        return dcc.send_bytes(service.imports.export_all(), name, type=XLSX), None

    @app.callback(
        Output(ids.DATA_REPORT_DOWNLOAD, "data"),
        Output(ids.DATA_REPORT_MESSAGE, "children"),
        Input(ids.DATA_REPORT_BUTTON, "n_clicks"),
        Input(ids.DATA_REPORT_WORD, "n_clicks"),
        State(ids.DATA_REPORT_UNIT, "value"),
        State(ids.DATA_REPORT_PERIOD, "value"),
        State(ids.DATA_REPORT_DATE, "date"),
        State(ids.DATA_REPORT_STRUCTURE, "value"),
        State(ids.DATA_REPORT_KIND, "value"),
        State(ids.DATA_REPORT_NUMBER, "value"),
        State(ids.DATA_REPORT_SIGNER, "value"),
        State(ids.view("data"), "data"),
        prevent_initial_call=True,
    )
    def report(clicks, word_clicks, unit_code, period_kind, day, structure_kind, review_code, number, signer, view):
        word = ctx.triggered_id == ids.DATA_REPORT_WORD
        if not (word_clicks if word else clicks):
            raise PreventUpdate
        return review_report(service, unit_code, period_kind, day, structure_kind, _lang(view), word,
                             review_code if word else None, number, signer)
