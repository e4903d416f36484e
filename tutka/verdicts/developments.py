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


def _sex_note(v: pd.DataFrame, direction: str) -> pd.DataFrame:
    """Per (indicator, grp): the sex the change concerns especially ('female' / 'male' / '').

    Only one sex moved in `direction`; or both moved and the gap widened (worsening: the worse-off sex) or
    narrowed (improvement: the sex that was worse off caught up)."""
    cols = ["indicator_id", "grp"]
    f = v[v["sex"] == "female"].set_index(cols)
    m = v[v["sex"] == "male"].set_index(cols)
    both = pd.concat(
        [
            f["verdict"].rename("f"),
            m["verdict"].rename("m"),
            f["gap_trend"].rename("gap"),
            f["gap_worse_sex"].rename("worse"),
        ],
        axis=1,
        join="inner",
    )
    note = pd.Series("", index=both.index, dtype="object")
    note[(both["f"] == direction) & (both["m"] != direction)] = "female"
    note[(both["m"] == direction) & (both["f"] != direction)] = "male"
    together = (both["f"] == direction) & (both["m"] == direction)
    gap_move = "widened" if direction == NEGATIVE else "narrowed"
    pick = together & (both["gap"] == gap_move) & both["worse"].isin(["female", "male"])
    note[pick] = both.loc[pick, "worse"]
    return note.rename("note").reset_index()


def developments(verdicts: pd.DataFrame, region_code: str, lang: str = "fi", rules: dict | None = None) -> dict:
    """dict(positive=[item], negative=[item], neutral=[item]); item = dict(audience, audience_label, text,
    indicators=[ids], n, n_assessed, series=DataFrame of the headline rows behind the sentence)."""
    rules = rules or load_rules()
    v = verdicts[verdicts["region_code"] == region_code]
    result: dict[str, list] = {"positive": [], "negative": [], "neutral": []}
    if v.empty:
        return result
    h = headline(v, rules["developments"].get("headline_sex", "total")).copy()
    h["audience"] = audience_of(h["indicator_id"], rules).to_numpy()
    assessed = h[h["verdict"].isin(["improved", "worsened", "no_change"]) & (h["polarity"] != "neutral")]
    n_assessed = assessed.groupby("audience")["indicator_id"].nunique()
    order = audience_order(rules)
    for key, code in (("positive", POSITIVE), ("negative", NEGATIVE)):
        sel = h[h["verdict"] == code]
        notes = _sex_note(v, code) if rules["developments"].get("mention_sex", True) else None
        for aud in order:
            part = sel[sel["audience"] == aud]
            if part.empty:
                continue
            names = _indicator_phrases(part, v, notes, lang)
            ids = list(dict.fromkeys(part.sort_values("strength", ascending=False)["indicator_id"]))
            label = t(f"v.aud.{aud}", lang)
            text = t(
                f"v.dev.{key}",
                lang,
                audience=label,
                items=", ".join(names),
                n=len(ids),
                total=int(n_assessed.get(aud, len(ids))),
            )
            result[key].append(
                {
                    "audience": aud,
                    "audience_label": label,
                    "text": text,
                    "indicators": ids,
                    "n": len(ids),
                    "n_assessed": int(n_assessed.get(aud, len(ids))),
                    "series": part,
                }
            )
    neutral = h[h["verdict"].isin(["increased", "decreased"])]
    for idx, row in neutral.sort_values("strength", ascending=False).iterrows():
        name = short_name(row["indicator_id"], str(row.get("title") or ""), lang)
        result["neutral"].append(
            {
                "audience": "",
                "audience_label": "",
                "indicators": [row["indicator_id"]],
                "text": t(f"v.dev.{row['verdict']}", lang, name=name[:1].upper() + name[1:]),
                "n": 1,
                "n_assessed": 1,
                "series": neutral.loc[[idx]],
            }
        )
    return result


def _indicator_phrases(part: pd.DataFrame, v: pd.DataFrame, notes: pd.DataFrame | None, lang: str) -> list[str]:
    """'koulukiusaaminen (8.–9. lk, lukio 1.–2. v; erityisesti tytöillä)' per indicator, strongest first."""
    part = part.assign(_s=part["strength"].fillna(0))
    order = part.groupby("indicator_id")["_s"].max().sort_values(ascending=False).index
    phrases = []
    for ind in order:
        rows = part[part["indicator_id"] == ind]
        name = short_name(ind, str(rows["title"].iloc[0] or ""), lang)
        details = [g for g in rows["grp"] if g]
        all_groups = v[(v["indicator_id"] == ind) & (v["grp"] != "")]["grp"].unique()
        if details and len(details) == len(all_groups) and len(details) > 1:
            details = [t("v.dev.all_groups", lang)]
        if notes is not None and not notes.empty:
            nt = notes[(notes["indicator_id"] == ind) & notes["grp"].isin(rows["grp"]) & (notes["note"] != "")]
            if not nt.empty:
                sex = nt["note"].mode().iloc[0]
                young = "young" if (nt["grp"] != "").any() else "adult"
                details.append(t(f"v.dev.especially.{sex}.{young}", lang))
        phrases.append(f"{name} ({'; '.join(details)})" if details else name)
    return phrases
