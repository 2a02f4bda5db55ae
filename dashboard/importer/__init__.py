"""Importing the committee's workbooks: read, check everything, then write in one go.

``run_import(engine, sources, user)`` is the whole import, for the CLI and the Data page:

1. read each file defensively (``reading``): size, type, zip proportions, safe XML,
   only the template's sheets and columns;
2. parse every cell (``cells``) and check every row against the others and against the
   database (``checks``), collecting *all* problems;
3. if there is any problem, nothing is written; the attempt is recorded as rejected;
4. otherwise one transaction writes the rows (``writer``: insert, update or leave, on
   natural keys), rebuilds the roll-up table when the structure changed, updates the meta
   ``data_from`` / ``data_through``, bumps the data version (caches key on it) and
   records the import (who, when, file, checksum, counts per table, result).

Every attempt is recorded as started first and gets its outcome at the end, in the
import history and in the audit log (``journal``).

A dry run does all of it and rolls the transaction back, so its counts are exact.
When the database holds the demo, real data replaces it (the demo is removed in the same
transaction) instead of mixing with it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .. import db, preagg
from . import journal
from ..models import BoardActivity, Briefing, Course, Meta, Post
from ..structure import rebuild_rollup
from ..template import SHEETS
from .cells import CellError, parse_cell
from .checks import Checker, Record
from .problems import ImportRejected, Problem
from .reading import Limits, RawTable, Source, display_name, read_source
from .writer import STRUCTURE_TABLES, TABLES, Writer, clear_data

ACCEPTED_EXTENSIONS = (".xlsx", ".csv")


@dataclass
class ImportResult:
    """ok: written (or, for a dry run, would be); counts: table -> {inserted, updated,
    unchanged}; problems: everything wrong (empty when ok); record_id: the history row."""

    ok: bool
    dry_run: bool
    file_name: str
    checksum: str
    counts: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    replaced_demo: bool = False
    record_id: int | None = None

    @property
    def changed(self) -> int:
        return sum(c["inserted"] + c["updated"] for c in self.counts.values())


def checksum(sources: list[Source]) -> str:
    """SHA-256 of the file (of each file's name and digest, for several)."""
    if len(sources) == 1:
        return hashlib.sha256(sources[0].data).hexdigest()
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: display_name(s.name)):
        digest.update(display_name(source.name).encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(source.data).digest())
    return digest.hexdigest()


def sources_from_path(path: str | Path, limits: Limits = Limits()) -> list[Source]:
    """The file at ``path``, or the .xlsx and .csv files directly in a folder (sorted).
    Files over the size limit are not read whole: they come back empty-named as too large."""
    path = Path(path)
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ACCEPTED_EXTENSIONS) \
        if path.is_dir() else [path]
    out = []
    for file in files:
        with open(file, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
        out.append(Source(file.name, data))
    return out


def parse_tables(tables: list[RawTable]) -> tuple[list[Record], list[Problem]]:
    """Typed records from raw rows, and the cells that could not be read."""
    records, problems = [], []
    for table in tables:
        unit_sheet_codes = {"code"} if table.sheet.key == "unit" else set()
        for raw in table.rows:
            values, ok = {}, True
            for spec in table.sheet.fields:
                try:
                    is_unit_code = spec.key in unit_sheet_codes
                    values[spec.key] = parse_cell(spec, raw.cells.get(spec.key), unit_code=is_unit_code)
                except CellError as error:
                    ok = False
                    values[spec.key] = None
                    problems.append(Problem(table.file, table.label, raw.number, spec.header, error.key, error.values))
            records.append(Record(table.sheet, table.file, table.label, raw.number, values, ok))
    return records, problems


def data_span(conn) -> tuple:
    """(first, last) dates with records: posts, courses, board activities, briefings."""
    firsts, lasts = [], []
    for low, high in ((func.min(Post.start_date), func.max(Post.start_date)),
                      (func.min(Course.start_date), func.max(Course.end_date)),
                      (func.min(BoardActivity.date), func.max(BoardActivity.date)),
                      (func.min(Briefing.date), func.max(Briefing.date))):
        first, last = conn.execute(select(low, high)).one()
        if first is not None:
            firsts.append(db.as_date(first))
            lasts.append(db.as_date(last))
    return (min(firsts) if firsts else None), (max(lasts) if lasts else None)


def _reject(engine: Engine, user: str, result: ImportResult) -> ImportResult:
    result.ok = False
    first = result.problems[0].text() if result.problems else ""
    message = f"{len(result.problems)} lỗi. {first}"[:2000]
    with engine.begin() as conn:
        journal.finish(conn, result.record_id, user, result, "rejected", message)
    return result


def run_import(engine: Engine, sources: list[Source], user: str, *, dry_run: bool = False,
               limits: Limits = Limits()) -> ImportResult:
    """Import ``sources`` as one change; see the module docstring."""
    db.create_schema(engine)
    names = ", ".join(display_name(s.name) for s in sources) or "(không có tệp)"
    result = ImportResult(ok=False, dry_run=dry_run, file_name=names, checksum=checksum(sources) if sources else "")
    result.record_id = journal.start(engine, user, names, result.checksum)
    if not sources:
        result.problems.append(Problem(names, None, None, None, "imp.folder.empty"))
        return _reject(engine, user, result)
    tables: list[RawTable] = []
    for source in sources:
        found, problems = read_source(source, limits)
        tables += found
        result.problems += problems
    result.rows_read = sum(len(t.rows) for t in tables)
    if not result.problems and result.rows_read == 0:
        result.problems.append(Problem(names, None, None, None, "imp.file.no_data"))
    if result.problems:
        return _reject(engine, user, result)
    records, problems = parse_tables(tables)
    result.problems += problems
    order = {sheet.key: i for i, sheet in enumerate(SHEETS)}
    records.sort(key=lambda r: order[r.sheet.key])
    try:
        with db.session_scope(engine) as session:
            conn = session.connection()
            replace_demo = conn.execute(select(Meta.value).where(Meta.key == "dataset")).scalar() == "demo"
            result.problems += Checker(conn, records, ignore_database=replace_demo).check()
            if result.problems:
                raise ImportRejected()
            if replace_demo:
                clear_data(conn)
                result.replaced_demo = True
            result.counts = Writer(conn, records).write()
            if replace_demo or any(result.counts[t]["inserted"] + result.counts[t]["updated"]
                                   for t in STRUCTURE_TABLES):
                rebuild_rollup(conn)
            first, last = data_span(conn)
            if first is not None:
                db.set_meta(session, "data_from", first.isoformat())
                db.set_meta(session, "data_through", last.isoformat())
            if replace_demo:
                db.set_meta(session, "dataset", "real")
                seed = session.get(Meta, "demo_seed")
                if seed is not None:
                    session.delete(seed)
            session.flush()
            preagg.new_data_version(session)
            if dry_run:
                raise ImportRejected()
            message = "Thay thế dữ liệu mẫu" if replace_demo else None
            journal.finish(session.connection(), result.record_id, user, result, "ok", message)
        result.ok = True
        db.vacuum_after_write(engine)
        return result
    except ImportRejected:
        if result.problems:
            return _reject(engine, user, result)
    except SQLAlchemyError as error:
        # another import changed the same records at the same moment (a unique key), or
        # the database refused a row: the transaction is rolled back, nothing is written
        result.counts = {}
        result.problems.append(Problem(names, None, None, None, "imp.db.refused", {"detail": type(error).__name__}))
        return _reject(engine, user, result)
    # a dry run that would have succeeded
    result.ok = True
    with engine.begin() as conn:
        journal.finish(conn, result.record_id, user, result, "dry-run",
                       "Thay thế dữ liệu mẫu" if result.replaced_demo else None)
    return result


__all__ = ["ImportResult", "Limits", "Problem", "Source", "TABLES", "checksum", "run_import",
           "sources_from_path"]
