"""Shared fixtures.

Data-layer tests take ``engine``: a fresh, empty schema per test, on SQLite and (when
``GRASSROOTS_TEST_POSTGRES_URL`` is set) on PostgreSQL. In CI (``CI=true``) a missing
PostgreSQL URL, database or browser is a failure, not a skip.

``demo_engine`` is the demo dataset, loaded once per backend for the session.
"""
from __future__ import annotations

import os
import shutil
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from dashboard import db
from dashboard.config import Config
from dashboard.demo import load_demo

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("GRASSROOTS_TEST_POSTGRES_URL")
# The date the demo's "today" is pinned to in tests.
DEMO_TODAY = date(2026, 11, 27)
BACKENDS = ["sqlite", "postgres"]


def require(condition: bool, reason: str) -> None:
    """Skip locally, fail in CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (in CI this is a failure, not a skip)")
    pytest.skip(reason)


def postgres_engine(schema: str):
    """An engine on the test PostgreSQL database whose tables live in ``schema``."""
    require(bool(POSTGRES_URL), "GRASSROOTS_TEST_POSTGRES_URL is not set")
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # server down, database missing
        require(False, f"PostgreSQL is not reachable at {POSTGRES_URL}: {exc}")
    finally:
        admin.dispose()
    return create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"}), POSTGRES_URL


def drop_postgres_schema(schema: str) -> None:
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    """A fresh database with the schema created, on each backend."""
    if request.param == "sqlite":
        eng = db.make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        db.create_schema(eng)
        yield eng
        eng.dispose()
        return
    schema = f"t_{os.getpid()}"
    eng, _ = postgres_engine(schema)
    db.create_schema(eng)
    yield eng
    eng.dispose()
    drop_postgres_schema(schema)


@pytest.fixture(scope="session", params=BACKENDS)
def demo_engine(request, tmp_path_factory):
    """The demo dataset, loaded once per backend."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("demo") / "demo.db"
        eng = db.make_engine(f"sqlite:///{path}")
        load_demo(eng)
        yield eng
        eng.dispose()
        return
    schema = f"demo_{os.getpid()}"
    eng, _ = postgres_engine(schema)
    load_demo(eng)
    yield eng
    eng.dispose()
    drop_postgres_schema(schema)


# Test accounts in the demo file: (user name, role, unit code). Hà An (07168) is a ward
# of today's structure; on 13/04/2018 its villages belonged to several communes.
TEST_PASSWORD = "mat-khau-thu-nghiem"
TEST_USERS = {"admin": ("t-admin", "admin", None), "town": ("t-town", "town", None),
              "unit": ("t-unit", "unit", "07168")}


@pytest.fixture(scope="session")
def demo_sqlite_path(tmp_path_factory):
    """A SQLite file with the demo dataset and the test accounts (``TEST_USERS``, all
    with ``TEST_PASSWORD``), for the CLI, the app and the browser."""
    from dashboard import auth

    path = tmp_path_factory.mktemp("demo-file") / "demo.db"
    eng = db.make_engine(f"sqlite:///{path}")
    db.upgrade_schema(eng)
    load_demo(eng)
    for username, role, unit in TEST_USERS.values():
        auth.add_user(eng, username, TEST_PASSWORD, role, unit, must_change=False)
    eng.dispose()
    return path


def test_user(role: str):
    """The ``AuthUser`` of the test account with ``role`` in the demo file."""
    from dashboard import auth

    username, role, unit = TEST_USERS[role]
    return auth.AuthUser({"admin": 1, "town": 2, "unit": 3}[role], username, role, unit)


@pytest.fixture
def as_town():
    """Run the test as a logged-in town user (sees every unit)."""
    from dashboard.auth import acting_as

    with acting_as(test_user("town"), "127.0.0.1") as user:
        yield user


@pytest.fixture
def as_admin():
    """Run the test as a logged-in administrator (imports, full exports, users)."""
    from dashboard.auth import acting_as

    with acting_as(test_user("admin"), "127.0.0.1") as user:
        yield user


@pytest.fixture
def as_unit():
    """Run the test as the logged-in leader of Phường Hà An (07168)."""
    from dashboard.auth import acting_as

    with acting_as(test_user("unit"), "127.0.0.1") as user:
        yield user


@pytest.fixture(scope="session")
def demo_config(demo_sqlite_path):
    # every test logs in from 127.0.0.1: the per-address throttle (tests/test_passwords.py)
    # would add up the whole session's wrong passwords
    return Config(database_url=f"sqlite:///{demo_sqlite_path}", today=DEMO_TODAY,
                  load_demo_if_empty=False, secret_key="test-secret", login_max_failures_per_address=10_000)


@pytest.fixture(scope="session")
def demo_postgres_url():
    """A PostgreSQL schema with the demo dataset and the test accounts, as a database URL
    (the schema is chosen with the connection's search_path)."""
    from urllib.parse import quote

    from dashboard import auth

    schema = f"demoapp_{os.getpid()}"
    eng, _ = postgres_engine(schema)
    db.upgrade_schema(eng)
    load_demo(eng)
    for username, role, unit in TEST_USERS.values():
        auth.add_user(eng, username, TEST_PASSWORD, role, unit, must_change=False)
    eng.dispose()
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    db.dispose_engines()
    drop_postgres_schema(schema)


@pytest.fixture(scope="session", params=BACKENDS)
def app_config(request, demo_config):
    """The demo app's configuration on each backend (SQLite file, PostgreSQL schema)."""
    if request.param == "sqlite":
        return demo_config
    from dataclasses import replace

    return replace(demo_config, database_url=request.getfixturevalue("demo_postgres_url"))


# --- browser -----------------------------------------------------------------------------


def pytest_setup_options():
    """Chrome options for dash[testing]'s dash_duo (headless Chromium from Debian)."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for argument in ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--window-size=1366,900", "--lang=vi"):
        options.add_argument(argument)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return options


BROWSER_WAIT = 60  # seconds a browser test waits for something to appear


def free_port() -> int:
    """A free TCP port on loopback, so that parallel test runs do not collide on 8050."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def start(dash_duo):
    """Start an app on a free port and log in: ``start(app)`` (as the town user) or
    ``start(app, role="unit")``, ``start(app, role=None)`` (not logged in); returns
    ``dash_duo``. Charts and tables load at once unless ``lazy=True`` (as a reader gets
    them: when they are about to be seen)."""
    def _start(app, role: str | None = "town", lazy: bool = False):
        from selenium.webdriver.support.ui import WebDriverWait

        # waits are upper bounds, not timings: a loaded 2-core machine can be slow
        dash_duo._wait_timeout = BROWSER_WAIT
        dash_duo._wd_wait = WebDriverWait(dash_duo.driver, BROWSER_WAIT)
        if not lazy:
            # plotly.js and AG Grid load when their box is about to be seen (assets/lazy.js);
            # tests that read charts and tables anywhere on the page have them loaded at once
            dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                            {"source": "window.grassrootsEager = true;"})
        if not lazy:
            _talk_to_the_app(dash_duo)
        dash_duo.start_server(app, navigate=False, port=free_port())
        dash_duo._url = dash_duo.server.url  # without waiting for a Dash page (login first)
        if role:
            browser_login(dash_duo, TEST_USERS[role][0], TEST_PASSWORD)
            dash_duo.wait_for_element("#react-entry-point")  # the login lands on the app
        return dash_duo
    return _start


APP_DRAWN = "return !document.querySelector('[data-first-view]');"


def _talk_to_the_app(dash_duo) -> None:
    """The test finds and reads the app's elements, not the server's first view that stays
    on screen until the app has drawn its own page (assets/boot.js): each finding and
    waiting method of ``dash_duo`` first waits for the app (at once on a page without a
    first view: the login page, the password page)."""
    from selenium.webdriver.support.ui import WebDriverWait

    def app_drawn():
        WebDriverWait(dash_duo.driver, BROWSER_WAIT).until(lambda d: d.execute_script(APP_DRAWN))

    def after_the_app(method):
        def wrapped(*args, **kwargs):
            app_drawn()
            return method(*args, **kwargs)
        return wrapped

    for name in ("find_element", "find_elements", "wait_for_element", "wait_for_element_by_css_selector",
                 "wait_for_contains_text", "wait_for_text_to_equal", "wait_for_style_to_equal",
                 "wait_for_contains_class", "wait_for_no_elements"):
        if hasattr(dash_duo, name):
            setattr(dash_duo, name, after_the_app(getattr(dash_duo, name)))
    navigate = dash_duo.wait_for_page

    def wait_for_page(*args, **kwargs):
        result = navigate(*args, **kwargs)
        app_drawn()
        return result

    dash_duo.wait_for_page = wait_for_page


def browser_login(dash_duo, username: str, password: str) -> None:
    """Log in through the login page, as a person would."""
    from selenium.webdriver.support.ui import WebDriverWait

    dash_duo.driver.get(f"{dash_duo.server_url}/dang-nhap")
    dash_duo.driver.find_element("id", "username").send_keys(username)
    dash_duo.driver.find_element("id", "password").send_keys(password)
    dash_duo.driver.find_element("id", "login-submit").click()
    WebDriverWait(dash_duo.driver, 15).until(lambda d: "/dang-nhap" not in d.current_url)


@pytest.fixture
def browser_available():
    have = bool(shutil.which("chromedriver")) and (
        os.path.exists("/usr/bin/chromium") or bool(shutil.which("chromium")))
    require(have, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
