"""What is wrong with an import, said where and in plain Vietnamese.

Every problem names the file, the sheet, the row and the column (as far as they apply);
its text comes from the translation table (keys ``imp.*``), so the CLI and the Data page
say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import t


@dataclass(frozen=True)
class Problem:
    """file: the file's display name; sheet: the sheet's title (CSV: the table it was
    recognised as); row: the spreadsheet row number (1 = the header row); column: the
    column's header; key: the ``imp.*`` translation key; values: its placeholders."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    key: str
    values: dict = field(default_factory=dict, compare=False, hash=False)

    def message(self, lang: str = "vi") -> str:
        return t(self.key, lang, **self.values)

    def place(self, lang: str = "vi") -> str:
        """"don-vi.xlsx › Đơn vị › dòng 7 › cột Từ ngày"."""
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(t("imp.place.row", lang, row=self.row))
        if self.column:
            parts.append(t("imp.place.column", lang, column=self.column))
        return " › ".join(parts)

    def text(self, lang: str = "vi") -> str:
        return f"{self.place(lang)}: {self.message(lang)}"

    def as_dict(self, lang: str = "vi") -> dict:
        return {"file": self.file, "sheet": self.sheet or "", "row": self.row, "column": self.column or "",
                "message": self.message(lang)}


class ImportRejected(Exception):
    """Raised inside the write transaction to roll it back."""
