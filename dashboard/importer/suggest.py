"""Suggestions for a code that names nothing: "Có phải là 07147 (Phường Hiệp Hòa)?".

What a clerk types where a code belongs is often the name (of a commune, a person, a
topic) or the code with one keystroke wrong. The checker asks ``Suggester`` only for
codes it could not resolve, so a good file costs nothing; the database is read in
chunks (codes one keystroke away) and, for unit names, once per import (the units above
village level)."""
from __future__ import annotations

import unicodedata
from sqlalchemy import select

from ..i18n import kind_label, unit_title
from ..models import UNIT_KINDS, Board, Course, Person, Term, Topic, Unit

# message key -> (sheet, key field, name field, key column, name column) of what it names
KEYED = {
    "imp.ref.unknown_person": ("person", "key", "full_name", Person.key, Person.full_name),
    "imp.ref.unknown_term": ("term", "code", "name", Term.code, Term.name),
    "imp.ref.unknown_topic": ("topic", "code", "name", Topic.code, Topic.name),
    "imp.ref.unknown_course": ("course", "code", "title", Course.code, Course.title),
    "imp.ref.unknown_board": ("board", "code", "name", Board.code, Board.name),
}


def plain(text: str) -> str:
    """Lower case, no accents ("đ" as "d"), single spaces: "Phường  Hiệp Hoà" -> "phuong hiep hoa"."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def one_edit_away(code: str) -> set[str]:
    """Codes one keystroke from ``code``: a character changed to a digit, removed, a digit
    added, or two neighbours swapped (at most a few hundred; none for long text)."""
    code = str(code).strip()
    if not code or len(code) > 16:
        return set()
    digits = "0123456789"
    out = set()
    for i in range(len(code) + 1):
        out.update(code[:i] + d + code[i:] for d in digits)
        if i < len(code):
            out.add(code[:i] + code[i + 1:])
            out.update(code[:i] + d + code[i + 1:] for d in digits)
        if i < len(code) - 1:
            out.add(code[:i] + code[i + 1] + code[i] + code[i + 2:])
    out.discard(code)
    out.discard("")
    return out


class Suggester:
    """Suggestions drawn from a ``checks.Checker``'s file records (``by_sheet``,
    ``units_by_code``) and its database connection (``conn``, ``_db_rows``, ``ignore_db``)."""

    def __init__(self, checker):
        self.checker = checker
        self._named: list | None = None  # (code, kind, name) of units a name may be matched with
        self._suggested: dict[str, list[str]] = {}

    def keys(self, message_key: str, typed: str, limit: int = 2) -> list[str]:
        """"QY00123 (Nguyễn Văn An)" for a person, term, topic, course or board code that
        names nothing: one whose name it is (as typed; in the file also without accents or
        case) or whose code is one keystroke away, in the file or the database."""
        sheet, key_field, name_field, key_column, name_column = KEYED[message_key]
        c = self.checker
        found: dict[str, str] = {}
        near = one_edit_away(typed)
        for other in c.by_sheet.get(sheet, []):
            key, name = other.values.get(key_field), other.values.get(name_field)
            if key is not None and (key in near or (name and plain(name) == plain(typed))):
                found.setdefault(key, name or "")
        for key, name in c._db_rows(lambda chunk: select(key_column, name_column).where(key_column.in_(chunk)), near):
            found.setdefault(key, name)
        if not c.ignore_db and typed and len(str(typed)) <= 300:
            for key, name in c.conn.execute(select(key_column, name_column).where(name_column == typed)
                                            .order_by(key_column).limit(limit)).all():
                found.setdefault(key, name)
        return [f"{key} ({name})" if name else key for key, name in sorted(found.items())[:limit]]

    def units(self, typed: str, limit: int = 2) -> list[str]:
        """"07147 (Phường Hiệp Hòa)" for what was typed where a unit code belongs: a unit
        above village level whose name it is (with or without the kind, accents, case), or
        a code one keystroke away (a digit changed, missing, added or two swapped). Units
        of the file first, then of the database (communes' names: read once per import)."""
        if typed in self._suggested:
            return self._suggested[typed]
        c = self.checker
        found: dict[str, str] = {}
        wanted = plain(typed)
        if self._named is None:
            self._named = [(f.code, f.kind, f.name) for facts in c.units_by_code.values() for f in facts]
            if not c.ignore_db:
                self._named += [tuple(r) for r in c.conn.execute(
                    select(Unit.code, Unit.kind, Unit.name).where(Unit.kind.in_(
                        [k for k, level in UNIT_KINDS.items() if level != "village"]))
                    .order_by(Unit.code, Unit.valid_from)).all()]
        for code, kind, name in self._named:
            if wanted and wanted in (plain(name), plain(f"{kind_label(kind)} {name}")):
                found.setdefault(code, unit_title(kind, name))
        near = one_edit_away(typed)
        for code in sorted(near & set(c.units_by_code)):
            fact = c.units_by_code[code][-1]
            found.setdefault(code, unit_title(fact.kind, fact.name))
        for code, kind, name in c._db_rows(
                lambda chunk: select(Unit.code, Unit.kind, Unit.name).where(Unit.code.in_(chunk)).order_by(Unit.code, Unit.valid_from),
                near):
            found[code] = unit_title(kind, name)  # the latest name of a reused code
        self._suggested[typed] = [f"{code} ({title})" for code, title in list(found.items())[:limit]]
        return self._suggested[typed]
