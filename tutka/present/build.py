"""Build the deck model for one municipality from the plan, the verdict engine and the goal rollup.

Per goal: the rollup status and counts over *all* indicators linked to the goal (the status is the plan's, not the
presenter's choice), the positive and negative developments of the *chosen* indicators with the engine's
explanation sentences, and one or two charts (the first negative and the first positive development, filled up
with the next developments and then the first chosen indicators that have data). Chart values come straight from
`indicator_values`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from tutka import queries
from tutka.citations import unique_sources
from tutka.domain import DEFAULT_SCHOOL_LEVEL, SLIDE_POINTS, is_pupil_group
from tutka.fmt import fmt_signed, fmt_value, is_missing
from tutka.i18n import licence_label, source_label, t, unit_label
from tutka.plans.targets import plan_distances
from tutka.present import definition as defs
from tutka.present.model import Chart, ChartSeries, Deck, GapRow, GoalSlide, MapArea, MapSlide, Point, SourceRow

MAX_CHARTS = 2
MAX_GAPS = 6
REGION_ORDER = {"kunta": 0, "hyvinvointialue": 1, "maakunta": 2, "maa": 3}


class NoPlanError(LookupError):
    """The municipality has no welfare plan in the database (message is user-facing Finnish/Swedish/English)."""


def _run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    return queries.run(con, name, **params)


def _name(row: pd.Series | dict, lang: str) -> str:
    return str(row.get(f"name_{lang}") or row.get("name_fi") or row.get("region_code"))


def _num(x: object) -> float | None:
    return None if is_missing(x) else float(x)  # type: ignore[arg-type]


def plan_context(con: duckdb.DuckDBPyConnection, region_code: str, lang: str = "fi") -> dict:
    """The plan, its goals, goal→indicator links and the default/saved definition (also used by the edit view)."""
    plans = _run(con, "plans_for_region", region=region_code)
    regions = _run(con, "regions_all").set_index("region_code")
    region_name = _name(regions.loc[region_code], lang) if region_code in regions.index else region_code
    if plans.empty:
        raise NoPlanError(t("present.no_plan", lang, region=region_name))
    plan = plans.iloc[0]
    goals = _run(con, "plan_goals", plan=plan["plan_id"])
    links = _run(con, "present_goal_indicators", plan=plan["plan_id"])
    default = defs.default_definition(plan["plan_id"], links, goals)
    return {
        "plan": plan,
        "goals": goals,
        "links": links,
        "default": default,
        "region_name": region_name,
        "regions": regions,
    }


def _targets_by_goal(con: duckdb.DuckDBPyConnection, plan_id: str, region_code: str, lang: str) -> dict[str, list[str]]:
    """Distance to target of every metric that has a target, per goal ("metric: tavoite 8 %, nyt 9,1 %, …")."""
    distances = plan_distances(con, plan_id, region_code, lang)
    if not distances:
        return {}
    metrics = _run(con, "plan_metric_targets", plan=plan_id)
    goal_of = dict(zip(*(_run(con, "plan_actions", plan=plan_id)[c] for c in ("action_id", "goal_id")), strict=True))
    out: dict[str, list[str]] = {}
    for m in metrics.sort_values("position").to_dict("records"):
        dist = distances.get(m["metric_id"])
        goal = goal_of.get(m["action_id"])
        if dist is not None and goal is not None:
            out.setdefault(goal, []).append(f"{m['text']}: {dist.text}")
    return out


def build_deck(
    con: duckdb.DuckDBPyConnection,
    region_code: str,
    lang: str = "fi",
    definition: dict | None = None,
    verdicts: pd.DataFrame | None = None,
    use_saved: bool = True,
) -> Deck:
    """The whole deck. `definition=None` uses the saved deck (if `use_saved`) or the default."""
    from tutka.verdicts import load_rules
    from tutka.verdicts.rollup import goal_rollup, goal_series
    from tutka.verdicts.store import region_verdicts

    ctx = plan_context(con, region_code, lang)
    plan, goals, links, regions = ctx["plan"], ctx["goals"], ctx["links"], ctx["regions"]
    saved = definition if definition is not None else (defs.load(con, region_code) if use_saved else None)
    chosen_def = defs.normalise(saved, ctx["default"], links)
    ordered_by_presenter = chosen_def is not ctx["default"]
    parents = _run(con, "region_parents", region=region_code)
    county = parents[parents["parent_type"] == "hyvinvointialue"]
    county_code = county["parent_code"].iloc[0] if len(county) else None
    compare = [c for c in (region_code, county_code, "SSS") if c]

    v = verdicts if verdicts is not None else region_verdicts(con, region_code, lang)  # the store when current
    v = v[v["region_code"] == region_code]
    rules = load_rules()
    goals_df = goals.assign(plan_id=plan["plan_id"], region_code=region_code)
    roll = goal_rollup(v, goals_df, links, rules).set_index("goal_id")
    series = goal_series(v, goals_df, links, rules)

    deck = Deck(
        region_code=region_code,
        region_name=ctx["region_name"],
        county_name=_name(county.iloc[0], lang) if len(county) else "",
        lang=lang,
        plan_id=str(plan["plan_id"]),
        plan_title=str(plan["title"] or ""),
        plan_period=str(plan["period"] or ""),
        plan_source=str(plan["source"] or ""),
        generated_at=datetime.now(),
        cross_cutting=[str(x) for x in (plan["cross_cutting"] if plan["cross_cutting"] is not None else [])],
    )
    goal_rows = goals.set_index("goal_id")
    targets = _targets_by_goal(con, str(plan["plan_id"]), region_code, lang)
    shown: list[str] = []
    for g in chosen_def["goals"]:
        gid, chosen = g["goal_id"], g["indicators"]
        r = roll.loc[gid]
        gs = series[(series["goal_id"] == gid) & series["indicator_id"].isin(chosen)].copy()
        gs["_order"] = gs["indicator_id"].map({i: n for n, i in enumerate(chosen)})
        gs["_strength"] = pd.to_numeric(gs["strength"], errors="coerce").fillna(0)
        gs = gs.sort_values(
            ["_order", "_strength"] if ordered_by_presenter else ["_strength", "_order"],
            ascending=[True, False] if ordered_by_presenter else [False, True],
            kind="stable",
        )
        pos = [_point(row) for _, row in gs[gs["verdict"] == "improved"].iterrows()]
        neg = [_point(row) for _, row in gs[gs["verdict"] == "worsened"].iterrows()]
        charts = _goal_charts(con, gs, pos, neg, chosen, compare, regions, lang)
        status = str(r["status"])
        counts = {k: int(r[k]) for k in ("improved", "worsened", "no_change", "insufficient", "neutral")}
        notes = [str(x) for x in gs["explanation"].fillna("") if x]
        deck.goals.append(
            GoalSlide(
                goal_id=gid,
                title=str(goal_rows.loc[gid, "title"]),
                theme=str(goal_rows.loc[gid, "theme"] or ""),
                status=status,
                status_label=t(f"v.code.{status}", lang),
                counts=counts,
                positives=pos[:SLIDE_POINTS],
                negatives=neg[:SLIDE_POINTS],
                charts=charts,
                notes=notes,
                indicator_ids=list(chosen),
                is_demo=bool(gs["is_demo"].fillna(False).astype(bool).any()),
                targets=targets.get(gid, []),
            )
        )
        shown += chosen
    charts = [c for g in deck.goals for c in g.charts]
    deck.map = map_slide(con, region_code, county_code, charts, chosen_def.get("map_indicator"), lang)
    deck.gaps = _gaps(v, lang)
    deck.gap_chart = _gap_chart(deck.gaps, lang)
    shown += [g.indicator_id for g in deck.gaps] + ([deck.map.indicator_id] if deck.map else [])
    deck.sources = _sources(con, list(dict.fromkeys(shown)), compare, lang)
    return deck


def _point(row: pd.Series) -> Point:
    return Point(
        indicator_id=str(row["indicator_id"]),
        verdict=str(row["verdict"]),
        text=str(row.get("explanation") or ""),
        strength=float(row["_strength"]),
        is_demo=bool(row.get("is_demo") or False),
    )


def _goal_charts(
    con: duckdb.DuckDBPyConnection,
    gs: pd.DataFrame,
    pos: list[Point],
    neg: list[Point],
    chosen: list[str],
    compare: list[str],
    regions: pd.DataFrame,
    lang: str,
) -> list[Chart]:
    """First negative, first positive, then the other developments, then the first chosen indicators with data —
    at most MAX_CHARTS."""
    picks: list[pd.Series] = []
    rows_with_data = gs[gs["latest_value"].notna()] if "latest_value" in gs else gs.iloc[0:0]
    candidates = [p.indicator_id for p in neg[:1] + pos[:1] + neg[1:] + pos[1:]] + list(chosen)
    for ind in candidates:
        if len(picks) >= MAX_CHARTS or any(p["indicator_id"] == ind for p in picks):
            continue
        rows = rows_with_data[rows_with_data["indicator_id"] == ind]
        if not rows.empty:
            picks.append(rows.iloc[0])
    return [c for c in (chart_for(con, row, compare, regions, lang) for row in picks) if c is not None]


def chart_for(
    con: duckdb.DuckDBPyConnection, row: pd.Series, compare: list[str], regions: pd.DataFrame, lang: str
) -> Chart | None:
    """Line chart of one verdict series: the municipality, its county and the whole country (same sex, group)."""
    from tutka.verdicts.text import series_name

    sex, grp = str(row["sex"] or "total"), str(row["grp"] or "")
    data = _run(con, "present_chart_series", indicator=row["indicator_id"], regions=compare, sexes=[sex], grp=grp)
    if data.empty:
        return None
    years = sorted(int(y) for y in data["year"].unique())
    data["_o"] = data["region_type"].map(REGION_ORDER).fillna(9)
    data["is_demo"] = data["is_demo"].fillna(False).astype(bool)
    out = []
    for _code, part in sorted(data.groupby("region_code"), key=lambda kv: kv[1]["_o"].iloc[0]):
        by_year = dict(zip(part["year"].astype(int), part["value"], strict=False))
        demo_year = dict(zip(part["year"].astype(int), part["is_demo"], strict=False))
        out.append(
            ChartSeries(
                name=_name(part.iloc[0], lang),
                values=[_num(by_year.get(y)) for y in years],
                region_type=str(part["region_type"].iloc[0]),
                demo=[bool(demo_year.get(y, False)) for y in years],
            )
        )
    title = series_name(str(row.get("title") or row["indicator_id"]), sex, grp, lang)
    breaks = data["series_breaks"].iloc[0]
    return Chart(
        indicator_id=str(row["indicator_id"]),
        title=title,
        unit=unit_label(row.get("short_unit") or "", lang),
        decimals=int(row.get("decimals") or 0),
        categories=[str(y) for y in years],
        series=out,
        is_demo=bool(data["is_demo"].any()),
        source="; ".join(source_label(x, lang) for x in unique_sources(data.loc[~data["is_demo"], "source"])),
        sex=sex,
        grp=grp,
        series_breaks=sorted(int(b) for b in (breaks if breaks is not None else [])),
        updated=None if data["updated_at"].isna().all() else pd.Timestamp(data["updated_at"].max()).to_pydatetime(),
    )


def map_slide(
    con: duckdb.DuckDBPyConnection,
    region_code: str,
    county_code: str | None,
    charts: list[Chart],
    chosen: str | None,
    lang: str,
) -> MapSlide | None:
    """The county's municipalities coloured by one indicator: `chosen` (the deck definition's "map_indicator") or the
    first goal chart's indicator, with that chart's sex and group. None without a county or municipal values."""
    if not county_code:
        return None
    frame = pd.DataFrame()
    base: Chart | None = None
    grp = ""
    if chosen is not None:
        base = next((c for c in charts if c.kind == "line" and c.indicator_id == chosen), None)
        if base is None:  # an indicator without a chart in the deck: its default group, both sexes together
            groups = _run(con, "indicator_breakdowns", indicator=chosen, regions=[region_code])
            grps = set(groups["grp"]) if len(groups) else {""}
            grp = DEFAULT_SCHOOL_LEVEL if DEFAULT_SCHOOL_LEVEL in grps else sorted(grps)[0]
            frame = _run(con, "map_values", indicator=chosen, region=county_code, sex="total", grp=grp)
        else:
            frame = _run(con, "map_values", indicator=chosen, region=county_code, sex=base.sex, grp=base.grp)
    else:  # the first goal chart that most municipalities have a value for; counts (not comparable) last
        count = unit_label("lkm", lang)
        for c in sorted((c for c in charts if c.kind == "line"), key=lambda c: c.unit == count):
            f = _run(con, "map_values", indicator=c.indicator_id, region=county_code, sex=c.sex, grp=c.grp)
            if len(f) and f["value"].notna().mean() >= 0.5:
                base, frame = c, f
                break
    if frame.empty or frame["value"].isna().all():
        return None
    indicator = base.indicator_id if base else str(chosen)
    sex, grp = (base.sex, base.grp) if base else ("total", grp)
    meta = _run(con, "present_sources", indicators=[indicator], regions=list(frame["region_code"]))
    m = meta.iloc[0] if len(meta) else pd.Series(dtype="object")
    from tutka.verdicts.text import series_name

    title = (
        base.title
        if base
        else series_name(str(m.get(f"title_{lang}") or m.get("title_fi") or indicator), sex, grp, lang)
    )
    areas = [
        MapArea(
            official_code=str(r["official_code"]),
            name=_name(r, lang),
            value=_num(r["value"]),
            year=None if is_missing(r["year"]) else int(r["year"]),
            is_demo=bool(r["is_demo"]),
        )
        for r in frame.to_dict("records")
    ]
    home = frame.loc[frame["region_code"] == region_code, "official_code"]
    return MapSlide(
        indicator_id=str(indicator),
        title=title,
        unit=base.unit if base else unit_label(m.get("short_unit") or "", lang),
        decimals=base.decimals if base else int(m.get("decimals") or 0),
        areas=areas,
        highlight=str(home.iloc[0]) if len(home) else "",
        source=str(m.get(f"source_{lang}") or m.get("source_fi") or m.get("source_org") or ""),
        licence=licence_label(m.get("licence") or "", lang),
    )


def _gaps(v: pd.DataFrame, lang: str) -> list[GapRow]:
    """The largest sex gaps of the municipality: widened gaps first, then by size."""
    from tutka.verdicts.text import label, series_name, short_name

    f = v[(v["sex"] == "female") & v["gap_latest"].notna()].copy()
    if f.empty:
        return []
    m = v[v["sex"] == "male"].set_index(["indicator_id", "grp"])["latest_value"]
    f["_male"] = [m.get((i, g)) for i, g in zip(f["indicator_id"], f["grp"], strict=False)]
    f["_abs"] = f["gap_latest"].abs()
    f["_w"] = (f["gap_trend"] == "widened").astype(int)
    f = f.sort_values(["_w", "_abs"], ascending=False).head(MAX_GAPS)
    out = []
    for _, r in f.iterrows():
        dec, unit = int(r["decimals"] or 0), unit_label(r["short_unit"] or "", lang)
        diff_unit = t("v.unit.pp", lang) if unit == "%" else unit
        name = series_name(str(r["title"]), "total", str(r["grp"] or ""), lang)
        young = "young" if r["grp"] else "adult"
        trend = label(str(r["gap_trend"]), lang) if r["gap_trend"] not in ("", "insufficient") else ""
        text = t(
            "present.gap_sentence",
            lang,
            name=name,
            female=t(f"v.sex.female.{young}", lang),
            female_value=fmt_value(r["latest_value"], dec, unit, lang),
            male=t(f"v.sex.male.{young}", lang),
            male_value=fmt_value(r["_male"], dec, unit, lang),
            year=int(r["latest_year"]),
            gap=fmt_signed(r["gap_latest"], dec, lang) + ("\u00a0" + diff_unit if diff_unit else ""),
        )
        if trend and not is_missing(r["gap_previous_year"]):
            prev = fmt_signed(r["gap_previous"], dec, lang) + ("\u00a0" + diff_unit if diff_unit else "")
            text += t("present.gap_trend", lang, trend=trend, previous=prev, year=int(r["gap_previous_year"]))
        text += "."
        out.append(
            GapRow(
                indicator_id=str(r["indicator_id"]),
                name=name,
                unit=unit,
                decimals=dec,
                year=int(r["latest_year"]) if not is_missing(r["latest_year"]) else None,
                female=_num(r["latest_value"]),
                male=_num(r["_male"]),
                gap=_num(r["gap_latest"]),
                gap_previous=_num(r["gap_previous"]),
                gap_trend=str(r["gap_trend"] or ""),
                grp=str(r["grp"] or ""),
                worse_sex=str(r["gap_worse_sex"] or ""),
                text=text,
                is_demo=bool(r.get("is_demo") or False),
                label=series_name(
                    short_name(str(r["indicator_id"]), str(r["title"]), lang), "total", str(r["grp"] or ""), lang
                ),
            )
        )
    return out


def _gap_chart(gaps: list[GapRow], lang: str) -> Chart | None:
    """Clustered bars female vs male for the percentage gaps (one unit per chart, so bars are comparable)."""
    rows = [g for g in gaps if g.unit == "%" and g.female is not None and g.male is not None][:5]
    if not rows:
        return None
    young = any(is_pupil_group(g.grp) for g in rows)
    fem = t(f"v.sex.female.{'young' if young else 'adult'}", lang).capitalize()
    mal = t(f"v.sex.male.{'young' if young else 'adult'}", lang).capitalize()
    return Chart(
        indicator_id="",
        title=t("present.gap_chart_title", lang),
        unit="%",
        decimals=rows[0].decimals,
        categories=[(g.label or g.name)[:1].upper() + (g.label or g.name)[1:] for g in rows],
        kind="bar",
        is_demo=any(g.is_demo for g in rows),
        series=[ChartSeries(fem, [g.female for g in rows], "sex"), ChartSeries(mal, [g.male for g in rows], "sex")],
    )


def _sources(
    con: duckdb.DuckDBPyConnection, indicator_ids: list[str], regions: list[str], lang: str
) -> list[SourceRow]:
    if not indicator_ids:
        return []
    frame = _run(con, "present_sources", indicators=indicator_ids, regions=regions)
    out = []
    for _, r in frame.iterrows():
        src = str(r.get(f"source_{lang}") or r["source_fi"] or r["source_org"] or "")
        extra = "; ".join(source_label(x, lang) for x in unique_sources([r["value_sources"]]))
        out.append(
            SourceRow(
                indicator_id=str(r["indicator_id"]),
                title=str(r.get(f"title_{lang}") or r["title_fi"]),
                source=src or extra,
                licence=licence_label(r["licence"] or "", lang),
                is_demo=bool(r["has_demo"]),
                last_year=None if is_missing(r["last_year"]) else int(r["last_year"]),
                detail="; ".join(d for d in extra.split("; ") if d and d not in src) if extra else "",
            )
        )
    return out
