"""Tables to CSV and XLSX, safe to open in a spreadsheet.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
prefixed with an apostrophe, so that Excel or LibreOffice never runs it as a formula.
Numbers stay numbers. File names are chosen here, never taken from the request.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """field: key in the row dicts; header: text; kind: text | int | float | percent | date."""

    field: str
    header: str
    kind: str = "text"


def escape_cell(value):
    """``value`` made inert for spreadsheets (strings only; numbers are left alone)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell_value(value, kind: str):
    if value is None or value == "":
        return None
    if kind in ("int", "float", "percent"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return escape_cell(str(value))
        return int(number) if kind == "int" and number.is_integer() else number
    if kind == "date":
        if isinstance(value, (date, datetime)):
            return value
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return escape_cell(str(value))
    if isinstance(value, bool):
        return value
    return escape_cell(str(value))


def to_csv(columns: list[Column], rows: list[dict]) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly); decimal
    values are written with a dot, dates as dd/mm/yyyy."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([escape_cell(c.header) for c in columns])
    for row in rows:
        out = []
        for column in columns:
            value = _cell_value(row.get(column.field), column.kind)
            if isinstance(value, (date, datetime)):
                value = value.strftime("%d/%m/%Y")
            elif column.kind == "percent" and isinstance(value, float):
                value = round(100 * value, 1)
            out.append("" if value is None else value)
        writer.writerow(out)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(columns: list[Column], rows: list[dict], title: str, notes: list[str] = ()) -> bytes:
    """One sheet: an optional title and notes, a header row, then the rows, with number
    formats (#,##0; 0.0%; dd/mm/yyyy) so the spreadsheet shows them the Vietnamese way
    under a Vietnamese locale."""
    workbook = Workbook()
    write_sheet(workbook.active, columns, rows, title, notes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_sheet(sheet, columns: list[Column], rows: list[dict], title: str, notes: list[str] = (),
                sheet_name: str | None = None) -> None:
    """Fill one worksheet the way ``to_xlsx`` does (for workbooks of several sheets)."""
    sheet.title = _sheet_title(sheet_name or title)
    line = 1
    sheet.cell(row=line, column=1, value=escape_cell(title)).font = Font(bold=True, size=13)
    line += 1
    for note in notes:
        sheet.cell(row=line, column=1, value=escape_cell(note)).font = Font(italic=True, color="555555")
        line += 1
    line += 1 if notes or title else 0
    header_fill = PatternFill("solid", fgColor="DDE7F3")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=line, column=index, value=escape_cell(column.header))
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    header_row = line
    for row in rows:
        line += 1
        for index, column in enumerate(columns, start=1):
            value = _cell_value(row.get(column.field), column.kind)
            cell = sheet.cell(row=line, column=index, value=value)
            if column.kind == "int":
                cell.number_format = "#,##0"
            elif column.kind == "float":
                cell.number_format = "#,##0.0"
            elif column.kind == "percent":
                cell.number_format = "0.0%"
            elif column.kind == "date":
                cell.number_format = "dd/mm/yyyy"
    for index, column in enumerate(columns, start=1):
        width = max([len(column.header)] + [len(str(r.get(column.field) or "")) for r in rows[:500]])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(10, width + 2), 60)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Bang"
    return cleaned[:31]


def safe_filename(stem: str, extension: str, day: date | None = None) -> str:
    """An ASCII file name built by the server: ``nhat-the-hoa-2018-04-13.xlsx``."""
    ascii_stem = unicodedata.normalize("NFKD", stem.replace("đ", "d").replace("Đ", "D"))
    ascii_stem = ascii_stem.encode("ascii", "ignore").decode("ascii").lower()
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", ascii_stem).strip("-")[:60] or "bang"
    suffix = f"-{day.isoformat()}" if day else ""
    return f"{ascii_stem}{suffix}.{extension}"
