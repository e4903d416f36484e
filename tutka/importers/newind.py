"""A new catalogue entry for an indicator the catalogue does not know, built from what the user gave (title, unit,
polarity, topic) and what the file shows (groups, sexes, respondents). Stored in the database `indicators` table
inside the import transaction — not in data/indicators.yaml (which stays the reviewed catalogue)."""

from __future__ import annotations

import pandas as pd

from tutka.importers.mapping import range_for_unit, short_unit_of, slug
from tutka.importers.normalise import canon_group, canon_sex

POLARITY_ALIAS = {
    "higher_is_better": "higher_is_better",
    "higher": "higher_is_better",
    "suurempi": "higher_is_better",
    "korkeampi": "higher_is_better",
    "lower_is_better": "lower_is_better",
    "lower": "lower_is_better",
    "pienempi": "lower_is_better",
    "matalampi": "lower_is_better",
    "neutral": "neutral",
    "neutraali": "neutral",
}


def topics() -> dict[str, dict[str, str]]:
    try:
        from tutka.catalogue import TOPICS
    except ImportError:  # catalogue not installed: any topic is accepted
        return {}
    return TOPICS


def problems_of(res: dict) -> list[tuple[str, dict]]:
    """What is missing or wrong in a 'new indicator' answer (i18n keys + params)."""
    out: list[tuple[str, dict]] = []
    if not str(res.get("title") or "").strip():
        out.append(("upload.err_new_title", {}))
    if not str(res.get("unit") or "").strip():
        out.append(("upload.err_new_unit", {}))
    if str(res.get("polarity") or "").strip().lower() not in POLARITY_ALIAS:
        out.append(("upload.err_new_polarity", {"value": res.get("polarity") or "–"}))
    known = topics()
    topic = str(res.get("topic") or "").strip()
    if not topic or (known and topic not in known):
        out.append(("upload.err_new_topic", {"value": topic or "–", "allowed": ", ".join(known) or "–"}))
    return out


def spec_for(name: str, res: dict, taken: set[str], df: pd.DataFrame) -> dict:
    title = str(res.get("title") or name).strip()
    unit = str(res.get("unit") or "").strip()
    short = short_unit_of(unit) if unit else ""
    lo, hi = range_for_unit(short)
    rows = df[df["indicator"] == name]
    groups = sorted({g for g in (canon_group(x) for x in rows["grp"].unique()) if g})
    sexes = sorted(
        {s for s in (canon_sex(x) for x in rows["sex"].unique()) if s in ("total", "male", "female")},
        key=["total", "male", "female"].index,
    ) or ["total"]
    survey = bool((rows["respondents"].astype(str).str.strip().replace({"None": "", "nan": ""}) != "").any())
    sotk = name.split(":", 1)[1] if name.startswith("sotkanet:") else None
    source = next((s for s in rows["source"].unique() if s), None) if "source" in rows else None
    return {
        "indicator_id": res.get("indicator_id") or slug(title, taken),
        "title_fi": title,
        "title_sv": title,
        "title_en": title,
        "unit_fi": unit,
        "unit_sv": unit,
        "unit_en": unit,
        "short_unit": short,
        "decimals": 0 if short == "lkm" else 1,
        "polarity": POLARITY_ALIAS.get(str(res.get("polarity") or "").strip().lower(), "neutral"),
        "topic": str(res.get("topic") or "").strip(),
        "kind": "survey" if survey else "register",
        "survey_cycle": None,
        "series_breaks": [],
        "groups": groups,
        "sexes": sexes,
        "value_min": lo,
        "value_max": hi,
        "source_fi": source,
        "source_sv": source,
        "source_en": source,
        "source_org": None,
        "licence": None,
        "sotkanet_id": int(sotk) if sotk and sotk.isdigit() else None,
        "description_fi": None,
        "description_sv": None,
        "description_en": None,
    }
