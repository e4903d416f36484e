"""Hostile and malformed uploads, built in code (never committed as files): the cases of issue 11."""

from __future__ import annotations

import io
import json
import zipfile
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org"


def xlsx_from_sheet_xml(sheet_xml: str | bytes, styles_xml: str | None = None, sheet_name: str = "Data") -> bytes:
    """A minimal valid workbook around one hand-written worksheet part."""
    if isinstance(sheet_xml, str):
        sheet_xml = sheet_xml.encode()
    files = {
        "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{NS}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + (
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.styles+xml"/>'
            if styles_xml
            else ""
        )
        + "</Types>",
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}/spreadsheetml/2006/main" '
        f'xmlns:r="{NS}/officeDocument/2006/relationships"><sheets><sheet name="{escape(sheet_name)}" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        + (
            f'<Relationship Id="rId2" Type="{NS}/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            if styles_xml
            else ""
        )
        + "</Relationships>",
    }
    if styles_xml:
        files["xl/styles.xml"] = styles_xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


def sheet_xml(cells: dict[str, object], dimension: str | None = None, styles: dict[str, int] | None = None) -> str:
    """Cells by reference ('A1': value); numbers as numbers, the rest inline strings; `styles` maps ref → s index."""
    import re

    rows: dict[int, list[str]] = {}
    for ref, v in cells.items():
        r = int(re.sub(r"[A-Z]", "", ref))
        s = f' s="{styles[ref]}"' if styles and ref in styles else ""
        if isinstance(v, (int, float)):
            rows.setdefault(r, []).append(f'<c r="{ref}"{s}><v>{v}</v></c>')
        else:
            rows.setdefault(r, []).append(f'<c r="{ref}"{s} t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in sorted(rows.items()))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{NS}/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{body}</sheetData></worksheet>"
    )


def far_cell_xlsx(ref: str = "XFD1048576") -> bytes:
    """One cell only, far away: calamine pads the grid from A1 (XFD1048576 = 17 billion cells)."""
    return xlsx_from_sheet_xml(sheet_xml({ref: 1}))


def lying_dimension_xlsx() -> bytes:
    """A small sheet that declares a huge used range."""
    return xlsx_from_sheet_xml(sheet_xml({"A1": "Arvo"}, dimension="A1:ZZ200000"))


def refless_wide_xlsx(n: int = 5000) -> bytes:
    """Cells without an `r` attribute (allowed by OOXML): the position is implied, still counted."""
    cells = "".join("<c><v>1</v></c>" for _ in range(n))
    return xlsx_from_sheet_xml(
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}/spreadsheetml/2006/main"><sheetData>'
        f'<row>{cells}</row><row r="900000"><c><v>1</v></c></row></sheetData></worksheet>'
    )


def jsonstat_huge_size() -> bytes:
    """About 200 bytes declaring 10^15 cells."""
    obj = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Alue", "Vuosi", "Tiedot"],
        "size": [100000, 100000, 100000],
        "dimension": {},
        "value": [],
    }
    return json.dumps(obj).encode()


def csv_long_field(chars: int = 2_000_000) -> bytes:
    return ("Indikaattori;Alue;Vuosi;Arvo\n" + 'tyottomyys;Kouvola;2023;"' + "x" * chars + '"\n').encode()


def csv_many_unknown_names(n: int = 40_000) -> bytes:
    lines = ["Indikaattori;Alue;Vuosi;Arvo"] + [
        f"mittari numero {i} q{i * 7919 % 10007};Kouvola;2023;1" for i in range(n)
    ]
    return ("\n".join(lines) + "\n").encode()


PERCENT_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{NS}/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0&quot; %&quot;"/></numFmts>'
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="10" applyNumberFormat="1"/><xf numFmtId="164"/></cellXfs>'
    "</styleSheet>"
)
