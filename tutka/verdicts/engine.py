"""The vectorised verdict computation: one pass over every (indicator, region, sex, group) series at once.

Pure functions over pandas DataFrames; no database, no Streamlit, no per-series Python loop. The public entry is
`tutka.verdicts.compute_verdicts`, which adds the Finnish explanations. The rules are described in
docs/verdicts.md and their thresholds live in data/verdict_rules.yaml.

Steps (each one a groupby/merge over all series):
1. attach indicator metadata (kind, polarity, decimals) and the series segment (number of series breaks <= year);
2. mark usable rows (value present, enough respondents) and find each series' latest row;
3. survey: latest usable round vs the previous usable round of the same segment, pp thresholds / CI overlap;
4. register + activity: OLS slope t-test over the latest `trend_points` points, or relative change of the last two;
5. polarity -> improved / worsened (neutral: increased / decreased);
6. benchmarks (county, country) and the sex gap.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from tutka.domain import COUNTRY_CODE, POLARITY_SIGN

KEYS = ["indicator_id", "region_code", "sex", "grp"]
EPS = 1e-9  # float tolerance for "at least N": 9.1 - 7.1 must count as 2.0 pp

VERDICTS = ("improved", "worsened", "no_change", "insufficient", "increased", "decreased")
COMPARISONS = ("better", "same", "worse")
GAP_TRENDS = ("narrowed", "widened", "stable", "insufficient")


# ---------------------------------------------------------------------------------------------------------- t-test
def t_two_sided_p(t: np.ndarray, df: int) -> np.ndarray:
    """Two-sided p-value of Student's t with integer df (Abramowitz & Stegun 26.7.3-4), vectorised, no scipy."""
    t = np.abs(np.asarray(t, dtype="float64"))
    theta = np.arctan(t / math.sqrt(df))
    s, c = np.sin(theta), np.cos(theta)
    if df % 2 == 1:
        acc, term = np.zeros_like(t), c.copy()
        if df > 1:
            acc = term.copy()
            for k in range(3, df - 1, 2):  # coefficients 2/3, 2*4/(3*5), ...
                term = term * c * c * (k - 1) / k
                acc = acc + term
        a = (2 / math.pi) * (theta + s * acc)
    else:
        acc, term = np.ones_like(t), np.ones_like(t)
        for k in range(2, df - 1, 2):  # coefficients 1/2, 1*3/(2*4), ...
            term = term * c * c * (k - 1) / k
            acc = acc + term
        a = s * acc
    p = 1.0 - a
    return np.where(np.isinf(t), 0.0, np.clip(p, 0.0, 1.0))


# ------------------------------------------------------------------------------------------------------- helpers
def indicator_meta(indicators: pd.DataFrame) -> pd.DataFrame:
    """The catalogue columns the engine needs, with defaults for indicators created by uploads."""
    meta = pd.DataFrame({"indicator_id": indicators["indicator_id"].astype(str)})
    meta["kind"] = indicators.get("kind", pd.Series("register", index=indicators.index)).fillna("register").values
    meta["polarity"] = indicators.get("polarity", pd.Series("neutral", index=indicators.index)).fillna("neutral").values
    dec = indicators["decimals"] if "decimals" in indicators else pd.Series(1, index=indicators.index)
    meta["decimals"] = pd.to_numeric(dec, errors="coerce").fillna(1).astype("int64").values
    unit = indicators["short_unit"] if "short_unit" in indicators else pd.Series("", index=indicators.index)
    meta["short_unit"] = unit.fillna("").astype(str).values
    breaks = indicators["series_breaks"] if "series_breaks" in indicators else pd.Series([None] * len(indicators))
    meta["series_breaks"] = [list(b) if b is not None and not (isinstance(b, float)) else [] for b in breaks]
    return meta.drop_duplicates("indicator_id")


def _segments(v: pd.DataFrame, meta: pd.DataFrame) -> pd.Series:
    """Segment number of each row: how many of the indicator's series breaks are <= its year."""
    br = meta[["indicator_id", "series_breaks"]].explode("series_breaks").dropna()
    if br.empty:
        return pd.Series(0, index=v.index, dtype="int64")
    br = br.rename(columns={"series_breaks": "brk"}).astype({"brk": "int64"})
    iy = v[["indicator_id", "year"]].drop_duplicates()
    m = iy.merge(br, on="indicator_id")
    m = m[m["brk"] <= m["year"]].groupby(["indicator_id", "year"]).size().rename("segment").reset_index()
    seg = v[["indicator_id", "year"]].merge(m, on=["indicator_id", "year"], how="left")["segment"]
    return pd.Series(seg.fillna(0).astype("int64").values, index=v.index)


def _prep(values: pd.DataFrame, meta: pd.DataFrame, rules: dict) -> pd.DataFrame:
    cols = ["indicator_id", "region_code", "year", "sex", "grp", "value", "respondents", "ci_low", "ci_high", "is_demo"]
    v = values.rename(columns={"group": "grp"}).copy()
    for c in cols:
        if c not in v:
            v[c] = np.nan if c not in ("is_demo", "grp") else (False if c == "is_demo" else "")
    v = v[cols]
    v["grp"] = v["grp"].fillna("").astype(str)
    v["sex"] = v["sex"].fillna("total").astype(str)
    v["year"] = pd.to_numeric(v["year"]).astype("int64")
    for c in ("value", "respondents", "ci_low", "ci_high"):
        v[c] = pd.to_numeric(v[c], errors="coerce").astype("float64")
    v["is_demo"] = v["is_demo"].fillna(False).astype(bool)
    v = v.merge(meta[["indicator_id", "kind", "polarity", "decimals"]], on="indicator_id", how="inner")
    v["segment"] = _segments(v, meta).values
    min_resp = float(rules["survey"]["min_respondents"])
    v["low_resp"] = (v["kind"] == "survey") & (v["respondents"] < min_resp)
    v["usable"] = v["value"].notna() & ~v["low_resp"]
    return v.sort_values(KEYS + ["year"], kind="stable").reset_index(drop=True)


# ------------------------------------------------------------------------------------------------------ the pass
def compute_core(values: pd.DataFrame, indicators: pd.DataFrame, membership: pd.DataFrame, rules: dict) -> pd.DataFrame:
    """Verdict columns for every series (no explanation texts). See the module docstring for the steps."""
    meta = indicator_meta(indicators)
    v = _prep(values, meta, rules)
    sr, rr = rules["survey"], rules["register"]

    # the latest row of each series (whatever its value) and its segment
    last = v.groupby(KEYS, sort=False).tail(1)
    out = last[
        KEYS
        + ["kind", "polarity", "decimals", "year", "value", "respondents", "ci_low", "ci_high", "segment", "low_resp"]
    ].rename(
        columns={
            "year": "latest_year",
            "value": "latest_value",
            "respondents": "latest_respondents",
            "ci_low": "latest_ci_low",
            "ci_high": "latest_ci_high",
            "segment": "last_segment",
        }
    )
    out = out.merge(meta[["indicator_id", "short_unit"]], on="indicator_id", how="left")
    out = out.set_index(KEYS)

    # usable rows of the latest segment, ranked from the newest (0) backwards
    u = v[v["usable"]].merge(out["last_segment"].reset_index(), on=KEYS)
    u = u[u["segment"] == u["last_segment"]]
    u = u.assign(rank=u.groupby(KEYS, sort=False).cumcount(ascending=False))
    n_points = u.groupby(KEYS, sort=False).size()
    out["n_points"] = n_points.reindex(out.index).fillna(0).astype("int64")
    r0 = u[u["rank"] == 0].set_index(KEYS)
    r1 = u[u["rank"] == 1].set_index(KEYS)
    latest_ok = r0["year"].reindex(out.index).eq(out["latest_year"]) & out["latest_value"].notna()
    out["is_demo"] = u.groupby(KEYS, sort=False)["is_demo"].any().reindex(out.index).fillna(False).astype(bool)
    is_survey = out["kind"].eq("survey")

    # ---- previous point (survey: previous round; register short series: previous point)
    out["previous_year"] = r1["year"].reindex(out.index)
    out["previous_value"] = r1["value"].reindex(out.index)
    prev_resp = r1["respondents"].reindex(out.index)
    dec = out["decimals"].to_numpy()
    scale = 10.0**dec
    lat_r = np.round(out["latest_value"].to_numpy() * scale) / scale
    prev_r = np.round(out["previous_value"].to_numpy() * scale) / scale
    out["change"] = lat_r - prev_r

    # survey thresholds: small when either round has fewer than small_respondents
    min_r = np.fmin(out["latest_respondents"].to_numpy(), prev_resp.to_numpy())
    unknown_small = str(sr.get("unknown_respondents", "large")) == "small"
    small = np.where(np.isnan(min_r), unknown_small, min_r < float(sr["small_respondents"]))
    pp_thr = np.where(small, float(sr["change_pp_small"]), float(sr["change_pp"]))
    sig_pp = np.abs(out["change"].to_numpy()) >= pp_thr - EPS
    ci = np.zeros(len(out), dtype=bool)
    if sr.get("use_confidence_intervals", True):
        l_lo, l_hi = r0["ci_low"].reindex(out.index).to_numpy(), r0["ci_high"].reindex(out.index).to_numpy()
        p_lo, p_hi = r1["ci_low"].reindex(out.index).to_numpy(), r1["ci_high"].reindex(out.index).to_numpy()
        with np.errstate(invalid="ignore"):
            ci = (l_lo > p_hi) | (l_hi < p_lo)  # NaN comparisons are False
    out["ci_separate"] = ci

    # register short series: relative change of the last two points
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = (out["latest_value"].to_numpy() - out["previous_value"].to_numpy()) / np.abs(
            out["previous_value"].to_numpy()
        )
    rel = np.where(out["previous_value"].to_numpy() == 0, np.where(out["change"].to_numpy() == 0, 0.0, np.inf), rel)
    rel = np.where(out["change"].to_numpy() == 0, 0.0, rel)  # equal at the displayed precision
    out["change_rel"] = rel
    sig_rel = np.abs(rel) >= float(rr["relative_change"]) - EPS

    # register long series: OLS slope t-test over the latest k points
    k = int(rr["trend_points"])
    w = u[u["rank"] < k]
    w = w[w.groupby(KEYS, sort=False)["year"].transform("size") >= k]
    trend = _ols(w, k)
    out = out.join(trend)
    first = w[w["rank"] == k - 1].set_index(KEYS)
    has_trend = out["slope"].notna().to_numpy()
    sig_trend = (out["p_value"].to_numpy() < float(rr["alpha"])) & (out["slope"].to_numpy() != 0)

    # ---- choose the rule per series
    n = out["n_points"].to_numpy()
    latest_missing = ~latest_ok.to_numpy()
    low_resp_latest = out["low_resp"].to_numpy() & out["latest_value"].notna().to_numpy()
    surv = is_survey.to_numpy()
    why_not = np.select(
        [latest_missing & low_resp_latest, latest_missing, n < 2],
        ["insufficient_respondents", "insufficient_missing", "insufficient_single"],
        default="",
    )
    insufficient = why_not != ""
    survey_rule = np.where(sig_pp | ~ci, np.where(small, "survey_change_small", "survey_change"), "survey_ci")
    register_rule = np.where(has_trend, "register_trend", "register_relative")
    out["rule"] = np.where(insufficient, why_not, np.where(surv, survey_rule, register_rule))
    significant = ~insufficient & np.where(surv, sig_pp | ci, np.where(has_trend, sig_trend, sig_rel))
    out["threshold"] = np.where(
        insufficient,
        np.nan,
        np.where(surv, pp_thr, np.where(has_trend, float(rr["alpha"]), float(rr["relative_change"]))),
    )

    # long register series report the trend window: previous = the window's first point
    trend_rows = ~surv & has_trend & ~latest_missing
    out.loc[trend_rows, "previous_year"] = first["year"].reindex(out.index)[trend_rows]
    out.loc[trend_rows, "previous_value"] = first["value"].reindex(out.index)[trend_rows]
    pv = out["previous_value"].to_numpy()
    out["change"] = lat_r - np.round(pv * scale) / scale
    with np.errstate(divide="ignore", invalid="ignore"):
        out.loc[trend_rows, "change_rel"] = (
            (out["latest_value"] - out["previous_value"]) / out["previous_value"].abs()
        )[trend_rows]

    # ---- direction and polarity
    direction = np.where(
        has_trend & ~surv, np.sign(out["slope"].fillna(0).to_numpy()), np.sign(out["change"].fillna(0).to_numpy())
    )
    direction = np.where(significant, direction, 0).astype("int64")
    pol = out["polarity"].map(POLARITY_SIGN).fillna(0).to_numpy()
    good = direction * pol
    neutral = pol == 0
    out["direction"] = np.where(insufficient, 0, direction)
    out["verdict"] = np.select(
        [insufficient, neutral & (direction > 0), neutral & (direction < 0), good > 0, good < 0],
        ["insufficient", "increased", "decreased", "improved", "worsened"],
        default="no_change",
    )
    # strength: how many times the threshold the change is (for "largest changes"); trend: relative change
    with np.errstate(divide="ignore", invalid="ignore"):
        strength = np.where(
            surv,
            np.abs(out["change"].to_numpy()) / pp_thr,
            np.abs(out["change_rel"].to_numpy()) / float(rr["relative_change"]),
        )
    out["strength"] = np.where(insufficient, np.nan, strength)
    out.loc[insufficient & latest_missing, ["previous_year", "previous_value", "change", "change_rel"]] = np.nan
    out.loc[surv, ["slope", "p_value"]] = np.nan
    out = out.drop(columns=["last_segment", "low_resp"]).reset_index()
    out = _benchmarks(out, v, membership, rules)
    return _gaps(out, rules)


def _ols(w: pd.DataFrame, k: int) -> pd.DataFrame:
    """Slope, its t statistic and two-sided p-value per series over the window rows (exactly k points each)."""
    if w.empty:
        return pd.DataFrame(columns=["slope", "p_value"], index=pd.MultiIndex.from_tuples([], names=KEYS), dtype=float)
    g = w.groupby(KEYS, sort=False)
    x = w["year"].astype("float64") - g["year"].transform("mean")
    y = w["value"] - g["value"].transform("mean")
    s = pd.DataFrame({"sxx": x * x, "sxy": x * y, "syy": y * y}).groupby([w[c] for c in KEYS], sort=False).sum()
    slope = s["sxy"] / s["sxx"]
    sse = (s["syy"] - slope * s["sxy"]).clip(lower=0)
    se = np.sqrt(sse / (k - 2) / s["sxx"])
    with np.errstate(divide="ignore", invalid="ignore"):
        tstat = np.where(
            se.to_numpy() > 1e-12,
            slope.to_numpy() / se.to_numpy(),
            np.where(np.abs(slope.to_numpy()) > 1e-12, np.inf, 0.0),
        )
    p = t_two_sided_p(tstat, k - 2)
    return pd.DataFrame({"slope": slope.to_numpy(), "p_value": p}, index=s.index)


# ---------------------------------------------------------------------------------------------------- benchmarks
def _benchmarks(out: pd.DataFrame, v: pd.DataFrame, membership: pd.DataFrame, rules: dict) -> pd.DataFrame:
    """county_* and country_* columns: the benchmark's value in the same year and better / same / worse."""
    br, sr = rules["benchmark"], rules["survey"]
    mem = membership[membership["parent_type"] == "hyvinvointialue"]
    if "valid_to" in mem:
        mem = mem[mem["valid_to"].isna()]
    county = mem.drop_duplicates("region_code").set_index("region_code")["parent_code"]
    out["county_code"] = out["region_code"].map(county)
    out["country_code"] = out["region_code"].map(lambda c: None if c == COUNTRY_CODE else COUNTRY_CODE)
    ref = v[["indicator_id", "region_code", "year", "sex", "grp", "value", "ci_low", "ci_high", "is_demo"]]
    comparable = (
        ~out["kind"].isin(br.get("skip_kinds", []))
        & ~out["polarity"].eq("neutral")
        & ~out["short_unit"].isin(br.get("skip_units", []))
    )
    for name in ("county", "country"):
        r = ref.rename(
            columns={
                "region_code": f"{name}_code",
                "year": "latest_year",
                "value": f"{name}_value",
                "ci_low": "_blo",
                "ci_high": "_bhi",
                "is_demo": f"{name}_is_demo",
            }
        )
        m = out[KEYS + [f"{name}_code", "latest_year"]].merge(
            r, on=["indicator_id", f"{name}_code", "latest_year", "sex", "grp"], how="left"
        )
        bval = m[f"{name}_value"].to_numpy()
        own = out["latest_value"].to_numpy()
        dec = out["decimals"].to_numpy()
        scale = 10.0**dec
        diff = np.round(own * scale) / scale - np.round(bval * scale) / scale
        resp = out["latest_respondents"].to_numpy()
        small = np.where(
            np.isnan(resp), str(sr.get("unknown_respondents")) == "small", resp < float(sr["small_respondents"])
        )
        thr_pp = np.where(small, float(sr["change_pp_small"]), float(br["survey_pp"]))
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.abs(diff) / np.abs(bval)
            ci = (m["_blo"].to_numpy() > out["latest_ci_high"].to_numpy()) | (
                m["_bhi"].to_numpy() < out["latest_ci_low"].to_numpy()
            )
        surv = out["kind"].eq("survey").to_numpy()
        differs = np.where(surv, (np.abs(diff) >= thr_pp - EPS) | ci, rel >= float(br["relative"]) - EPS)
        pol = out["polarity"].map(POLARITY_SIGN).fillna(0).to_numpy()
        good = np.sign(diff) * pol
        valid = comparable.to_numpy() & ~np.isnan(bval) & ~np.isnan(own)
        out[f"{name}_value"] = bval
        # a real series compared with a demo benchmark must say so (honest data)
        out[f"{name}_is_demo"] = m[f"{name}_is_demo"].fillna(False).astype(bool).to_numpy()
        out[f"{name}_verdict"] = np.select(
            [~valid, differs & (good > 0), differs & (good < 0)], ["", "better", "worse"], default="same"
        )
    return out


# ----------------------------------------------------------------------------------------------------------- gaps
def _gaps(out: pd.DataFrame, rules: dict) -> pd.DataFrame:
    """Sex gap female − male at the latest and the previous year of the female series; narrowed / widened."""
    gr, sr = rules["gap"], rules["survey"]
    tri = ["indicator_id", "region_code", "grp"]
    f = out[out["sex"] == "female"][
        tri + ["latest_year", "latest_value", "previous_year", "previous_value", "threshold", "kind", "polarity"]
    ]
    mcols = ["latest_year", "latest_value", "previous_year", "previous_value", "threshold"]
    m = out[out["sex"] == "male"][tri + mcols].rename(columns={c: "m_" + c for c in mcols})
    g = f.merge(m, on=tri, how="inner")
    if g.empty:
        for c in ("gap_latest", "gap_previous", "gap_year", "gap_previous_year"):
            out[c] = np.nan
        out["gap_trend"], out["gap_worse_sex"] = "", ""
        return out
    same_latest = g["latest_year"] == g["m_latest_year"]
    same_prev = g["previous_year"] == g["m_previous_year"]
    g["gap_latest"] = np.where(same_latest, g["latest_value"] - g["m_latest_value"], np.nan)
    g["gap_previous"] = np.where(same_latest & same_prev, g["previous_value"] - g["m_previous_value"], np.nan)
    g["gap_year"] = np.where(same_latest, g["latest_year"], np.nan)
    g["gap_previous_year"] = np.where(same_latest & same_prev, g["previous_year"], np.nan)
    d = g["gap_latest"].abs() - g["gap_previous"].abs()
    surv = g["kind"].eq("survey")
    base_pp = float(sr["change_pp"])
    pair_pp = np.maximum(g["threshold"].fillna(base_pp).to_numpy(), g["m_threshold"].fillna(base_pp).to_numpy())
    thr = np.where(
        surv,
        np.maximum(pair_pp, float(gr["survey_pp"])),
        np.maximum(g["gap_previous"].abs().to_numpy() * float(gr["relative"]), 1e-12),
    )
    g["gap_trend"] = np.select(
        [d.isna().to_numpy(), (d <= -thr + EPS).to_numpy(), (d >= thr - EPS).to_numpy()],
        ["insufficient", "narrowed", "widened"],
        default="stable",
    )
    pol = g["polarity"].map(POLARITY_SIGN).fillna(0)
    worse = np.sign(g["gap_latest"]) * pol  # > 0: female has the better value
    g["gap_worse_sex"] = np.select(
        [g["gap_latest"].isna() | (pol == 0) | (g["gap_latest"] == 0), worse > 0], ["", "male"], default="female"
    )
    keep = tri + ["gap_latest", "gap_previous", "gap_year", "gap_previous_year", "gap_trend", "gap_worse_sex"]
    out = out.merge(g[keep], on=tri, how="left")
    out["gap_trend"] = out["gap_trend"].fillna("")
    out["gap_worse_sex"] = out["gap_worse_sex"].fillna("")
    return out
