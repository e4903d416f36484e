"""StatFin (PxWeb v1) JSON-stat 2 answers: `id[]`, `size[]`, `dimension{}`, `value[]` row-major over `id`
(last dimension fastest); `null` cells (optionally with a `status` symbol such as `..`) are missing."""

from __future__ import annotations

import itertools

import pandas as pd

from tutka.importers.headers import ALIAS, clean_header
from tutka.importers.problems import Problem


def is_jsonstat(obj: object) -> bool:
    if isinstance(obj, dict) and "dataset" in obj and isinstance(obj["dataset"], dict):
        obj = obj["dataset"]
    return isinstance(obj, dict) and {"id", "size", "dimension", "value"} <= set(obj)


def _categories(dim: dict) -> list[tuple[str, str, dict]]:
    cat = dim.get("category", {})
    index = cat.get("index")
    labels = cat.get("label", {}) or {}
    if isinstance(index, list):
        codes = index
    elif isinstance(index, dict):
        codes = sorted(index, key=index.get)
    else:
        codes = list(labels)
    units = cat.get("unit", {}) or {}
    return [(c, str(labels.get(c, c)), units.get(c, {}) or {}) for c in codes]


def _role(code: str, dim: dict, roles: dict) -> str | None:
    if code in roles.get("time", []):
        return "period"
    if code in roles.get("metric", []):
        return "indicator"
    for text in (code, dim.get("label", "")):
        role = ALIAS.get(clean_header(text))
        if role:
            return "period" if role == "year" else role
    return None


def frame(obj: dict, file_name: str, problems: list[Problem]) -> pd.DataFrame | None:
    if "dataset" in obj and isinstance(obj["dataset"], dict):
        obj = obj["dataset"]
    ids, sizes, dims = list(obj["id"]), list(obj["size"]), obj["dimension"]
    roles = obj.get("role", {}) or {}
    cats = [_categories(dims[i]) for i in ids]
    parts = []
    for code, size in zip(ids, sizes, strict=False):
        role = _role(code, dims[code], roles)
        if role in ("region", "period", "indicator", "sex", "grp"):
            parts.append(role)
        elif size == 1:
            parts.append(None)  # a fixed selection: nothing to store
        else:
            problems.append(Problem("upload.err_jsonstat_dimension", {"dim": code, "n": size}, file=file_name))
            return None
    for need in ("region", "period"):
        if need not in parts:
            problems.append(Problem("upload.err_jsonstat_missing", {"part": need}, file=file_name))
            return None
    values = obj["value"]
    total = 1
    for s in sizes:
        total *= s
    if isinstance(values, dict):
        values = [values.get(str(i)) for i in range(total)]
    if len(values) != total:
        problems.append(Problem("upload.err_jsonstat_size", {"n": len(values), "expected": total}, file=file_name))
        return None
    records = {p: [] for p in ("region", "period", "indicator", "sex", "grp", "_indicator_alt", "unit")}
    for combo in itertools.product(*cats):
        rec = dict.fromkeys(records, "")
        for part, (code, label, unit) in zip(parts, combo, strict=False):
            if part == "indicator":
                rec["indicator"], rec["_indicator_alt"] = label, code
                rec["unit"] = str(unit.get("base", "")) if unit else ""
            elif part == "region":
                rec["region"] = code
            elif part:
                rec[part] = code if part == "period" else label
        for k in records:
            records[k].append(rec[k])
    df = pd.DataFrame(records)
    if "indicator" not in parts:
        df["indicator"] = str(obj.get("label", file_name))
    status = obj.get("status") or {}
    if isinstance(status, list):
        status = {str(i): s for i, s in enumerate(status) if s}
    # null is an explicit "no value" in JSON-stat (often with a status symbol such as ".."): missing, never 0
    df["value"] = pd.Series(
        [v if v is not None else (status.get(str(i)) or "..") for i, v in enumerate(values)], dtype=object
    )
    df["_row"] = range(1, total + 1)
    df["_sheet"] = ""
    df["source"] = str(obj.get("source") or "Tilastokeskus, StatFin")
    for part in ("respondents", "abs_value", "ci_low", "ci_high"):
        df[part] = None
    for part in ("ci", "is_demo"):
        df[part] = ""
    for part in (
        "indicator",
        "region",
        "period",
        "sex",
        "grp",
        "value",
        "respondents",
        "abs_value",
        "ci_low",
        "ci_high",
        "ci",
        "source",
        "is_demo",
        "unit",
    ):
        df[f"_c_{part}"] = "value" if part == "value" else ""
    if "sex" not in parts:
        df["sex"] = ""
    return df
