"""gunicorn settings: ``gunicorn -c gunicorn.conf.py dashboard.web.wsgi:server``.

Every setting comes from an environment variable, with a default that suits a small
intranet server (see docs/deployment.md):

    GRASSROOTS_BIND              127.0.0.1:8000 (nginx in front; never expose gunicorn)
    GRASSROOTS_WORKERS           4   processes (each with its own database pool)
    GRASSROOTS_THREADS           4   threads per process (gthread)
    GRASSROOTS_TIMEOUT           60  seconds before a stuck worker is restarted
    GRASSROOTS_GRACEFUL_TIMEOUT  30
    GRASSROOTS_KEEPALIVE         5
    GRASSROOTS_MAX_REQUESTS      2000 (a worker is recycled after that many requests, +-10 %)
    GRASSROOTS_LOG_LEVEL         info
    GRASSROOTS_ACCESS_LOG        -   ("-" = stdout; a path; "off" for none)
    GRASSROOTS_ERROR_LOG         -   ("-" = stderr; or a path)
    GRASSROOTS_TRUSTED_PROXIES   0   number of proxies whose X-Forwarded-* headers are believed
    GRASSROOTS_FORWARDED_ALLOW_IPS  127.0.0.1,::1 (addresses of those proxies)

SECRET_KEY must be set (one value for all workers); the app refuses to start without it.
"""
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "dashboard.web.wsgi:server"
bind = os.environ.get("GRASSROOTS_BIND", "127.0.0.1:8000").split(",")
workers = _int("GRASSROOTS_WORKERS", 4)
worker_class = "gthread"
threads = _int("GRASSROOTS_THREADS", 4)
timeout = _int("GRASSROOTS_TIMEOUT", 60)
graceful_timeout = _int("GRASSROOTS_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GRASSROOTS_KEEPALIVE", 5)
max_requests = _int("GRASSROOTS_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Build the app once in the master (a wrong SECRET_KEY or database URL stops the start
# at once); database engines are created lazily and never cross the fork (post_fork).
preload_app = True
# Request line and headers limits (gunicorn's defaults are generous).
limit_request_line = 8190
limit_request_fields = 100

loglevel = os.environ.get("GRASSROOTS_LOG_LEVEL", "info")
_access = os.environ.get("GRASSROOTS_ACCESS_LOG", "-")
accesslog = None if _access == "off" else _access
errorlog = os.environ.get("GRASSROOTS_ERROR_LOG", "-")

_trusted = _int("GRASSROOTS_TRUSTED_PROXIES", 0)
if _trusted > 0:
    # Behind the documented nginx: the client is the last address nginx added.
    forwarded_allow_ips = os.environ.get("GRASSROOTS_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    _client = "%({x-forwarded-for}i)s"
else:
    # No trusted proxy: forwarded headers are ignored and the log shows the peer.
    forwarded_allow_ips = ""
    _client = "%(h)s"
access_log_format = _client + ' %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# The application's own log (grassroots.*: errors with tracebacks, never sent to clients)
# goes to the error log too.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {"grassroots": {"level": loglevel.upper(), "handlers": ["error_console"], "propagate": False},
                "alembic": {"level": "WARNING", "handlers": ["error_console"], "propagate": False}},
}


def post_fork(server, worker):
    """Each worker starts with no pooled connection inherited from the master, then warms
    the root pages' numbers in the background (``dashboard.web.warmup``; the workers share the
    results, one computes each)."""
    import sys

    from dashboard import db

    db.dispose_engines()
    loaded = sys.modules.get("dashboard.web.wsgi")  # the app the master preloaded
    if loaded is not None and loaded.app.service.config.warm_pages:
        from dashboard.web.warmup import warm_in_background

        warm_in_background(loaded.app.service)
