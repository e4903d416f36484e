"""What the StatFin (PxWeb) formats share: variable roles from codes and texts (the codes are versioned since June
2026: `alue_23_20260101`), area codes written with their names ("KU286 Kouvola"), the area kinds we do not keep
(seutukunta, ELY centre, "unknown area" buckets such as KUJOU), StatFin's sex codes, and the cells frame every
reader hands to the pipeline."""

from __future__ import annotations

import re

import pandas as pd

from tutka.importers.headers import ALIAS, PARTS, clean_header

# Area kinds outside our region model: seutukunta (SK###), ELY centres (ELY##), and the "unknown area" buckets.
_SKIP_AREA = re.compile(r"^(SK\d{3}|ELY\d{1,2}|KUJOU|MKJO|SKJOU|ELYJO|AVI\d*|[A-Z]+JOU?)$")
_AREA_CODE = re.compile(r"^(KU\d{3}|MK\d{2}|HV\d{2}|SSS|SK\d{3}|ELY\d{1,2}|KUJOU|MKJO|SKJOU|ELYJO)(?:\s+(.*))?$")
TOTAL = "SSS"  # StatFin's code for "total" in any classification (area: the whole country)
SEX_CODES = {"SSS": "total", "1": "male", "2": "female"}  # StatFin's codes of the Sukupuoli variable


def role(code: str, text: str = "", time: bool = False) -> str | None:
    """region | period | sex | grp | indicator | None, from a variable's code or text (any language)."""
    if time:
        return "period"
    for candidate in (text, code, re.sub(r"(_\d+)+$", "", code)):  # alue_23_20260101 -> alue
        found = ALIAS.get(clean_header(candidate))
        if found:
            return "period" if found == "year" else found
    return None


def area_code(text: str) -> str:
    """'KU286 Kouvola' -> 'KU286'; 'SSS KOKO MAA' -> 'SSS'; a plain name is returned unchanged."""
    m = _AREA_CODE.match(str(text).strip())
    return m.group(1) if m else str(text).strip()


def is_skipped_area(code: str) -> bool:
    return bool(_SKIP_AREA.match(str(code).strip()))


def sex_text(code: str) -> str:
    return SEX_CODES.get(str(code).strip(), str(code))


def finish(df: pd.DataFrame, source: str, col_of: dict[str, str]) -> pd.DataFrame:
    """Fill the parts a reader did not set so the frame looks like layout.cells_frame's output. `col_of` names the
    field/column each part came from (used in problem messages)."""
    for part in PARTS:
        if part not in df:
            df[part] = None if part in ("respondents", "abs_value", "ci_low", "ci_high") else ""
        df[f"_c_{part}"] = col_of.get(part, "")
    df["_sheet"] = ""
    if (df["source"] == "").all():
        df["source"] = source
    return df


def drop_skipped_areas(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Rows of area kinds we do not keep, removed; returns the codes dropped (for one warning)."""
    codes = df["region"].map(area_code)
    skip = codes.map(is_skipped_area).astype(bool)
    dropped = sorted(set(codes[skip]))
    return df[~skip].reset_index(drop=True), dropped
