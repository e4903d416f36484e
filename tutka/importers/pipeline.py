"""One upload end to end without writing anything: safety checks → read → layout → canonical rows → validation.

`analyse()` returns an `Analysis`; `commit.py` writes it (only when it has no errors) in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from tutka.importers import canon, jsonstat, layout, pcaxis, pxweb_json, readers, sotkanet, statfin_csv, validate
from tutka.importers.limits import MAX_DISTINCT_NAMES, num
from tutka.importers.mapping import IndicatorMatcher, Match, range_for_unit
from tutka.importers.normalise import as_text, via_uniques
from tutka.importers.problems import ERROR, WARNING, Problem, sort_key
from tutka.importers.regions import RegionLookup
from tutka.importers.safety import UnsafeFile, classify, sha256

if TYPE_CHECKING:  # the analysis child (tutka/importers/isolate.py) never loads duckdb
    import duckdb

COLUMNS = [
    "indicator_id",
    "region_code",
    "year",
    "month",
    "sex",
    "grp",
    "value",
    "respondents",
    "abs_value",
    "ci_low",
    "ci_high",
    "is_demo",
    "source",
]
TRUE = {"true", "1", "yes", "kyllä", "ja", "x", "demo"}
# cells-frame columns no check reads once the keys are canonical (period → year/month, the raw texts' positions)
SPENT_AFTER_KEYS = ["period", "_c_period", "_c_sex", "unit", "_c_unit", "_c_source", "_c_is_demo"]
SPENT_AFTER_KEYS += ["_indicator_alt", "_region_sotkanet"]


@dataclass
class ImportOptions:
    sheet: str | None = None
    replace_series: bool = False
    resolutions: dict[str, dict] = field(default_factory=dict)  # raw indicator name (or "*") → map/new/skip
    sotkanet_regions: dict[int, tuple[str, str]] | None = None  # Sotkanet `GET /regions` answer, parsed
    user_name: str = ""


@dataclass
class Reference:
    """What the importer needs from the database, read once: the region table and the indicator catalogue.
    Plain DataFrames, so an analysis can run in a child process (tutka/importers/isolate.py)."""

    regions: pd.DataFrame
    catalogue: pd.DataFrame
    ranges: pd.DataFrame | None = None  # stored value range per indicator (warns about an unlikely mapping)

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> Reference:
        from tutka import queries  # in the parent only: the child gets the Reference pickled

        catalogue = queries.run(con, "import_indicators")
        ids = sorted(catalogue["indicator_id"].astype(str))
        return cls(
            queries.run(con, "import_regions"), catalogue, queries.run(con, "import_indicator_ranges", indicators=ids)
        )


@dataclass
class Analysis:
    file_name: str
    file_hash: str
    data: bytes
    kind: str = ""
    ext: str = ""
    sheets: list[str] = field(default_factory=list)
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[Problem] = field(default_factory=list)
    matches: dict[str, Match] = field(default_factory=dict)
    new_indicators: list[dict] = field(default_factory=list)
    options: ImportOptions = field(default_factory=ImportOptions)
    source_urls: list[str] = field(default_factory=list)  # fetched from the statistics APIs (tutka/sources/)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.rows.empty

    def unknown_indicators(self) -> list[tuple[str, Match]]:
        return [(name, m) for name, m in self.matches.items() if m.how in ("unknown", "new", "skip", "mapped")]


def analyse(
    data: bytes, file_name: str, con: duckdb.DuckDBPyConnection | Reference, options: ImportOptions | None = None
) -> Analysis:
    """In this process. Untrusted uploads go through `isolate.analyse_isolated` (same result, in a child process
    with memory and time limits)."""
    options = options or ImportOptions()
    ref = con if isinstance(con, Reference) else Reference.load(con)
    file_name = Path(file_name).name
    result = Analysis(file_name=file_name, file_hash=sha256(data), data=data, options=options)
    probs = result.problems
    try:
        kind = classify(data, file_name)
        result.kind, result.ext = kind.kind, kind.ext
        if kind.kind == "csv" and pcaxis.is_pcaxis(data, file_name):
            result.kind, result.ext = "px", "px"
        cells = _cells(data, result.kind, file_name, ref, options, result)
    except UnsafeFile as exc:
        probs.append(Problem(exc.key, dict(exc.params), file=file_name))
        return result
    if cells is None or cells.empty:
        if not result.errors:
            probs.append(Problem("upload.err_no_rows", file=file_name))
        return result
    held = [cells]
    del cells  # _canonical holds the only reference: each frame it replaces (a 1 M-row upload) is freed as it goes
    result.rows = _canonical(held, file_name, ref, options, result)
    if result.rows.empty and not result.errors:
        probs.append(Problem("upload.err_no_rows", file=file_name))
    probs.sort(key=sort_key)
    return result


def _cells(data: bytes, kind: str, file_name: str, ref: Reference, options: ImportOptions, result: Analysis):
    probs = result.problems
    lookup = RegionLookup(ref.regions)
    if kind == "px":
        return pcaxis.frame(data, file_name, probs)
    if kind == "json":
        obj = readers.read_json(data)
        if isinstance(obj, list) and sotkanet.is_sotkanet_json(obj):
            return sotkanet.finish(sotkanet.frame_from_json(obj), lookup, options.sotkanet_regions, file_name, probs)
        if isinstance(obj, dict) and jsonstat.is_jsonstat(obj):
            return jsonstat.frame(obj, file_name, probs)
        if isinstance(obj, dict) and pxweb_json.is_pxweb_json(obj):
            return pxweb_json.frame(obj, file_name, probs)
        raise UnsafeFile("upload.err_region_table" if sotkanet.is_region_table(obj) else "upload.err_json_kind")
    tables = readers.read_xlsx(data, options.sheet) if kind == "xlsx" else [readers.read_csv(data)]
    frames = []
    for table in tables:
        if table.sheet is None and sotkanet.is_sotkanet_csv(table):
            frames.append(
                sotkanet.finish(sotkanet.frame_from_csv(table), lookup, options.sotkanet_regions, file_name, probs)
            )
            continue
        if statfin_csv.is_statfin_csv(table):
            frame = statfin_csv.frame(table, file_name, probs)
            if frame is not None:
                frames.append(frame)
            continue
        frame = layout.cells_frame(table, file_name, probs)
        if frame is None:
            if any(any(str(v).strip() for v in row) for row in table.rows):
                probs.append(
                    Problem(
                        "upload.warn_sheet_skipped" if len(tables) > 1 else "upload.err_no_header",
                        file=file_name,
                        sheet=table.sheet,
                        severity=WARNING if len(tables) > 1 else ERROR,
                    )
                )
            continue
        if not frame.empty:
            result.sheets.append(table.sheet or "")
            frames.append(frame)
    if not frames:
        if len(tables) > 1 and not result.errors:
            probs.append(Problem("upload.err_no_header", file=file_name))
        return None
    return pd.concat(frames, ignore_index=True)


def _canonical(
    held: list[pd.DataFrame], file_name: str, ref: Reference, options: ImportOptions, result: Analysis
) -> pd.DataFrame:
    df = held.pop()
    probs = result.problems
    for part in ("indicator", "region", "period", "sex", "grp", "source", "is_demo", "unit", "ci"):
        df[part] = as_text(df[part])
    catalogue = ref.catalogue
    if _too_many_names(df, file_name, probs):
        return pd.DataFrame()
    matcher = IndicatorMatcher(catalogue)
    new = _new_indicators(options, catalogue, df, file_name, probs)
    result.new_indicators = new
    for spec in new:
        matcher.ids.add(spec["indicator_id"])
    df["indicator_id"], grp_in_name, result.matches = canon.indicators(
        df, matcher, options.resolutions, file_name, probs
    )
    skipped = {n for n, m in result.matches.items() if m.how == "skip"}
    if skipped:
        df = df[df["indicator_id"].notna() | ~df["indicator"].isin(skipped)]
    lookup = RegionLookup(ref.regions)
    df["region_code"] = canon.regions(df, lookup, file_name, probs)
    df["year"], df["month"] = canon.periods(df, file_name, probs)
    df["sex"], skip = canon.sexes(df, file_name, probs)
    if skip.any():  # a boolean index copies every column, even when it keeps every row
        df = df[~skip]
    df["grp"] = canon.groups(df).where(lambda g: g != "", grp_in_name.reindex(df.index).fillna(""))
    # texts already turned into keys go before validate.numbers drops blank rows: that filter copies every column
    df = df.drop(columns=[c for c in SPENT_AFTER_KEYS if c in df])
    df = validate.numbers(df, file_name, probs)
    bounds = {r.indicator_id: (_num(r.value_min), _num(r.value_max)) for r in catalogue.itertuples()}
    bounds.update({s["indicator_id"]: (s["value_min"], s["value_max"]) for s in new})
    _check_groups(df, catalogue, new, file_name, probs)
    _check_mapped_ranges(df, result.matches, ref, file_name, probs)
    # Range checks need only the indicator; duplicate checks need complete keys. Rows with broken keys are
    # already reported, the others are still checked so that every problem is listed at once.
    validate.ranges(_where(df, df["indicator_id"].notna()), bounds, file_name, probs)
    units = {r.indicator_id: r.short_unit for r in catalogue.itertuples() if isinstance(r.short_unit, str)}
    validate.percent_units(_where(df, df["indicator_id"].isin(units)), units, file_name, probs)
    validate.region_validity(df, ref.regions, file_name, probs)
    complete = df[["indicator_id", "region_code", "year", "sex"]].notna().all(axis=1)
    if not complete.all():
        validate.duplicates(df[complete], file_name, probs)
        return df
    df["year"] = df["year"].astype("int64")
    df["month"] = df["month"].astype("Int64")  # null = an annual value; monthly values keep their month
    df = validate.duplicates(df, file_name, probs)
    df["is_demo"] = via_uniques(df["is_demo"], lambda u: u.str.lower().isin(TRUE)).astype(bool)
    # per distinct text: a row-wise `where` gives every row its own copy of the file name (60 MB per 1 M rows,
    # pickled one by one out of the analysis child)
    df["source"] = via_uniques(df["source"], lambda u: u.where(u != "", file_name))
    df["respondents"] = df["respondents"].round().astype("Int64")
    # the other columns (raw texts, positions) are freed before the sort copies what is kept (copy-on-write: no copy)
    df = df[COLUMNS + ["_sheet", "_row", "_c_value", "indicator", "region"]]
    return df.sort_values(
        ["indicator_id", "region_code", "year", "month", "sex", "grp"], na_position="first"
    ).reset_index(drop=True)


def _where(df: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """The rows of `df` where `mask` holds, without copying a 1 M-row frame when it holds everywhere."""
    return df if mask.all() else df[mask]


def _too_many_names(df: pd.DataFrame, file_name: str, probs: list[Problem]) -> bool:
    """Each distinct indicator/region text costs a look-up (and a fuzzy search when unknown): cap them first."""
    for part in ("indicator", "region"):
        n = df[part].nunique()
        if n > MAX_DISTINCT_NAMES:
            first = df.iloc[0]
            probs.append(
                Problem(
                    "upload.err_too_many_names",
                    {"n": num(n), "limit": num(MAX_DISTINCT_NAMES)},
                    file=file_name,
                    sheet=first["_sheet"] or None,
                    col=first[f"_c_{part}"] or None,
                )
            )
            return True
    return False


def _num(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)  # type: ignore[arg-type]  # a catalogue number


def _check_groups(df, catalogue: pd.DataFrame, new: list[dict], file_name: str, probs: list[Problem]) -> None:
    """A school level must be one the indicator has (its catalogue `groups`); new indicators take the file's."""
    allowed = {r.indicator_id: set(r.groups) if r.groups is not None else set() for r in catalogue.itertuples()}
    known = df["indicator_id"].isin(allowed) & ~df["indicator_id"].isin({s["indicator_id"] for s in new})
    sub = df.loc[known & (df["grp"] != ""), ["indicator_id", "grp", "_sheet", "_row", "_c_grp", "_c_indicator"]]
    pairs = sub[["indicator_id", "grp"]].drop_duplicates()  # a few dozen pairs in a 1 M-row file
    wrong = [(i, g) for i, g in pairs.itertuples(index=False, name=None) if g not in allowed[i]]
    bad = sub[pd.MultiIndex.from_frame(sub[["indicator_id", "grp"]]).isin(wrong)] if wrong else sub.head(0)
    for _, r in bad.iterrows():
        probs.append(
            Problem(
                "upload.err_group_unknown",
                {"value": r["grp"], "allowed": ", ".join(sorted(allowed[r["indicator_id"]])) or "–"},
                file=file_name,
                sheet=r["_sheet"] or None,
                row=int(r["_row"]),
                col=r["_c_grp"] or r["_c_indicator"] or None,
            )
        )


def _check_mapped_ranges(df, matches: dict[str, Match], ref: Reference, file_name: str, probs: list[Problem]) -> None:
    """A name the user mapped to a catalogue indicator whose stored values lie far from the file's (outside the stored
    range widened by its own width on both sides): warned before saving — it may be another concept or unit."""
    mapped = {n: m.indicator_id for n, m in matches.items() if m.how == "mapped" and m.indicator_id}
    if not mapped:
        return
    if ref.ranges is None:
        return
    ranges = ref.ranges[ref.ranges["indicator_id"].isin(set(mapped.values())) & (ref.ranges["n"] > 0)]
    stored = dict(
        zip(
            ranges["indicator_id"],
            zip(ranges["low"].astype(float), ranges["high"].astype(float), strict=True),
            strict=True,
        )
    )
    for name, ind in mapped.items():
        if ind not in stored:
            continue
        values = pd.to_numeric(df.loc[df["indicator"] == name, "value"], errors="coerce").dropna()
        if values.empty:
            continue
        low, high = stored[ind]
        width = max(high - low, abs(high) * 0.5, 1e-9)
        if values.min() < low - width or values.max() > high + width:
            params = {
                "name": name,
                "id": ind,
                "file_low": f"{values.min():g}".replace(".", ","),
                "file_high": f"{values.max():g}".replace(".", ","),
                "low": f"{low:g}".replace(".", ","),
                "high": f"{high:g}".replace(".", ","),
            }
            probs.append(Problem("upload.warn_mapped_far", params, file=file_name, severity=WARNING))


def _new_indicators(
    options: ImportOptions, catalogue: pd.DataFrame, df: pd.DataFrame, file_name: str, probs: list[Problem]
) -> list[dict]:
    from tutka.importers.newind import problems_of, spec_for

    taken = set(catalogue["indicator_id"])
    out = []
    for name, res in options.resolutions.items():
        if res.get("action") != "new" or name not in set(df["indicator"]):
            continue
        for key, params in problems_of(res):
            probs.append(Problem(key, {"name": name, **params}, file=file_name))
        spec = spec_for(name, res, taken, df)
        taken.add(spec["indicator_id"])
        res["indicator_id"] = spec["indicator_id"]
        out.append(spec)
    return out


__all__ = ["Analysis", "ImportOptions", "analyse", "range_for_unit"]
