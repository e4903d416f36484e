"""Resource limits for uploads, checked on the raw bytes before any parser allocates memory for them.

calamine sizes its grid by the sheet's used range (padded from A1 by `skip_empty_area=False`): one cell at
`XFD1048576` asks for 17 billion cells and aborts the whole process. So the worksheet XML is scanned first (a
streaming regex over the zip entry, no DOM) for the declared `<dimension>` and every cell reference, and the grid
`rows × columns` is capped before calamine sees the file. The same scan finds percent-formatted cells, which
calamine returns as fractions (12,5 % → 0.125).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from tutka.fmt import fmt_number
from tutka.importers.safety import MAX_UNCOMPRESSED_BYTES, UnsafeFile, read_limited

MAX_ROWS = 1_048_576  # Excel's own limit; CSV files are held to it too
MAX_COLUMNS = 2_000  # a wide sheet of years × sexes has a few hundred
MAX_CELLS = 6_000_000  # rows × columns of the padded grid (≈ 50 MB of sheet XML)
# A CSV is read into compact text columns (no calamine grid), and a 50 MB file of Excel's row limit in the
# template's 11 columns must fit: 1 048 576 × 12 cells.
MAX_CSV_CELLS = 12 * MAX_ROWS
MAX_FIELD_CHARS = 100_000  # one CSV field / cell text (Excel allows 32 767)
MAX_DISTINCT_NAMES = 2_000  # distinct indicator (or region) texts in one upload
MAX_UNKNOWN_NAMES = 200  # distinct indicator names the catalogue does not know (each gets suggestions)
MAX_JSON_CELLS = 6_000_000  # product of a JSON-stat `size`
MAX_DIGITS = 40  # characters of one number (a 5 000-digit "number" is not a measurement)

_CHUNK = 4 * 1024 * 1024
_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Za-z]+)([0-9]+)\"")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]+)\"")
_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\sref=\"([^\"]{1,40})\"")
_RANGE_END = re.compile(r"([A-Za-z]+)([0-9]+)$")
_CELL_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_ATTR_R = re.compile(rb"\sr=\"([A-Za-z]*)([0-9]*)\"")
_ATTR_S = re.compile(rb"\ss=\"([0-9]{1,6})\"")
_ATTR_T = re.compile(rb"\st=\"(\w+)\"")


def _int(digits: bytes | str) -> int:
    """A row number from the XML; absurdly long ones (int() refuses over 4 300 digits) are just 'too many'."""
    return int(digits) if len(digits) <= 10 else 10**11


def _max_int(digits: Sequence[bytes]) -> int:
    """The largest of many row numbers, parsed by numpy (a Python int() per cell costs seconds on a large sheet);
    numbers of over 10 digits are just 'too many', as in `_int`."""
    arr = np.array(digits)
    if arr.dtype.itemsize > 10:
        return max(_int(d) for d in digits)
    return int(arr.astype(np.int64).max())


def col_index(letters: str | bytes) -> int:
    """'A' -> 1, 'XFD' -> 16384 (1-based)."""
    text = letters.decode() if isinstance(letters, bytes) else letters
    if len(text) > 4:
        return 10**9  # beyond any limit (and cheap)
    n = 0
    for ch in text.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


@dataclass
class SheetScan:
    part: str
    max_row: int = 0
    max_col: int = 0
    cells: int = 0
    percent: set[tuple[int, int]] = field(default_factory=set)  # 0-based (row, col) of percent-formatted cells
    sheet: str = ""  # the sheet's name in the workbook ("" when the part is not listed there)
    cur_row: int = 0  # position while walking tags across chunks
    cur_col: int = 0


def num(n: int) -> str:
    """A count in a message, Finnish style: 16 384."""
    return fmt_number(n, 0) if n < 10**15 else f"> {fmt_number(10**15, 0)}"


def check_grid(rows: int, cols: int, where: str) -> None:
    if cols > MAX_COLUMNS:
        raise UnsafeFile("upload.err_too_many_columns", where=where, n=num(cols), limit=num(MAX_COLUMNS))
    if rows > MAX_ROWS:
        raise UnsafeFile("upload.err_too_many_rows", where=where, n=num(rows), limit=num(MAX_ROWS))
    if rows * cols > MAX_CELLS:
        raise UnsafeFile("upload.err_too_many_cells", where=where, n=num(rows * cols), limit=num(MAX_CELLS))


def percent_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indices into `cellXfs` whose number format shows a percent (built-in 9/10 or a custom code with '%')."""
    xml = read_limited(zf, "xl/styles.xml", 50 * 1024 * 1024)
    if not xml:
        return set()
    percent_fmts = {9, 10}
    for fid, code in re.findall(rb"<(?:\w+:)?numFmt\b[^>]*?numFmtId=\"(\d+)\"[^>]*?formatCode=\"([^\"]*)\"", xml):
        shown = re.sub(rb"\"[^\"]*\"|\[[^\]]*\]|\\.|&quot;.*?&quot;", b"", code)
        if b"%" in shown:
            percent_fmts.add(int(fid))
    m = re.search(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", xml, re.S)
    if not m:
        return set()
    out = set()
    for i, xf in enumerate(re.findall(rb"<(?:\w+:)?xf\b([^>]*)/?>", m.group(1))):
        fid = re.search(rb"numFmtId=\"(\d+)\"", xf)
        if fid and int(fid.group(1)) in percent_fmts:
            out.add(i)
    return out


def scan_xlsx(data: bytes) -> list[SheetScan]:
    """Declared and actual extent of every worksheet part; raises UnsafeFile when a grid would be too large."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        styles = percent_styles(zf)
        names = sheet_names(zf)
        for info in zf.infolist():
            name = info.filename
            if name.startswith("xl/worksheets/") and name.endswith(".xml") and "/_rels/" not in name:
                out.append(_scan_sheet(zf, info, styles, names.get(name.lower(), "")))
    return out


def sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part path (lower case, e.g. 'xl/worksheets/sheet1.xml') → the sheet's name in the workbook."""
    import html

    wb = read_limited(zf, "xl/workbook.xml", 20 * 1024 * 1024)
    rels = read_limited(zf, "xl/_rels/workbook.xml.rels", 20 * 1024 * 1024)
    targets = {}
    for attrs in re.findall(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        rid = re.search(rb"\sId=\"([^\"]*)\"", attrs)
        target = re.search(rb"\sTarget=\"([^\"]*)\"", attrs)
        if rid and target:
            t = target.group(1).decode("utf-8", "replace").lstrip("/")
            targets[rid.group(1)] = (t if t.startswith("xl/") else "xl/" + t).lower()
    out = {}
    for attrs in re.findall(rb"<(?:\w+:)?sheet\b([^>]*)>", wb):
        name = re.search(rb"\sname=\"([^\"]*)\"", attrs)
        rid = re.search(rb"\s\w+:id=\"([^\"]*)\"", attrs)
        if name and rid and rid.group(1) in targets:
            out[targets[rid.group(1)]] = html.unescape(name.group(1).decode("utf-8", "replace"))
    return out


def _scan_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo, styles: set[int], sheet: str) -> SheetScan:
    scan = SheetScan(info.filename, sheet=sheet)
    where = sheet or info.filename.rsplit("/", 1)[-1].removesuffix(".xml")
    tail = b""
    total = 0
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            total += len(chunk)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise UnsafeFile("upload.err_zip_size", mb=total // 2**20, limit=MAX_UNCOMPRESSED_BYTES // 2**20)
            buf = tail + chunk
            cut = buf.rfind(b"<") if chunk else len(buf)
            if cut < 0:
                cut = len(buf)
            body, tail = buf[:cut], buf[cut:]
            if len(tail) > 1024 * 1024:  # one tag larger than 1 MB: not a sheet
                raise UnsafeFile("upload.err_corrupt", detail=where)
            _scan_body(body, scan, styles, where)
            if not chunk:
                break
    return scan


def _scan_body(body: bytes, scan: SheetScan, styles: set[int], where: str) -> None:
    for ref in _DIMENSION.findall(body):
        m = _RANGE_END.search(ref.decode("ascii", "replace"))
        if m:
            check_grid(_int(m.group(2)), col_index(m.group(1)), where)
    n_cells = len(_CELL.findall(body))
    refs = _REF.findall(body)
    n_rows = len(_ROW.findall(body))
    row_refs = _ROW_REF.findall(body)
    scan.cells += n_cells
    if n_cells != len(refs) or n_rows != len(row_refs) or styles:
        _scan_tags(body, scan, styles, where)  # cells without a reference, or percent styles: walk the tags
    else:
        if refs:
            cols, rows = zip(*refs, strict=True)  # C-level transposition: a 1 M-cell sheet has a few distinct columns
            scan.max_col = max(scan.max_col, max(col_index(c) for c in set(cols)))
            scan.max_row = max(scan.max_row, _max_int(rows))
        if row_refs:
            scan.max_row = max(scan.max_row, _max_int(row_refs))
    check_grid(scan.max_row, scan.max_col, where)


def _scan_tags(body: bytes, scan: SheetScan, styles: set[int], where: str) -> None:
    row, col = scan.cur_row, scan.cur_col
    for m in _CELL_TAG.finditer(body):
        attrs = m.group(2)
        if m.group(1) == b"row":
            r = _ATTR_R.search(attrs) if b" r=" in attrs else None
            row = _int(r.group(2)) if r and r.group(2) else row + 1
            col = 0
            scan.max_row = max(scan.max_row, row)
            continue
        r = _ATTR_R.search(attrs) if b"r=" in attrs else None
        if r and r.group(1) and r.group(2):
            col, row = col_index(r.group(1)), _int(r.group(2))
        else:
            col += 1
        scan.max_row, scan.max_col = max(scan.max_row, row), max(scan.max_col, col)
        if scan.max_col > MAX_COLUMNS or scan.max_row > MAX_ROWS:
            check_grid(scan.max_row, scan.max_col, where)
        if styles:
            s = _ATTR_S.search(attrs)
            if s and int(s.group(1)) in styles:
                t = _ATTR_T.search(attrs)
                if t is None or t.group(1) == b"n":
                    scan.percent.add((row - 1, col - 1))
    scan.cur_row, scan.cur_col = row, col
