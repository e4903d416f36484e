"""The downloadable Excel template: instructions, a long-format data sheet with example rows, the indicator ids and
the region codes. The template imports as it is (its example rows are marked as demo data)."""

from __future__ import annotations

import io

import pandas as pd

from tutka.i18n import t

HEADERS = [
    "Indikaattori",
    "Alue",
    "Vuosi",
    "Sukupuoli",
    "Ryhmä",
    "Arvo",
    "Vastaajia",
    "Luottamusväli alaraja",
    "Luottamusväli yläraja",
    "Lähde",
    "is_demo",
]
EXAMPLES = [
    ["ktk_kiusattu", "Kouvola", 2023, "Yhteensä", "8.–9. lk", 7.9, 1412, 6.6, 9.4, "Esimerkki (keksitty)", "true"],
    ["ktk_kiusattu", "Kouvola", 2023, "Tytöt", "8.–9. lk", "..", 688, None, None, "Esimerkki (keksitty)", "true"],
    ["tyottomyys", "KU272", 2024, "Yhteensä", None, 9.2, None, None, None, "Esimerkki (keksitty)", "true"],
]
N_INSTRUCTIONS = 9


def template_bytes(indicators: pd.DataFrame, regions: pd.DataFrame, lang: str = "fi") -> bytes:
    import openpyxl  # on first use, like the other importers (not at app start)
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = t("upload.tpl_sheet_help", lang)
    ws.append([t("upload.tpl_title", lang)])
    ws["A1"].font = Font(bold=True, size=14)
    for i in range(1, N_INSTRUCTIONS + 1):
        ws.append([t(f"upload.tpl_{i}", lang)])
    ws.column_dimensions["A"].width = 120
    data = wb.create_sheet(t("upload.tpl_sheet_data", lang))
    data.append(HEADERS)
    for cell in data[1]:
        cell.font = Font(bold=True)
    for row in EXAMPLES:
        data.append(row)
    for col, width in zip("ABCDEFGHIJK", (26, 16, 8, 12, 14, 8, 10, 12, 12, 22, 8), strict=False):
        data.column_dimensions[col].width = width
    ind = wb.create_sheet(t("upload.tpl_sheet_indicators", lang))
    ind.append(["id", "title", "unit", "groups", "sexes"])
    for r in indicators.itertuples(index=False):
        ind.append(
            [
                r.indicator_id,
                r.title_fi,
                r.unit_fi,
                ", ".join(r.groups if r.groups is not None else []),
                ", ".join(r.sexes if r.sexes is not None else []),
            ]
        )
    reg = wb.create_sheet(t("upload.tpl_sheet_regions", lang))
    reg.append(["region_code", "name_fi", "name_sv", "region_type"])
    for r in regions.itertuples(index=False):
        reg.append([r.region_code, r.name_fi, r.name_sv, r.region_type])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
