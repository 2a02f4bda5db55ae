"""One cell of a sheet to one typed value, or the reason it is not one.

Text is Unicode NFC, trimmed, inner runs of white space collapsed. Dates: an Excel date,
or text dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or yyyy-mm-dd. Numbers: an
Excel number, or text in the Vietnamese way (1.234,5; 0,5) or plain (1234; 0.5); a text
like 1.234 is read as one thousand two hundred thirty-four.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from ..template import LIST_SEPARATOR, VOCABULARIES, Field
from ..text import nfc

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_UNIT_CODE = re.compile(r"^[0-9A-Za-z._\-]+$")
_INT = re.compile(r"^[+-]?\d+$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")
_VI_DECIMAL = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})*,\d+$|^[+-]?\d+,\d+$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")

_CHOICES: dict[str, dict[str, object]] = {}


def _choices(vocabulary: str) -> dict[str, object]:
    table = _CHOICES.get(vocabulary)
    if table is None:
        table = {}
        for key, label in VOCABULARIES[vocabulary]:
            table[nfc(label).casefold()] = key
            table[str(key).casefold()] = key
        if vocabulary == "yes_no":
            for word in ("x", "1", "yes", "true", "đúng", "co"):
                table[word] = True
            for word in ("0", "no", "false", "sai", "khong"):
                table[word] = False
        _CHOICES[vocabulary] = table
    return table


class CellError(ValueError):
    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


def is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _as_text(raw) -> str:
    if isinstance(raw, bool):
        return "Có" if raw else "Không"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.strftime("%d/%m/%Y") if raw.time() == datetime.min.time() else raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.strftime("%d/%m/%Y")
    return nfc(str(raw)) or ""


def _number(raw) -> float:
    if isinstance(raw, bool):
        raise CellError("imp.cell.not_number", value=_as_text(raw))
    if isinstance(raw, (int, float)):
        return raw
    text = _as_text(raw).replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if _INT.match(text):
        return int(text)
    if _THOUSANDS.match(text):
        return int(text.replace(".", ""))
    if _VI_DECIMAL.match(text):
        return float(text.replace(".", "").replace(",", "."))
    if _DOT_DECIMAL.match(text):
        return float(text)
    raise CellError("imp.cell.not_number", value=_as_text(raw))


def _date(raw) -> date:
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise CellError("imp.cell.not_date", value=_as_text(raw))
    else:
        text = _as_text(raw)
        match = _DMY.match(text)
        if match:
            d, m, y = (int(g) for g in match.groups())
        else:
            match = _YMD.match(text)
            if not match:
                raise CellError("imp.cell.not_date", value=text)
            y, m, d = (int(g) for g in match.groups())
        try:
            value = date(y, m, d)
        except ValueError:
            raise CellError("imp.cell.impossible_date", value=text) from None
    if not date(1900, 1, 1) <= value <= date(2100, 12, 31):
        raise CellError("imp.cell.date_range", value=value.strftime("%d/%m/%Y"))
    return value


def parse_cell(spec: Field, raw, unit_code: bool = False):
    """The typed value of ``raw`` for column ``spec`` (its default when empty); raises
    ``CellError`` with a translation key when the cell is wrong."""
    if is_blank(raw):
        if spec.required:
            raise CellError("imp.cell.required")
        return list(spec.default) if isinstance(spec.default, (list, tuple)) else spec.default
    kind = spec.kind
    if kind in ("text", "code"):
        text = _as_text(raw)
        if spec.max_length and len(text) > spec.max_length:
            raise CellError("imp.cell.too_long", limit=spec.max_length)
        if kind == "code" and unit_code and not _UNIT_CODE.match(text):
            raise CellError("imp.cell.bad_code", value=text)
        return text
    if kind == "codes":
        parts = []
        for part in re.split(r"[,;]", _as_text(raw)):
            code = nfc(part)
            if code and code not in parts:
                if spec.max_length and len(code) > spec.max_length:
                    raise CellError("imp.cell.too_long", limit=spec.max_length)
                parts.append(code)
        return parts
    if kind == "date":
        return _date(raw)
    if kind in ("int", "float"):
        number = _number(raw)
        if kind == "int":
            if isinstance(number, float):
                if not number.is_integer():
                    raise CellError("imp.cell.not_integer", value=_as_text(raw))
                number = int(number)
        else:
            number = float(number)
        if spec.minimum is not None and number < spec.minimum:
            raise CellError("imp.cell.below_min", value=_as_text(raw), minimum=_as_text(spec.minimum))
        if kind == "int" and abs(number) > 9_000_000_000_000_000:
            raise CellError("imp.cell.not_number", value=_as_text(raw))
        return number
    if kind == "choice":
        if isinstance(raw, bool) and spec.vocabulary == "yes_no":
            return raw
        text = _as_text(raw)
        value = _choices(spec.vocabulary).get(text.casefold())
        if value is None:
            allowed = ", ".join(label for _, label in VOCABULARIES[spec.vocabulary])
            raise CellError("imp.cell.not_in_list", value=text, allowed=allowed)
        return value
    raise AssertionError(f"unknown field kind {kind}")  # pragma: no cover


__all__ = ["CellError", "LIST_SEPARATOR", "is_blank", "parse_cell"]
