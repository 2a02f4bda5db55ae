"""Rendered callback responses, cached: a page opened again answers without rebuilding
its figures and tables.

The result cache (``dashboard.cache``) keeps the numbers; building the component trees and
figures from them and serialising the JSON still cost most of a callback (tens of
milliseconds on a chart-heavy header). This layer stores the JSON body Dash sent for a
callback request and answers the same request with it.

Which callbacks: only those registered as cacheable (``callbacks.response_policies``):
the page callbacks whose inputs are the page's view store or the filter bar's state (their
output depends on nothing but those inputs, the data, today and the user's scope), the
freshness footer, and per user the router (the navbar names the user) and the notes list
(Sửa/Xóa on the user's own notes). Never the note form, the data page (imports,
downloads) or anything that changes state.

The key: the request's callback (output, inputs, state and which input changed, as sent),
the database and what it holds (data token and version, and the notes token: notes are
not data imports but show on the overview), today, the running code (release and the
source files' sizes and times, so a deployment or an edit never reads an older
rendering), the user's role and unit (their scope), and the user name for per-user
callbacks.

Not stored: anything but a 200 JSON answer (PreventUpdate's 204, errors), an answer its
callback marked with ``keep_out`` (the router's placeholders), and any request that wrote
to the audit log (a refused unit is logged every time it is asked for).
Every worker shares the entries (the same backend as the result cache, bodies stored
gzipped, as the app sends them: a hit is answered with the stored bytes as they are when
the browser takes gzip, which every browser does, instead of unpacking and packing them
again, ~1 ms of a 40 KB answer; see ``dashboard.web.delivery``); when several requests
ask for the same answer at once, one renders it
and the others wait for it (``ResultCache.claim``). A backend that fails, or an entry
that cannot be read, turns this off for the request, never fails it.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging

from flask import Response, g, request

from .. import auth, db
from ..service.context import code_fingerprint, source_stamp as stamp_of

log = logging.getLogger(__name__)

SHARED = "shared"  # the same for every user with the same role and unit
PER_USER = "user"  # names the user (the router's navbar)
FORMAT = "3"  # 2: bodies stored zlib-compressed; 3: gzipped
GZIP_MAGIC = b"\x1f\x8b"
GZIP_LEVEL = 6  # flask-compress's (``delivery``): the same bytes whether cached or not
CLAIM_WAIT = 20.0  # seconds a request waits for another's rendering of the same answer
PACKAGES = ("dashboard", "layouts", "callbacks")


def source_stamp() -> str:
    """The release and every source file of the pages (data layer, layouts, callbacks):
    rendered output belongs to the code that rendered it."""
    return hashlib.sha256(repr((code_fingerprint(), stamp_of(PACKAGES))).encode()).hexdigest()[:24]


def request_key(service, policy: str, user, body: dict) -> str | None:
    """The cache key of this callback request, or None when nothing may be cached (no
    cache, no data token)."""
    cache = service.cache
    if cache is None:
        return None
    state = db.render_key(service.engine)
    if state is None:
        return None
    who = (user.role, user.unit_code or "", user.username if policy == PER_USER else "")
    call = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return cache.key("response", FORMAT, service.config.database_url, state, source_stamp(),
                     service.today().isoformat(), *who, call)


def keep_out() -> None:
    """This request's answer is not to be stored (the router drew a page's placeholders
    because its numbers were not computed yet: the next request may draw them)."""
    try:
        g.grassroots_response_keep_out = True
    except RuntimeError:  # no request (a test calling the callback directly)
        pass


def install(app, service, policies: dict[str, str], callback_path: str) -> None:
    """Answer ``callback_path`` POSTs of the callbacks in ``policies`` (output spec ->
    SHARED | PER_USER) from the cache, and store what the others computed. Must be
    installed after the login gate (``web.install``): it reads the gate's user."""
    server = app.server
    compress = service.config.compress

    def takes_gzip() -> bool:
        return compress and request.accept_encodings.quality("gzip") > 0

    def gzipped(response: Response) -> Response:
        """``response`` (its body already gzip) marked as such."""
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        return response

    @server.before_request
    def answer_from_cache():
        if request.method != "POST" or request.path != callback_path:
            return None
        user = auth.current_user()
        if user is None:
            return None
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return None
        policy = policies.get(body.get("output"))
        if policy is None:
            return None
        try:
            key = request_key(service, policy, user, body)
        except Exception as error:  # never fail a page for the cache
            log.warning("response cache key: %s", error)
            return None
        if key is None:
            return None
        cache = service.cache
        found = cache.get(key)
        if not isinstance(found, (bytes, bytearray)):
            # many users open the same page at once (after an import, at 8 o'clock): one
            # request renders it, the others wait for its answer
            found, owner = cache.claim(key, CLAIM_WAIT)
            if owner:
                g.grassroots_response_claim = key
        if isinstance(found, (bytes, bytearray)):
            try:
                if found[:2] != GZIP_MAGIC:
                    raise OSError("not gzip")
                answer = bytes(found) if takes_gzip() else gzip.decompress(found)
            except (OSError, EOFError):  # a damaged entry: answer as if nothing was stored
                log.warning("response cache: unreadable entry")
            else:
                g.grassroots_response_cache = "hit"
                response = Response(answer, status=200, mimetype="application/json")
                return gzipped(response) if takes_gzip() else response
        g.grassroots_response_key = key
        return None

    @server.after_request
    def store_in_cache(response: Response) -> Response:
        key = g.pop("grassroots_response_key", None)
        if key is None or g.pop("grassroots_response_keep_out", False):
            return response
        if (response.status_code == 200 and response.mimetype == "application/json"
                and not auth.audited() and not response.direct_passthrough
                and "Content-Encoding" not in response.headers):
            # gzipped: JSON shrinks ~8x, so the cache holds 8x more pages; and sent so when
            # the browser takes it (flask-compress, which runs after this, leaves an
            # encoded answer alone): packed once for the cache and the browser
            packed = gzip.compress(response.get_data(), GZIP_LEVEL, mtime=0)
            service.cache.set(key, packed)
            if takes_gzip():
                response.set_data(packed)
                gzipped(response)
        return response

    @server.teardown_request
    def release_claim(_exc=None):
        key = g.pop("grassroots_response_claim", None)
        if key is not None:
            service.cache.unclaim(key)


__all__ = ["PER_USER", "SHARED", "install", "keep_out", "request_key", "source_stamp"]
