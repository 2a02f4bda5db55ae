"""Users, sessions, scope and the audit log in the data layer, on SQLite and PostgreSQL
(the ``engine`` fixture), on the tiny town of ``tests/factory.py``."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from dashboard import auth
from dashboard.config import Config
from dashboard.indicators import View, summary
from dashboard.periods import make_period
from dashboard.scope import ABOVE, ALL, INSIDE, NONE, Scope, unit_access, visible_children
from dashboard.service import DataService, ForbiddenUnit, UnknownUnit
from dashboard.viewstate import Route, ViewState

from .factory import build_tiny_town

TODAY = date(2026, 11, 27)
PASSWORD = "mot-mat-khau-dai"


def service_for(engine) -> DataService:
    return DataService(Config(database_url="sqlite://", today=TODAY, secret_key="x"), engine=engine)


def test_scope_of_each_role(engine):
    """C is a ward today; B (merged into C on 01/01/2021) is not valid today, so a user
    given B has nothing (deny by default)."""
    ids = build_tiny_town(engine)
    service = service_for(engine)
    cases = [("admin", None, Scope.everything()), ("town", None, Scope.everything()),
             ("unit", "C", Scope.of_units([ids["C"]], TODAY)), ("unit", "B", Scope.nothing()),
             ("unit", None, Scope.nothing())]
    for role, unit, expected in cases:
        with auth.acting_as(auth.AuthUser(1, "u", role, unit)):
            assert service.scope() == expected, (role, unit)
    assert service.scope() == Scope.nothing()  # nobody logged in


def test_unit_access_on_the_structure_of_a_date(engine):
    """Scope C (today). On 01/11/2018 the town's children are A, B, D: B rolls up to C
    today (its primary successor) and so do B's villages B1; B2 was B's then but is A's
    today, so it is not C's. T is above C; A and D are none of C's business."""
    ids = build_tiny_town(engine)
    scope = Scope.of_units([ids["C"]], TODAY)
    day = date(2018, 11, 1)
    with engine.connect() as conn:
        got = {key: unit_access(conn, scope, ids[key], day) for key in ("T", "A", "B", "C", "D", "B1", "B2", "A1")}
        assert got == {"T": ABOVE, "A": NONE, "B": INSIDE, "C": INSIDE, "D": NONE,
                       "B1": INSIDE, "B2": NONE, "A1": NONE}
        assert visible_children(conn, scope, ids["T"], day) == (ids["B"],)
        assert visible_children(conn, scope, ids["T"], TODAY) == (ids["C"],)
        assert unit_access(conn, Scope.everything(), ids["A"], day) == ALL
        assert unit_access(conn, Scope.nothing(), ids["T"], day) == NONE


def test_town_page_of_a_unit_user_counts_only_their_villages(engine):
    """On 01/11/2018, as the structure was: B's villages were B1 (secretary p5, head
    vacant) and B2 (p6 both: unified). B2 is A's today, so for C's leader the town page
    has one row, B, with 1 village, 0 unified, 1 head vacant, and the total is the same.
    For a town user B has 2 villages, 1 unified, and the town 4 villages (A1, A2, B1, B2)."""
    build_tiny_town(engine)
    service = service_for(engine)
    state = ViewState(day=date(2018, 11, 1))
    with auth.acting_as(auth.AuthUser(1, "c", "unit", "C")):
        context = service.context(Route("overview"), state)
        assert context.error is None and context.restricted
        table = service.overview.summary(context.view)
    rows = {r["code"]: (r["villages"], r["unified"], r["head_vacant"]) for _, r in table.iterrows()}
    assert rows == {"B": (1, 0, 1), "T": (1, 0, 1)}
    with auth.acting_as(auth.AuthUser(2, "t", "town")):
        context = service.context(Route("overview"), state)
        table = service.overview.summary(context.view)
    rows = {r["code"]: (r["villages"], r["unified"]) for _, r in table.iterrows()}
    assert rows == {"A": (2, 1), "B": (2, 1), "D": (0, 0), "T": (4, 2)}
    assert not context.restricted


def test_a_unit_user_is_refused_other_units_and_their_villages(engine):
    ids = build_tiny_town(engine)
    service = service_for(engine)
    with auth.acting_as(auth.AuthUser(1, "c", "unit", "C"), "10.9.8.7"):
        assert service.context(Route("overview", "A"), ViewState()).error == "forbidden"
        assert service.context(Route("village", "A", "A1"), ViewState()).error == "forbidden"
        assert service.context(Route("village", "C", "B1"), ViewState()).error is None
        kinds, units = service.child_options(Route("overview"), ViewState(day=date(2018, 11, 1)), service.scope())
        assert [u["code"] for u in units] == ["B"]
        # a filter naming a unit outside the scope leaves no child at all
        context = service.context(Route("overview"), ViewState(day=date(2018, 11, 1), units=("A",)))
        assert context.view.unit_ids == (-1,)
    refused = auth.audit_events(engine, 10, "refused")
    assert [(e["username"], e["address"]) for e in refused] == [("c", "10.9.8.7")] * 2
    assert ids["A"]


def test_a_query_without_a_scope_counts_nothing(engine):
    """Deny by default reaches the SQL: an empty scope gives zeros everywhere."""
    ids = build_tiny_town(engine)
    period = make_period("day", date(2018, 11, 1), TODAY)
    with engine.connect() as conn:
        table = summary(conn, View(ids["T"], period, scope=Scope.nothing()))
    assert int(table["villages"].sum()) == 0 and int(table["cadres"].sum()) == 0


# --- users and sessions ------------------------------------------------------------------


def test_passwords_are_hashed_with_scrypt(engine):
    build_tiny_town(engine)
    auth.add_user(engine, "Lan.Nguyen", PASSWORD, "unit", "A", "Nguyễn Thị Lan")
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT username, password_hash FROM app_user")).one()
    assert stored[0] == "lan.nguyen"
    assert stored[1].startswith("scrypt:32768:8:1$") and PASSWORD not in stored[1]
    assert auth.authenticate(engine, "LAN.NGUYEN", PASSWORD, None).reason == "ok"


@pytest.mark.parametrize("args, message", [
    (("x", PASSWORD, "town"), "2 to 64 characters"),
    (("lan", "ngan", "town"), "at least 10"),
    (("lan", PASSWORD, "boss"), "Unknown role"),
    (("lan", PASSWORD, "unit"), "needs --unit"),
    (("lan", PASSWORD, "unit", "ZZ"), "No unit has the code 'ZZ'"),
])
def test_bad_user_input_is_a_clear_error_and_changes_nothing(engine, args, message):
    build_tiny_town(engine)
    with pytest.raises(auth.UserError, match=message):
        auth.add_user(engine, *args)
    assert auth.list_users(engine) == []


def test_a_user_name_is_unique(engine):
    build_tiny_town(engine)
    auth.add_user(engine, "lan", PASSWORD, "town")
    with pytest.raises(auth.UserError, match="already exists"):
        auth.add_user(engine, "LAN", PASSWORD, "admin")


def test_sessions_end_on_the_server(engine):
    build_tiny_town(engine)
    user = auth.add_user(engine, "lan", PASSWORD, "town")
    first = auth.start_session(engine, user, "10.0.0.1")
    second = auth.start_session(engine, user, "10.0.0.2")
    assert auth.session_user(engine, first).username == "lan"
    assert auth.end_session(engine, first).username == "lan"
    assert auth.session_user(engine, first) is None
    assert auth.session_user(engine, second) is not None
    assert auth.set_password(engine, "lan", "mat-khau-moi-nhe") == 1
    assert auth.session_user(engine, second) is None
    assert [u["sessions"] for u in auth.list_users(engine)] == [0]


def test_a_role_change_applies_to_open_sessions(engine):
    build_tiny_town(engine)
    user = auth.add_user(engine, "lan", PASSWORD, "town")
    token = auth.start_session(engine, user, None)
    auth.set_role(engine, "lan", "unit", "C")
    assert auth.session_user(engine, token) == auth.AuthUser(user.id, "lan", "unit", "C", "", must_change_password=True)


def test_user_changes_are_audited_with_who_did_them(engine):
    build_tiny_town(engine)
    with auth.acting_as(auth.AuthUser(0, "cli:root", "admin"), "cli"):
        auth.add_user(engine, "lan", PASSWORD, "town")
        auth.set_role(engine, "lan", "unit", "A")
        auth.set_password(engine, "lan", "mat-khau-moi-nhe")
        auth.set_active(engine, "lan", False)
    events = [(e["event"], e["username"], e["address"]) for e in reversed(auth.audit_events(engine))]
    assert events == [("user_added", "cli:root", "cli"), ("user_role", "cli:root", "cli"),
                      ("user_password", "cli:root", "cli"), ("user_disabled", "cli:root", "cli")]


def test_the_audit_log_is_append_only_in_the_database(engine):
    auth.audit(engine, "login_ok", "lan", "10.0.0.1")
    for statement in ("UPDATE audit_event SET username = 'someone else'", "DELETE FROM audit_event"):
        with pytest.raises(Exception, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text(statement))
    assert [e["username"] for e in auth.audit_events(engine)] == ["lan"]


def test_resolve_refuses_units_outside_the_scope_and_restricts_units_above(engine):
    """The same rule for every caller of ``resolve`` (reports, exports), not only pages:
    C's leader resolving A gets ForbiddenUnit (an UnknownUnit to callers that only know
    that), resolving the town on 01/11/2018 gets the town restricted to B."""
    ids = build_tiny_town(engine)
    service = service_for(engine)
    period = make_period("day", date(2018, 11, 1), TODAY)
    with auth.acting_as(auth.AuthUser(1, "c", "unit", "C")):
        with pytest.raises(ForbiddenUnit):
            service.resolve("A", period)
        assert issubclass(ForbiddenUnit, UnknownUnit)
        town = service.resolve(None, period)
        assert town.restricted and town.view.unit_ids == (ids["B"],)
        inside = service.resolve("B", period)
        assert not inside.restricted and inside.view.unit_ids == ()
    assert [e["detail"] for e in auth.audit_events(engine, 10, "refused")] == ['{"unit": "A"}']
