"""StatFin (PxWeb v1) JSON-stat 2 answers: `id[]`, `size[]`, `dimension{}`, `value[]` row-major over `id`
(last dimension fastest); `null` cells (optionally with a `status` symbol such as `..`) are missing."""

from __future__ import annotations

import itertools

import pandas as pd

from tutka.importers.headers import ALIAS, PARTS, clean_header
from tutka.importers.limits import MAX_JSON_CELLS, num
from tutka.importers.problems import Problem


def is_jsonstat(obj: object) -> bool:
    if isinstance(obj, dict) and "dataset" in obj and isinstance(obj["dataset"], dict):
        obj = obj["dataset"]
    return isinstance(obj, dict) and {"id", "size", "dimension", "value"} <= set(obj)


def _categories(dim: dict) -> list[tuple[str, str, dict]] | None:
    """None when the dimension is not shaped as JSON-stat 2 says (checked, never trusted)."""
    cat = dim.get("category", {})
    if not isinstance(cat, dict):
        return None
    index = cat.get("index")
    labels = cat.get("label", {}) or {}
    units = cat.get("unit", {}) or {}
    if not isinstance(labels, dict) or not isinstance(units, dict):
        return None
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in index.values()):
            return None
        codes = sorted(index, key=lambda c: index[c])
    else:
        codes = list(labels)
    return [(c, str(labels.get(c, c)), u if isinstance(u := units.get(c, {}) or {}, dict) else {}) for c in codes]


def _shape(obj: dict, file_name: str, problems: list[Problem]) -> tuple[list[str], list[int], dict] | None:
    """`id`, `size`, `dimension` checked against each other before anything is allocated: a 217-byte file may
    declare a size of billions of cells."""
    ids, sizes, dims = obj.get("id"), obj.get("size"), obj.get("dimension")

    def bad(what: str) -> None:
        problems.append(Problem("upload.err_jsonstat_shape", {"what": what}, file=file_name))

    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        bad("id")
        return None
    if not isinstance(sizes, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in sizes):
        bad("size")
        return None
    if len(ids) != len(sizes) or len(set(ids)) != len(ids):
        bad("id / size")
        return None
    if any(n < 0 for n in sizes):
        bad("size")
        return None
    total = 1
    for n in sizes:
        total *= n
        if total > MAX_JSON_CELLS:
            problems.append(
                Problem(
                    "upload.err_too_many_cells",
                    {"where": "JSON-stat", "n": "> " + num(MAX_JSON_CELLS), "limit": num(MAX_JSON_CELLS)},
                    file=file_name,
                )
            )
            return None
    if not isinstance(dims, dict):
        bad("dimension")
        return None
    for i in ids:
        if i not in dims:
            problems.append(Problem("upload.err_jsonstat_no_dimension", {"dim": i}, file=file_name))
            return None
        if not isinstance(dims[i], dict):
            bad(f"dimension {i}")
            return None
    return ids, sizes, dims


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
    shape = _shape(obj, file_name, problems)
    if shape is None:
        return None
    ids, sizes, dims = shape
    roles = obj.get("role", {}) or {}
    if not isinstance(roles, dict):
        roles = {}
    roles = {k: v for k, v in roles.items() if isinstance(v, list)}
    maybe = [_categories(dims[i]) for i in ids]
    cats: list[list[tuple[str, str, dict]]] = [c for c in maybe if c is not None]
    for code, size, cat in zip(ids, sizes, maybe, strict=True):
        if cat is None or len(cat) != size:
            problems.append(
                Problem("upload.err_jsonstat_shape", {"what": f"dimension {code} ({size})"}, file=file_name)
            )
            return None
    parts: list[str | None] = []
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
        if not all(isinstance(k, str) and k.isdigit() and int(k) < total for k in values):
            problems.append(Problem("upload.err_jsonstat_shape", {"what": "value"}, file=file_name))
            return None
        values = [values.get(str(i)) for i in range(total)]
    if not isinstance(values, list) or any(isinstance(v, (dict, list, bool)) for v in values):
        problems.append(Problem("upload.err_jsonstat_shape", {"what": "value"}, file=file_name))
        return None
    if len(values) != total:
        problems.append(Problem("upload.err_jsonstat_size", {"n": len(values), "expected": total}, file=file_name))
        return None
    records: dict[str, list[str]] = {
        p: [] for p in ("region", "period", "indicator", "sex", "grp", "_indicator_alt", "unit")
    }
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
    if not isinstance(status, dict):
        status = {}
    # null is an explicit "no value" in JSON-stat (often with a status symbol such as ".."): missing, never 0
    df["value"] = pd.Series(
        [v if v is not None else (status.get(str(i)) or "..") for i, v in enumerate(values)], dtype=object
    )
    df["_row"] = range(1, total + 1)
    df["_sheet"] = ""
    df["source"] = str(obj.get("source") or "Tilastokeskus, StatFin")[:500]
    for part in ("respondents", "abs_value", "ci_low", "ci_high"):
        df[part] = None
    for part in ("ci", "is_demo"):
        df[part] = ""
    for part in PARTS:
        df[f"_c_{part}"] = "value" if part == "value" else ""
    if "sex" not in parts:
        df["sex"] = ""
    return df
