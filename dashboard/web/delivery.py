"""How the page's files reach the browser: gzip in the app, and a partial plotly.js.

- Compression (flask-compress): gunicorn sends plain bytes, and not every intranet puts
  a compressing proxy in front, so the app gzips HTML, CSS, scripts and callback JSON
  itself (9.2 MB -> about 2 MB for a page). ``GRASSROOTS_COMPRESS=off`` leaves it to nginx.
- plotly.js: Dash's graph component loads plotly.js when the first chart mounts, from
  ``<prefix>_dash-component-suites/plotly/package_data/plotly.min.js`` (the full 4.8 MB
  bundle, every trace type). That URL is answered here with the official partial bundle
  ``plotly.js-cartesian-dist-min`` (1.5 MB; bar, heatmap, scatter: the traces the pages
  draw), vendored in ``assets/vendor/plotly/``. The version must match the plotly
  package's (checked by ``tests/test_delivery.py``).
"""
from __future__ import annotations

from pathlib import Path

from flask import Response, request

PLOTLY_URL = "_dash-component-suites/plotly/package_data/plotly.min.js"
PARTIAL_BUNDLE = Path("vendor") / "plotly" / "plotly-cartesian.min.js"
# not included in every page by Dash (it is loaded on demand, above)
ASSETS_IGNORE = r".*\.map$|.*LICENSE.*|.*README.*|^plotly-cartesian\.min\.js$"  # Dash matches file names
COMPRESSED_TYPES = ["text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
                    "application/json", "image/svg+xml"]


def install(app, config, assets_dir: Path) -> None:
    server = app.server
    if config.compress:
        from flask_compress import Compress

        server.config.update(COMPRESS_ALGORITHM=["gzip"], COMPRESS_LEVEL=6, COMPRESS_MIN_SIZE=1024,
                             COMPRESS_MIMETYPES=COMPRESSED_TYPES)
        Compress(server)
    bundle = (assets_dir / PARTIAL_BUNDLE).resolve()
    prefix = config.url_prefix if config.url_prefix.endswith("/") else config.url_prefix + "/"
    target = prefix + PLOTLY_URL

    @server.before_request
    def partial_plotly():
        if request.path == target and bundle.is_file():
            # bytes, not send_file: a passthrough file would skip the compression
            response = Response(bundle.read_bytes(), mimetype="application/javascript")
            response.cache_control.public = True
            response.cache_control.max_age = 86400
            response.add_etag()
            return response.make_conditional(request)
        return None
