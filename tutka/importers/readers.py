"""Turn raw bytes into grids of cells ("raw tables") exactly as the user sees them in Excel.

Row i / column j of `RawTable.rows` is Excel row i+1 / column letter(j). xlsx is read with calamine (fast);
openpyxl is used only for what calamine cannot tell: formulas whose cached value is missing (calamine returns a blank).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

import pandas as pd

from tutka.importers.limits import (
    MAX_COLUMNS,
    MAX_CSV_CELLS,
    MAX_FIELD_CHARS,
    MAX_ROWS,
    check_grid,
    num,
    scan_xlsx,
)
from tutka.importers.safety import MAX_UNCOMPRESSED_BYTES, UnsafeFile, read_limited


@dataclass
class RawTable:
    sheet: str | None  # None for CSV
    rows: list[list[object]] | GridRows  # GridRows: a large plain CSV, kept as one frame (see GridRows)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based r1, c1, r2, c2 inclusive
    uncached: list[tuple[int, int]] = field(default_factory=list)  # 0-based (row, col) of formula cells
    encoding: str | None = None
    delimiter: str | None = None


def col_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


# ---------------------------------------------------------------------------------------------------------- CSV
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode text"), else Windows-1252.

    A file that is neither (valid UTF-8 sequences mixed with bytes that are not UTF-8, e.g. two files pasted
    together) is refused naming the line: guessing would garble names without a word."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UnsafeFile("upload.err_encoding", row=data[: exc.start].count(b"\n\x00") + 1) from exc
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(body):
            raise UnsafeFile("upload.err_encoding", row=body[: exc.start].count(b"\n") + 1) from exc
        return body.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most lines into the same (largest) number of fields."""
    head = text[: 1 << 16]  # the first 60 lines, without splitting a 1 M-line text into a list
    while head.count("\n") < 61 and len(head) < len(text):
        head = text[: 2 * len(head)]
    lines = [ln for ln in head.splitlines()[:60] if ln.strip()]
    best, best_score = ";", -1.0
    for delim in (";", "\t", ",", "|"):
        counts: dict[int, int] = {}
        for row in csv.reader(lines, delimiter=delim):
            if len(row) > 1:
                counts[len(row)] = counts.get(len(row), 0) + 1
        if not counts:
            continue
        width, freq = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        score = freq * 10 + width
        if score > best_score:
            best, best_score = delim, score
    return best


class GridRows(Sequence[list[object]]):
    """The rows of a rectangular CSV parsed by pandas' C parser, seen as the list of lists `RawTable.rows` is
    (a row is materialised only when asked for); `frame` is the whole grid, one text column per CSV column, which
    `layout.cells_frame` uses directly. A 1 000 000-row file as Python lists costs ~1 GB and seconds to build."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def __len__(self) -> int:
        return len(self.frame)

    @overload
    def __getitem__(self, i: int) -> list[object]: ...
    @overload
    def __getitem__(self, i: slice) -> list[list[object]]: ...
    def __getitem__(self, i: int | slice) -> list[object] | list[list[object]]:
        if isinstance(i, slice):
            return [list(r) for r in self.frame.iloc[i].itertuples(index=False, name=None)]
        if not -len(self.frame) <= i < len(self.frame):
            raise IndexError(i)
        return list(self.frame.iloc[i])

    def __iter__(self) -> Iterator[list[object]]:
        return (list(r) for r in self.frame.itertuples(index=False, name=None))


def _fast_csv(text: str, delim: str, raw: bytes | None = None, encoding: str = "") -> pd.DataFrame | None:
    """The whole CSV as a grid of texts read by pandas' C parser, or None when the file is not a plain rectangular
    table (title lines, rows of other widths, NUL bytes, over-long fields…): the caller then reads it with the csv
    module, whose row-by-row checks give the exact error messages. Same cells as the csv module otherwise.
    `raw`/`encoding` (decode_text's): the parser reads the bytes (a StringIO of the text would hold 4 bytes a
    character: 200 MB for a 50 MB file)."""
    if "\x00" in text:
        return None
    try:
        sample = list(itertools.islice(csv.reader(io.StringIO(text[: 64 * 1024], newline=""), delimiter=delim), 60))
    except csv.Error:
        return None
    widths = {len(r) for r in sample[:-1] if r}  # the last sampled line may be cut in the middle
    if len(widths) != 1:
        return None
    width = widths.pop()
    if width < 2 or width > MAX_COLUMNS:
        return None
    try:
        source: io.BytesIO | io.StringIO = io.StringIO(text)
        codec = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252"}.get(encoding)
        if raw is not None and codec:
            bom = raw.startswith(b"\xef\xbb\xbf")  # also before Windows-1252 text (decode_text drops it there too)
            source = io.BytesIO(memoryview(raw)[3:] if bom else raw)
        frame = pd.read_csv(
            source,
            encoding=codec or "utf-8",
            encoding_errors="replace",  # as decode_text reads Windows-1252 (valid UTF-8 never needs it)
            sep=delim,
            header=None,
            names=range(width),
            index_col=False,
            dtype="str",
            na_filter=False,
            keep_default_na=False,
            skip_blank_lines=False,
            quotechar='"',
            doublequote=True,
            engine="c",
        )
    except (ValueError, pd.errors.ParserError, csv.Error, MemoryError):  # a wider row, a broken quote …
        return None
    if frame.empty:
        return None
    frame = frame.fillna("")  # blank lines
    for col in frame.columns:
        if int(frame[col].str.len().max()) > MAX_FIELD_CHARS:
            return None
    return frame


def read_csv(data: bytes) -> RawTable:
    text, encoding = decode_text(data)
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = None
    try:
        delim = sniff_delimiter(text)
        frame = _fast_csv(text, delim, data, encoding)
        if frame is not None:
            n_rows, width = frame.shape
            if n_rows > MAX_ROWS or n_rows * width > MAX_CSV_CELLS:
                check_grid(n_rows, width, "CSV")
                raise UnsafeFile(
                    "upload.err_too_many_cells", where="CSV", n=num(n_rows * width), limit=num(MAX_CSV_CELLS)
                )
            return RawTable(sheet=None, rows=GridRows(frame), encoding=encoding, delimiter=delim)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        rows: list[list[object]] = []
        width = cells = 0
        for r in reader:
            rows.append(list(r))
            width = max(width, len(r))
            cells += len(r)
            if len(rows) > MAX_ROWS or width > MAX_COLUMNS or cells > MAX_CSV_CELLS:
                check_grid(len(rows), width, "CSV")
                raise UnsafeFile("upload.err_too_many_cells", where="CSV", n=num(cells), limit=num(MAX_CSV_CELLS))
    except csv.Error as exc:
        line = reader.line_num if reader is not None else None
        if "field larger than field limit" in str(exc):
            raise UnsafeFile("upload.err_field_too_long", row=line or 1, limit=num(MAX_FIELD_CHARS)) from exc
        raise UnsafeFile("upload.err_csv", row=line or 1, detail=str(exc)[:200]) from exc
    return RawTable(sheet=None, rows=rows, encoding=encoding, delimiter=delim)


# --------------------------------------------------------------------------------------------------------- XLSX
def read_xlsx(data: bytes, sheet: str | None = None) -> list[RawTable]:
    import python_calamine as pc

    # Before calamine: it would allocate the whole declared grid (see tutka/importers/limits.py).
    scans = scan_xlsx(data)
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError as exc:
        raise UnsafeFile("upload.err_encrypted") from exc
    except Exception as exc:  # calamine raises several types for broken zips / XML
        raise UnsafeFile("upload.err_corrupt", detail=str(exc)[:200]) from exc
    names = [m.name for m in wb.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
    if sheet is not None:
        if sheet not in names:
            raise UnsafeFile("upload.err_no_sheet", sheet=sheet, sheets=", ".join(names))
        names = [sheet]
    tables = []
    for name in names:
        try:
            ws = wb.get_sheet_by_name(name)
            rows: list[list[object]] = ws.to_python(skip_empty_area=False)  # type: ignore[assignment]
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (ws.merged_cell_ranges or [])]
        except Exception as exc:
            raise UnsafeFile("upload.err_corrupt", detail=f"{name}: {str(exc)[:200]}") from exc
        percent = set().union(*(sc.percent for sc in scans if sc.sheet == name))
        _percent_as_shown(rows, percent)
        tables.append(RawTable(sheet=name, rows=rows, merged=merged))
    if _has_formulas(data):
        _mark_uncached(data, tables)
    return tables


def _percent_as_shown(rows: list[list], cells: set[tuple[int, int]]) -> None:
    """A number formatted as percent is shown as 12,5 % but stored as 0.125: give the parser what the user sees
    (text "12,5 %"; the value checks then know it was a percent)."""
    for r, c in cells:
        if r < len(rows) and c < len(rows[r]):
            v = rows[r][c]
            if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
                rows[r][c] = repr(round(float(v) * 100, 9)).replace(".", ",").removesuffix(",0") + " %"


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                if re.search(rb"<f[ >/]", read_limited(zf, info.filename, MAX_UNCOMPRESSED_BYTES)):
                    return True
    return False


def _mark_uncached(data: bytes, tables: list[RawTable]) -> None:
    """openpyxl read-only pass: formula cells whose cached value is missing (a program wrote the file, nobody
    opened it in Excel). Two workbooks in lockstep: one shows formulas, the other the cached values."""
    import openpyxl

    formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    cached = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for table in tables:
            ws_f, ws_c = formulas[table.sheet], cached[table.sheet]
            for row_f, row_c in zip(ws_f.iter_rows(), ws_c.iter_rows(), strict=False):
                for cf, cc in zip(row_f, row_c, strict=False):
                    if isinstance(cf.value, str) and cf.value.startswith("=") and cc.value is None:
                        table.uncached.append((cf.row - 1, cf.column - 1))
    finally:
        formulas.close()
        cached.close()


# --------------------------------------------------------------------------------------------------------- JSON
def read_json(data: bytes) -> object:
    text, _ = decode_text(data)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, or an integer of over 4 300 digits
        raise UnsafeFile("upload.err_json", detail=str(exc)[:200]) from exc
