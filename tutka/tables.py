"""Tables users see and download: localised column names, demo flag column, CSV (Finnish Excel) and XLSX bytes."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd

from tutka import domain as D
from tutka.i18n import t
from tutka.textsafe import frame_cells
from tutka.verdicts.text import group_label

__all__ = ["group_label", "sex_label", "values_table", "csv_bytes", "xlsx_bytes"]


def vocabulary_label(value: object, keys: dict[str, str], lang: str | None = None) -> str:
    """A value stored as a Finnish word of the domain vocabulary (a plan's age group) in the reader's
    language; anything else (a municipality's own wording) as it is."""
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    key = keys.get(text.strip())
    return t(key, lang) if key else text


def age_group_label(age_group: object, lang: str | None = None) -> str:
    return vocabulary_label(age_group, D.AGE_GROUP_LABEL_KEYS, lang)


def sex_label(sex: str, youth: bool, lang: str | None = None) -> str:
    if sex == "total":
        return t("sex.total", lang)
    if youth:
        return t("sex.boys" if sex == "male" else "sex.girls", lang)
    return t("sex.men" if sex == "male" else "sex.women", lang)


def values_table(frame: pd.DataFrame, names: dict[str, str], youth: bool, lang: str | None = None) -> pd.DataFrame:
    """Localised long table of indicator values; keeps numbers numeric (formatting happens in the grid/Excel).
    A month column (1–12, empty for annual values) is added when any value is monthly."""
    monthly = "month" in frame and frame["month"].notna().any()
    out = pd.DataFrame(
        {
            t("col.region", lang): frame["region_code"].map(names).fillna(frame["region_code"]),
            t("col.year", lang): frame["year"],
            **({t("col.month", lang): frame["month"].astype("Int64")} if monthly else {}),
            t("col.sex", lang): frame["sex"].map(lambda s: sex_label(s, youth, lang)),
            t("col.group", lang): frame["grp"].map(lambda g: group_label(g, lang)),
            t("col.value", lang): frame["value"],
            t("col.respondents", lang): frame["respondents"],
            t("col.ci_low", lang): frame["ci_low"],
            t("col.ci_high", lang): frame["ci_high"],
            t("col.demo", lang): frame["is_demo"].map({True: t("demo.yes", lang), False: t("demo.no", lang)}),
            t("col.source", lang): frame["source"],
        }
    )
    return out.reset_index(drop=True)


def csv_bytes(table: pd.DataFrame, lang: str = "fi") -> bytes:
    """CSV that Finnish Excel opens correctly: `;`, decimal comma, UTF-8 with BOM. Text cells that a spreadsheet
    would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) get a leading apostrophe (names come from uploads)."""
    table = frame_cells(table)
    if lang == "en":
        return table.to_csv(index=False).encode("utf-8-sig")
    return table.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame], metadata: list[tuple[str, str]]) -> bytes:
    """Workbook with the data sheets and a metadata sheet (indicator, unit, source, licence, demo flag, export time)."""
    buf = io.BytesIO()
    meta = frame_cells(
        pd.DataFrame(
            metadata + [(t("meta.exported"), datetime.now().strftime("%d.%m.%Y %H:%M"))],
            columns=[t("meta.field"), t("meta.value")],
        )
    )
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, frame in sheets.items():
            frame_cells(frame).to_excel(xw, sheet_name=name[:31], index=False)
            ws = xw.sheets[name[:31]]
            for col in ws.columns:
                width = max(len(str(c.value or "")) for c in col[:200])
                ws.column_dimensions[col[0].column_letter].width = min(60, max(10, width + 2))
        meta.to_excel(xw, sheet_name=t("meta.sheet")[:31], index=False)
        ws = xw.sheets[t("meta.sheet")[:31]]
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 90
    return buf.getvalue()
