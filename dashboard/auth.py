"""Users, roles, sessions and the audit log: the data layer of login. No Flask, no Dash.

Roles (``models.USER_ROLES``):
    admin  everything: every unit, imports, user management, the audit log;
    town   views every unit;
    unit   views one commune or ward (``unit_code``) and what rolls up to it today.

Who is asking is held for the current request (or CLI command, or test) by
``acting_as(user, address)``; the web layer sets it from the session cookie, and
``current_user()`` / ``require_role("admin")`` read it. Nobody set means nobody: every
scope is empty (deny by default).

Passwords are hashed with scrypt (werkzeug's ``scrypt:32768:8:1``, salted). A session
cookie holds a random token; the database keeps only its SHA-256, with the user, the
start, the last activity and the end, so that logout, a password change or disabling the
user end it on the server (a replayed cookie is refused), and idle and absolute timeouts
are decided by the server's clock.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Iterator

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from .models import USER_ROLES, AuditEvent, LoginThrottle, Unit, User, UserSession

ROLES = USER_ROLES
PASSWORD_METHOD = "scrypt:32768:8:1"
MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
# verified when the user name is unknown, so that the answer takes as long either way
_DUMMY_HASH = generate_password_hash("not-a-password-" + secrets.token_hex(8), method=PASSWORD_METHOD)


class UserError(ValueError):
    """Bad input to user management: the message says what is wrong; ``key`` names the
    kind of problem for the web pages' translated messages (``password.weak`` ...)."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


class PermissionDenied(PermissionError):
    """The current user may not do this (the refusal is in the audit log)."""


def utcnow() -> datetime:
    """Naive UTC (the same on SQLite and PostgreSQL); tests replace it to move time."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class AuthUser:
    """The logged-in user as the rest of the application sees it."""

    id: int
    username: str
    role: str
    unit_code: str | None = None
    full_name: str = ""
    must_change_password: bool = False  # an administrator chose it: change it before anything else

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def sees_everything(self) -> bool:
        return self.role in ("admin", "town")


@dataclass(frozen=True)
class Policy:
    """Lock-out and session limits (from ``Config``)."""

    max_failures: int = 5            # one name from one address
    lockout: timedelta = timedelta(minutes=15)
    name_max_failures: int = 20      # one name from any addresses
    address_max_failures: int = 20   # one address, any names
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=10)
    touch_every: timedelta = timedelta(seconds=30)  # last activity written at most this often


# --- who is asking ---------------------------------------------------------------------


@dataclass
class Actor:
    """Who is asking, and whether this request or command has written to the audit log
    (``audited``: the rendered-response cache never answers or keeps such a request)."""

    user: AuthUser | None
    address: str | None = None
    audited: bool = False


_NOBODY = Actor(None)
_actor: ContextVar[Actor] = ContextVar("grassroots_actor", default=_NOBODY)


def current_user() -> AuthUser | None:
    """The user of the current request or command; None when nobody logged in."""
    return _actor.get().user


def current_address() -> str | None:
    return _actor.get().address


def system_user() -> AuthUser:
    """The operator at the server's command line, named by the operating system's user
    name (the audit log gives "cli" as their address): every right. Never a web
    session; only commands run on the server act as it."""
    import getpass

    try:
        name = getpass.getuser()
    except Exception:  # no login name (containers)
        name = "cli"
    return AuthUser(0, name[:64], "admin")


@contextmanager
def acting_as(user: AuthUser | None, address: str | None = None) -> Iterator[AuthUser | None]:
    """Run a block as ``user`` (tests, the CLI); the web layer uses ``set_actor``."""
    token = _actor.set(Actor(user, address))
    try:
        yield user
    finally:
        _actor.reset(token)


def set_actor(user: AuthUser | None, address: str | None):
    """Set who is asking; returns a token for ``reset_actor`` (always call it)."""
    return _actor.set(Actor(user, address))


def reset_actor(token) -> None:
    _actor.reset(token)


# --- passwords ---------------------------------------------------------------------------


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def check_password(password_hash: str, password: str) -> bool:
    try:
        return check_password_hash(password_hash, password)
    except (ValueError, TypeError):  # a malformed hash never matches
        return False


# Words a guesser tries first here, beyond zxcvbn's lists of common passwords, names and
# words: the product's and the place's names (without diacritics, as typed in passwords).
GUESSABLE_WORDS = (  # most guessable first: zxcvbn ranks a word by its place in the list
    "quangyen", "quangninh", "grassroots", "canbo", "matkhau", "admin", "dashboard", "vietnam", "haan",
    "phongcoc", "dongmai", "minhthanh", "yenhai", "namhoa", "hiephoa", "conghoa", "tienan", "tienphong",
    "phonghai", "lienhoa", "lienvi", "songkhoai", "hoangtan", "camla", "hatan", "yengiang", "phuongnam",
    "phuongdong", "canbocoso", "coso", "nhattheohoa", "boiduong", "giamsat", "giamsatcongdong", "dangbo",
    "danguy", "thanhuy", "thixa", "quantri",
)
MIN_PASSWORD_SCORE = 3  # zxcvbn's 0-4: 3 is "safely unguessable" (about 10^8 guesses)


def _plain(text: str) -> str:
    """Lower case, no diacritics, no spaces: how names end up inside passwords."""
    import unicodedata

    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch) and not ch.isspace()).lower()


def validate_password(password: str, user_words: tuple[str, ...] = ()) -> None:
    """Refuse short, long, common and guessable passwords (zxcvbn with the product's and
    the place's names, and ``user_words``: the user's name and full name)."""
    from zxcvbn import zxcvbn

    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.", "password.short")
    if len(password) > 200:
        raise UserError("The password must have at most 200 characters.", "password.long")
    words = [w for word in user_words if word for w in (_plain(word), *_plain_parts(word))] + list(GUESSABLE_WORDS)
    # also as typed without diacritics and spaces ("Phong Cốc 2025" is "phongcoc2025")
    candidates = {password[:100], _plain(password)[:100]}
    if min(zxcvbn(candidate, user_inputs=words)["score"] for candidate in candidates) < MIN_PASSWORD_SCORE:
        raise UserError("The password is too easy to guess (a common password, a name or a pattern): "
                        "choose a longer one, e.g. four unrelated words.", "password.weak")


def _plain_parts(text: str) -> list[str]:
    return [_plain(part) for part in (text or "").replace(".", " ").replace("-", " ").replace("_", " ").split()]


def new_password() -> str:
    """A random password (demo accounts, ``users add`` without --password)."""
    while True:
        password = secrets.token_urlsafe(12)
        try:
            validate_password(password)
        except UserError:  # a random draw that happens to look guessable: draw again
            continue
        return password


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


# --- the audit log -----------------------------------------------------------------------

AUDIT_EVENTS = (
    "login_ok", "login_failed", "login_locked", "logout", "session_ended",
    "refused", "export", "import", "user_added", "user_disabled", "user_enabled",
    "user_password", "user_role", "note_added", "note_edited", "note_deleted",
)


def audit(engine_or_conn, event: str, username: str | None = None, address: str | None = None,
          detail: dict | str = "") -> None:
    """Append one event. ``username`` and ``address`` default to the current actor's."""
    actor = _actor.get()
    if username is None and actor.user is not None:
        username = actor.user.username
    address = address if address is not None else actor.address
    text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False, sort_keys=True)
    _mark_audited()
    values = dict(at=utcnow(), event=event, username=(username or None) and username[:64],
                  address=(address or None) and address[:64], detail=text[:4000])
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.begin() as conn:
            conn.execute(insert(AuditEvent).values(**values))
    else:
        engine_or_conn.execute(insert(AuditEvent).values(**values))


def _mark_audited() -> None:
    """A request that wrote to the audit log is never answered from, nor stored in, the
    rendered-response cache (``dashboard.web.response_cache``): every refusal is logged."""
    actor = _actor.get()
    if actor is not _NOBODY:  # the shared default is never changed
        actor.audited = True


def audited() -> bool:
    """Whether the current request or command has written to the audit log."""
    return _actor.get().audited


def audit_events(engine: Engine, limit: int = 500, event: str | None = None,
                 username: str | None = None) -> list[dict]:
    """The newest events first: dicts with id, at, event, username, address, detail."""
    query = (select(AuditEvent.id, AuditEvent.at, AuditEvent.event, AuditEvent.username,
                    AuditEvent.address, AuditEvent.detail)
             .order_by(AuditEvent.id.desc()).limit(max(1, min(int(limit), 5000))))
    if event:
        query = query.where(AuditEvent.event == event)
    if username:
        query = query.where(AuditEvent.username == username)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [dict(id=r.id, at=r.at, event=r.event, username=r.username, address=r.address,
                 detail=r.detail) for r in rows]


# --- users -------------------------------------------------------------------------------


def _auth_user(row) -> AuthUser:
    return AuthUser(row.id, row.username, row.role, row.unit_code, row.full_name or "",
                    bool(row.must_change_password))


def _check_role(role: str, unit_code: str | None, engine: Engine) -> str | None:
    if role not in ROLES:
        raise UserError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
    if role != "unit":
        return None
    if not unit_code:
        raise UserError("A 'unit' user needs --unit CODE (the commune or ward they may see).")
    with engine.connect() as conn:
        found = conn.execute(select(Unit.id).where(Unit.code == unit_code).limit(1)).first()
    if found is None:
        raise UserError(f"No unit has the code {unit_code!r}.")
    return unit_code


def get_user(engine: Engine, username: str) -> AuthUser | None:
    with engine.connect() as conn:
        row = conn.execute(select(User.__table__).where(User.username == normalise_username(username))).first()
    return _auth_user(row) if row else None


def add_user(engine: Engine, username: str, password: str, role: str, unit_code: str | None = None,
             full_name: str = "", must_change: bool = True) -> AuthUser:
    """Add a user. ``must_change``: the password was chosen by an administrator, so the
    user must choose their own at their first login (False for demo and test accounts)."""
    name = normalise_username(username)
    if not _USERNAME.match(name):
        raise UserError("A user name has 2 to 64 characters: letters a-z, digits, '.', '_' or '-'.")
    validate_password(password, (name, full_name))
    unit_code = _check_role(role, unit_code, engine)
    now = utcnow()
    try:
        with engine.begin() as conn:
            new_id = conn.execute(insert(User).values(
                username=name, full_name=full_name or "", role=role, unit_code=unit_code,
                password_hash=hash_password(password), active=True, created_at=now,
                password_changed_at=now, must_change_password=must_change)).inserted_primary_key[0]
            audit(conn, "user_added", detail={"user": name, "role": role, "unit": unit_code})
    except IntegrityError:
        raise UserError(f"The user {name!r} already exists.") from None
    return AuthUser(new_id, name, role, unit_code, full_name or "", must_change)


def list_users(engine: Engine) -> list[dict]:
    """Every user (no hashes): username, full_name, role, unit_code, active, created_at,
    open sessions, must_change_password."""
    open_sessions = (select(UserSession.user_id, func.count().label("n"))
                     .where(UserSession.ended_at.is_(None)).group_by(UserSession.user_id).subquery())
    query = (select(User.username, User.full_name, User.role, User.unit_code, User.active, User.created_at,
                    func.coalesce(open_sessions.c.n, 0), User.must_change_password)
             .outerjoin(open_sessions, open_sessions.c.user_id == User.id).order_by(User.username))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [dict(username=r[0], full_name=r[1], role=r[2], unit_code=r[3], active=bool(r[4]),
                 created_at=r[5], sessions=int(r[6]), must_change_password=bool(r[7])) for r in rows]


def _require_user(conn, username: str):
    row = conn.execute(select(User.__table__).where(User.username == normalise_username(username))).first()
    if row is None:
        raise UserError(f"There is no user {normalise_username(username)!r}.")
    return row


def end_user_sessions(conn, user_id: int, reason: str) -> int:
    """End every open session of a user (password change, disabled); returns how many."""
    return conn.execute(update(UserSession).where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
                        .values(ended_at=utcnow(), ended_reason=reason)).rowcount


def _clear_name_throttle(conn, username: str) -> None:
    conn.execute(delete(LoginThrottle).where(
        (LoginThrottle.key == NAME_KEY + username)
        | LoginThrottle.key.startswith(PAIR_KEY + username + "\x1f", autoescape=True)))


def set_password(engine: Engine, username: str, password: str, must_change: bool = True) -> int:
    """An administrator sets a password: the user's sessions end, and (``must_change``)
    the user must choose their own at the next login. Returns the sessions ended."""
    with engine.begin() as conn:
        row = _require_user(conn, username)
        validate_password(password, (row.username, row.full_name or ""))
        conn.execute(update(User).where(User.id == row.id).values(
            password_hash=hash_password(password), password_changed_at=utcnow(), must_change_password=must_change))
        ended = end_user_sessions(conn, row.id, "password")
        _clear_name_throttle(conn, row.username)
        audit(conn, "user_password", detail={"user": row.username, "sessions_ended": ended,
                                             "must_change": must_change})
    return ended


def change_own_password(engine: Engine, username: str, current: str, new: str) -> int:
    """A user changes their own password, giving the current one: every session of theirs
    ends (the caller starts a new one for the browser that asked). Returns the sessions
    ended. ``UserError`` when the current password is wrong or the new one is refused."""
    with engine.begin() as conn:
        row = _require_user(conn, username)
        if not check_password(row.password_hash, current if isinstance(current, str) else ""):
            audit(conn, "user_password", username=row.username, detail={"user": row.username, "ok": False,
                                                                        "reason": "current password wrong"})
            raise UserError("The current password is wrong.", "password.current_wrong")
        if new == current:
            raise UserError("The new password must differ from the current one.", "password.same")
        validate_password(new, (row.username, row.full_name or ""))
        conn.execute(update(User).where(User.id == row.id).values(
            password_hash=hash_password(new), password_changed_at=utcnow(), must_change_password=False))
        ended = end_user_sessions(conn, row.id, "password")
        _clear_name_throttle(conn, row.username)
        audit(conn, "user_password", username=row.username,
              detail={"user": row.username, "by": "self", "sessions_ended": ended})
    return ended


def set_active(engine: Engine, username: str, active: bool) -> int:
    """Disable (ending every session) or enable a user; returns the sessions ended."""
    with engine.begin() as conn:
        row = _require_user(conn, username)
        conn.execute(update(User).where(User.id == row.id).values(active=active))
        ended = 0 if active else end_user_sessions(conn, row.id, "disabled")
        audit(conn, "user_enabled" if active else "user_disabled",
              detail={"user": row.username, "sessions_ended": ended})
    return ended


def set_role(engine: Engine, username: str, role: str, unit_code: str | None = None) -> None:
    """Change a user's role (and unit). Takes effect on the user's next request: the
    session reads the role from the database every time."""
    unit_code = _check_role(role, unit_code, engine)
    with engine.begin() as conn:
        row = _require_user(conn, username)
        conn.execute(update(User).where(User.id == row.id).values(role=role, unit_code=unit_code))
        audit(conn, "user_role", detail={"user": row.username, "role": role, "unit": unit_code,
                                         "was": {"role": row.role, "unit": row.unit_code}})


# --- login and lock-out ------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    user: AuthUser | None
    reason: str  # ok | bad | locked


NAME_KEY, ADDRESS_KEY, PAIR_KEY = "name:", "addr:", "pair:"


def throttle_keys(username: str, address: str | None, policy: Policy) -> dict[str, int]:
    """The keys a login attempt counts under, with the failures that lock each: the name
    from this address (``max_failures``), the name from anywhere (``name_max_failures``),
    the address whatever the name (``address_max_failures``)."""
    keys = {PAIR_KEY + username + "\x1f" + (address or "-")[:64]: policy.max_failures,
            NAME_KEY + username: policy.name_max_failures}
    if address:
        keys[ADDRESS_KEY + address[:64]] = policy.address_max_failures
    return keys


def authenticate(engine: Engine, username: str, password: str, address: str | None,
                 policy: Policy = Policy()) -> LoginResult:
    """Check a login. Failures are counted in the database (so every worker shares them)
    under three keys (``throttle_keys``); a key that reaches its maximum is locked for
    ``policy.lockout``, and while any key of an attempt is locked even the right password
    is refused. So one client locks a name out for itself after ``max_failures`` tries,
    for everyone only after ``name_max_failures`` tries (from several addresses), and an
    address that sprays many names is stopped after ``address_max_failures``. Unknown
    names are counted the same way, and take as long to refuse. Every outcome is audited."""
    key = normalise_username(username)[:64]
    password = password if isinstance(password, str) else ""
    now = utcnow()
    keys = throttle_keys(key, address, policy)
    with engine.connect() as conn:
        throttles = conn.execute(select(LoginThrottle.__table__).where(LoginThrottle.key.in_(list(keys)))).all()
        row = conn.execute(select(User.__table__).where(User.username == key)).first() if key else None
    locked = [t for t in throttles if t.locked_until is not None and t.locked_until > now]
    if locked:
        check_password(_DUMMY_HASH, password)
        until = max(t.locked_until for t in locked)
        audit(engine, "login_locked", username=key or None, address=address,
              detail={"until": until.isoformat(timespec="seconds"),
                      "by": sorted({t.key.split(":", 1)[0] for t in locked})})
        return LoginResult(None, "locked")
    good = check_password(row.password_hash if row is not None else _DUMMY_HASH, password)
    if row is not None and good and row.active:
        with engine.begin() as conn:
            conn.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(
                [k for k in keys if not k.startswith(ADDRESS_KEY)])))
        user = _auth_user(row)
        audit(engine, "login_ok", username=user.username, address=address)
        return LoginResult(user, "ok")
    counts = {k: _count_failure(engine, k, now, policy, maximum) for k, maximum in keys.items()}
    reached = sorted({k.split(":", 1)[0] for k, n in counts.items() if n >= keys[k]})
    detail = {"failures": counts[PAIR_KEY + key + "\x1f" + (address or "-")[:64]]}
    if row is not None and good and not row.active:
        detail["disabled"] = True
    audit(engine, "login_failed", username=key or None, address=address, detail=detail)
    if reached:
        audit(engine, "login_locked", username=key or None, address=address,
              detail={"failures": detail["failures"], "by": reached,
                      "minutes": int(policy.lockout.total_seconds() // 60)})
        return LoginResult(None, "locked")
    return LoginResult(None, "bad")


def _count_failure(engine: Engine, key: str, now: datetime, policy: Policy, maximum: int) -> int:
    """Add a failure under ``key`` (a new series when the last one began longer ago than
    the lock-out period); lock the key when it reaches ``maximum``. Returns the failures
    in the series."""
    window_start = now - policy.lockout
    for _attempt in range(3):
        try:
            with engine.begin() as conn:
                row = conn.execute(select(LoginThrottle.__table__).where(LoginThrottle.key == key)).first()
                if row is None:
                    conn.execute(insert(LoginThrottle).values(key=key, failures=1, first_failure_at=now))
                    failures = 1
                elif row.first_failure_at is None or row.first_failure_at < window_start or row.locked_until:
                    # a new series (the previous one is old, or its lock has run out)
                    conn.execute(update(LoginThrottle).where(LoginThrottle.key == key).values(
                        failures=1, first_failure_at=now, locked_until=None))
                    failures = 1
                else:
                    conn.execute(update(LoginThrottle).where(LoginThrottle.key == key).values(
                        failures=LoginThrottle.failures + 1))
                    failures = conn.execute(select(LoginThrottle.failures).where(LoginThrottle.key == key)).scalar()
                if failures >= maximum:
                    conn.execute(update(LoginThrottle).where(LoginThrottle.key == key).values(
                        locked_until=now + policy.lockout))
                return failures
        except IntegrityError:  # another worker inserted the row first: count again
            continue
    return maximum


# --- sessions ----------------------------------------------------------------------------


def _token_id(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(engine: Engine, user: AuthUser, address: str | None, previous_token: str | None = None) -> str:
    """A new session (a new id at every login); ends the session of ``previous_token``.
    Returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with engine.begin() as conn:
        if previous_token:
            conn.execute(update(UserSession).where(UserSession.id == _token_id(previous_token),
                                                   UserSession.ended_at.is_(None))
                         .values(ended_at=now, ended_reason="relogin"))
        conn.execute(insert(UserSession).values(id=_token_id(token), user_id=user.id, created_at=now,
                                                last_seen_at=now, address=(address or "")[:64] or None))
    return token


def end_session(engine: Engine, token: str | None, reason: str = "logout") -> AuthUser | None:
    """End the session of ``token``; returns its user (None when it was not open)."""
    if not token:
        return None
    with engine.begin() as conn:
        row = conn.execute(select(UserSession.user_id).where(UserSession.id == _token_id(token),
                                                             UserSession.ended_at.is_(None))).first()
        if row is None:
            return None
        conn.execute(update(UserSession).where(UserSession.id == _token_id(token))
                     .values(ended_at=utcnow(), ended_reason=reason))
        user = conn.execute(select(User.__table__).where(User.id == row.user_id)).first()
    return _auth_user(user) if user else None


# Built once: every request runs it (building the expression cost more than the query).
_SESSION_LOOKUP = (
    select(UserSession.created_at, UserSession.last_seen_at, UserSession.ended_at,
           User.id, User.username, User.role, User.unit_code, User.full_name, User.active,
           User.must_change_password)
    .join(User, User.id == UserSession.user_id).where(UserSession.id == bindparam("sid")))


def session_user(engine: Engine, token: str | None, policy: Policy = Policy(), active: bool = True) -> AuthUser | None:
    """The user of an open session, or None. A session past its idle or absolute limit,
    or whose user is disabled, is ended here. ``active`` False (a timer's poll) checks the
    session without counting as activity, so polling never keeps an idle session alive."""
    if not token or len(token) > 200:
        return None
    now = utcnow()
    sid = _token_id(token)
    with engine.connect() as conn:
        row = conn.execute(_SESSION_LOOKUP, {"sid": sid}).first()
    if row is None or row.ended_at is not None:
        return None
    reason = None
    if not row.active:
        reason = "disabled"
    elif now - row.last_seen_at > policy.idle:
        reason = "idle"
    elif now - row.created_at > policy.absolute:
        reason = "absolute"
    if reason:
        with engine.begin() as conn:
            conn.execute(update(UserSession).where(UserSession.id == sid, UserSession.ended_at.is_(None))
                         .values(ended_at=now, ended_reason=reason))
            audit(conn, "session_ended", username=row.username, detail={"reason": reason})
        return None
    if active and now - row.last_seen_at >= policy.touch_every:
        with engine.begin() as conn:
            conn.execute(update(UserSession).where(UserSession.id == sid).values(last_seen_at=now))
    return AuthUser(row.id, row.username, row.role, row.unit_code, row.full_name or "",
                    bool(row.must_change_password))


def require_role(*roles: str) -> AuthUser:
    """The current user when their role is one of ``roles``; otherwise
    ``PermissionDenied``. Code should call ``DataService.require_role``, which also
    writes the refusal to the audit log (this module has no engine of its own)."""
    user = current_user()
    if user is None or user.role not in roles:
        raise PermissionDenied(f"needs role {' or '.join(roles)}")
    return user
