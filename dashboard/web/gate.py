"""The web side of security: login, logout, the gate in front of every Dash endpoint,
request checks, security headers, generic errors, the admin's audit page.

``install(app, service)`` is called by the app factory after every callback is
registered (the Content-Security-Policy hashes Dash's inline scripts).

Deny by default: every path needs an open session except the login page, the health
check and static files (``/assets/``, ``/_dash-component-suites/``, the favicon). A page
without a session is redirected to the login page; a ``/_dash-*`` request gets 401.
State changes are POSTs from the app's own origin only (``Origin``, or ``Referer`` when a
browser sends no Origin); the callback endpoint takes JSON only.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from dash.exceptions import DependencyException

from flask import Response, g, jsonify, redirect, render_template_string, request
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from .. import auth, db
from ..importer import journal
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, TEXT, t
from ..viewstate import home_route, page_path, parse_path, reset_url_prefix, set_url_prefix

log = logging.getLogger("grassroots.web")

COOKIE_NAME = "grassroots_session"
# over HTTPS the cookie's name carries a prefix the browser enforces: __Host- (Secure,
# Path=/, no Domain: no other host or path can set it) at the root, __Secure- under a path
HOST_COOKIE_NAME = "__Host-" + COOKIE_NAME
SECURE_COOKIE_NAME = "__Secure-" + COOKIE_NAME
LOGIN = "dang-nhap"
LOGOUT = "dang-xuat"
CHANGE_PASSWORD = "doi-mat-khau"
AUDIT = "nhat-ky"
HEALTH = "healthz"
CALLBACK = "_dash-update-component"
# public: static files and what a person needs before logging in
PUBLIC_PREFIXES = ("assets/", "_dash-component-suites/")
PUBLIC_PATHS = {LOGIN, HEALTH, "_favicon.ico", "favicon.ico"}
# cacheable (no data in them)
STATIC_PREFIXES = PUBLIC_PREFIXES + ("_favicon.ico",)
# a callback fired only by these properties is a timer, not a person
PASSIVE_PROPS = (".n_intervals",)
# a callback request nested deeper than this is not one the app's pages send
MAX_CALLBACK_DEPTH = 32


class BadCallbackRequest(ValueError):
    """A ``/_dash-update-component`` body that no page of this app sends."""


def callback_body(callback_map) -> dict:
    """The request's callback body, checked for the shape Dash's dispatcher relies on: a
    JSON object naming a registered output, with lists of inputs and state, nested at
    most ``MAX_CALLBACK_DEPTH`` levels. Raises ``BadCallbackRequest``."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # thousands of nested brackets
        raise BadCallbackRequest("too deeply nested") from None
    if not isinstance(body, dict):
        raise BadCallbackRequest("not a JSON object")
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        raise BadCallbackRequest("unknown output")
    if not isinstance(body.get("outputs"), (dict, list)):
        raise BadCallbackRequest("no outputs")
    for name in ("inputs", "state"):
        if not isinstance(body.get(name, []), list):
            raise BadCallbackRequest(f"{name} is not a list")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(p, str) for p in changed):
        raise BadCallbackRequest("changedPropIds is not a list of names")
    items = [item for name in ("inputs", "state") for item in body.get(name, [])]
    for item in items:
        for one in item if isinstance(item, list) else [item]:
            if not isinstance(one, dict) or not isinstance(one.get("property"), str) \
                    or not isinstance(one.get("id"), (str, dict)):
                raise BadCallbackRequest("an input is not {id, property, value}")
    stack = [(body, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_CALLBACK_DEPTH:
            raise BadCallbackRequest("too deeply nested")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return body


def _lang() -> str:
    lang = request.args.get("lang")
    if not lang and request.mimetype == "application/x-www-form-urlencoded":
        try:
            lang = request.form.get("lang")
        except HTTPException:  # a body over the limit: never read
            lang = None
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def client_address() -> str | None:
    """The peer address; X-Forwarded-For is used only through ProxyFix, i.e. only when
    ``trusted_proxies`` is configured."""
    return request.remote_addr


def same_origin() -> bool:
    """The request comes from a page of this server: the browser's ``Sec-Fetch-Site``
    when it sends one (not affected by the Referrer-Policy: with ``no-referrer`` a form
    post's Origin is "null"), else Origin, or Referer without Origin."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        origin = request.headers.get("Referer")
    if not origin:
        return False
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return False
    parts = urlsplit(origin)
    return bool(parts.netloc) and parts.netloc.lower() == (request.host or "").lower()


def _is_passive_poll() -> bool:
    """A callback fired only by timers (dcc.Interval) does not count as activity."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return False
    changed = body.get("changedPropIds")
    return bool(changed) and isinstance(changed, list) and all(
        isinstance(p, str) and p.endswith(PASSIVE_PROPS) for p in changed)


def _safe_next(value: str | None, prefix: str) -> str:
    """Where to go after login: a path of this app only (never another site)."""
    if not value or not value.startswith(prefix) or value.startswith("//") or "\\" in value:
        return prefix
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return prefix
    return value


def build_csp(app) -> str:
    scripts = " ".join(["'self'", *app.csp_hashes()])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        # Dash, Plotly and AG Grid set style attributes and <style> elements
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def install(app, service) -> None:
    """Put login, the gate, the checks and the headers in front of ``app``."""
    server = app.server
    config = service.config
    prefix = config.url_prefix if config.url_prefix.endswith("/") else config.url_prefix + "/"
    policy = config.auth_policy()
    if config.trusted_proxies > 0:
        n = config.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=n)
    csp = build_csp(app)
    # Dash registers the paths of its component scripts on the first request and marks
    # itself ready before it has finished: another thread of the same gunicorn worker can
    # then be refused a script ("not a registered library", seen with 4 workers x 4
    # threads). Do it once now, before any fork or thread.
    with server.test_request_context("/"):
        app._setup_server()
    server.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                         PROPAGATE_EXCEPTIONS=False, TRAP_HTTP_EXCEPTIONS=False)

    def secure() -> bool:
        return request.is_secure or config.secure_cookies

    def cookie_name() -> str:
        if not secure():
            return COOKIE_NAME
        return HOST_COOKIE_NAME if prefix == "/" else SECURE_COOKIE_NAME

    def session_token() -> str | None:
        return request.cookies.get(cookie_name())

    def url(path: str = "", **query) -> str:
        query = {k: v for k, v in query.items() if v}
        return prefix + path + ("?" + urlencode(query) if query else "")

    def refuse(status: int, key: str, event_detail: dict | None = None):
        if event_detail is not None:
            auth.audit(service.engine, "refused", detail=event_detail)
        message = t(key, _lang())
        if request.path.lstrip("/").startswith("_dash-") or request.is_json:
            return jsonify(error=message), status
        return _page(t("auth.login_title", _lang()), f"<p class='alert alert-warning'>{_esc(message)}</p>",
                     status)

    def _page(title: str, body_html: str, status: int = 200, narrow: bool = True) -> Response:
        return Response(render_template_string(PAGE, title=title, body=body_html, prefix=prefix, narrow=narrow,
                                               app_title=t("app.title", _lang()), lang=_lang()),
                        status=status, mimetype="text/html")

    @server.before_request
    def gate():
        g.grassroots_meta = db.begin_request_meta()  # meta rows read once per request
        g.grassroots_prefix = set_url_prefix(prefix)
        g.grassroots_actor = auth.set_actor(None, client_address())
        path = request.path.lstrip("/")
        if request.method not in ("GET", "HEAD", "OPTIONS") and not same_origin():
            return refuse(403, "auth.bad_request", {"reason": "origin", "path": "/" + path[:200],
                                                   "origin": (request.headers.get("Origin") or "")[:200]})
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return None
        if path == CALLBACK and request.method != "POST":
            return refuse(405, "auth.bad_request")
        if path == CALLBACK and request.mimetype != "application/json":
            return refuse(415, "auth.bad_request", {"reason": "not json", "path": "/" + path})
        if path == CALLBACK:
            try:
                callback_body(app.callback_map)
            except BadCallbackRequest as error:
                log.info("callback request refused: %s", error)
                return refuse(400, "auth.bad_request")
        token = session_token()
        passive = path == CALLBACK and _is_passive_poll()
        user = auth.session_user(service.engine, token, policy, active=not passive)
        if user is None:
            if path.startswith("_dash-") or path.startswith("_reload") or request.method not in ("GET", "HEAD"):
                return jsonify(error=t("auth.expired", _lang()), login=url(LOGIN)), 401
            target = request.full_path if request.query_string else request.path
            return redirect(url(LOGIN, next=prefix.rstrip("/") + target, **({"het-phien": "1"} if token else {})))
        auth.reset_actor(g.grassroots_actor)
        g.grassroots_actor = auth.set_actor(user, client_address())
        if user.must_change_password and path not in (CHANGE_PASSWORD, LOGOUT):
            # an administrator chose the password: nothing else until the user chose theirs
            if path.startswith("_") or request.method not in ("GET", "HEAD"):
                return jsonify(error=t("auth.must_change", _lang()), login=url(CHANGE_PASSWORD)), 403
            return redirect(url(CHANGE_PASSWORD))
        if _is_unknown_page(path):
            return not_found()
        if user.role == "unit" and user.unit_code and request.method == "GET":
            home = home_route(parse_path("/" + path), user.unit_code)
            if home is not None and home != parse_path("/" + path):
                query = request.query_string.decode("utf-8", "replace")
                return redirect(prefix.rstrip("/") + page_path(home.page, home.unit) + ("?" + query if query else ""))
        return None

    def _is_unknown_page(path: str) -> bool:
        """A GET that only Dash's catch-all route answers (it would send the app shell)
        for a path that is no page of the app: /.git/HEAD, /console."""
        rule = request.url_rule
        if rule is None or request.method not in ("GET", "HEAD") or path.startswith("_"):
            return False
        if "<path:" not in rule.rule and rule.rule != "/":
            return False
        return parse_path("/" + path) is None

    def not_found():
        lang = _lang()
        if request.path.lstrip("/").startswith("_dash-") or request.is_json:
            return jsonify(error=t("page.not_found", lang)), 404
        body = (f"<h1 class='h4'>{_esc(t('page.not_found', lang))}</h1>"
                f"<p>{_esc(t('page.not_found_hint', lang, path=request.path[:200]))}</p>"
                f"<p><a href='{_esc(url())}'>{_esc(t('audit.back', lang))}</a></p>")
        return _page(t("page.not_found", lang), body, 404)

    @server.teardown_request
    def forget(_exc=None):
        token = g.pop("grassroots_actor", None)
        if token is not None:
            auth.reset_actor(token)
        token = g.pop("grassroots_prefix", None)
        if token is not None:
            reset_url_prefix(token)
        token = g.pop("grassroots_meta", None)
        if token is not None:
            db.end_request_meta(token)

    @server.after_request
    def headers(response: Response) -> Response:
        path = request.path.lstrip("/")
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        if response.mimetype == "application/json" and "charset" not in response.headers.get("Content-Type", ""):
            response.headers["Content-Type"] = "application/json; charset=utf-8"
        if not path.startswith(STATIC_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response

    def set_cookie(response: Response, token: str) -> None:
        response.set_cookie(cookie_name(), token, httponly=True, samesite="Lax", path=prefix, secure=secure())

    @server.route("/" + LOGIN, methods=["GET", "POST"])
    def login():
        lang = _lang()
        message, status = None, 200
        next_url = _safe_next(request.values.get("next"), prefix)
        if request.args.get("het-phien"):
            message = t("auth.expired", lang)
        if request.args.get("da-dang-xuat"):
            message = t("auth.logged_out", lang)
        username = ""
        if request.method == "POST":
            username = (request.form.get("username") or "").strip()[:64]
            password = request.form.get("password") or ""
            if not username or not password:
                message, status = t("auth.missing", lang), 400
            else:
                result = auth.authenticate(service.engine, username, password, client_address(), policy)
                if result.user is not None:
                    token = auth.start_session(service.engine, result.user, client_address(), session_token())
                    response = redirect(next_url)
                    set_cookie(response, token)
                    return response
                if result.reason == "locked":
                    minutes = int(policy.lockout.total_seconds() // 60)
                    message, status = t("auth.locked", lang, minutes=minutes), 429
                else:
                    message, status = t("auth.bad", lang), 401
        body = render_template_string(LOGIN_FORM, action=url(LOGIN), next=next_url, username=username,
                                      message=message, lang=lang, t=t)
        return _page(t("auth.login_title", lang), body, status)

    @server.route("/" + LOGOUT, methods=["POST"])
    def logout():
        token = session_token()
        user = auth.end_session(service.engine, token, "logout")
        if user is not None:
            auth.audit(service.engine, "logout", username=user.username, address=client_address())
        response = redirect(url(LOGIN, **{"da-dang-xuat": "1"}))
        response.delete_cookie(cookie_name(), path=prefix, httponly=True, samesite="Lax", secure=secure())
        # the browser forgets what it kept of the session's pages (cache and storage too)
        response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response

    @server.route("/" + CHANGE_PASSWORD, methods=["GET", "POST"])
    def change_password():
        """A logged-in user changes their own password, giving the current one (checked
        and throttled like a login). Every session of theirs ends; this browser gets a new
        one. Users whose password an administrator chose are sent here first."""
        user = auth.current_user()
        lang = _lang()
        message, status, done = None, 200, bool(request.args.get("da-doi"))
        if user.must_change_password and request.method == "GET":
            message = t("auth.must_change", lang)
        if request.method == "POST":
            current = request.form.get("current") or ""
            new = request.form.get("new") or ""
            if not current or not new:
                message, status = t("auth.missing", lang), 400
            elif new != (request.form.get("confirm") or ""):
                message, status = t("auth.password_mismatch", lang), 400
            else:
                checked = auth.authenticate(service.engine, user.username, current, client_address(), policy)
                if checked.reason == "locked":
                    minutes = int(policy.lockout.total_seconds() // 60)
                    message, status = t("auth.locked", lang, minutes=minutes), 429
                elif checked.user is None:
                    message, status = t("auth.password.current_wrong", lang), 400
                else:
                    try:
                        auth.change_own_password(service.engine, user.username, current, new)
                    except auth.UserError as error:
                        key = f"auth.{error.key}" if error.key else "auth.bad_request"
                        message, status = t(key if key in TEXT else "auth.bad_request", lang), 400
                    else:
                        changed = auth.get_user(service.engine, user.username)
                        token = auth.start_session(service.engine, changed, client_address())
                        response = redirect(url(CHANGE_PASSWORD, **{"da-doi": "1"}))
                        set_cookie(response, token)
                        return response
        body = render_template_string(CHANGE_FORM, action=url(CHANGE_PASSWORD), home=url(), lang=lang, t=t,
                                      message=message, done=done and request.method == "GET",
                                      must=user.must_change_password, username=user.username)
        return _page(t("auth.change_password", lang), body, status)

    @server.route("/" + AUDIT)
    def audit_log():
        try:
            service.require_role("admin")
        except auth.PermissionDenied:
            return refuse(403, "auth.forbidden_action")
        lang = _lang()
        service.imports.mark_interrupted()  # a worker that died mid-import shows as such
        event = request.args.get("su-kien")
        event = event if event in auth.AUDIT_EVENTS else None
        events = auth.audit_events(service.engine, 500, event)
        body = render_template_string(AUDIT_TABLE, events=events, event=event, events_known=auth.AUDIT_EVENTS,
                                      lang=lang, t=t, home=url(), action=url(AUDIT),
                                      label=lambda key: event_label(key, lang), local=local_time,
                                      detail=lambda text: detail_text(text, lang))
        return _page(t("audit.title", lang), body, narrow=False)

    @server.errorhandler(413)
    def too_large(_exc):
        """A request over MAX_CONTENT_LENGTH, refused before any code reads it: an upload
        (they travel inside a callback) is an import attempt, so it is audited; its file
        name is inside the unread body."""
        if request.path.lstrip("/") == CALLBACK:
            user = auth.current_user() or auth.session_user(service.engine, session_token(), policy, active=False)
            journal.audit_attempt(service.engine, "too_large", "(không đọc được tên tệp)",
                                  user=user.username if user else None,
                                  size=request.content_length, limit=config.max_upload_bytes)
        message = t("data.request_too_large", _lang())
        if request.path.lstrip("/").startswith("_dash-") or request.is_json:
            return jsonify(error=message), 413
        return _page(t("app.title", _lang()), f"<p class='alert alert-warning'>{_esc(message)}</p>", 413)

    @server.errorhandler(auth.PermissionDenied)
    def forbidden(_exc):
        return refuse(403, "auth.forbidden_action")

    @server.errorhandler(Exception)
    def generic_error(exc):
        if isinstance(exc, HTTPException):
            return exc
        if request.path.lstrip("/").startswith("_dash-component-suites/") and \
                isinstance(exc, (DependencyException, OSError)):
            # a script or style this app never registered: not found, and nothing to log
            return not_found()
        log.exception("unhandled error on %s", request.path)
        message = t("error.generic", _lang())
        if request.path.lstrip("/").startswith("_dash-"):
            return jsonify(error=message), 500
        return _page(t("app.title", _lang()), f"<p class='alert alert-danger'>{_esc(message)}</p>", 500)


def local_time(at) -> str:
    """Vietnam's time (UTC+7 all year) of a naive UTC timestamp, dd/mm/yyyy hh:mm:ss."""
    from datetime import timedelta

    return (at + timedelta(hours=7)).strftime("%d/%m/%Y %H:%M:%S")


def event_label(event: str, lang: str) -> str:
    key = f"audit.event.{event}"
    return t(key, lang) if key in TEXT else event


def detail_text(detail: str | None, lang: str) -> str:
    """An event's detail as a reader says it: ``{"user": "an", "role": "unit", "unit":
    "07147"}`` -> "Người dùng: an · Quyền: Xem một đơn vị · Đơn vị: 07147". Fields without a
    label keep their name; text that is not a JSON object is shown as it is."""
    if not detail:
        return "—"
    try:
        fields = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(fields, dict):
        return detail

    def value(key, v) -> str:
        if v is None or v == "":
            return "—"
        if isinstance(v, bool):
            return t("audit.yes" if v else "audit.no", lang)
        if isinstance(v, list):
            return ", ".join(value(key, item) for item in v)
        if key in ("role", "needs") and f"auth.role.{v}" in TEXT:
            return t(f"auth.role.{v}", lang)
        if key == "reason" and f"audit.reason.{v}" in TEXT:
            return t(f"audit.reason.{v}", lang)
        if key == "action" and f"audit.event.{v}" in TEXT:
            return t(f"audit.event.{v}", lang)
        if key == "until":
            try:
                return local_time(datetime.fromisoformat(str(v)))
            except ValueError:
                return str(v)
        return str(v)

    def label(key) -> str:
        return t(f"audit.field.{key}", lang) if f"audit.field.{key}" in TEXT else key
    order = list(TEXT)  # stored with sorted keys: shown in the order of the labels instead

    def rank(key) -> int:
        return order.index(f"audit.field.{key}") if f"audit.field.{key}" in TEXT else len(order)
    return " · ".join(f"{label(k)}: {value(k, fields[k])}" for k in sorted(fields, key=rank))


def _esc(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · {{ app_title }}</title>
<link rel="icon" href="{{ prefix }}_favicon.ico">
<link rel="stylesheet" href="{{ prefix }}assets/vendor/bootstrap/bootstrap.min.css">
<link rel="stylesheet" href="{{ prefix }}assets/vendor/bootstrap-icons/bootstrap-icons.min.css">
<link rel="stylesheet" href="{{ prefix }}assets/app.css">
</head>
<body class="auth-page">
<main class="container {{ 'auth-main' if narrow else 'py-3' }}">
{{ body | safe }}
</main>
</body>
</html>
"""

LOGIN_FORM = """
<div class="card auth-card mx-auto">
  <div class="card-body">
    <h1 class="h4 mb-1"><i class="bi bi-bar-chart-line" aria-hidden="true"></i> {{ t("app.title", lang) }}</h1>
    <p class="text-muted small mb-3">{{ t("app.subtitle", lang) }}</p>
    <h2 class="h5 mb-3">{{ t("auth.login_title", lang) }}</h2>
    {% if message %}<div class="alert alert-warning py-2" role="alert" id="login-message">{{ message }}</div>{% endif %}
    <form method="post" action="{{ action }}" id="login-form" autocomplete="on">
      <input type="hidden" name="next" value="{{ next }}">
      <input type="hidden" name="lang" value="{{ lang }}">
      <div class="mb-3">
        <label class="form-label" for="username">{{ t("auth.username", lang) }}</label>
        <input class="form-control" id="username" name="username" value="{{ username }}" required
               autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" autofocus>
      </div>
      <div class="mb-3">
        <label class="form-label" for="password">{{ t("auth.password", lang) }}</label>
        <input class="form-control" id="password" name="password" type="password" required
               autocomplete="current-password" maxlength="200">
      </div>
      <button class="btn btn-primary w-100" type="submit" id="login-submit">{{ t("auth.submit", lang) }}</button>
    </form>
    <p class="small text-muted mt-3 mb-0">{{ t("auth.intranet", lang) }}</p>
  </div>
</div>
"""

CHANGE_FORM = """
<div class="card auth-card mx-auto">
  <div class="card-body">
    <h1 class="h4 mb-3"><i class="bi bi-key" aria-hidden="true"></i> {{ t("auth.change_password", lang) }}</h1>
    {% if done %}<div class="alert alert-success py-2" role="status" id="password-changed">{{ t("auth.password_changed", lang) }}</div>
    <a class="btn btn-primary w-100" href="{{ home }}" id="password-home">{{ t("audit.back", lang) }}</a>
    {% else %}
    {% if message %}<div class="alert alert-warning py-2" role="alert" id="password-message">{{ message }}</div>{% endif %}
    <form method="post" action="{{ action }}" id="password-form">
      <input type="hidden" name="lang" value="{{ lang }}">
      <input type="text" name="username" value="{{ username }}" autocomplete="username" hidden>
      <div class="mb-3">
        <label class="form-label" for="current">{{ t("auth.current_password", lang) }}</label>
        <input class="form-control" id="current" name="current" type="password" required
               autocomplete="current-password" maxlength="200" autofocus>
      </div>
      <div class="mb-3">
        <label class="form-label" for="new">{{ t("auth.new_password", lang) }}</label>
        <input class="form-control" id="new" name="new" type="password" required minlength="10"
               autocomplete="new-password" maxlength="200" aria-describedby="password-rules">
        <div class="form-text" id="password-rules">{{ t("auth.password_rules", lang) }}</div>
      </div>
      <div class="mb-3">
        <label class="form-label" for="confirm">{{ t("auth.confirm_password", lang) }}</label>
        <input class="form-control" id="confirm" name="confirm" type="password" required minlength="10"
               autocomplete="new-password" maxlength="200">
      </div>
      <button class="btn btn-primary w-100" type="submit" id="password-submit">{{ t("auth.change_password", lang) }}</button>
    </form>
    {% if not must %}<p class="small mt-3 mb-0"><a href="{{ home }}">{{ t("audit.back", lang) }}</a></p>{% endif %}
    {% endif %}
  </div>
</div>
"""

AUDIT_TABLE = """
<div class="d-flex justify-content-between align-items-center flex-wrap gap-2 my-3">
  <h1 class="h4 mb-0">{{ t("audit.title", lang) }}</h1>
  <a class="btn btn-sm btn-outline-primary" href="{{ home }}">{{ t("audit.back", lang) }}</a>
</div>
<form method="get" action="{{ action }}" class="d-flex gap-2 align-items-center mb-2">
  <label class="small" for="su-kien">{{ t("audit.event", lang) }}</label>
  <select class="form-select form-select-sm w-auto" id="su-kien" name="su-kien">
    <option value="">{{ t("audit.all", lang) }}</option>
    {% for key in events_known %}<option value="{{ key }}" {% if key == event %}selected{% endif %}>{{ t("audit.event." + key, lang) }}</option>{% endfor %}
  </select>
  <button class="btn btn-sm btn-secondary" type="submit">OK</button>
</form>
<p class="small text-muted">{{ t("audit.intro", lang, count=events|length) }}</p>
{% if not events %}<p class="alert alert-light">{{ t("audit.empty", lang) }}</p>{% else %}
<div class="table-responsive">
<table class="table table-sm table-striped align-middle audit-table" id="audit-table">
  <thead><tr><th scope="col">{{ t("audit.at", lang) }}</th><th scope="col">{{ t("audit.event", lang) }}</th>
  <th scope="col">{{ t("audit.user", lang) }}</th><th scope="col">{{ t("audit.address", lang) }}</th>
  <th scope="col">{{ t("audit.detail", lang) }}</th></tr></thead>
  <tbody>
  {% for e in events %}<tr class="audit-{{ e.event }}"><td class="text-nowrap">{{ local(e.at) }}</td>
  <td>{{ label(e.event) }}</td>
  <td>{{ e.username or "—" }}</td><td>{{ e.address or "—" }}</td><td class="small text-break">{{ detail(e.detail) }}</td></tr>{% endfor %}
  </tbody>
</table></div>{% endif %}
"""
