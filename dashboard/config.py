"""Configuration: one object, read from the environment once, passed everywhere.

Nothing here touches the database or Dash; tests build their own ``Config``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from .auth import Policy

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"



def _assets_dir() -> Path:
    """CSS, vendored front-end files and locales: ``GRASSROOTS_ASSETS_DIR``, else the
    checkout's ``assets/`` (an editable install), else ``assets/`` in the working
    directory (a release installed with pip and run from its folder, see docs/)."""
    configured = os.environ.get("GRASSROOTS_ASSETS_DIR")
    if configured:
        return Path(configured)
    beside_package = PROJECT_ROOT / "assets"
    return beside_package if beside_package.is_dir() else Path.cwd() / "assets"


ASSETS_DIR = _assets_dir()
DEFAULT_SQLITE_PATH = DATA_DIR / "grassroots.db"


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None


def _prefix(value: str) -> str:
    """"/canbo", "canbo/" -> "/canbo/"; "" -> "/"."""
    value = "/" + value.strip().strip("/")
    return value if value == "/" else value + "/"


@dataclass(frozen=True)
class Config:
    """Everything the application needs to know about its surroundings.

    database_url: SQLAlchemy URL; default a SQLite file under data/.
    today: the date the dashboard treats as "today" (None: the real date). Tests and
        demos pin it so that figures do not move with the calendar.
    load_demo_if_empty: ``serve`` fills an empty database with the demo dataset.
    environment: "production" (the default: SECRET_KEY required, no debug tools) or
        "development" (``grassroots serve``).
    session_idle_minutes, session_max_hours: a session ends after this long without
        activity, and this long after login, whatever happens.
    login_max_failures, login_lockout_minutes: that many wrong passwords for one user
        name from one client address lock that name for that address for that long; four
        times as many for one name from any addresses lock the name everywhere.
    login_max_failures_per_address: that many failed logins from one client address,
        whatever the names, lock the address for ``login_lockout_minutes`` (password
        spraying). See docs/deployment.md.
    trusted_proxies: how many reverse proxies in front of the app set X-Forwarded-For /
        -Proto / -Host (0: none; the headers are then ignored, so a client cannot forge
        its address in the logs).
    secure_cookies: mark the session cookie Secure even when the request does not look
        like HTTPS (a TLS proxy that is not trusted). With a trusted proxy that says
        https, the cookie is Secure anyway.
    cache_url, cache_dir: the result cache shared by the workers (``dashboard.cache``):
        by default files in ``cache_dir`` (``GRASSROOTS_CACHE_DIR``, default
        ``<temp dir>/grassroots-cache``); ``GRASSROOTS_CACHE_URL=redis://host:6379/0``
        for Redis; ``none`` for no cache.
    response_cache: also keep the rendered answers of page callbacks in that cache
        (``dashboard.web.response_cache``); ``GRASSROOTS_RESPONSE_CACHE=off`` keeps only the
        results.
    warm_pages: compute the root pages' numbers in the background when the app starts and
        after each import (``dashboard.web.warmup``); on unless ``GRASSROOTS_WARM_PAGES=off``
        (off for apps made in code, e.g. tests, unless asked).
    compress: gzip the answers (pages, scripts, callback JSON) in the app itself, for
        servers with no proxy that compresses (gunicorn alone sends plain bytes: a page
        weighs 3-4x more); ``GRASSROOTS_COMPRESS=off`` where nginx already gzips.
    query_threads: helper threads per worker that run a page's independent queries side
        by side with the request's own thread, when free (``dashboard.parallel``);
        ``GRASSROOTS_QUERY_THREADS``, default 2 (0 in code: one query after another).
    """

    database_url: str = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    secret_key: str | None = None
    debug: bool = False
    today: date | None = None
    load_demo_if_empty: bool = True
    url_prefix: str = "/"
    max_upload_bytes: int = 20 * 1024 * 1024  # the largest file the Data page imports
    environment: str = "production"
    session_idle_minutes: int = 30
    session_max_hours: int = 10
    login_max_failures: int = 5
    login_lockout_minutes: int = 15
    login_max_failures_per_address: int = 20
    trusted_proxies: int = 0
    secure_cookies: bool = False
    cache_url: str | None = None  # None: filesystem cache in cache_dir; "redis://..."; "none"
    cache_dir: str | None = None  # the filesystem cache's directory (default: under the temp dir)
    response_cache: bool = True  # rendered page callbacks cached too (off: results only)
    warm_pages: bool = False  # the root pages' numbers computed at start and after imports
    compress: bool = True  # gzip in the app (off when a proxy compresses)
    query_threads: int = 0  # helper threads for a page's independent queries (0: none)
    # the body that issues the Word report after the town level ended (30/06/2025) and owns
    # the data then (``dashboard.document``); up to that date the town's Party committee
    report_owner: str = "Ban Tổ chức Tỉnh ủy Quảng Ninh"
    report_owner_higher: str = "Tỉnh ủy Quảng Ninh"
    report_owner_symbol: str = "BC/BTCTU"
    report_place: str = "Quảng Yên"
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> "Config":
        env = os.environ
        today = env.get("GRASSROOTS_TODAY")
        config = cls(
            database_url=env.get("GRASSROOTS_DATABASE_URL") or cls.database_url,
            secret_key=env.get("SECRET_KEY") or env.get("GRASSROOTS_SECRET_KEY"),
            debug=_env_bool("GRASSROOTS_DEBUG"),
            today=date.fromisoformat(today) if today else None,
            load_demo_if_empty=_env_bool("GRASSROOTS_LOAD_DEMO", True),
            url_prefix=_prefix(env.get("GRASSROOTS_URL_PREFIX", "/")),
            max_upload_bytes=int(float(env.get("GRASSROOTS_MAX_UPLOAD_MB") or 20) * 1024 * 1024),
            environment=env.get("GRASSROOTS_ENV", "production").strip().lower() or "production",
            session_idle_minutes=_env_int("GRASSROOTS_SESSION_IDLE_MINUTES", 30),
            session_max_hours=_env_int("GRASSROOTS_SESSION_MAX_HOURS", 10),
            login_max_failures=_env_int("GRASSROOTS_LOGIN_MAX_FAILURES", 5),
            login_lockout_minutes=_env_int("GRASSROOTS_LOGIN_LOCKOUT_MINUTES", 15),
            login_max_failures_per_address=_env_int("GRASSROOTS_LOGIN_MAX_FAILURES_PER_ADDRESS", 20),
            trusted_proxies=_env_int("GRASSROOTS_TRUSTED_PROXIES", 0),
            secure_cookies=_env_bool("GRASSROOTS_SECURE_COOKIES"),
            cache_url=env.get("GRASSROOTS_CACHE_URL") or None,
            cache_dir=env.get("GRASSROOTS_CACHE_DIR") or None,
            response_cache=_env_bool("GRASSROOTS_RESPONSE_CACHE", True),
            warm_pages=_env_bool("GRASSROOTS_WARM_PAGES", True),
            compress=_env_bool("GRASSROOTS_COMPRESS", True),
            query_threads=max(0, _env_int("GRASSROOTS_QUERY_THREADS", 2)),
            report_owner=env.get("GRASSROOTS_REPORT_OWNER") or cls.report_owner,
            report_owner_higher=env.get("GRASSROOTS_REPORT_OWNER_HIGHER") or cls.report_owner_higher,
            report_owner_symbol=env.get("GRASSROOTS_REPORT_OWNER_SYMBOL") or cls.report_owner_symbol,
            report_place=env.get("GRASSROOTS_REPORT_PLACE") or cls.report_place,
        )
        return replace(config, **overrides) if overrides else config

    @property
    def is_development(self) -> bool:
        return self.environment == "development"

    def auth_policy(self) -> Policy:
        return Policy(max_failures=max(1, self.login_max_failures),
                      name_max_failures=4 * max(1, self.login_max_failures),
                      address_max_failures=max(1, self.login_max_failures_per_address),
                      lockout=timedelta(minutes=max(1, self.login_lockout_minutes)),
                      idle=timedelta(minutes=max(1, self.session_idle_minutes)),
                      absolute=timedelta(hours=max(1, self.session_max_hours)))

    def current_date(self) -> date:
        """The date used as "today" for default views and the current structure."""
        return self.today or date.today()
