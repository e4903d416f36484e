"""The plan's "positiiviset ja negatiiviset kehityskulut" generated from verdicts (the Kouvola seed's slide 2).

Headline series (sex = total, every school/age group) of one region are grouped by plain-language audience
("lapset ja nuoret", "aikuiset", "koko väestö", configured in data/verdict_rules.yaml), by the indicator's catalogue
topic (data/indicators.yaml `topic`) and by direction. Each group becomes one short theme phrase with the short names
of its indicators in brackets — "Lasten ja nuorten päihteiden käyttö on vähentynyt (humalajuominen, nuuskan käyttö)"
— worded per topic and direction in data/i18n (`v.theme.<topic>.<positive|negative>`, audience `v.who.<audience>`).
A theme on both sides names the school groups on each side; "erityisesti tytöillä / naisilla" when one sex moved.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import pandas as pd

from tutka import queries
from tutka.domain import GROUP_ORDER
from tutka.i18n import t, texts
from tutka.verdicts.rules import load_rules
from tutka.verdicts.text import group_label, short_name

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


def topics_of(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Indicator id → catalogue topic (the theme its developments are grouped under)."""
    cat = queries.run(con, "verdict_indicators")
    return dict(zip(cat["indicator_id"], cat["topic"].fillna(""), strict=True))


def theme_phrase(topic: str, audience: str, key: str, lang: str) -> str:
    """'Lasten ja nuorten päihteiden käyttö on vähentynyt' (key: positive / negative); a topic without its own wording
    (or no topic) reads 'Lapset ja nuoret: myönteinen kehitys'."""
    name = f"v.theme.{topic}.{key}"
    if not topic or name not in texts():
        name = f"v.theme.other.{key}"
    text = t(name, lang, who=t(f"v.who.{audience}", lang), audience=t(f"v.aud.{audience}", lang))
    return text[:1].upper() + text[1:]


def developments(
    verdicts: pd.DataFrame,
    region_code: str,
    lang: str = "fi",
    rules: dict | None = None,
    topics: Mapping[str, str] | None = None,
) -> dict:
    """dict(positive=[item], negative=[item], neutral=[item]).

    A positive / negative item is one theme phrase per (audience, topic) and direction. `topics` maps indicator id →
    catalogue topic (`topics_of(con)`; without it each audience gets one phrase). When a theme of an audience is on
    both sides (`split`), each side names its school groups ("8.–9. lk: nuuskan käyttö; lukio 1.–2. v:
    humalajuominen") so the two phrases never read as a contradiction. Item keys: audience, audience_label, topic,
    direction, text, detail (every group and sex named), split, indicators=[ids, strongest first], n, n_assessed, series=DataFrame of the headline rows
    behind the phrase (for the per-indicator detail)."""
    rules = rules or load_rules()
    v = verdicts[verdicts["region_code"] == region_code]
    result: dict[str, list] = {"positive": [], "negative": [], "neutral": []}
    if v.empty:
        return result
    topic_of = dict(topics or {})
    h = headline(v, rules["developments"].get("headline_sex", "total")).copy()
    h["audience"] = audience_of(h["indicator_id"], rules).to_numpy()
    h["topic"] = [str(topic_of.get(i) or "") for i in h["indicator_id"]]
    h["_s"] = pd.to_numeric(h["strength"], errors="coerce").fillna(0.0)
    assessed = h[h["verdict"].isin(["improved", "worsened", "no_change"]) & (h["polarity"] != "neutral")]
    n_assessed = assessed.groupby("audience")["indicator_id"].nunique()
    sides = {
        code: set(zip(*(h.loc[h["verdict"] == code, c] for c in ("audience", "topic")), strict=True))
        for code in (POSITIVE, NEGATIVE)
    }
    both_sides = sides[POSITIVE] & sides[NEGATIVE]
    for key, code in (("positive", POSITIVE), ("negative", NEGATIVE)):
        sel = h[h["verdict"] == code]
        notes = _notes_by_key(_sex_note(v, code)) if rules["developments"].get("mention_sex", True) else {}
        for aud in audience_order(rules):
            part_aud = sel[sel["audience"] == aud]
            if part_aud.empty:
                continue
            order = part_aud.groupby("topic")["_s"].max().reset_index()
            order = order.sort_values(["_s", "topic"], ascending=[False, True])
            for topic in order["topic"]:
                part = part_aud[part_aud["topic"] == topic]
                split = (aud, topic) in both_sides
                ids = list(dict.fromkeys(part.sort_values("_s", ascending=False, kind="stable")["indicator_id"]))
                phrase = theme_phrase(topic, aud, key, lang)
                text = f"{phrase} ({_bracket(part, notes, split, lang)})"
                detail = f"{phrase} ({_bracket(part, notes, True, lang, full=True)})"
                result[key].append(
                    {
                        "audience": aud,
                        "audience_label": t(f"v.aud.{aud}", lang),
                        "topic": topic,
                        "direction": code,
                        "text": text,
                        "detail": detail,
                        "split": split,
                        "indicators": ids,
                        "n": len(ids),
                        "n_assessed": int(n_assessed.get(aud, len(ids))),
                        "series": part.drop(columns=["_s"]),
                    }
                )
    neutral = h[h["verdict"].isin(["increased", "decreased"])]
    for idx, row in neutral.sort_values("_s", ascending=False).iterrows():
        name = short_name(row["indicator_id"], str(row.get("title") or ""), lang)
        result["neutral"].append(
            {
                "audience": "",
                "audience_label": "",
                "topic": row["topic"],
                "direction": row["verdict"],
                "split": False,
                "detail": "",
                "indicators": [row["indicator_id"]],
                "text": t(f"v.dev.{row['verdict']}", lang, name=name[:1].upper() + name[1:]),
                "n": 1,
                "n_assessed": 1,
                "series": neutral.loc[[idx]].drop(columns=["_s"]),
            }
        )
    return result


def _notes_by_key(notes: pd.DataFrame | None) -> dict[tuple[str, str], str]:
    """{(indicator, grp): sex} of the notes that say something (built once per direction, not once per phrase)."""
    if notes is None or notes.empty:
        return {}
    live = notes[notes["note"] != ""]
    return {(r.indicator_id, r.grp): r.note for r in live.itertuples()}


def _bracket(part: pd.DataFrame, notes: dict[tuple[str, str], str], split: bool, lang: str, full: bool = False) -> str:
    """The indicators behind a phrase, strongest first: 'humalajuominen, nuuskan käyttö'; by school group when the
    theme is on both sides (or `full`): 'nuorisotyöttömyys; 8.–9. lk, lukio 1.–2. v: humalajuominen'.

    The short form adds ' – erityisesti tytöillä' to the one indicator that moved especially for one sex, or says it
    once at the end when every indicator of the phrase shares it; other mixes are left to the full form (`full`, the
    detail view), which names every group and sex."""
    note_of = dict(notes)  # (indicator, grp) -> sex; narrowed below for the short form
    rows = list(zip(part["indicator_id"], part["grp"], strict=True))
    best: dict[str, float] = {}
    titles: dict[str, str] = {}
    for ind, strength, title in zip(part["indicator_id"], part["_s"], part["title"], strict=True):
        best[ind] = max(best.get(ind, float("-inf")), float(strength))
        titles.setdefault(ind, str(title or ""))
    order = sorted(sorted(best), key=lambda i: -best[i])  # strongest first, ties in id order
    found = {note_of[k] for k in rows if k in note_of}
    young = "young" if any(g for _, g in rows) else "adult"
    once = ""
    noted = {i for i, g in rows if (i, g) in note_of}
    if not full and len(noted) > 1:  # short form: one sex for every indicator said once, else left to the detail
        if len(found) == 1 and all(k in note_of for k in rows):
            once = t(f"v.dev.especially.{found.pop()}.{young}", lang)
        note_of = {}
    elif not full and len(found) > 1:  # one indicator, boys in one group and girls in another
        note_of = {}

    def item(ind: str, grps: list[str]) -> str:
        name = short_name(ind, titles[ind], lang)
        sexes = [note_of[(ind, g)] for g in grps if (ind, g) in note_of]
        if not sexes:
            return name
        sex = min(set(sexes), key=lambda s: (-sexes.count(s), s))  # the most common, ties alphabetical (mode)
        return f"{name} – {t(f'v.dev.especially.{sex}.{young}', lang)}"

    if not split and not full:
        text = ", ".join(item(ind, [g for i, g in rows if i == ind]) for ind in order)
    else:
        known = [g for g in GROUP_ORDER if g in set(part["grp"])]
        grps = known + sorted(set(part["grp"]) - set(known))
        by_names: dict[str, list[str]] = {}  # groups with the same indicators are named together
        for g in grps:
            names = ", ".join(item(ind, [g]) for ind in order if (ind, g) in rows)
            by_names.setdefault(names, []).append(g)
        pieces = []
        for names, gs in by_names.items():
            labels = ", ".join(group_label(g, lang) for g in gs if g)
            pieces.append(f"{labels}: {names}" if labels else names)
        text = "; ".join(pieces)
    return f"{text}; {once}" if once else text
