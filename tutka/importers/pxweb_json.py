"""StatFin PxWeb API v1 `"response": {"format": "json"}` answers (docs/import.md, FORMATS.md §3b):

    {"columns": [{"code", "text", "type": "d"|"t"|"c"}, ...], "data": [{"key": [...], "values": [...]}],
     "metadata": [{"updated", "label", "source"}]}

`key` holds the d/t values in column order (the order differs per table); `values` holds only the c (content)
columns, as strings. `"..."` and `".."` are suppressed cells: missing, never 0.
"""

from __future__ import annotations

import pandas as pd

from tutka.importers import statfin
from tutka.importers.problems import WARNING, Problem


def is_pxweb_json(obj: object) -> bool:
    return (
        isinstance(obj, dict)
        and isinstance(obj.get("columns"), list)
        and isinstance(obj.get("data"), list)
        and all(isinstance(d, dict) and "key" in d and "values" in d for d in obj["data"][:50])
    )


def frame(obj: dict, file_name: str, problems: list[Problem]) -> pd.DataFrame | None:
    cols = [c for c in obj["columns"] if isinstance(c, dict)]
    dims = [c for c in cols if str(c.get("type", "d")).lower() in ("d", "t")]
    contents = [c for c in cols if str(c.get("type", "")).lower() == "c"]
    data = obj["data"]
    keys = [list(d.get("key") or []) for d in data]
    vals = [list(d.get("values") or []) for d in data]
    if any(len(k) != len(dims) for k in keys) or any(len(v) != len(contents) for v in vals):
        problems.append(
            Problem("upload.err_pxweb_shape", {"dims": len(dims), "measures": len(contents)}, file=file_name)
        )
        return None
    parts: list[str | None] = []
    for i, col in enumerate(dims):
        code, text = str(col.get("code", "")), str(col.get("text", ""))
        part = statfin.role(code, text, time=str(col.get("type")).lower() == "t")
        distinct = {k[i] for k in keys}
        if part in ("indicator",) and contents:
            part = None if len(distinct) == 1 else part
        if part in (None, "grp") and len(distinct) > 1 and statfin.TOTAL in distinct:
            # e.g. Ikä with every age group: the total (code SSS) is stored, the breakdown left out with a note
            kept = [j for j, k in enumerate(keys) if k[i] == statfin.TOTAL]
            keys, vals = [keys[j] for j in kept], [vals[j] for j in kept]
            problems.append(
                Problem(
                    "upload.warn_pxweb_total",
                    {"dim": text or code, "n": len(distinct) - 1},
                    file=file_name,
                    severity=WARNING,
                )
            )
            part, distinct = None, {statfin.TOTAL}
        if part is None and len(distinct) > 1:
            problems.append(
                Problem("upload.err_pxweb_dimension", {"dim": text or code, "n": len(distinct)}, file=file_name)
            )
            return None
        parts.append(part)
    for need in ("region", "period"):
        if need not in parts:
            problems.append(Problem("upload.err_pxweb_missing", {"part": need}, file=file_name))
            return None
    if not contents and "indicator" not in parts:
        problems.append(Problem("upload.err_pxweb_missing", {"part": "indicator"}, file=file_name))
        return None
    measures = contents or [{"code": "", "text": ""}]
    records: dict[str, list] = {
        p: [] for p in ("region", "period", "sex", "grp", "indicator", "_indicator_alt", "value", "_row", "_c_value")
    }
    for n, (key, values) in enumerate(zip(keys, vals, strict=True), start=1):
        fixed = {p: str(k) for p, k in zip(parts, key, strict=True) if p}
        for j, m in enumerate(measures):
            records["region"].append(fixed["region"])
            records["period"].append(fixed["period"])
            records["sex"].append(statfin.sex_text(fixed["sex"]) if "sex" in fixed else "")
            records["grp"].append(fixed.get("grp", ""))
            records["indicator"].append(str(m.get("text") or m.get("code")) if contents else fixed["indicator"])
            records["_indicator_alt"].append(str(m.get("code", "")) if contents else "")
            records["value"].append(_value(values[j]) if contents else _value(values[0] if values else None))
            records["_row"].append(n)
            records["_c_value"].append(str(m.get("code") or "values"))
    df = pd.DataFrame(records, dtype=object)
    df["_row"] = df["_row"].astype("int64")
    df, dropped = statfin.drop_skipped_areas(df)
    if dropped:
        problems.append(
            Problem("upload.warn_area_skipped", {"codes": ", ".join(dropped)}, file=file_name, severity=WARNING)
        )
    value_cols = df.pop("_c_value")
    meta = obj.get("metadata") or [{}]
    source = str((meta[0] if isinstance(meta[0], dict) else {}).get("source") or "Tilastokeskus, StatFin")
    out = statfin.finish(df, source, {"region": "key", "period": "key", "sex": "key", "indicator": "columns"})
    out["_c_value"] = value_cols
    return out


def _value(v: object) -> object:
    # strings in the answer; a JSON null or a missing cell is suppressed too (missing, never 0)
    return ".." if v is None else v
