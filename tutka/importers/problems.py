"""Problems found in an upload, each pointing to the file, sheet, row and column the user sees in Excel."""

from __future__ import annotations

from dataclasses import dataclass, field

from tutka.i18n import t

ERROR, WARNING = "error", "warning"


@dataclass
class Problem:
    key: str  # i18n key (data/i18n/upload.csv)
    params: dict = field(default_factory=dict)
    file: str = ""
    sheet: str | None = None
    row: int | str | None = None  # Excel row number (1-based), or e.g. "5, 9" for duplicates
    col: str | None = None  # column letter (A, B, …) or a field name for JSON
    severity: str = ERROR

    def location(self, lang: str | None = None) -> str:
        parts = [t("upload.loc_file", lang, file=self.file)] if self.file else []
        if self.sheet:
            parts.append(t("upload.loc_sheet", lang, sheet=self.sheet))
        if self.row not in (None, ""):
            parts.append(t("upload.loc_row", lang, row=self.row))
        if self.col:
            parts.append(t("upload.loc_col", lang, col=self.col))
        return ", ".join(parts)

    def message(self, lang: str | None = None) -> str:
        loc = self.location(lang)
        text = t(self.key, lang, **self.params)
        return f"{loc}: {text}" if loc else text


def sort_key(p: Problem) -> tuple:
    row = p.row if isinstance(p.row, int) else 10**9
    return (p.severity != ERROR, p.sheet or "", row, p.col or "", p.key)
