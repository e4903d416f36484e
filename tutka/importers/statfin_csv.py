"""The StatFin web UI's CSV export ("Tallenna" → CSV):

    "12r5 -- Työnhakijat ja avoimet työpaikat kuukauden lopussa, 2026M05-2026M06"
    <empty line>
    "Alue";"Kuukausi";"Työttömät työnhakijat (lkm.)";"Työttömien työnhakijoiden %-osuus työvoimasta (%)"
    "KU286 Kouvola";"2026M06";"5000";"12.3"

A quoted title line, an empty line, then a header of quoted `;`-separated names (which may contain commas) and rows
with a decimal point. The header names the row variables (Alue, Kuukausi, Vuosi, Sukupuoli, Tiedot …); every other
column is a value column whose name is a measure, a period, or "measure period" / "period measure" (the variables
put in the heading). A table without an area variable is a national table: its values are stored as koko maa.
"""

from __future__ import annotations

import re

import pandas as pd

from tutka.importers import statfin
from tutka.importers.normalise import parse_period
from tutka.importers.problems import WARNING, Problem
from tutka.importers.readers import RawTable, col_letter

_PERIOD = r"(?:19|20)\d{2}(?:M(?:0[1-9]|1[0-2]))?"
_PERIOD_END = re.compile(rf"^(.*?)\s+({_PERIOD})$")
_PERIOD_START = re.compile(rf"^({_PERIOD})\s+(.*)$")
_PERIOD_ONLY = re.compile(rf"^{_PERIOD}$")


def is_statfin_csv(table: RawTable) -> bool:
    """A title line of one non-empty cell, then an empty line, then a header of at least two names."""
    rows = table.rows
    if table.sheet is not None or len(rows) < 4:
        return False
    title = [c for c in rows[0] if str(c).strip()]
    blank = not any(str(c).strip() for c in rows[1])
    header = [c for c in rows[2] if str(c).strip()]
    if not (len(title) == 1 and blank and len(header) >= 2 and statfin.role("", str(header[0])) is not None):
        return False
    # StatFin always exports its time variable: as a column or inside the value columns' names. Other files with a
    # title line (e.g. the employment review, period in the title) are left to the general layout reader.
    names = [str(c).strip() for c in header]
    return any(statfin.role("", n) == "period" for n in names) or any(_split(n)[1] for n in names)


def _split(name: str) -> tuple[str, str]:
    """A value column's name → (measure text, period text); either may be ''."""
    name = name.strip()
    if _PERIOD_ONLY.match(name):
        return "", name
    m = _PERIOD_END.match(name)
    if m:
        return m.group(1).strip(), m.group(2)
    m = _PERIOD_START.match(name)
    if m:
        return m.group(2).strip(), m.group(1)
    return name, ""


def frame(table: RawTable, file_name: str, problems: list[Problem]) -> pd.DataFrame | None:
    title = next(str(c).strip() for c in table.rows[0] if str(c).strip())
    header = [str(c).strip() for c in table.rows[2]]
    body = [(i + 1, r) for i, r in enumerate(table.rows[3:], start=3) if any(str(c).strip() for c in r)]
    keys: dict[str, int] = {}
    values: list[int] = []
    for c, name in enumerate(header):
        part = statfin.role("", name)
        if part in ("region", "period", "sex", "grp", "indicator") and part not in keys:
            keys[part] = c
        elif name:
            values.append(c)
    if not values:
        problems.append(Problem("upload.err_no_value_column", file=file_name, row=3))
        return None
    records: dict[str, list] = {p: [] for p in ("region", "period", "sex", "grp", "indicator", "value", "_row")}
    cols: dict[str, list] = {"_c_value": [], "_c_period": [], "_c_indicator": []}
    default_measure = re.sub(r"^\S+\s+--\s+", "", title)  # "12r5 -- Title, 2010M01-2026M06" -> "Title, …"
    default_measure = re.sub(rf",\s*{_PERIOD}(?:\s*-\s*{_PERIOD})?$", "", default_measure).strip()
    for c in values:
        measure, period = _split(header[c])
        for row_no, row in body:
            cell = row[c] if c < len(row) else ""

            def get(p: str, row: list = row) -> str:
                return str(row[keys[p]]).strip() if p in keys and keys[p] < len(row) else ""

            region = get("region")
            records["region"].append(statfin.area_code(region) if region else "SSS")
            records["period"].append(period or get("period"))
            records["sex"].append(statfin.sex_text(get("sex")) if "sex" in keys else "")
            records["grp"].append(get("grp"))
            records["indicator"].append(" ".join(x for x in (get("indicator"), measure) if x) or default_measure)
            records["value"].append(cell)
            records["_row"].append(row_no)
            cols["_c_value"].append(col_letter(c))
            cols["_c_period"].append(
                col_letter(c) if period else col_letter(keys["period"]) if "period" in keys else ""
            )
            cols["_c_indicator"].append(col_letter(keys["indicator"]) if "indicator" in keys else col_letter(c))
    df = pd.DataFrame({**records, **cols}, dtype=object)
    df["_row"] = df["_row"].astype("int64")
    if "region" not in keys:
        problems.append(Problem("upload.warn_national_table", file=file_name, severity=WARNING))
    bad_period = df["period"].map(lambda p: parse_period(p)[0] is None)
    if "period" not in keys and bad_period.all():
        problems.append(Problem("upload.err_year_missing", file=file_name))
        return None
    df, dropped = statfin.drop_skipped_areas(df)
    if dropped:
        problems.append(
            Problem("upload.warn_area_skipped", {"codes": ", ".join(dropped)}, file=file_name, severity=WARNING)
        )
    saved = df[["_c_value", "_c_period", "_c_indicator"]].copy()
    where = {"region": col_letter(keys["region"]) if "region" in keys else ""}
    for part in ("sex", "grp"):
        if part in keys:
            where[part] = col_letter(keys[part])
    out = statfin.finish(df, title, where)
    out[["_c_value", "_c_period", "_c_indicator"]] = saved
    out["source"] = "Tilastokeskus, StatFin: " + title
    return out
