"""The application factory: ``create_app(config)`` builds a Dash app bound to a data
service. Nothing happens at import time; tests build as many apps as they like."""
from __future__ import annotations

import os
import secrets

from dash import Dash
from flask import Response, has_request_context, jsonify, request

from callbacks import register_callbacks, response_policies
from layouts import pages
from layouts.shell import app_layout

from .. import db
from ..config import ASSETS_DIR, Config
from ..i18n import t
from ..service import DataService, ForbiddenUnit, UnknownUnit
from ..viewstate import WORD_PATH, ViewState
from . import boot, delivery, first_view, gate, response_cache
from .jsonout import install as fast_callback_json


# Dash's page with the language declared (screen readers, hyphenation, the date picker's
# names) and its scripts in a plain <div>, not a second <footer> landmark beside the page's.
INDEX = """<!DOCTYPE html>
<html lang="vi">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


def _page_language(app: Dash) -> None:
    """``<html lang="en">`` when the URL asks for English (``?lang=en``); Vietnamese otherwise.
    After a switch without a reload, assets/a11y.js keeps the attribute in step."""
    interpolate = app.interpolate_index

    def interpolate_index(**kwargs):
        page = interpolate(**kwargs)
        if has_request_context() and request.args.get("lang") == "en":
            page = page.replace('<html lang="vi">', '<html lang="en">', 1)
        return page

    app.interpolate_index = interpolate_index


def create_app(config: Config | None = None, service: DataService | None = None) -> Dash:
    config = config or Config.from_env()
    secret_key = config.secret_key or os.environ.get("SECRET_KEY")
    if not secret_key and not config.is_development:
        raise RuntimeError("SECRET_KEY is required outside development: set the same long random value "
                           "for every worker (e.g. python3 -c 'import secrets; print(secrets.token_hex(32))').")
    service = service or DataService(config)

    app = Dash(
        __name__,
        title="Công tác cán bộ cơ sở",
        update_title=None,
        assets_folder=str(ASSETS_DIR),
        assets_ignore=delivery.ASSETS_IGNORE,
        serve_locally=True,
        suppress_callback_exceptions=False,
        requests_pathname_prefix=config.url_prefix if config.url_prefix != "/" else None,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "Nhất thể hóa, bồi dưỡng, giám sát cộng đồng"},
        ],
    )
    app.index_string = INDEX
    _page_language(app)
    fast_callback_json()  # the answers' JSON without plotly's Python walk (dashboard.web.jsonout)
    app.layout = app_layout()
    app.validation_layout = pages.validation_layout(app_layout())
    register_callbacks(app, service)

    server = app.server
    server.config["SECRET_KEY"] = secret_key or secrets.token_hex(32)  # development only
    server.config["GRASSROOTS"] = config
    # Uploads travel base64-encoded inside a JSON callback: room for the largest file
    # accepted and nothing more (larger requests get 413 before any code runs).
    server.config["MAX_CONTENT_LENGTH"] = config.max_upload_bytes * 4 // 3 + 1024 * 1024
    app.service = service  # for tests and the CLI
    delivery.install(app, config, ASSETS_DIR)  # gzip, and the partial plotly.js bundle
    first_view.install(app, service)  # the page's first view in the initial HTML
    boot.install(app)  # Dash's scripts started on the reader's first use (assets/boot.js)

    head = db.head_revision()
    DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    try:  # imports whose worker died (a restart after a crash): shown as interrupted
        service.imports.mark_interrupted()
    except Exception:  # noqa: BLE001  no database yet: nothing to mark
        pass

    @server.get("/healthz")
    def health():
        """For monitoring: 200 when the database answers and its schema is this code's
        (``grassroots db upgrade`` done); 503 otherwise. No data, no login."""
        try:
            empty = db.is_empty(service.engine)
            revision = db.schema_revision(service.engine)
        except Exception:  # the database is unreachable
            return jsonify(status="error", database="unreachable"), 503
        schema = "ok" if revision == head else ("missing" if revision is None else "outdated")
        return jsonify(status="ok" if schema == "ok" else "error", database="empty" if empty else "ok",
                       schema=schema), 200 if schema == "ok" else 503

    @server.get("/" + WORD_PATH)
    @server.get("/" + WORD_PATH + "/<code>")
    def word_report(code: str | None = None):
        """The Word report of the unit ``code`` (the root without one) for the period, date
        and structure of the query (a page's own query; what makes no sense is ignored, as
        on the pages); 404 for a unit that does not exist or is out of the user's scope."""
        state = ViewState.from_query(request.query_string.decode("utf-8", "replace"))
        day = state.day or service.today()
        if service.is_empty():
            return Response(t("empty.database", state.lang), status=404, mimetype="text/plain")
        try:
            content, name = service.reports.document(code, state.period, day, state.structure, state.lang)
        except (UnknownUnit, ForbiddenUnit):
            return Response(t("empty.unknown_unit", state.lang, code=code), status=404, mimetype="text/plain")
        return Response(content, mimetype=DOCX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    # Last: the Content-Security-Policy hashes the inline scripts of every callback.
    gate.install(app, service)
    if config.response_cache:
        prefix = config.url_prefix if config.url_prefix.endswith("/") else config.url_prefix + "/"
        response_cache.install(app, service, response_policies(app), prefix + gate.CALLBACK)
    # the warm-up (dashboard.web.warmup) is started by whoever runs the app, after any fork:
    # gunicorn's post_fork, ``grassroots serve``; a thread started here would be copied
    # into the forked workers with its locks held
    return app
