"""Notes on a unit and a period (like DHIS2 interpretations): the data layer.

A leader attaches a short plain-text note to a unit and a period ("bí thư mới kiện toàn
8/2025"). Who may do what is decided here, from the logged-in user, never from request
values:

- write a note: admin and town users on any unit; a unit user only on a unit that rolls
  up today to their own unit (their commune or ward, its villages, its predecessors);
- edit or delete a note: its author, or an admin;
- read notes: anyone whose scope reaches the unit.

Every change (add, edit, delete) and every refusal goes to the audit log. Text is
stripped, must not be empty and is at most ``NOTE_MAX_LENGTH`` characters; the pages
draw it as text, never as HTML.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, and_, delete, insert, select, update

from . import auth, db
from .models import NOTE_MAX_LENGTH, Unit, UnitNote
from .periods import Period
from .scope import ALL, INSIDE, Scope, restrict, unit_access


class NoteRefused(ValueError):
    """A note change that is not allowed or not valid. ``reason``: ``empty``,
    ``too_long``, ``forbidden`` or ``not_found`` (an i18n key ``notes.error.<reason>``)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def clean_text(text: str | None) -> str:
    """The note's text, stripped; raises ``NoteRefused`` when empty or too long."""
    value = (text or "").strip()
    if not value:
        raise NoteRefused("empty")
    if len(value) > NOTE_MAX_LENGTH:
        raise NoteRefused("too_long")
    return value


def note_period(period: Period) -> tuple[date, date]:
    """The interval a note made on a view of ``period`` is about: the period itself, or
    for a single date ("tính đến ngày") that date alone."""
    if period.kind == "day":
        return period.as_of, period.as_of
    return period.start, period.end


def may_write(conn: Connection, user: auth.AuthUser | None, scope: Scope, unit_id: int, on: date) -> bool:
    """Whether ``user`` may attach a note to unit ``unit_id`` (see the module docstring)."""
    if user is None:
        return False
    if user.role in ("admin", "town"):
        return True
    if user.role != "unit":
        return False
    return unit_access(conn, scope, unit_id, on) in (INSIDE, ALL)


def may_change(user: auth.AuthUser | None, author: str) -> bool:
    """Whether ``user`` may edit or delete a note written by ``author``."""
    return user is not None and (user.is_admin or user.username == author)


def list_notes(conn: Connection, unit_ids, start: date, end: date, scope: Scope) -> list[dict]:
    """Notes on any of ``unit_ids`` whose period meets ``[start, end]``, in ``scope``,
    oldest first: id, unit_id, unit_code, unit_name, unit_kind, period_kind,
    period_start, period_end, text, author, created_at, updated_at, updated_by."""
    ids = sorted({int(u) for u in unit_ids})
    if not ids:
        return []
    query = (select(UnitNote.id, UnitNote.unit_id, Unit.code.label("unit_code"), Unit.name.label("unit_name"),
                    Unit.kind.label("unit_kind"), UnitNote.period_kind, UnitNote.period_start,
                    UnitNote.period_end, UnitNote.text, UnitNote.author, UnitNote.created_at,
                    UnitNote.updated_at, UnitNote.updated_by)
             .join(Unit, Unit.id == UnitNote.unit_id)
             .where(UnitNote.unit_id.in_(ids), and_(UnitNote.period_start <= end, UnitNote.period_end >= start))
             .order_by(UnitNote.created_at, UnitNote.id))
    query = restrict(query, UnitNote.unit_id, scope)
    return [dict(row._mapping) for row in conn.execute(query)]


def get_note(conn: Connection, note_id: int, scope: Scope) -> dict | None:
    query = restrict(select(*UnitNote.__table__.c).where(UnitNote.id == int(note_id)), UnitNote.unit_id, scope)
    row = conn.execute(query).first()
    return dict(row._mapping) if row else None


def add_note(conn: Connection, user: auth.AuthUser, unit_id: int, period: Period, text: str,
             now: datetime) -> int:
    """Insert a note (the caller has checked ``may_write``); returns its id."""
    start, end = note_period(period)
    result = conn.execute(insert(UnitNote).values(
        unit_id=unit_id, period_kind=period.kind, period_start=start, period_end=end, text=text,
        author=user.username, created_at=now))
    db.touch_notes(conn)
    return int(result.inserted_primary_key[0])


def edit_note(conn: Connection, note_id: int, text: str, user: auth.AuthUser, now: datetime) -> None:
    conn.execute(update(UnitNote).where(UnitNote.id == note_id).values(
        text=text, updated_at=now, updated_by=user.username))
    db.touch_notes(conn)


def delete_note(conn: Connection, note_id: int) -> None:
    conn.execute(delete(UnitNote).where(UnitNote.id == note_id))
    db.touch_notes(conn)
