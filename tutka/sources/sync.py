"""`python -m tutka catalogue sync`: propose Sotkanet ids for catalogue indicators by matching titles against the live
`/indicators` list, into a CSV for a person to review. Only ids that exist in the live list are ever proposed (never
an invented id), and nothing is written to data/indicators.yaml: a reviewed id goes there by hand (and into
data/sotkanet_verified.csv, which the catalogue test checks)."""

from __future__ import annotations

import difflib

import pandas as pd

from tutka.importers.headers import split_unit
from tutka.importers.mapping import norm

COLUMNS = [
    "indicator_id",
    "title_fi",
    "current_sotkanet_id",
    "proposed_sotkanet_id",
    "sotkanet_title_fi",
    "organization",
    "match",
    "score",
    "reviewed",
]
SIMILAR = 0.85


def _key(text: str) -> str:
    return norm(split_unit(norm(text))[0])


def _title(obj: dict, lang: str = "fi") -> str:
    title = obj.get("title")
    return str(title.get(lang) or "") if isinstance(title, dict) else str(title or "")


def propose(catalogue: pd.DataFrame, live: list[dict]) -> pd.DataFrame:
    """One row per (catalogue indicator, live Sotkanet indicator) pair worth reviewing, best first per indicator.

    match: `exact` (same title, case/space/unit-suffix insensitive), `prefix` (the Sotkanet title is the catalogue
    title followed by a population, e.g. ", % 8. ja 9. luokan oppilaista" — one id per school level), `similar`
    (difflib ratio ≥ 0.85). An indicator without any is left out."""
    items = [(int(o["id"]), _title(o), o) for o in live if isinstance(o, dict) and str(o.get("id", "")).isdigit()]
    keys = {sid: _key(title) for sid, title, _ in items if title}
    rows = []
    for ind in catalogue.itertuples(index=False):
        names = [ind.title_fi, *(list(ind.aliases) if getattr(ind, "aliases", None) is not None else [])]
        wanted = [_key(n) for n in names if isinstance(n, str) and n.strip()]
        found: dict[int, tuple[str, float]] = {}
        for sid, key in keys.items():
            for w in wanted:
                if key == w:
                    how, score = "exact", 1.0
                elif key.startswith(w + ",") or key.startswith(w + " "):
                    how, score = "prefix", 0.95
                else:
                    score = difflib.SequenceMatcher(None, w, key).ratio()
                    how = "similar" if score >= SIMILAR else ""
                if how and (sid not in found or score > found[sid][1]):
                    found[sid] = (how, score)
        for sid, (how, score) in found.items():
            obj = next(o for s, _, o in items if s == sid)
            org = obj.get("organization") or {}
            rows.append(
                {
                    "indicator_id": ind.indicator_id,
                    "title_fi": ind.title_fi,
                    "current_sotkanet_id": None if pd.isna(ind.sotkanet_id) else int(ind.sotkanet_id),
                    "proposed_sotkanet_id": sid,
                    "sotkanet_title_fi": _title(obj),
                    "organization": _title(org) if isinstance(org, dict) else "",
                    "match": how,
                    "score": round(score, 3),
                    "reviewed": "",
                }
            )
    out = pd.DataFrame(rows, columns=COLUMNS)
    if out.empty:
        return out
    out["current_sotkanet_id"] = out["current_sotkanet_id"].astype("Int64")
    return out.sort_values(["indicator_id", "score"], ascending=[True, False]).reset_index(drop=True)
