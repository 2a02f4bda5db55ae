"""Helpers for import tests: files built from records, and a fingerprint of the database.

``small_town()`` is the content of a good workbook whose figures are counted by hand in
``tests/test_import.py``.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date

from sqlalchemy import inspect, select, text

from dashboard.models import Base
from dashboard.template import FIRST_DATA_ROW, build_workbook

# Tables whose content an import may change; import_record and audit_event log the attempts.
LOG_TABLES = ("import_record", "audit_event")


def workbook_bytes(rows: dict[str, list[dict]]) -> bytes:
    """A template workbook filled with ``rows`` (sheet key -> records by field key)."""
    buffer = io.BytesIO()
    build_workbook(rows).save(buffer)
    return buffer.getvalue()


def fingerprint(engine, skip=LOG_TABLES) -> dict[str, tuple[int, str]]:
    """Per table: (row count, SHA-256 of every row in primary-key order)."""
    out = {}
    names = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in skip or table.name not in names:
                continue
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest = hashlib.sha256()
            for row in rows:
                digest.update(repr(tuple(row)).encode("utf-8"))
            out[table.name] = (len(rows), digest.hexdigest())
    return out


def import_log(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT result, file_name FROM import_record ORDER BY id"))]


def replace_entry(xlsx: bytes, name: str, content: bytes) -> bytes:
    """``xlsx`` with zip entry ``name`` replaced by ``content``."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, content if item.filename == name else source.read(item.filename))
    return buffer.getvalue()


def add_entry(xlsx: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr(name, content)
    return buffer.getvalue()


def sheet_entry(xlsx: bytes, title: str) -> str:
    """The zip entry of the worksheet called ``title``."""
    import re

    archive = zipfile.ZipFile(io.BytesIO(xlsx))
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    rid = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="(rId\d+)"' % re.escape(title), workbook).group(1)
    target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
        re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    path = target.group(1).lstrip("/")
    return path if path.startswith("xl/") else "xl/" + path


def row_of(index: int) -> int:
    """The spreadsheet row of the ``index``-th record (0-based) of a sheet."""
    return FIRST_DATA_ROW + index


D = date


def small_town() -> dict[str, list[dict]]:
    """A town T with commune A (villages A-01, A-02) and ward B (village B-01).

        posts from 01/07/2023, open: A-01 secretary+head p1 (first time); A-02 secretary
        p2, head p3 (first time); B-01 secretary+head p4 (re-elected).
        course K1 (bồi dưỡng, 4 days, 10–13/10/2023): p1 4 days completed, p2 2 days not
        completed, p4 4 days completed.
        board BA (bttnd of A from 01/01/2023): 15/08/2023 supervision, 3 made, 2 resolved;
        20/09/2023 meeting.
        briefings: A on 05/07, 05/08, 05/09/2023; B on 06/07/2023.
    """
    return {
        "unit": [
            {"code": "T", "name": "Thị xã Thử", "kind": "thi_xa", "valid_from": D(2010, 1, 1)},
            {"code": "A", "name": "An Lạc", "kind": "xa", "valid_from": D(2010, 1, 1)},
            {"code": "B", "name": "Bình Minh", "kind": "phuong", "valid_from": D(2010, 1, 1)},
            {"code": "A-01", "name": "Thôn 1", "kind": "thon", "valid_from": D(2010, 1, 1)},
            {"code": "A-02", "name": "Thôn 2", "kind": "thon", "valid_from": D(2010, 1, 1)},
            {"code": "B-01", "name": "Khu 1", "kind": "khu", "valid_from": D(2010, 1, 1)},
        ],
        "unit_membership": [
            {"unit": "A", "parent": "T", "valid_from": D(2010, 1, 1)},
            {"unit": "B", "parent": "T", "valid_from": D(2010, 1, 1)},
            {"unit": "A-01", "parent": "A", "valid_from": D(2010, 1, 1)},
            {"unit": "A-02", "parent": "A", "valid_from": D(2010, 1, 1)},
            {"unit": "B-01", "parent": "B", "valid_from": D(2010, 1, 1)},
        ],
        "term": [{"code": "2023-2025", "name": "Nhiệm kỳ 2023–2025", "start_date": D(2023, 7, 1),
                  "end_date": D(2025, 6, 30)}],
        "person": [
            {"key": "p1", "full_name": "Nguyễn Văn Một", "gender": "nam", "birth_year": 1970},
            {"key": "p2", "full_name": "Trần Thị Hai", "gender": "nu"},
            {"key": "p3", "full_name": "Lê Văn Ba"},
            {"key": "p4", "full_name": "Phạm Văn Bốn"},
        ],
        "post": [
            {"person": "p1", "village": "A-01", "role": "secretary", "term": "2023-2025",
             "start_date": D(2023, 7, 1), "first_time": True},
            {"person": "p1", "village": "A-01", "role": "head", "term": "2023-2025",
             "start_date": D(2023, 7, 1), "first_time": True},
            {"person": "p2", "village": "A-02", "role": "secretary", "start_date": D(2023, 7, 1), "first_time": False},
            {"person": "p3", "village": "A-02", "role": "head", "start_date": D(2023, 7, 1), "first_time": True},
            {"person": "p4", "village": "B-01", "role": "secretary", "start_date": D(2023, 7, 1), "first_time": False},
            {"person": "p4", "village": "B-01", "role": "head", "start_date": D(2023, 7, 1), "first_time": False},
        ],
        "topic": [{"code": "CD1", "name": "Tổ chức cơ sở đảng"}, {"code": "CD2", "name": "Dân vận"}],
        "course": [{"code": "K1", "title": "Lớp bồi dưỡng 2023", "organiser": "T", "kind": "boi_duong",
                    "start_date": D(2023, 10, 10), "end_date": D(2023, 10, 13), "days": 4, "topics": ["CD1", "CD2"]}],
        "participation": [
            {"course": "K1", "person": "p1", "unit": "A-01", "days_attended": 4, "completed": True, "certificate": True},
            {"course": "K1", "person": "p2", "unit": "A-02", "days_attended": 2, "completed": False},
            {"course": "K1", "person": "p4", "unit": "B-01", "days_attended": 4, "completed": True},
        ],
        "board": [{"code": "BA", "kind": "bttnd", "unit": "A", "name": "Ban Thanh tra nhân dân xã An Lạc",
                   "valid_from": D(2023, 1, 1), "members": 7}],
        "board_activity": [
            {"code": "BA-1", "board": "BA", "date": D(2023, 8, 15), "kind": "supervision",
             "subject": "Giám sát thu chi", "recommendations_made": 3, "recommendations_resolved": 2},
            {"code": "BA-2", "board": "BA", "date": D(2023, 9, 20), "kind": "meeting", "subject": "Họp quý"},
        ],
        "briefing": [
            {"unit": "A", "date": D(2023, 7, 5), "attendees": 8},
            {"unit": "A", "date": D(2023, 8, 5), "attendees": 8},
            {"unit": "A", "date": D(2023, 9, 5), "attendees": 9},
            {"unit": "B", "date": D(2023, 7, 6), "attendees": 5},
        ],
    }
