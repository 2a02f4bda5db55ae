"""Lighthouse on every dashboard page, logged in, under gunicorn as the README deploys it.

    python -m bench.lighthouse [--label after] [--port 8062] [--workers 2] [--app-root DIR]
                               [--pages / /boi-duong ...] [--presets mobile desktop]

What it does:
1. a fresh SQLite database with the Quảng Yên demo (``grassroots db init --demo``) in a
   temporary folder, and a ``town`` account on it;
2. gunicorn with the project's ``gunicorn.conf.py`` (``--app-root`` serves another checkout,
   e.g. main as it was, to measure "before" with this script);
3. logs in through the login form and hands the session cookie to Lighthouse;
4. Lighthouse 12 (npm, installed under ``bench/`` from ``bench/package-lock.json``:
   ``cd bench && npm ci``) with Debian's ``/usr/bin/chromium`` on every page, in the
   mobile preset (Lighthouse's default: a mid-range phone on slow 4G, CPU slowed 4x) and
   the desktop preset;
5. writes ``bench/results/<date>-lighthouse-demo-<label>.json|md``: per page and preset
   the performance, accessibility and best-practices scores, CLS, LCP, TBT and bytes.

Scores are measured, never asserted. They depend on the machine: the load average is
written beside them (a shared, loaded machine scores lower than a quiet one).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import RESULTS_DIR, ROOT, log, machine, machine_markdown, result_stem, write_results

PAGES = ("/", "/nhat-the-hoa", "/boi-duong", "/giam-sat", "/co-cau", "/don-vi/07147", "/nhat-the-hoa/07147",
         "/boi-duong/07147", "/giam-sat/07147", "/co-cau/07147", "/don-vi/07147/07147-01")
PRESETS = ("mobile", "desktop")
USER, PASSWORD = "lighthouse", "lighthouse-Passw0rd-loopback-only"
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# what the table shows: (column, audit id or category, how it is written)
METRICS = (
    ("perf", "performance"), ("a11y", "accessibility"), ("BP", "best-practices"),
)
AUDITS = (
    ("CLS", "cumulative-layout-shift", lambda v: f"{v:.3f}"),
    ("LCP s", "largest-contentful-paint", lambda v: f"{v / 1000:.1f}"),
    ("TBT ms", "total-blocking-time", lambda v: f"{v:.0f}"),
    ("FCP s", "first-contentful-paint", lambda v: f"{v / 1000:.1f}"),
    ("KB", "total-byte-weight", lambda v: f"{v / 1024:.0f}"),
)


def _env(app_root: Path, url: str, port: int, workers: int) -> dict:
    env = dict(os.environ)
    env.update(GRASSROOTS_DATABASE_URL=url, GRASSROOTS_LOAD_DEMO="0", PYTHONPATH=str(app_root),
               SECRET_KEY="lighthouse-" + os.urandom(16).hex(), GRASSROOTS_BIND=f"127.0.0.1:{port}",
               GRASSROOTS_WORKERS=str(workers), GRASSROOTS_ACCESS_LOG="off", GRASSROOTS_LOG_LEVEL="warning")
    return env


def prepare(app_root: Path, workdir: Path) -> str:
    """The demo in a new SQLite file, and the account Lighthouse logs in with."""
    url = f"sqlite:///{workdir / 'demo.db'}"
    env = _env(app_root, url, 0, 1)
    subprocess.run([sys.executable, "-m", "dashboard.cli", "db", "init", "--demo"], cwd=app_root, env=env,
                   check=True, capture_output=True, text=True)
    subprocess.run([sys.executable, "-m", "dashboard.cli", "users", "add", USER, "--role", "town",
                    "--password", PASSWORD], cwd=app_root, env=env, check=True, capture_output=True, text=True)
    # `users add` makes a new user choose their own password first (every page would be the
    # change-password form); Lighthouse's account keeps the one given here. Checkouts older
    # than that rule have no ``must_change`` and need nothing.
    keep = ("import os, inspect; from dashboard import auth, db; "
            "engine = db.get_engine(os.environ['GRASSROOTS_DATABASE_URL']); "
            "'must_change' in inspect.signature(auth.set_password).parameters and "
            f"auth.set_password(engine, {USER!r}, {PASSWORD!r}, must_change=False)")
    subprocess.run([sys.executable, "-c", keep], cwd=app_root, env=env, check=True, capture_output=True, text=True)
    return url


def start_gunicorn(app_root: Path, url: str, port: int, workers: int, workdir: Path):
    env = _env(app_root, url, port, workers)
    env["GRASSROOTS_CACHE_DIR"] = str(workdir / "cache")
    handle = open(workdir / "gunicorn.log", "w")
    process = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
                               cwd=app_root, env=env, stdout=handle, stderr=subprocess.STDOUT)
    return process, handle


def wait_ready(base: str, process, timeout: float = 120) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited; see its log")
        try:
            if requests.get(base + "/dang-nhap", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer")


def session_cookie(base: str) -> str:
    import requests

    session = requests.Session()
    session.headers.update({"Origin": base, "Referer": base + "/"})
    answer = session.post(base + "/dang-nhap", data={"username": USER, "password": PASSWORD},
                          allow_redirects=False, timeout=60)
    if answer.status_code not in (302, 303):
        raise RuntimeError(f"login failed: HTTP {answer.status_code}")
    return "; ".join(f"{k}={v}" for k, v in session.cookies.get_dict().items())


def run_lighthouse(url: str, preset: str, cookie: str, out: Path, nice: int = 0) -> dict:
    """One Lighthouse run; returns its JSON report. ``nice`` < 0 (as root) puts Lighthouse
    and its Chromium ahead of other work on a shared machine: Lighthouse's mobile figures
    are the observed main-thread times slowed 4x, so a busy machine inflates them."""
    command = (["nice", "-n", str(nice)] if nice else []) + [
               str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=performance,accessibility,best-practices",
               f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
               "--extra-headers=" + json.dumps({"Cookie": cookie}), "--max-wait-for-load=60000"]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(command, env=env, check=True, capture_output=True, text=True, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def scores(report: dict) -> dict:
    row = {}
    for name, category in METRICS:
        value = report["categories"].get(category, {}).get("score")
        row[name] = None if value is None else round(value, 2)
    for name, audit, _ in AUDITS:
        row[name] = report["audits"].get(audit, {}).get("numericValue")
    row["final_url"] = report.get("finalDisplayedUrl") or report.get("finalUrl")
    row["lighthouse"] = report.get("lighthouseVersion")
    # where the blocking time comes from: the scripts that kept the main thread busy (ms,
    # Lighthouse's "bootup-time", before its CPU slowdown is simulated on mobile)
    items = report["audits"].get("bootup-time", {}).get("details", {}).get("items", [])
    row["scripts"] = [{"url": item["url"].rsplit("/", 1)[-1].split("?")[0][:60], "total": round(item["total"]),
                       "scripting": round(item.get("scripting", 0)),
                       "parse": round(item.get("scriptParseCompile", 0))} for item in items[:8]]
    row["failed"] = [a["id"] for a in report["audits"].values()
                     if a.get("score") is not None and a.get("score") < 0.9
                     and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")][:25]
    return row


def markdown_table(results: list[dict]) -> str:
    head = ["page", "preset"] + [m[0] for m in METRICS] + [a[0] for a in AUDITS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        cells = [r["page"], r["preset"]]
        cells += ["-" if r.get(m[0]) is None else f"{r[m[0]]:.2f}" for m in METRICS]
        cells += ["-" if r.get(a[0]) is None else a[2](r[a[0]]) for a in AUDITS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="run")
    parser.add_argument("--port", type=int, default=8062)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (the README's default is 4)")
    parser.add_argument("--app-root", type=Path, default=ROOT, help="the checkout gunicorn serves")
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    parser.add_argument("--presets", nargs="+", default=list(PRESETS), choices=PRESETS)
    parser.add_argument("--nice", type=int, default=0,
                        help="run Lighthouse and Chromium at this niceness (e.g. -15 as root on a shared machine)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment for the server, e.g. GRASSROOTS_COMPRESS=off")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        parser.error("Lighthouse is not installed: cd bench && npm ci")
    app_root = args.app_root.resolve()
    for pair in args.env:
        name, _, value = pair.partition("=")
        os.environ[name] = value
    workdir = Path(tempfile.mkdtemp(prefix="grassroots-lighthouse-"))
    base = f"http://127.0.0.1:{args.port}"
    info = machine()
    info["app_root"] = str(app_root)
    info["app_commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=app_root,
                                        capture_output=True, text=True).stdout.strip() or "(not a git checkout)"
    info["gunicorn_workers"] = args.workers
    info["lighthouse_nice"] = args.nice
    log(f"demo database in {workdir}")
    url = prepare(app_root, workdir)
    process, handle = start_gunicorn(app_root, url, args.port, args.workers, workdir)
    results = []
    try:
        wait_ready(base, process)
        cookie = session_cookie(base)
        for page in args.pages:
            for preset in args.presets:
                load = round(os.getloadavg()[0], 2)
                log(f"{preset:7} {page} (load {load})")
                row = None
                for attempt in (1, 2):  # a loaded machine sometimes loses Chromium: once more
                    try:
                        report = run_lighthouse(base + page, preset, cookie, workdir / "report.json", args.nice)
                        row = scores(report)
                        row["attempt"] = attempt
                        if (row.get("final_url") or "").split("?")[0] != base + page:
                            # a login or password form measured instead of the page is no result
                            row = {"error": f"landed on {row.get('final_url')}, not {base + page}"}
                        break
                    except (subprocess.SubprocessError, OSError, ValueError, KeyError) as error:
                        stderr = getattr(error, "stderr", None) or ""
                        row = {"error": (stderr or str(error))[-600:]}
                row.update(page=page, preset=preset, load_average=load)
                results.append(row)
                log("   " + ", ".join(f"{k}={row.get(k)}" for k in ("perf", "a11y", "BP", "CLS", "LCP s",
                                                                      "TBT ms", "KB")))
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        handle.close()
    info["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    stem = result_stem("lighthouse", "demo", None, args.label)
    markdown = "\n\n".join([
        f"# Lighthouse, demo data, {args.label}",
        "Command: `python -m bench.lighthouse " + " ".join(argv if argv is not None else sys.argv[1:]) + "`",
        machine_markdown(info) + f"\n- app_root: {app_root} (commit {info['app_commit']})"
        f"\n- gunicorn workers: {args.workers}; Lighthouse niceness: {args.nice}\n- load average at the end: {info['load_average_end']}",
        "The machine is shared (2 cores, other sessions' tests and servers running): each row's load "
        "average at its start is in the JSON. Mobile = Lighthouse's default (simulated slow 4G, 4x CPU "
        "slowdown); scores on a loaded machine are lower than on a quiet one.",
        markdown_table(results),
    ]) + "\n"
    paths = write_results(stem, {"machine": info, "results": results}, markdown, RESULTS_DIR)
    print(markdown_table(results))
    log(f"written: {paths[0]} and {paths[1]}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
