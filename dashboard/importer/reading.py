"""Reading uploaded files, defensively.

A file is only ever held in memory; its name is shown, never used as a path. Checks, in
order: the size; the extension (.xlsx or .csv only, no macro workbooks); that the content
matches it (an .xlsx is a zip with a workbook and no VBA project; a CSV is UTF-8 text);
that a zip's unpacked size and entry count are in proportion to the file; then openpyxl
reads the XML through defusedxml (entity expansion refused). The header row must use the
template's column names only: a column the template does not define is refused, so a file
cannot set ids or fields it should not.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from openpyxl.utils import get_column_letter

from .. import template
from ..template import FIRST_DATA_ROW, HEADER_ROW, NOTES_ROW, SHEET_BY_TITLE, SHEETS, Sheet, is_example_row
from ..text import nfc
from .problems import Problem

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """max_bytes: the largest file accepted; max_unpacked_bytes and max_ratio: a zip that
    unpacks to more (in total, or times its own size) is refused; max_entries: files in the
    zip; max_rows: data rows in one import."""

    max_bytes: int = 20 * MIB
    max_unpacked_bytes: int = 300 * MIB
    max_ratio: float = 120.0
    max_entries: int = 400
    max_rows: int = 300_000


@dataclass
class RawRow:
    number: int                      # the row's number in the sheet (CSV: its line)
    cells: dict[str, object]         # field key -> value as read


@dataclass
class RawTable:
    file: str
    sheet: Sheet
    label: str                       # the sheet's title as it appears in messages
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class Source:
    """An uploaded or named file: its display name and its bytes."""

    name: str
    data: bytes


def display_name(name: str | None) -> str:
    """The file's name for messages and the history: no folders, no control characters,
    NFC, at most 200 characters. Never used to open or write anything."""
    raw = str(name or "")
    base = re.split(r"[\\/]", raw)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = nfc(base) or "(không tên)"
    return base[:200]


def human_size(size: int, lang: str = "vi") -> str:
    """"20,0 MB" (Vietnamese decimal comma; "20.0 MB" in English), "12 KB"."""
    if size >= MIB:
        text = f"{size / MIB:.1f} MB"
        return text.replace(".", ",") if lang != "en" else text
    return f"{max(1, round(size / 1024))} KB"


def read_source(source: Source, limits: Limits) -> tuple[list[RawTable], list[Problem]]:
    """The tables in one file, or the problems that stop it from being read."""
    name = display_name(source.name)
    data = source.data
    ext = PurePath(name).suffix.lower()

    def fail(key, **values):
        return [], [Problem(name, None, None, None, key, values)]

    if ext in (".xlsm", ".xltm", ".xlam", ".xlsb"):
        return fail("imp.file.macro", ext=ext)
    if ext == ".xls":
        return fail("imp.file.old_excel")
    if ext not in (".xlsx", ".csv"):
        return fail("imp.file.extension", ext=ext or "(không có)")
    if len(data) > limits.max_bytes:
        return fail("imp.file.too_large", size=human_size(len(data)), limit=human_size(limits.max_bytes))
    if not data:
        return fail("imp.file.empty")
    if ext == ".xlsx":
        return _read_xlsx(name, data, limits)
    return _read_csv(name, data, limits)


# --- xlsx ------------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_xlsx(name: str, data: bytes, limits: Limits):
    def fail(key, **values):
        return [], [Problem(name, None, None, None, key, values)]

    if data.startswith(_OLE_MAGIC):
        return fail("imp.file.not_xlsx")  # an old .xls (or an encrypted workbook) renamed
    if not data.startswith(b"PK\x03\x04"):
        return fail("imp.file.not_xlsx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return fail("imp.file.truncated")
    if len(entries) > limits.max_entries:
        return fail("imp.file.zip_bomb", detail=f"{len(entries)} tệp con")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > limits.max_unpacked_bytes or unpacked > limits.max_ratio * max(len(data), 1):
        return fail("imp.file.zip_bomb", detail=human_size(unpacked))
    names = {e.filename for e in entries}
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return fail("imp.file.macro", ext=".xlsx")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        return fail("imp.file.not_xlsx")
    try:
        content_types = archive.read("[Content_Types].xml")
    except Exception:
        return fail("imp.file.truncated")
    if b"macroEnabled" in content_types:
        return fail("imp.file.macro", ext=".xlsx")
    # Read every entry once: a truncated or corrupt file fails here, with a clear message,
    # rather than half way through.
    try:
        bad = archive.testzip()
    except Exception:
        return fail("imp.file.truncated")
    if bad is not None:
        return fail("imp.file.truncated")

    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    def unsafe(exc: BaseException | None) -> bool:
        """openpyxl wraps parser errors: look down the chain for defusedxml's refusal."""
        while exc is not None:
            if isinstance(exc, DefusedXmlException):
                return True
            exc = exc.__cause__ or exc.__context__
        return False

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        if unsafe(exc):
            return fail("imp.file.unsafe_xml")
        return fail("imp.file.unreadable", detail=type(exc).__name__)
    tables: list[RawTable] = []
    problems: list[Problem] = []
    rows_seen = 0
    try:
        for ws in workbook.worksheets:
            # read-only mode stops at the sheet's declared <dimension>, which spreadsheet
            # programs and generators often get wrong: forget it, so every row is read
            ws.reset_dimensions()
            title = nfc(ws.title) or ""
            if title in template.HELP_SHEETS:
                continue
            sheet = SHEET_BY_TITLE.get(title)
            if sheet is None:
                if all(_is_empty(v) for row in ws.iter_rows(values_only=True) for v in row):
                    continue  # an empty "Sheet1" left by Excel says nothing
                problems.append(Problem(name, title, None, None, "imp.sheet.unknown",
                                        {"sheet": title, "allowed": ", ".join(s.title for s in SHEETS)}))
                continue
            table, sheet_problems, rows_seen = _read_rows(
                name, sheet, title, ws.iter_rows(values_only=True), rows_seen, limits)
            problems += sheet_problems
            if table is not None:
                tables.append(table)
    except Exception as exc:
        if unsafe(exc):
            return fail("imp.file.unsafe_xml")
        return fail("imp.file.unreadable", detail=type(exc).__name__)
    finally:
        workbook.close()
    return tables, problems


# --- csv -------------------------------------------------------------------------------------


def _read_csv(name: str, data: bytes, limits: Limits):
    def fail(key, **values):
        return [], [Problem(name, None, None, None, key, values)]

    if data.startswith(b"PK\x03\x04") or data.startswith(_OLE_MAGIC) or b"\x00" in data[:65536]:
        return fail("imp.file.not_csv")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return fail("imp.file.csv_encoding")
    if "\x00" in text:
        return fail("imp.file.not_csv")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return fail("imp.file.not_csv")
    if not records:
        return fail("imp.file.no_data")
    headers = [nfc(h) or "" for h in records[0]]
    sheet, detail = _sheet_for_headers(headers)
    if sheet is None:
        return [], [Problem(name, None, HEADER_ROW, None, "imp.csv.unknown_table", detail)]
    label = sheet.title
    table, problems, _ = _read_rows(name, sheet, label, iter(records), 0, limits)
    return ([table] if table is not None else []), problems


def _sheet_for_headers(headers: list[str]):
    """The sheet whose columns these headers are (all required ones present, none
    unknown); else None and what is closest."""
    present = {h for h in headers if h}
    for sheet in SHEETS:
        allowed = set(sheet.headers)
        required = {f.header for f in sheet.fields if f.required}
        if present <= allowed and required <= present:
            return sheet, {}
    best = max(SHEETS, key=lambda s: (len(present & set(s.headers)), -len(set(s.headers) - present)))
    missing = [f.header for f in best.fields if f.required and f.header not in present]
    unknown = [h for h in headers if h and h not in best.headers]
    parts = []
    if missing:
        parts.append("thiếu cột " + ", ".join(f"“{h}”" for h in missing))
    if unknown:
        parts.append("cột lạ " + ", ".join(f"“{h}”" for h in unknown))
    return None, {"sheet": best.title, "detail": "; ".join(parts) or "tên cột không khớp"}


# --- rows (shared) -----------------------------------------------------------------------


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_notes_row(sheet: Sheet, columns: dict[int, str], values) -> bool:
    """Row 2 of the template explains each column; skip it when it is that row."""
    seen = False
    for index, key in columns.items():
        value = values[index] if index < len(values) else None
        if _is_empty(value):
            continue
        note = sheet.field(key).note
        text = nfc(str(value))
        if text not in (nfc(note), nfc("Bắt buộc. " + note)):
            return False
        seen = True
    return seen


def _read_rows(file: str, sheet: Sheet, label: str, rows, rows_seen: int, limits: Limits):
    """Map the header row to the sheet's fields, then collect the non-empty rows."""
    problems: list[Problem] = []
    try:
        header = next(rows)
    except StopIteration:
        return None, problems, rows_seen
    header = list(header or [])
    columns: dict[int, str] = {}
    letters: dict[int, str] = {}
    seen_headers: set[str] = set()
    by_header = {f.header: f for f in sheet.fields}
    for index, raw in enumerate(header):
        text = nfc(str(raw)) if not _is_empty(raw) else ""
        letters[index] = get_column_letter(index + 1)
        if not text:
            continue
        if text in seen_headers:
            problems.append(Problem(file, label, HEADER_ROW, text, "imp.column.duplicate", {"column": text}))
            continue
        seen_headers.add(text)
        spec = by_header.get(text)
        if spec is None:
            problems.append(Problem(file, label, HEADER_ROW, text, "imp.column.unknown", {"column": text}))
            continue
        columns[index] = spec.key
    for spec in sheet.fields:
        if spec.required and spec.header not in seen_headers:
            problems.append(Problem(file, label, HEADER_ROW, spec.header, "imp.column.missing",
                                    {"column": spec.header}))
    if problems:
        return None, problems, rows_seen
    table = RawTable(file, sheet, label)
    unnamed_reported: set[int] = set()
    number = HEADER_ROW
    for values in rows:
        number += 1
        values = list(values or [])
        if all(_is_empty(v) for v in values):
            continue
        if number == NOTES_ROW and _is_notes_row(sheet, columns, values):
            continue
        for index, value in enumerate(values):
            if index not in columns and index not in unnamed_reported and not _is_empty(value):
                unnamed_reported.add(index)
                problems.append(Problem(file, label, number, get_column_letter(index + 1), "imp.column.unnamed",
                                        {"letter": get_column_letter(index + 1)}))
        rows_seen += 1
        if rows_seen > limits.max_rows:
            problems.append(Problem(file, label, number, None, "imp.file.too_many_rows", {"limit": limits.max_rows}))
            break
        cells = {key: (values[index] if index < len(values) else None) for index, key in columns.items()}
        if number == FIRST_DATA_ROW and is_example_row(sheet, cells):
            rows_seen -= 1  # the template's example row, left as it was: not data
            continue
        table.rows.append(RawRow(number, cells))
    return table, problems, rows_seen


__all__ = ["FIRST_DATA_ROW", "Limits", "RawRow", "RawTable", "Source", "display_name", "read_source"]
