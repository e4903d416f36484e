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


def _sex_notes(v: pd.DataFrame) -> pd.DataFrame:
    """Per (region, indicator, grp): the sex the change concerns especially ('female' / 'male' / ''), one column per
    direction (improved, worsened).

    Only one sex moved in the direction; or both moved and the gap widened (worsening: the worse-off sex) or
    narrowed (improvement: the sex that was worse off caught up)."""
    cols = ["region_code", "indicator_id", "grp"]
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
    notes = pd.DataFrame(index=both.index)
    for direction in (POSITIVE, NEGATIVE):
        note = pd.Series("", index=both.index, dtype="object")
        note[(both["f"] == direction) & (both["m"] != direction)] = "female"
        note[(both["m"] == direction) & (both["f"] != direction)] = "male"
        together = (both["f"] == direction) & (both["m"] == direction)
        gap_move = "widened" if direction == NEGATIVE else "narrowed"
        pick = together & (both["gap"] == gap_move) & both["worse"].isin(["female", "male"])
        note[pick] = both.loc[pick, "worse"]
        notes[direction] = note
    return notes.reset_index()


def topics_of(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Indicator id → catalogue topic (the theme its developments are grouped under)."""
    return topics_from(queries.run(con, "verdict_indicators"))


def topics_from(catalogue: pd.DataFrame) -> dict[str, str]:
    """`topics_of` from the rows of the verdict_indicators query (read on the caller's cursor or cache)."""
    return dict(zip(catalogue["indicator_id"], catalogue["topic"].fillna(""), strict=True))


def theme_phrase(topic: str, audience: str, key: str, lang: str) -> str:
    """'Lasten ja nuorten päihteiden käyttö on vähentynyt' (key: positive / negative); a topic without its own wording
    (or no topic) reads 'Lapset ja nuoret: myönteinen kehitys'."""
    name = f"v.theme.{topic}.{key}"
    if not topic or name not in texts():
        name = f"v.theme.other.{key}"
    text = t(name, lang, who=t(f"v.who.{audience}", lang), audience=t(f"v.aud.{audience}", lang))
    return text[:1].upper() + text[1:]


# One row per series behind a phrase (store_developments, migration 006, holds these plus as_of): `side` positive /
# negative / neutral, `item` the phrase's place on its side, `indicator_rank` the indicator's place in the phrase's
# `indicators`, `position` the series' place among the phrase's rows, `note` the sex it concerns especially.
GROUP_COLUMNS = [
    "region_code",
    "side",
    "item",
    "audience",
    "topic",
    "direction",
    "split",
    "n",
    "n_assessed",
    "indicator_rank",
    "position",
    "indicator_id",
    "sex",
    "grp",
    "note",
]
SIDES = ("positive", "negative", "neutral")
KEY = ["indicator_id", "sex", "grp"]  # a series of one region


def developments(
    verdicts: pd.DataFrame,
    region_code: str,
    lang: str = "fi",
    rules: dict | None = None,
    topics: Mapping[str, str] | None = None,
) -> dict:
    """dict(positive=[item], negative=[item], neutral=[item]): `phrase(group(...))` for one region.

    A positive / negative item is one theme phrase per (audience, topic) and direction. `topics` maps indicator id →
    catalogue topic (`topics_of(con)`; without it each audience gets one phrase). When a theme of an audience is on
    both sides (`split`), each side names its school groups ("8.–9. lk: nuuskan käyttö; lukio 1.–2. v:
    humalajuominen") so the two phrases never read as a contradiction. Item keys: audience, audience_label, topic,
    direction, text, detail (every group and sex named), split, indicators=[ids, strongest first], n, n_assessed,
    series=DataFrame of the headline rows behind the phrase (for the per-indicator detail)."""
    v = verdicts[verdicts["region_code"] == region_code]
    return phrase(group(v, rules, topics), v, region_code, lang)


def group(verdicts: pd.DataFrame, rules: dict | None = None, topics: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The language-independent part of `developments` for every region of `verdicts` at once (GROUP_COLUMNS): which
    headline series make up which phrase, in which order. The verdict store keeps this per region and year; `phrase`
    words it. Ties keep the order of `verdicts` (the store's is indicator, region, sex, group)."""
    rules = rules or load_rules()
    conf = rules["developments"]
    h = headline(verdicts, conf.get("headline_sex", "total"))
    h = h[["region_code", *KEY, "verdict", "polarity", "strength"]].reset_index(drop=True)
    h["audience"] = audience_of(h["indicator_id"], rules).to_numpy()
    topic_of = dict(topics or {})
    h["topic"] = [str(topic_of.get(i) or "") for i in h["indicator_id"]]
    h["_s"] = pd.to_numeric(h["strength"], errors="coerce").fillna(0.0)
    h["_pos"] = range(len(h))
    theme = ["region_code", "audience", "topic"]
    by_theme = [h[c] for c in theme]
    moved = {code: h["verdict"].eq(code).groupby(by_theme).transform("any") for code in (POSITIVE, NEGATIVE)}
    h["split"] = moved[POSITIVE] & moved[NEGATIVE]  # the theme is on both sides
    assessed = h["verdict"].isin([POSITIVE, NEGATIVE, "no_change"]) & (h["polarity"] != "neutral")
    h["n_assessed"] = h["indicator_id"].where(assessed).groupby([h["region_code"], h["audience"]]).transform("nunique")
    if conf.get("mention_sex", True):
        h = h.merge(_sex_notes(verdicts), on=["region_code", "indicator_id", "grp"], how="left")
    rank = {aud: i for i, aud in enumerate(audience_order(rules))}
    parts = []
    for key, code in (("positive", POSITIVE), ("negative", NEGATIVE)):
        sel = h[h["verdict"] == code].assign(_a=lambda f: f["audience"].map(rank))
        items = sel.groupby([*theme, "_a"], as_index=False)["_s"].max()  # themes: audience order, strongest first
        items = items.sort_values(["region_code", "_a", "_s", "topic"], ascending=[True, True, False, True])
        items["item"] = items.groupby("region_code").cumcount()
        sel = sel.merge(items[[*theme, "item"]], on=theme).sort_values(["region_code", "item", "_pos"])
        ids = sel.sort_values(["region_code", "item", "_s", "_pos"], ascending=[True, True, False, True])
        ids = ids.drop_duplicates(["region_code", "item", "indicator_id"])[["region_code", "item", "indicator_id"]]
        ids["indicator_rank"] = ids.groupby(["region_code", "item"]).cumcount()
        ids["n"] = ids.groupby(["region_code", "item"])["indicator_id"].transform("size")
        sel = sel.merge(ids, on=["region_code", "item", "indicator_id"])
        sel["n_assessed"] = sel["n_assessed"].where(sel["n_assessed"] > 0, sel["n"])  # none assessed: the phrase's n
        parts.append(sel.assign(side=key, direction=code, note=sel[code] if code in sel else ""))
    neutral = h[h["verdict"].isin(["increased", "decreased"])]
    neutral = neutral.sort_values(["region_code", "_s", "_pos"], ascending=[True, False, True])
    neutral = neutral.assign(side="neutral", direction=neutral["verdict"], split=False, n=1, n_assessed=1, note="")
    parts.append(neutral.assign(item=neutral.groupby("region_code").cumcount(), indicator_rank=0))
    out = pd.concat(parts, ignore_index=True).reindex(columns=[*GROUP_COLUMNS, "_pos"])
    out["position"] = out.sort_values("_pos").groupby(["region_code", "side", "item"]).cumcount()
    out["split"] = out["split"].fillna(False).astype(bool)
    out["note"] = out["note"].fillna("")
    for col in ("item", "n", "n_assessed", "indicator_rank", "position"):
        out[col] = out[col].astype("int64")
    return out[GROUP_COLUMNS].sort_values(["region_code", "side", "item", "position"]).reset_index(drop=True)


def phrase(groups: pd.DataFrame, verdicts: pd.DataFrame, region_code: str, lang: str = "fi") -> dict:
    """The developments of one region (see `developments`) worded in `lang`: its rows of `group` output (as `group`
    returns them or as the verdict store keeps them) and its verdicts (titles, and the series behind each phrase).
    KeyError if a grouped series is not among the verdicts (grouped from other data)."""
    result: dict[str, list] = {"positive": [], "negative": [], "neutral": []}
    v = verdicts[verdicts["region_code"] == region_code]
    g = groups[groups["region_code"] == region_code]
    if v.empty or g.empty:
        return result
    where = {k: i for i, k in enumerate(zip(v["indicator_id"], v["sex"], v["grp"].fillna(""), strict=True))}
    g = g.sort_values(["item", "position"])
    col = {c: g[c].tolist() for c in GROUP_COLUMNS if c in g}
    grp_key = g["grp"].fillna("").tolist()
    members: dict[tuple[str, int], list[int]] = {}  # (side, item) -> its rows of g, in position order
    for j, (side, item) in enumerate(zip(col["side"], col["item"], strict=True)):
        members.setdefault((side, int(item)), []).append(j)
    items = [(side, members[(side, item)]) for side in SIDES for s, item in sorted(members) if s == side]
    # the series behind every phrase taken from the verdicts at once (one take per column, not one per phrase);
    # each phrase's series is then a slice of it
    rows_of = [j for _, js in items for j in js]
    at = [where[(col["indicator_id"][j], col["sex"][j], grp_key[j])] for j in rows_of]
    behind = v.iloc[at].assign(
        audience=[str(col["audience"][j]) for j in rows_of], topic=[str(col["topic"][j]) for j in rows_of]
    )
    # what the wording reads of those series, as lists sliced per phrase (a frame slice per phrase and column was
    # most of a municipality's developments on Etusivu; issue 13)
    strength = pd.to_numeric(behind["strength"], errors="coerce").fillna(0.0)
    lists = {"indicator_id": behind["indicator_id"].tolist(), "grp": behind["grp"].tolist()}
    titles = behind["title"].tolist() if "title" in behind else [None] * len(behind)
    lists |= {"_s": strength.tolist(), "title": titles}
    start = 0
    for key, js in items:
        first = js[0]
        aud, topic, code = str(col["audience"][first]), str(col["topic"][first]), str(col["direction"][first])
        series = behind.iloc[start : start + len(js)]
        part = {c: values[start : start + len(js)] for c, values in lists.items()}
        start += len(js)
        if key == "neutral":
            name = short_name(part["indicator_id"][0], str(part["title"][0] or ""), lang)
            text = t(f"v.dev.{code}", lang, name=name[:1].upper() + name[1:])
            aud, detail = "", ""
        else:
            notes = {(col["indicator_id"][j], col["grp"][j]): col["note"][j] for j in js if col["note"][j]}
            split = bool(col["split"][first])
            words = theme_phrase(topic, aud, key, lang)
            text = f"{words} ({_bracket(part, notes, split, lang)})"
            detail = f"{words} ({_bracket(part, notes, True, lang, full=True)})"
        ranked = sorted((col["indicator_rank"][j], n, col["indicator_id"][j]) for n, j in enumerate(js))
        ids = list(dict.fromkeys(ind for _, _, ind in ranked))  # by rank, ties in row order (a stable sort)
        result[key].append(
            {
                "audience": aud,
                "audience_label": t(f"v.aud.{aud}", lang) if aud else "",
                "topic": topic,
                "direction": code,
                "text": text,
                "detail": detail,
                "split": bool(col["split"][first]),
                "indicators": ids,
                "n": int(col["n"][first]),
                "n_assessed": int(col["n_assessed"][first]),
                "series": series,
            }
        )
    return result


def _bracket(
    part: dict[str, list], notes: dict[tuple[str, str], str], split: bool, lang: str, full: bool = False
) -> str:
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
