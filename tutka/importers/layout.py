"""A raw grid → a long "cells" frame: one row per value cell, with the raw texts of every key part and the Excel
position of each (row number, column letters). Handles long and wide layouts, title rows above the header and
source/footnote rows below the data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from tutka.importers.headers import PARTS, find_header, garbled, role_of
from tutka.importers.normalise import as_text, period_in_text, via_uniques
from tutka.importers.problems import WARNING, Problem
from tutka.importers.readers import GridRows, RawTable, col_letter

_FOOTNOTE = (
    "lähde",
    "lähteet",
    "källa",
    "source",
    "huom",
    "huomautus",
    "anm",
    "note",
    "*",
    "tiedot päivitetty",
    "päivitetty",
    "uppdaterad",
    "updated",
    "selite",
    "keksitty",
    "test",
)


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and v != v)


def _data_rows(grid: pd.DataFrame) -> pd.Series:
    """Vectorised: False for blank rows, single-text-cell rows (titles, footnotes, sub-headings) and rows that start
    with a footnote word such as 'Lähde:'."""
    if grid.empty:
        return pd.Series(True, index=grid.index)
    blank = grid.apply(lambda col: via_uniques(col, lambda u: u.map(_blank).astype(bool)))
    count = (~blank).sum(axis=1)
    keep = count > 0
    few = count.between(1, 2)
    if few.any():
        sub = grid[few]
        for i, row in zip(sub.index, sub.itertuples(index=False, name=None), strict=False):
            if _is_note_row(list(row)):
                keep[i] = False
    return keep


def _is_note_row(row: list[object]) -> bool:
    cells = [v for v in row if not _blank(v)]
    if not cells:
        return True
    if len(cells) == 1 and isinstance(cells[0], str):
        return True
    first = str(cells[0]).strip().lower()
    return isinstance(cells[0], str) and first.startswith(_FOOTNOTE) and len(cells) <= 2


def cells_frame(table: RawTable, file_name: str, problems: list[Problem]) -> pd.DataFrame | None:
    """None when the sheet has no recognisable header (reported as a warning by the caller)."""
    found = find_header(table.rows)
    if found is None:
        return None
    h, roles, years = found
    sheet = table.sheet
    header = table.rows[h]
    title_cells = [str(v).strip() for row in table.rows[:h] for v in row if not _blank(v)]
    title_text = " ".join(title_cells)

    _structure_checks(table, h, file_name, problems)
    if _header_checks(header, roles, years, sheet, h, file_name, problems):
        return pd.DataFrame()

    if isinstance(table.rows, GridRows):  # a plain rectangular CSV: already one frame, no row is wider
        grid = table.rows.frame.iloc[h + 1 :].reset_index(drop=True)
        keep = _data_rows(grid)
        grid = grid if keep.all() else grid[keep]
        grid["_row"] = np.flatnonzero(keep.to_numpy()) + h + 2
    else:
        raw = table.rows[h + 1 :]
        widths = {len(r) for r in raw}
        width = max(widths | {len(header)})
        if widths <= {width}:  # rectangular (calamine's grid): no padding copy
            grid = pd.DataFrame(raw, columns=range(width), dtype=object)
        else:
            grid = pd.DataFrame([r + [""] * (width - len(r)) for r in raw], columns=range(width), dtype=object)
        keep = _data_rows(grid)
        grid = grid if keep.all() else grid[keep]
        kept = np.flatnonzero(keep.to_numpy())
        if width > len(header):  # some row is wider than the header
            _extra_cells(table, [(i + h + 1, raw[i]) for i in kept], len(header), file_name, problems)
        grid["_row"] = kept + h + 2
    grid = grid.reset_index(drop=True)

    role_col = {role: c for c, role in roles.items() if role != "ignored"}
    others = [c for c in range(len(header)) if c not in roles and c not in years and not _blank(header[c])]
    base = pd.DataFrame({"_row": grid["_row"]})
    same: dict[tuple[str, int], pa.Array] = {}  # one buffer per repeated text: the "" of a dozen missing parts
    base["_sheet"] = _same(sheet or "", len(base), same)
    for part in PARTS:
        src = "year" if part == "period" else part
        if src in role_col:
            base[part] = (
                grid[role_col[src]]
                if part in ("value", "respondents", "abs_value", "ci_low", "ci_high")
                else as_text(grid[role_col[src]])
            )
            base[f"_c_{part}"] = _same(col_letter(role_col[src]), len(base), same)
    if "indicator" not in base:
        base["indicator"] = title_cells[0] if title_cells else (sheet or file_name)
        base["_c_indicator"] = ""
        base["_indicator_from"] = "title" if title_text else "sheet"
    if "period" not in base and not years:
        y, m = period_in_text(title_text) if title_text else (None, None)
        if y is None and sheet:
            y, m = period_in_text(sheet)
        base["period"] = "" if y is None else (f"{y}M{m:02d}" if m else str(y))
        base["_c_period"] = ""

    chunks: list[pd.DataFrame] = []
    if years and "value" not in role_col:  # wide: years as columns
        for c, y in years.items():
            chunk = base.copy()
            chunk["value"], chunk["_c_value"] = grid[c], col_letter(c)
            chunk["period"], chunk["_c_period"] = str(y), col_letter(c)
            chunks.append(chunk)
        _ignored(others, header, sheet, file_name, problems)
    elif "value" in role_col:  # long
        chunks.append(base)
        _ignored(others + list(years), header, sheet, file_name, problems)
    elif others and "region" in role_col:  # wide: indicators as columns
        for c in others:
            chunk = base.copy()
            chunk["indicator"], chunk["_c_indicator"] = str(header[c]).strip(), col_letter(c)
            chunk["value"], chunk["_c_value"] = grid[c], col_letter(c)
            chunks.append(chunk)
    else:
        problems.append(Problem("upload.err_no_value_column", file=file_name, sheet=sheet, row=h + 1))
        return pd.DataFrame()
    out = pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame()
    for part in PARTS:
        if part not in out:
            out[part] = (
                _same("", len(out), same)
                if part not in ("value", "respondents", "abs_value", "ci_low", "ci_high")
                else None
            )
            out[f"_c_{part}"] = _same("", len(out), same)
    return out


_ARROW_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)


def _same(text: str, n: int, cache: dict[tuple[str, int], pa.Array]) -> object:
    """A text column holding one value, as `frame[col] = text` gives it (same dtype and values) but built in one
    step, and the columns of one text share one immutable Arrow buffer (each gets its own pandas array around it):
    a broadcast scalar costs ~40 ms and 8 MB per 1 M rows, and a long file misses a dozen parts."""
    if n < 10_000 or pd.Series([text]).dtype != _ARROW_TEXT:
        return text  # the frame broadcasts it
    if (text, n) not in cache:
        cache[text, n] = pa.repeat(pa.scalar(text, pa.large_string()), n)
    return pd.array(cache[text, n], dtype=_ARROW_TEXT)


MEASURE_ROLES = ("value", "respondents", "abs_value", "ci_low", "ci_high", "ci", "source")


def _header_checks(
    header: list[object], roles: dict, years: dict, sheet: str | None, h: int, file_name: str, problems: list[Problem]
) -> bool:
    """True (and an error) when the header cannot be read safely: two columns of one measure (two "Arvo": which
    one?), or a header garbled by a wrong encoding (the column would be dropped without a word)."""
    found = len(problems)
    by_role: dict[str, list[int]] = {}
    for c in roles:
        role = role_of(header[c])
        if role in MEASURE_ROLES:
            by_role.setdefault(role, []).append(c)
    for cols in by_role.values():
        if len(cols) > 1:
            letters = ", ".join(col_letter(c) for c in cols)
            problems.append(
                Problem(
                    "upload.err_duplicate_column",
                    {"cols": letters, "role": str(header[cols[0]]).strip()},
                    file=file_name,
                    sheet=sheet,
                    row=h + 1,
                    col=col_letter(cols[1]),
                )
            )
    for c, cell in enumerate(header):
        if c not in roles and c not in years and not _blank(cell) and garbled(cell):
            problems.append(
                Problem(
                    "upload.err_header_garbled",
                    {"name": str(cell).strip()[:80]},
                    file=file_name,
                    sheet=sheet,
                    row=h + 1,
                    col=col_letter(c),
                )
            )
    return len(problems) > found


def _extra_cells(table: RawTable, body: list, width: int, file_name: str, problems: list[Problem]) -> None:
    """Cells right of the last header: in a CSV the row was split wrongly (e.g. a decimal comma in a comma-separated
    file without quotes) — an error; in a workbook usually a side note — a warning."""
    for i, row in body:
        extra = [c for c in range(width, len(row)) if not _blank(row[c])]
        if extra:
            problems.append(
                Problem(
                    "upload.err_extra_cells" if table.sheet is None else "upload.warn_extra_cells",
                    {"n": len(extra)},
                    file=file_name,
                    sheet=table.sheet,
                    row=i + 1,
                    col=col_letter(extra[0]),
                    severity="error" if table.sheet is None else WARNING,
                )
            )


def _ignored(cols: list[int], header: list[object], sheet: str | None, file_name: str, problems: list[Problem]) -> None:
    for c in cols:
        problems.append(
            Problem(
                "upload.warn_column_ignored",
                {"name": str(header[c]).strip()},
                file=file_name,
                sheet=sheet,
                row=None,
                col=col_letter(c),
                severity=WARNING,
            )
        )


def _structure_checks(table: RawTable, h: int, file_name: str, problems: list[Problem]) -> None:
    """Merged cells in the header or data (calamine returns blanks for all but the first cell) and formulas
    without a cached value (the file was written by a program and never recalculated)."""
    for r1, c1, r2, c2 in table.merged:
        if r2 >= h:
            key = "upload.err_merged_header" if r1 <= h else "upload.err_merged_data"
            problems.append(
                Problem(
                    key,
                    {"range": f"{col_letter(c1)}{r1 + 1}:{col_letter(c2)}{r2 + 1}"},
                    file=file_name,
                    sheet=table.sheet,
                    row=r1 + 1,
                    col=col_letter(c1),
                )
            )
    for r, c in table.uncached:
        if r >= h:
            problems.append(
                Problem("upload.err_formula_uncached", file=file_name, sheet=table.sheet, row=r + 1, col=col_letter(c))
            )
