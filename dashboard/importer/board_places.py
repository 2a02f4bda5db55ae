"""The board–village rule of the importer: a board activity about a village must be
about a village of the board's unit (its commune or ward) on the activity's date, as the
structure stood then (the file's memberships, else the database's).

Apart from ``checks.Checker`` to keep that class small; it uses the checker's reading of
the database (``_db_rows``: skipped when the file replaces the demo) and its problems."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..fmt import day as fmt_day
from ..models import Board, Unit, UnitMembership

OPEN_END = date(9999, 12, 31)
MAX_LEVELS = 4  # a village's parent, grandparent ... (a board of the town sees all)


def _parents(checker, codes: set[str]) -> dict[str, list[tuple[date, date, str]]]:
    """Child code -> [(from, to, parent code)]: the file's memberships, and the database's
    that the file does not restate (same child, parent and start)."""
    spans: dict[str, list] = defaultdict(list)
    in_file = set()
    for record in checker.ok("unit_membership"):
        v = record.values
        if v["unit"] in codes:
            spans[v["unit"]].append((v["valid_from"], v["valid_to"] or OPEN_END, v["parent"]))
            in_file.add((v["unit"], v["parent"], v["valid_from"]))
    child, parent = aliased(Unit), aliased(Unit)
    query = lambda c: (select(child.code, parent.code, UnitMembership.valid_from, UnitMembership.valid_to)  # noqa: E731
                       .join(child, child.id == UnitMembership.child_id)
                       .join(parent, parent.id == UnitMembership.parent_id).where(child.code.in_(c)))
    for row in checker._db_rows(query, codes):
        if (row[0], row[1], row[2]) not in in_file:
            spans[row[0]].append((row[2], row[3] or OPEN_END, row[1]))
    return spans


def _board_units(checker, codes: set[str]) -> dict[str, str]:
    """Board code -> its unit's code: the file's board rows, else the database's."""
    units = {r.values["code"]: r.values["unit"] for r in checker.ok("board") if r.values.get("unit")}
    missing = codes - set(units)
    query = lambda c: select(Board.code, Unit.code).join(Unit, Unit.id == Board.unit_id).where(Board.code.in_(c))  # noqa: E731
    for row in checker._db_rows(query, missing):
        units[row[0]] = row[1]
    return units


def check_activity_villages(checker, records) -> None:
    """Refuse each activity (of ``records``, still ok, with a village) whose village is not
    under its board's unit on the activity's date. A village whose parent on that date
    is unknown is left to the other checks."""
    records = [r for r in records if r.ok and r.values.get("village") and r.values.get("board")]
    if not records:
        return
    boards = _board_units(checker, {r.values["board"] for r in records})
    known: dict[str, list] = {}
    wanted = {r.values["village"] for r in records}
    for _level in range(MAX_LEVELS):
        wanted -= set(known)
        if not wanted:
            break
        found = _parents(checker, wanted)
        known.update({code: found.get(code, []) for code in wanted})
        wanted = {parent for spans in found.values() for _f, _t, parent in spans}

    def parent_on(code: str, day: date) -> str | None:
        return next((p for start, end, p in known.get(code, []) if start <= day <= end), None)

    for record in records:
        v = record.values
        board_unit = boards.get(v["board"])
        if board_unit is None:
            continue
        chain, code = [], v["village"]
        for _level in range(MAX_LEVELS):
            code = parent_on(code, v["date"])
            if code is None:
                break
            chain.append(code)
        if not chain or board_unit in chain:
            continue
        names = {f.code: f.title() for f in checker.units.values()}
        checker.add(record.problem("village", "imp.activity.village_outside_board", village=v["village"],
                                   board=v["board"], unit=names.get(board_unit, board_unit),
                                   parent=names.get(chain[0], chain[0]), date=fmt_day(v["date"])))
        record.ok = False
