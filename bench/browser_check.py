"""Check that the benchmark sends what a browser sends.

    python -m bench.browser_check [--scale town] [--backend sqlite]

Opens each page at the root and at the leaf in headless Chromium (logged in), records
the ``/_dash-update-component`` requests from the performance log, and compares the
callbacks (their ``output``) and input values with those ``bench.dash_client`` builds
for the same page. Prints the differences; exit status 1 when there are any.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from . import common
from .cases import page_levels, page_path, pick_levels
from .dash_client import DashClient, post

PAGES = ("overview", "unified", "training", "oversight", "village")


def _driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1366,900"):
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(options=options)


def browser_requests(driver, url: str, wait: float) -> list[dict]:
    driver.get_log("performance")  # drop what came before
    driver.get(url)
    time.sleep(wait)
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        request = message["params"]["request"]
        if "/_dash-update-component" in request["url"] and request.get("postData"):
            found.append(json.loads(request["postData"]))
    return found


def _inputs(payload: dict) -> list:
    return [(json.dumps(i["id"], sort_keys=True), i["property"], json.dumps(i.get("value"), sort_keys=True))
            for i in payload["inputs"]]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser_check")
    parser.add_argument("--scale", choices=common.SCALES, default="town")
    parser.add_argument("--backend", choices=common.BACKENDS, default="sqlite")
    parser.add_argument("--wait", type=float, default=6.0, help="seconds for a page's callbacks to finish")
    args = parser.parse_args(argv)
    url = common.prepare_database(args.scale, args.backend)["url"]
    common.ensure_bench_users(url, 1)
    from dashboard import db
    from dashboard.config import Config
    from dashboard.service import DataService

    service = DataService(Config(database_url=url, today=common.today()), db.make_engine(url))
    levels = [lv for lv in pick_levels(service, common.today()) if lv.name in ("root", "leaf", "village")]
    service.engine.dispose()
    problems = 0
    with common.gunicorn(url, workers=1) as server:
        session = common.login(server.base, common.bench_user(0))
        client = DashClient(session.get(server.base + "/_dash-layout").json(),
                            session.get(server.base + "/_dash-dependencies").json())
        driver = _driver()
        try:
            driver.get(server.base + "/dang-nhap")
            driver.find_element("id", "username").send_keys(common.bench_user(0))
            driver.find_element("id", "password").send_keys(common.BENCH_PASSWORD)
            driver.find_element("id", "login-submit").click()
            time.sleep(args.wait)
            for page in PAGES:
                for level in page_levels(page, levels):
                    path = page_path(page, level)
                    seen = browser_requests(driver, server.base + path, args.wait)
                    router = client.router_callback(path)
                    response, _size = post(session, server.base, router.payload)
                    ours = [router.payload] + [c.payload for c in client.page_callbacks(response.json())]
                    theirs = {p["output"]: p for p in seen}
                    mine = {p["output"]: p for p in ours}
                    missing = sorted(set(theirs) - set(mine))
                    extra = sorted(set(mine) - set(theirs))
                    differing = [o for o in set(theirs) & set(mine) if _inputs(theirs[o]) != _inputs(mine[o])]
                    status = "same" if not (missing or extra or differing) else "DIFFERENT"
                    print(f"{path:40s} browser {len(seen):2d} requests, bench {len(ours):2d}: {status}")
                    for output in missing:
                        print(f"    only the browser sends: {output[:120]}")
                    for output in extra:
                        print(f"    only the bench sends:   {output[:120]}")
                    for output in differing:
                        print(f"    inputs differ for {output[:80]}: browser {_inputs(theirs[output])} "
                              f"bench {_inputs(mine[output])}")
                    problems += len(missing) + len(extra) + len(differing)
        finally:
            driver.quit()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
