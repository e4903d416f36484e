"""Sotkanet data responses (`/json` array or `/csv` with `indicator;region;year;gender;primary value;absolute value`).

Region ids are Sotkanet's internal ids (renumbered once): they are mapped through a region table — the
`GET /regions` answer when the user gives one, else regions.sotkanet_id in the database — never read as codes.
"""

from __future__ import annotations

import pandas as pd

from tutka.importers.problems import WARNING, Problem
from tutka.importers.readers import RawTable, col_letter
from tutka.importers.regions import RegionLookup

SOURCE = "Lähde: THL, Sotkanet (CC BY 4.0)"  # the licence asks for this attribution on every value
CSV_HEADER = ["indicator", "region", "year", "gender", "primary value", "absolute value"]


def is_sotkanet_csv(table: RawTable) -> bool:
    return bool(table.rows) and [str(c).strip().lower() for c in table.rows[0][:5]] == CSV_HEADER[:5]


def is_sotkanet_json(obj: object) -> bool:
    return (
        isinstance(obj, list)
        and bool(obj)
        and all(isinstance(o, dict) and {"indicator", "region", "year"} <= set(o) for o in obj[:50])
    )


def is_region_table(obj: object) -> bool:
    return (
        isinstance(obj, list)
        and bool(obj)
        and all(isinstance(o, dict) and {"id", "code", "category"} <= set(o) for o in obj[:50])
    )


def region_table(obj: object) -> dict[int, tuple[str, str]]:
    """`GET /regions` answer → {id: (category, code)}."""
    out = {}
    for o in obj if isinstance(obj, list) else []:
        try:
            out[int(o["id"])] = (str(o.get("category") or "").upper(), str(o.get("code") or "").strip())
        except (KeyError, TypeError, ValueError):
            continue
    return out


def frame_from_csv(table: RawTable) -> pd.DataFrame:
    rows = table.rows[1:]
    df = pd.DataFrame([r + [""] * (6 - len(r)) for r in rows], dtype=object).iloc[:, :6]
    df.columns = ["indicator", "region", "period", "sex", "value", "abs_value"]
    df["_row"] = range(2, len(df) + 2)
    letters = dict(zip(df.columns[:6], [col_letter(i) for i in range(6)], strict=False))
    for part, letter in letters.items():
        df[f"_c_{part}"] = letter
    return df


def frame_from_json(obj: list) -> pd.DataFrame:
    df = pd.DataFrame.from_records(obj)
    df = df.rename(columns={"year": "period", "gender": "sex", "absValue": "abs_value", "absvalue": "abs_value"})
    for col in ("sex", "value", "abs_value"):
        if col not in df:
            df[col] = None
    df["value"] = df["value"].map(lambda v: ".." if v is None or v != v else v)  # null = suppressed, never 0
    df["_row"] = range(1, len(df) + 1)
    for part, field in (
        ("indicator", "indicator"),
        ("region", "region"),
        ("period", "year"),
        ("sex", "gender"),
        ("value", "value"),
        ("abs_value", "absValue"),
    ):
        df[f"_c_{part}"] = field
    return df


def finish(
    df: pd.DataFrame,
    lookup: RegionLookup,
    table: dict[int, tuple[str, str]] | None,
    file_name: str,
    problems: list[Problem],
) -> pd.DataFrame:
    """Map indicator and region ids; drop rows of region kinds we do not keep (with one warning)."""

    def ind(v: object) -> str:
        s = str(v).strip()
        return f"sotkanet:{int(float(s))}" if s.replace(".", "", 1).isdigit() else s

    df["indicator"] = df["indicator"].map(ind)
    ids = pd.to_numeric(df["region"], errors="coerce")
    mapping = {int(i): lookup.resolve_sotkanet(int(i), table) for i in ids.dropna().unique()}
    codes = ids.map(lambda i: mapping.get(int(i)) if pd.notna(i) else None)
    skip = codes == "skip"
    if skip.any():
        problems.append(
            Problem("upload.warn_sotkanet_skipped", {"n": int(skip.sum())}, file=file_name, severity=WARNING)
        )
    df["region"] = [c if isinstance(c, str) else f"sotkanet-id {r}" for c, r in zip(codes, df["region"], strict=False)]
    df["_region_sotkanet"] = codes.isna()
    df = df[~skip].reset_index(drop=True)
    given = df["source"].fillna("").astype(str) if "source" in df else None  # set per row by `tutka fetch`
    df["period"] = df["period"].map(lambda v: "" if v is None else str(v).split(".")[0])
    df["sex"] = df["sex"].fillna("total").astype(str)
    for part in ("grp", "respondents", "ci_low", "ci_high", "ci", "source", "is_demo", "unit"):
        df[part] = "" if part in ("grp", "ci", "source", "is_demo", "unit") else None
        df[f"_c_{part}"] = ""
    df["_sheet"] = ""
    df["source"] = SOURCE if given is None else given.where(given != "", SOURCE).to_numpy()
    return df
