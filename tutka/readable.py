"""Tables for people, not for the database: names instead of codes, sexes in words, Finnish numbers as text.

Streamlit's grid shows floats with a decimal point and missing values as "None", so every table a user sees is
formatted here into text ("8,3", "1 500", "–")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tutka import domain as D
from tutka.fmt import fmt_date, fmt_number, fmt_year, period_text
from tutka.i18n import t
from tutka.tables import sex_label

SYSTEM_USERS = {"", "järjestelmä", "root"}


def user_label(name: object, lang: str | None = None) -> str:
    """The data/ loader and an unnamed server account are shown as 'the system' / 'app user', not as 'root'."""
    text = "" if name is None or (isinstance(name, float) and pd.isna(name)) else str(name).strip()
    if text == "järjestelmä":
        return t("history.user_system", lang)
    if text in SYSTEM_USERS:
        return t("history.user_app", lang)
    return text


def sex_words(sex: str, grp: str, lang: str | None = None) -> str:
    return sex_label(sex, bool(grp), lang)


def imports_table(imports: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per import with localised headers, dates and numbers."""
    num = lambda v: fmt_number(v, 0, lang=lang)  # noqa: E731
    out = pd.DataFrame(
        {
            t("history.col_id", lang): imports["import_id"].map(str),
            t("history.col_created", lang): imports["created_at"].map(
                lambda d: fmt_date(d.to_pydatetime(), with_time=True, lang=lang)
            ),
            t("history.col_user", lang): imports["user_name"].map(lambda u: user_label(u, lang)),
            t("history.col_file", lang): imports["file_name"].fillna("–"),
            t("history.col_hash", lang): imports["file_hash"].fillna("").str[:12],
            t("history.col_kind", lang): imports["kind"].map(lambda k: t(f"history.kind_{k}", lang)),
            t("history.col_total", lang): imports["rows_total"].map(num),
            t("history.col_new", lang): imports["rows_new"].map(num),
            t("history.col_changed", lang): imports["rows_changed"].map(num),
            t("history.col_unchanged", lang): imports["rows_unchanged"].map(num),
            t("history.col_status", lang): imports["status"].map(lambda s: t(f"history.status_{s}", lang)),
        }
    )
    return out.reset_index(drop=True)


def changes_table(
    changes: pd.DataFrame, titles: dict[str, str], names: dict[str, str], decimals: dict[str, int], lang: str
) -> pd.DataFrame:
    """What one import changed: indicator and municipality names, sex in words, old → new value as text."""

    def value(v: object, ind: str) -> str:
        return fmt_number(v, decimals.get(ind, 1), lang=lang)

    out = pd.DataFrame(
        {
            t("upload.col_indicator", lang): changes["indicator_id"].map(lambda i: titles.get(i, i)),
            t("upload.col_region", lang): changes["region_code"].map(lambda c: names.get(c, c)),
            t("upload.col_year", lang): changes["year"].map(fmt_year),
            t("upload.col_sex", lang): [
                sex_words(s, g, lang) for s, g in zip(changes["sex"], changes["grp"], strict=False)
            ],
            t("upload.col_group", lang): changes["grp"].map(lambda g: g or "–"),
            t("history.col_before", lang): [
                value(v, i) if had else t("history.no_value", lang)
                for v, i, had in zip(changes["old_value"], changes["indicator_id"], changes["had_old"], strict=False)
            ],
            t("history.col_after", lang): [
                value(v, i) if pd.notna(v) else t("history.replaced", lang)
                for v, i in zip(changes["new_value"], changes["indicator_id"], strict=False)
            ],
        }
    )
    return out.reset_index(drop=True)


def comparison_table(
    series: pd.DataFrame, names: dict[str, str], youth: bool, decimals: int, lang: str
) -> pd.DataFrame:
    """Indikaattorit table view: one row per year, one column per region (and sex when several are chosen)."""
    frame = series.copy()
    several_sexes = frame["sex"].nunique() > 1
    order = list(dict.fromkeys(frame["region_code"]))
    frame["col"] = frame["region_code"].map(lambda c: names.get(c, c))
    if several_sexes:
        frame["col"] = frame["col"] + ", " + frame["sex"].map(lambda s: sex_label(s, youth, lang).lower())
    cols = list(dict.fromkeys(frame.sort_values("region_code", key=lambda s: s.map(order.index))["col"]))
    wide = frame.pivot_table(index="year", columns="col", values="value", aggfunc="first").reindex(columns=cols)
    wide = wide.sort_index(ascending=False)
    out = wide.apply(lambda col: col.map(lambda v: fmt_number(v, decimals, lang=lang)))
    out.insert(0, t("col.year", lang), [fmt_year(y) for y in wide.index])
    demo_years = set(frame.loc[frame["is_demo"].astype(bool), "year"])
    if demo_years:
        out[t("col.demo", lang)] = [t("demo.yes", lang) if y in demo_years else t("demo.no", lang) for y in wide.index]
    out.columns.name = None
    return out.reset_index(drop=True)


def _minus(number: str) -> str:
    return "\u2212" + number[1:] if number.startswith("-") else number  # the true minus sign


def verdict_matrix(rows: pd.DataFrame, columns: list[str], order: list[str], lang: str) -> dict[str, pd.DataFrame]:
    """Vertailu: one row per series (`row`), one column per municipality (`col`, in `columns` order). Returns
    {"value": latest values as numbers (the table sorts by them), "text": what a cell shows ('▲ 9,1', '–'),
    "verdict": the verdict code of each cell ('' when none)}."""

    at_row = {r: i for i, r in enumerate(order)}
    at_col = {c: j for j, c in enumerate(columns)}
    vals = np.full((len(order), len(columns)), np.nan)
    codes = np.full((len(order), len(columns)), "", dtype=object)
    decs = np.zeros(len(order), dtype=int)
    has_value, has_code, has_dec = set(), set(), set()
    # one pass over the rows (pandas' pivot_table took ~8 ms per field): the first non-empty value, verdict and
    # number of decimals of each cell or row, as pivot_table(aggfunc="first") and groupby().first() gave
    for r, c, value, code, dec in zip(
        rows["row"], rows["col"], rows["latest_value"], rows["verdict"], rows["decimals"], strict=True
    ):
        i = at_row.get(r)
        if i is None:
            continue
        if i not in has_dec and not pd.isna(dec):
            decs[i] = int(dec)
            has_dec.add(i)
        j = at_col.get(c)
        if j is None:
            continue
        if (i, j) not in has_value and not pd.isna(value):
            vals[i, j] = float(value)
            has_value.add((i, j))
        if (i, j) not in has_code and not pd.isna(code):
            codes[i, j] = str(code)
            has_code.add((i, j))
    index = pd.Index(order, name="row")
    cols = pd.Index(columns, name="col")
    text = pd.DataFrame(
        [
            [
                "–"
                if np.isnan(vals[i, j])
                else f"{D.symbol(codes[i, j])} {_minus(fmt_number(vals[i, j], int(decs[i]), lang=lang))}".strip()
                for j in range(len(columns))
            ]
            for i in range(len(order))
        ],
        index=index,
        columns=cols,
    )
    return {
        "value": pd.DataFrame(vals, index=index, columns=cols),
        "text": text,
        "verdict": pd.DataFrame(codes, index=index, columns=cols).astype(str),
    }


def preview_status(status: str, old_is_demo: object, is_demo: object) -> str:
    """'changed' is split: a real value replacing a generated demo value is not a change in the statistics."""
    if status == "changed" and old_is_demo is True and not bool(is_demo):
        return "demo_to_real"
    return status


def preview_table(
    rows: pd.DataFrame, titles: dict[str, str], names: dict[str, str], decimals: dict[str, int], lang: str
) -> pd.DataFrame:
    """The import preview: status in words, names instead of codes, old → new as Finnish numbers."""
    old_demo = rows["old_is_demo"] if "old_is_demo" in rows else pd.Series([None] * len(rows), index=rows.index)
    new_demo = rows["is_demo"] if "is_demo" in rows else pd.Series([False] * len(rows), index=rows.index)
    status = [
        preview_status(s, (None if pd.isna(o) else bool(o)), n)
        for s, o, n in zip(rows["status"], old_demo, new_demo, strict=False)
    ]
    dec = [decimals.get(i, 2) for i in rows["indicator_id"]]
    return pd.DataFrame(
        {
            t("upload.col_status", lang): [t(f"upload.status_{s}", lang) for s in status],
            t("upload.col_indicator", lang): rows["indicator_id"].map(lambda i: titles.get(i, i)).tolist(),
            t("upload.col_region", lang): rows["region_code"].map(lambda c: names.get(c, c)).tolist(),
            t("upload.col_year", lang): period_text(rows),
            t("upload.col_sex", lang): [sex_words(s, g, lang) for s, g in zip(rows["sex"], rows["grp"], strict=False)],
            t("upload.col_group", lang): rows["grp"].map(lambda g: g or "–").tolist(),
            t("upload.col_old", lang): [
                fmt_number(v, d, lang=lang) for v, d in zip(rows["old_value"], dec, strict=False)
            ],
            t("upload.col_new", lang): [fmt_number(v, d, lang=lang) for v, d in zip(rows["value"], dec, strict=False)],
            t("upload.col_respondents", lang): rows["respondents"]
            .astype("float64")
            .map(lambda v: fmt_number(v, 0, lang=lang))
            .tolist(),
        }
    )
