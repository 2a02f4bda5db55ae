"""Page callbacks timed in this process (Flask test client), no HTTP server: what a
callback costs the worker (its Python, the data layer, Dash's JSON) without the network
and gunicorn in the way. For comparing two versions of the rendering code.

    python -m bench.inprocess [--scale town] [--database URL] [--repeat 15] [--pages / /giam-sat]
                              [--mode warm|hit|cold] [--out FILE.json]

For each page: the router callback and the callbacks its skeleton fires
(``bench.dash_client``, the payloads a browser sends); prints the median wall and CPU time
(CPU time of this process: steadier than wall time on a shared machine) and the bytes of
JSON of each. Modes:

- ``warm`` (default): the numbers are cached (result cache), the rendered answers are not
  (``GRASSROOTS_RESPONSE_CACHE=off``): each call draws its figures and tables again;
- ``hit``: the rendered-response cache on: what the same request costs the second time;
- ``cold``: the data version moves on before each opening of the page (as after an
  import), then the page's callbacks run once each in the browser's order: everything is
  computed, as when a page is first opened.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time

from . import common

PAGES = ("/", "/nhat-the-hoa", "/boi-duong", "/giam-sat")
ORIGIN = {"Origin": "http://localhost"}


def measure(url: str, pages=PAGES, repeat: int = 15, mode: str = "warm") -> dict:
    os.environ.update(GRASSROOTS_DATABASE_URL=url, GRASSROOTS_TODAY=common.TODAY, GRASSROOTS_ENV="development",
                      GRASSROOTS_LOAD_DEMO="0", GRASSROOTS_CACHE_DIR=tempfile.mkdtemp(prefix="bench-inprocess-"),
                      GRASSROOTS_RESPONSE_CACHE="on" if mode in ("hit", "cold") else "off")
    from dashboard import db, preagg
    from dashboard.web.app import create_app

    from .dash_client import DashClient

    user = common.ensure_bench_users(url, 1)[0]
    app = create_app()
    client = app.server.test_client()
    response = client.post("/dang-nhap", data={"username": user, "password": common.BENCH_PASSWORD}, headers=ORIGIN)
    if response.status_code not in (302, 303):
        raise RuntimeError(f"login failed: HTTP {response.status_code}")
    dash = DashClient(client.get("/_dash-layout", headers=ORIGIN).get_json(),
                      client.get("/_dash-dependencies", headers=ORIGIN).get_json())

    def call(callback):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.post("/_dash-update-component", json=callback.payload, headers=ORIGIN)
        wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000
        if response.status_code not in (200, 204):
            raise RuntimeError(f"{callback.label}: HTTP {response.status_code}")
        return wall, cpu, len(response.data)

    results = {}
    for page in pages:
        pathname, _, search = page.partition("?")
        router = dash.router_callback(pathname, "?" + search if search else "")
        skeleton = client.post("/_dash-update-component", json=router.payload, headers=ORIGIN).get_json()
        callbacks = [router, *dash.page_callbacks(skeleton)]
        samples = {callback.label: ([], [], 0) for callback in callbacks}
        if mode == "cold":
            for _index in range(repeat):
                with db.session_scope(app.service.engine) as session:
                    preagg.new_data_version(session, records_changed=False)
                for callback in callbacks:
                    wall, cpu, size = call(callback)
                    walls, cpus, _ = samples[callback.label]
                    samples[callback.label] = (walls + [wall], cpus + [cpu], size)
        else:
            for callback in callbacks:
                call(callback)  # the first call fills the caches
                for _index in range(repeat):
                    wall, cpu, size = call(callback)
                    walls, cpus, _ = samples[callback.label]
                    samples[callback.label] = (walls + [wall], cpus + [cpu], size)
        results[page] = {label: {"wall_ms": round(statistics.median(walls), 1), "cpu_ms": round(statistics.median(cpus), 1),
                                 "bytes": size} for label, (walls, cpus, size) in samples.items()}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="town", choices=common.SCALES)
    parser.add_argument("--database", help="a database URL instead of the scale's SQLite file")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    parser.add_argument("--mode", choices=("warm", "hit", "cold"), default="warm")
    parser.add_argument("--out", help="also write the numbers to this JSON file")
    args = parser.parse_args()
    url = args.database or common.prepare_database(args.scale, "sqlite")["url"]
    results = measure(url, args.pages, args.repeat, args.mode)
    for page, rows in results.items():
        print(page)
        for label, row in rows.items():
            print(f"  {row['wall_ms']:8.1f} ms wall {row['cpu_ms']:8.1f} ms CPU {row['bytes']:9,d} B  {label}")
        print(f"  {sum(r['wall_ms'] for r in rows.values()):8.1f} ms wall "
              f"{sum(r['cpu_ms'] for r in rows.values()):8.1f} ms CPU "
              f"{sum(r['bytes'] for r in rows.values()):9,d} B  all callbacks")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
