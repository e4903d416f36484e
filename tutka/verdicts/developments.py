"""The plan's "positiiviset ja negatiiviset kehityskulut" generated from verdicts (the Kouvola seed's slide 2).

Headline series (sex = total, every school/age group) of one region are grouped by plain-language audience
("lapset ja nuoret", "aikuiset", "koko väestö", configured in data/verdict_rules.yaml) and by direction; each
audience gets one sentence listing the indicators (short names) that improved / worsened, with the groups concerned
and "erityisesti tytöillä / naisilla" when only one sex moved.
"""

from __future__ import annotations

import pandas as pd

from tutka.i18n import t
from tutka.verdicts.rules import load_rules
from tutka.verdicts.text import short_name

POSITIVE, NEGATIVE = "improved", "worsened"


def audience_of(indicator_ids: pd.Series, rules: dict) -> pd.Series:
    """Audience key per indicator id: explicit ids first, then id prefixes, else the default."""
    conf = rules["developments"]
    result = pd.Series(conf.get("default", "population"), index=indicator_ids.index, dtype="object")
    assigned = pd.Series(False, index=indicator_ids.index)
    for aud in conf.get("audiences", []):
        hit = indicator_ids.isin(aud.get("ids", []))
        for prefix in aud.get("id_prefixes", []):
            hit |= indicator_ids.str.startswith(prefix)
        hit &= ~assigned
        result[hit] = aud["key"]
        assigned |= hit
    return result


def audience_order(rules: dict) -> list[str]:
    conf = rules["developments"]
    keys = [a["key"] for a in conf.get("audiences", [])]
    return keys + [conf.get("default", "population")]


def headline(verdicts: pd.DataFrame, sex: str = "total") -> pd.DataFrame:
    """The `sex` series; for (indicator, region, group) without one, the sex-specific series instead."""
    has = verdicts[verdicts["sex"] == sex][["indicator_id", "region_code", "grp"]].drop_duplicates()
    m = verdicts.merge(has.assign(_has=True), on=["indicator_id", "region_code", "grp"], how="left")
    keep = (m["sex"] == sex) | m["_has"].isna()
    return verdicts[keep.to_numpy()]


_COLUMNS = ("indicator_id", "sex", "grp", "verdict", "polarity", "strength", "gap_trend", "gap_worse_sex", "title")


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def _strength(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _sex_note(rows: list[dict], direction: str) -> dict[tuple[str, str], str]:
    """{(indicator, grp): the sex the change concerns especially ('female' / 'male')}, only where there is one.

    Only one sex moved in `direction`; or both moved and the gap widened (worsening: the worse-off sex) or
    narrowed (improvement: the sex that was worse off caught up)."""
    female: dict[tuple[str, str], dict] = {}
    male: dict[tuple[str, str], dict] = {}
    for r in rows:
        if r["sex"] in ("female", "male"):
            (female if r["sex"] == "female" else male).setdefault((r["indicator_id"], r["grp"]), r)
    gap_move = "widened" if direction == NEGATIVE else "narrowed"
    notes = {}
    for key, f in female.items():
        m = male.get(key)
        if m is None:
            continue
        f_moved, m_moved = f["verdict"] == direction, m["verdict"] == direction
        if f_moved and not m_moved:
            notes[key] = "female"
        elif m_moved and not f_moved:
            notes[key] = "male"
        elif f_moved and m_moved and f["gap_trend"] == gap_move and f["gap_worse_sex"] in ("female", "male"):
            notes[key] = f["gap_worse_sex"]
    return notes


def _by_strength(rows: list[dict]) -> list[dict]:
    """Strongest first (a stable sort; rows without a strength last, in their order)."""
    known = [r for r in rows if r["_s"] is not None]
    return sorted(known, key=lambda r: -r["_s"]) + [r for r in rows if r["_s"] is None]


def developments(verdicts: pd.DataFrame, region_code: str, lang: str = "fi", rules: dict | None = None) -> dict:
    """dict(positive=[item], negative=[item], neutral=[item]); item = dict(audience, audience_label, text,
    indicators=[ids], n, n_assessed, series=DataFrame of the headline rows behind the sentence).

    Plain Python over the region's rows (a municipality has a few hundred series): a page asks for this on every
    municipality change, and per-row pandas operations on such small frames cost more than the work itself."""
    rules = rules or load_rules()
    conf = rules["developments"]
    result: dict[str, list] = {"positive": [], "negative": [], "neutral": []}
    mine = verdicts[verdicts["region_code"] == region_code]
    if mine.empty:
        return result
    cols = [c for c in _COLUMNS if c in mine.columns]
    rows = mine[cols].to_dict("records")
    for pos, r in enumerate(rows):
        for c in _COLUMNS:
            r[c] = _text(r.get(c)) if c != "strength" else r.get(c)
        r["_pos"], r["_s"] = pos, _strength(r["strength"])
    hsex = conf.get("headline_sex", "total")
    has_headline = {(r["indicator_id"], r["grp"]) for r in rows if r["sex"] == hsex}
    head = [r for r in rows if r["sex"] == hsex or (r["indicator_id"], r["grp"]) not in has_headline]
    ids = pd.Series([r["indicator_id"] for r in head], dtype="object")
    for r, aud in zip(head, audience_of(ids, rules).tolist(), strict=True):
        r["audience"] = aud
    n_assessed: dict[str, set[str]] = {}
    for r in head:
        if r["verdict"] in ("improved", "worsened", "no_change") and r["polarity"] != "neutral":
            n_assessed.setdefault(r["audience"], set()).add(r["indicator_id"])
    n_groups: dict[str, set[str]] = {}
    for r in rows:
        if r["grp"]:
            n_groups.setdefault(r["indicator_id"], set()).add(r["grp"])
    for key, code in (("positive", POSITIVE), ("negative", NEGATIVE)):
        notes = _sex_note(rows, code) if conf.get("mention_sex", True) else {}
        for aud in audience_order(rules):
            part = [r for r in head if r["verdict"] == code and r["audience"] == aud]
            if not part:
                continue
            names = _indicator_phrases(part, n_groups, notes, lang)
            ids_ = list(dict.fromkeys(r["indicator_id"] for r in _by_strength(part)))
            total = len(n_assessed.get(aud, ())) or len(ids_)
            label = t(f"v.aud.{aud}", lang)
            text = t(f"v.dev.{key}", lang, audience=label, items=", ".join(names), n=len(ids_), total=total)
            result[key].append(
                {
                    "audience": aud,
                    "audience_label": label,
                    "text": text,
                    "indicators": ids_,
                    "n": len(ids_),
                    "n_assessed": total,
                    "series": mine.iloc[[r["_pos"] for r in part]].assign(audience=aud),
                }
            )
    for r in _by_strength([r for r in head if r["verdict"] in ("increased", "decreased")]):
        name = short_name(r["indicator_id"], r["title"], lang)
        result["neutral"].append(
            {
                "audience": "",
                "audience_label": "",
                "indicators": [r["indicator_id"]],
                "text": t(f"v.dev.{r['verdict']}", lang, name=name[:1].upper() + name[1:]),
                "n": 1,
                "n_assessed": 1,
                "series": mine.iloc[[r["_pos"]]].assign(audience=r["audience"]),
            }
        )
    return result


def _indicator_phrases(
    part: list[dict], n_groups: dict[str, set[str]], notes: dict[tuple[str, str], str], lang: str
) -> list[str]:
    """'koulukiusaaminen (8.–9. lk, lukio 1.–2. v; erityisesti tytöillä)' per indicator, strongest first."""
    by_ind: dict[str, list[dict]] = {}
    best: dict[str, float] = {}
    for r in part:
        by_ind.setdefault(r["indicator_id"], []).append(r)
        best[r["indicator_id"]] = max(best.get(r["indicator_id"], float("-inf")), r["_s"] or 0.0)
    phrases = []
    for ind in sorted(by_ind, key=lambda i: (-best[i], i)):  # ties in id order
        group = by_ind[ind]
        name = short_name(ind, group[0]["title"], lang)
        details = [r["grp"] for r in group if r["grp"]]
        if details and len(details) == len(n_groups.get(ind, ())) and len(details) > 1:
            details = [t("v.dev.all_groups", lang)]
        noted = [g for g in dict.fromkeys(r["grp"] for r in group) if (ind, g) in notes]
        if noted:
            sexes = [notes[(ind, g)] for g in noted]
            sex = sorted(set(sexes), key=lambda s: (-sexes.count(s), s))[0]  # the most common, ties alphabetical
            young = "young" if any(noted) else "adult"
            details.append(t(f"v.dev.especially.{sex}.{young}", lang))
        phrases.append(f"{name} ({'; '.join(details)})" if details else name)
    return phrases
