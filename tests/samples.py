"""Files built in code: test fixtures for every accepted format and every kind of bad input, the benchmark's large
workbook, and a database digest to prove a refused file changed nothing. All numbers are invented."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from xml.sax.saxutils import escape

import duckdb
import openpyxl

from tutka.importers.readers import col_letter

TABLES = ("indicator_values", "indicators", "imports", "value_history", "regions", "meta")


def db_digest(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...] = TABLES) -> str:
    """SHA-256 over every row of the given tables, in a fixed order."""
    h = hashlib.sha256()
    cur = con.cursor()
    try:
        for table in tables:  # names from this module only
            h.update(table.encode())
            h.update(cur.execute(f"select * from {table} order by all").df().to_csv(index=False).encode())
    finally:
        cur.close()
    return h.hexdigest()


def csv_bytes(rows: list[list[object]], delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows]
    )
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> bytes:
    """A workbook written by openpyxl; a cell value starting with '=' becomes a formula without a cached value."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------- realistic files
def long_rows(lang: str = "fi") -> list[list[object]]:
    head = {
        "fi": [
            "Indikaattori",
            "Alue",
            "Vuosi",
            "Sukupuoli",
            "Kouluaste",
            "Arvo",
            "Vastaajia",
            "Luottamusväli alaraja",
            "Luottamusväli yläraja",
            "Lähde",
        ],
        "sv": [
            "Indikator",
            "Kommun",
            "År",
            "Kön",
            "Årskurs",
            "Värde",
            "Antal svarande",
            "Nedre gräns",
            "Övre gräns",
            "Källa",
        ],
        "en": ["Indicator", "Region", "Year", "Sex", "Group", "Value", "Respondents", "CI low", "CI high", "Source"],
    }[lang]
    sexes = {
        "fi": ("Yhteensä", "Pojat", "Tytöt"),
        "sv": ("Totalt", "Pojkar", "Flickor"),
        "en": ("total", "male", "female"),
    }[lang]
    kokkola = {"fi": "Kokkola", "sv": "Karleby", "en": "KU272"}[lang]
    return [
        head,
        ["ktk_kiusattu", "Kouvola", 2023, sexes[0], "8. ja 9. lk", "7,9", "1 412", "6,6", "9,4", "THL"],
        ["ktk_kiusattu", "Kouvola", 2023, sexes[1], "8. ja 9. lk", "8,4", "690", "6,5", "10,7", "THL"],
        ["ktk_kiusattu", "Kouvola", 2023, sexes[2], "8. ja 9. lk", "..", "688", "..", "..", "THL"],
        ["ktk_kiusattu", kokkola, 2023, sexes[0], "Lukio", "5,1", "780", "3,9", "6,6", "THL"],
        ["ktk_kiusattu", "286", 2021, sexes[0], "8.–9. lk", "8,8", "1 350", "7,3", "10,4", ""],
    ]


def wide_workbook() -> bytes:
    """Title rows, years as columns, footnotes below, a second data sheet and an instructions sheet."""
    data = [
        ["Hyvinvointikertomuksen indikaattorit (KEKSITTY)"],
        [],
        ["Indikaattori", "Alue", 2019, 2021, 2023, "Lähde", "Huom"],
        ["Tupakoi päivittäin, 8.-9. lk (%)", "Kouvola", 7.5, "6,9", "x", "KTK", "keksitty"],
        ["Tupakoi päivittäin, 8.-9. lk (%)", "Koko maa", 6.1, 5.4, 4.9, "KTK", ""],
        ["Työttömät työnhakijat, % työvoimasta", "KU 286", 12.0, 11.1, None, "TEM", "2023 puuttuu"],
        [],
        ["Lähde: THL ja TEM, keksitty testiaineisto"],
        ["* x = salattu"],
    ]
    second = [
        ["Vuosi", "Alue", "Indikaattori", "Arvo"],
        [2022, "Karleby", "vaesto", 47000],
        [2022, "Kouvola", "vaesto", 80000],
    ]
    notes = [["Ohje: tämä välilehti ei sisällä dataa."]]
    return xlsx_bytes({"Taulukko": data, "Väestö": second, "Ohjeet": notes})


def employment_review_csv() -> bytes:
    rows = [
        ["Työllisyyskatsaus maaliskuu 2025 – KEKSITTY"],
        [],
        ["Alue", "Työttömien osuus työvoimasta, %", "Avoimet työpaikat"],
        ["KOKO MAA", "11,8", "39\u00a0500"],
        ["Kouvola", "12,9", "410"],
        ["Kokkola", "9,2", "480"],
    ]
    return csv_bytes(rows, ";", "cp1252")


# -------------------------------------------------------------------------------------------------- hostile files
def zip_bomb() -> bytes:
    """An xlsx-shaped zip whose sheet inflates 1000:1 (50 MB of zeros in ~50 kB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    return out.getvalue()


def xml_entity_bomb() -> bytes:
    """A real workbook whose sheet XML declares a billion-laughs entity chain."""
    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes({"Data": [["Alue", "Arvo"], ["Kouvola", 1]]})))
    out = io.BytesIO()
    lol = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + "]>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                head, _, body = text.partition("?>")
                data = (head + "?>" + lol + body.replace("Kouvola", "&lol9;")).encode()
            zf.writestr(info, data)
    return out.getvalue()


def macro_workbook() -> bytes:
    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes({"Data": [["Alue", "Arvo"], ["Kouvola", 1]]})))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            zf.writestr(info, src.read(info))
        zf.writestr("xl/vbaProject.bin", b"\x00VBA")
    return out.getvalue()


def encrypted_workbook() -> bytes:
    """What Excel writes for a password-protected xlsx: an OLE compound file holding 'EncryptedPackage'."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024


# ------------------------------------------------------------------------------------------------ big workbook
def big_xlsx(n_rows: int, seed_codes: list[str]) -> bytes:
    """A long-format workbook of `n_rows` data rows, written as raw sheet XML (openpyxl would take minutes)."""
    head = ["Indikaattori", "Alue", "Vuosi", "Sukupuoli", "Arvo", "Vastaajia", "Lähde"]
    sexes = ("Yhteensä", "Pojat", "Tytöt")
    years = range(1995, 2025)
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    ]

    def row(r: int, cells: list[object]) -> str:
        out = [f'<row r="{r}">']
        for c, v in enumerate(cells):
            ref = f"{col_letter(c)}{r}"
            if isinstance(v, (int, float)):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
        return "".join(out) + "</row>"

    parts.append(row(1, head))
    indicators = (
        "tyottomyys",
        "nuorisotyottomyys",
        "pitkaaikaistyottomat",
        "tyollisyysaste",
        "koulutuksen_ulkopuolella",
        "toimeentulotuki_25_64",
        "ktk_kiusattu",
        "ktk_liikunta",
    )
    combos = ((ind, code, y, s) for ind in indicators for code in seed_codes for y in years for s in sexes)
    for i, (ind, code, y, s) in zip(range(n_rows), combos, strict=False):
        parts.append(row(i + 2, [ind, code, y, s, round(5 + (i % 400) / 10, 1), 100 + i % 900, "bench"]))
    parts.append("</sheetData></worksheet>")
    return _package("".join(parts).encode())


def _package(sheet_xml: bytes) -> bytes:
    ns = "http://schemas.openxmlformats.org"
    files = {
        "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


def verdict_row(iid, verdict, sex="total", grp="", region="KU286", polarity="lower_is_better", strength=1.0, **extra):
    """One verdict row as the store and the engine give it, for tests of roll-ups and developments."""
    row = {
        "indicator_id": iid,
        "region_code": region,
        "sex": sex,
        "grp": grp,
        "verdict": verdict,
        "polarity": polarity,
        "strength": strength,
        "title": iid,
        "is_demo": False,
        "gap_trend": "",
        "gap_worse_sex": "",
    }
    row.update(extra)
    return row
