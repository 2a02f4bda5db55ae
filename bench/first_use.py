"""What the reader's first use of a page costs: the app starting (assets/boot.js).

    python -m bench.first_use [--label now] [--port 8064] [--app-root DIR] [--runs 3]
                              [--pages / /don-vi/07147/07147-01] [--slowdown 4]

Lighthouse scores the page a reader gets before touching it (the server's HTML); this
measures the other half, as a phone would live it: Chromium at 412 x 900 px with the CPU
slowed ``--slowdown`` times (Lighthouse's mobile preset slows it 4x), the demo under
gunicorn as ``bench.lighthouse`` starts it, logged in. For each page and run:
- ``load s``: until the browser's load event;
- ``started alone``: whether the app started without any use in the next 3 s (it should
  not on a page whose first view is complete);
- after one mouse movement over the page: ``drawn s`` until the app's page has replaced
  the server's (``[data-first-view]`` gone), ``settled s`` until no callback is loading.
A checkout from before assets/boot.js (``--app-root``) starts the app while loading: there
``settled s`` is counted from the load event with no use at all.

Writes ``bench/results/<date>-first-use-demo-<label>.md``. Times are measured, never
asserted; a loaded machine gives longer ones (the load average is written beside them).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from . import lighthouse

ROOT = Path(__file__).resolve().parent.parent
DRAWN = "return !document.querySelector('[data-first-view]');"
SETTLED = ("return !document.querySelector('[data-first-view]') && "
           "document.querySelectorAll('[data-dash-is-loading=\"true\"]').length === 0 && !!window.dash_clientside;")


def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=412,900"):
        options.add_argument(argument)
    options.binary_location = lighthouse.CHROMIUM
    return webdriver.Chrome(options=options)


def until(browser, script: str, limit: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if browser.execute_script(script):
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def measure(base: str, cookie: str, page: str, slowdown: int) -> dict:
    from selenium.webdriver.common.action_chains import ActionChains

    browser = driver()
    try:
        browser.get(base + "/dang-nhap")
        name, value = cookie.split("=", 1)
        browser.add_cookie({"name": name, "value": value})
        browser.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        started = time.monotonic()
        browser.get(base + page)
        loaded = time.monotonic() - started
        alone = until(browser, SETTLED, 3.0)
        if alone is not None:  # no late start (a checkout before boot.js): counted from the load
            return {"load": loaded, "started_alone": True, "drawn": None, "settled": alone}
        ActionChains(browser).move_by_offset(20, 20).perform()
        used = time.monotonic()
        drawn = until(browser, DRAWN, 120)
        settled = until(browser, SETTLED, 120)
        return {"load": loaded, "started_alone": False, "drawn": drawn,
                "settled": None if settled is None else time.monotonic() - used}
    finally:
        browser.quit()


def median(values: list) -> str:
    values = [v for v in values if v is not None]
    return f"{statistics.median(values):.2f}" if values else "—"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="now")
    parser.add_argument("--port", type=int, default=8064)
    parser.add_argument("--app-root", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slowdown", type=int, default=4)
    parser.add_argument("--pages", nargs="+", default=["/", "/don-vi/07147/07147-01"])
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="first-use-"))
    url = lighthouse.prepare(args.app_root.resolve(), workdir)
    process, handle = lighthouse.start_gunicorn(args.app_root.resolve(), url, args.port, 2, workdir)
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    try:
        lighthouse.wait_ready(base, process)
        cookie = lighthouse.session_cookie(base)
        for page in args.pages:
            measure(base, cookie, page, args.slowdown)  # warm the server's caches
            runs = [measure(base, cookie, page, args.slowdown) for _ in range(args.runs)]
            row = {"page": page, "load": median([r["load"] for r in runs]),
                   "alone": "yes" if all(r["started_alone"] for r in runs) else
                            ("no" if not any(r["started_alone"] for r in runs) else "sometimes"),
                   "drawn": median([r["drawn"] for r in runs]), "settled": median([r["settled"] for r in runs]),
                   "load_average": os.getloadavg()[0]}
            rows.append(row)
            print(row, flush=True)
    finally:
        process.terminate()
        process.wait(timeout=30)
        handle.close()

    commit = subprocess.run(["git", "-C", str(args.app_root), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "(not a git checkout)"
    lines = [f"# First use of a page, demo data, {args.label}", "",
             f"Command: `python -m bench.first_use {' '.join(argv if argv is not None else sys.argv[1:])}`", "",
             f"- app_root: {args.app_root} (commit {commit}); runs per page: {args.runs} (medians), "
             f"CPU slowed {args.slowdown}x, 412 x 900 px", "",
             "| page | load s | app started alone | drawn s after first use | settled s after first use "
             "(or after load) | load average |", "|---|---|---|---|---|---|"]
    lines += [f"| {r['page']} | {r['load']} | {r['alone']} | {r['drawn']} | {r['settled']} | {r['load_average']:.2f} |"
              for r in rows]
    out = ROOT / "bench" / "results" / f"{date.today().isoformat()}-first-use-demo-{args.label}.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("written:", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
