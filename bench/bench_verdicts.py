"""Verdicts at national scale: the one-pass vectorised engine against a per-series Python loop (the baseline),
in the same run, on the same generated data (all 308 municipalities + counties + maakunnat + country).

Reports ratios, not absolute limits, and checks that both give the same verdict for every series.

    .venv/bin/python bench/bench_verdicts.py [--municipalities 308] [--loop-sample 0]
    (--loop-sample N times the loop on N random series only and extrapolates, for quick runs)
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tutka import DATA_DIR  # noqa: E402
from tutka.catalogue import catalogue_frame, load_catalogue  # noqa: E402
from tutka.demo import generate_national  # noqa: E402
from tutka.loader import region_frames  # noqa: E402
from tutka.verdicts import compute_verdicts, load_rules  # noqa: E402
from tutka.verdicts.engine import KEYS, t_two_sided_p  # noqa: E402


def one_series(rows: pd.DataFrame, meta: dict, rules: dict) -> str:
    """The same rules for one series, written the obvious way (the baseline)."""
    sr, rr = rules["survey"], rules["register"]
    rows = rows.sort_values("year")
    breaks = meta["series_breaks"]
    seg = rows["year"].map(lambda y: sum(1 for b in breaks if b <= y))
    last = rows.iloc[-1]
    survey = meta["kind"] == "survey"
    low = survey & (rows["respondents"] < sr["min_respondents"])
    usable = rows[rows["value"].notna() & ~low & (seg == seg.iloc[-1])]
    if usable.empty or usable["year"].iloc[-1] != last["year"] or len(usable) < 2:
        return "insufficient"
    scale = 10.0 ** meta["decimals"]
    lat, prev = usable.iloc[-1], usable.iloc[-2]
    change = round(lat["value"] * scale) / scale - round(prev["value"] * scale) / scale
    if survey:
        rmin = np.fmin(lat["respondents"], prev["respondents"])
        small = (sr["unknown_respondents"] == "small") if math.isnan(rmin) else rmin < sr["small_respondents"]
        thr = sr["change_pp_small"] if small else sr["change_pp"]
        ci = bool(lat["ci_low"] > prev["ci_high"] or lat["ci_high"] < prev["ci_low"])
        sig, direction = abs(change) >= thr - 1e-9 or ci, np.sign(change)
    elif len(usable) >= rr["trend_points"]:
        w = usable.iloc[-rr["trend_points"] :]
        x = w["year"].to_numpy(float) - w["year"].mean()
        y = w["value"].to_numpy(float) - w["value"].mean()
        slope = (x * y).sum() / (x * x).sum()
        sse = max((y * y).sum() - slope * (x * y).sum(), 0)
        se = math.sqrt(sse / (len(w) - 2) / (x * x).sum())
        tstat = slope / se if se > 1e-12 else (math.inf if abs(slope) > 1e-12 else 0.0)
        sig = t_two_sided_p(np.array([tstat]), len(w) - 2)[0] < rr["alpha"] and slope != 0
        direction = np.sign(slope)
    else:
        if prev["value"] == 0:
            rel = 0.0 if change == 0 else math.inf
        else:
            rel = 0.0 if change == 0 else (lat["value"] - prev["value"]) / abs(prev["value"])
        sig, direction = abs(rel) >= rr["relative_change"] - 1e-9, np.sign(change)
    pol = {"higher_is_better": 1, "lower_is_better": -1}.get(meta["polarity"], 0)
    if not sig or direction == 0:
        return "no_change"
    if pol == 0:
        return "increased" if direction > 0 else "decreased"
    return "improved" if direction * pol > 0 else "worsened"


def loop(values: pd.DataFrame, indicators: pd.DataFrame, rules: dict) -> pd.Series:
    meta = {
        r["indicator_id"]: {**r, "series_breaks": list(r["series_breaks"] or [])} for r in indicators.to_dict("records")
    }
    out = {}
    for key, rows in values.groupby(KEYS, sort=False):
        out[key] = one_series(rows, meta[key[0]], rules)
    series = pd.Series(out, name="loop")
    series.index = pd.MultiIndex.from_tuples(series.index, names=KEYS)
    return series


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--municipalities", type=int, default=308)
    ap.add_argument("--loop-sample", type=int, default=0, help="time the loop on N random series and extrapolate")
    args = ap.parse_args()

    rules = load_rules()
    t0 = time.perf_counter()
    values = generate_national(args.municipalities)
    values = values.rename(columns={"group": "grp"})
    values["grp"] = values["grp"].fillna("")
    for col in ("value", "respondents", "ci_low", "ci_high"):
        values[col] = pd.to_numeric(values[col], errors="coerce")
    values["year"] = values["year"].astype("int64")
    values["is_demo"] = True
    indicators = catalogue_frame(load_catalogue(DATA_DIR / "indicators.yaml"))
    _, membership = region_frames()
    n_series = values.groupby(KEYS).ngroups
    print(f"data: {len(values):,} rows, {n_series:,} series, generated in {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    core = compute_verdicts(values, indicators, membership, rules, explain_lang=None)
    t_core = time.perf_counter() - t0
    t0 = time.perf_counter()
    full = compute_verdicts(values, indicators, membership, rules, explain_lang="fi")
    t_full = time.perf_counter() - t0
    print(f"vectorised engine, one pass (verdicts + benchmarks + gaps): {t_core:.2f} s")
    print(f"  with the Finnish explanation sentences:                   {t_full:.2f} s")

    sample = values
    if args.loop_sample:
        keys = values[KEYS].drop_duplicates().sample(args.loop_sample, random_state=1)
        sample = values.merge(keys, on=KEYS)
    t0 = time.perf_counter()
    base = loop(sample, indicators, rules)
    t_loop = time.perf_counter() - t0
    looped = sample.groupby(KEYS).ngroups
    t_loop_all = t_loop * n_series / looped
    label = "" if looped == n_series else f" (measured on {looped:,} series, extrapolated)"
    print(f"per-series Python loop (verdicts only):                     {t_loop_all:.2f} s{label}")
    print(f"ratio loop / vectorised: {t_loop_all / t_core:.1f}x (with explanations {t_loop_all / t_full:.1f}x)")

    merged = core.set_index(KEYS)["verdict"].to_frame().join(base, how="inner")
    agree = (merged["verdict"] == merged["loop"]).mean()
    print(f"agreement on {len(merged):,} series: {agree:.4%}")
    if agree < 1:
        print(merged[merged["verdict"] != merged["loop"]].head(10))
    print("verdicts:", full["verdict"].value_counts().to_dict())


if __name__ == "__main__":
    main()
