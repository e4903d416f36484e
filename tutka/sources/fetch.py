"""Fetch catalogue indicators from Sotkanet and StatFin and turn them into ONE import.

    result = fetch(con, FetchRequest(indicators=["tyottomyys"], regions=["KU286"], years=(2020, 2026)))
    commit_fetch(con, result, db_path)

Every answer goes through the same pipeline as a file upload (`importers.analyse`: the Sotkanet `/json` reader and
the PxWeb json reader), so validation, preview, the one-transaction commit, history and exact undo are the same.
Nothing is written until every request has succeeded and the merged analysis has no errors; the raw answers are then
archived under their content hash next to the uploads, and the import's note lists the source URLs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from tutka import queries
from tutka.importers import ImportOptions, analyse, commit
from tutka.importers.commit import CommitResult
from tutka.importers.pipeline import Analysis
from tutka.importers.problems import WARNING, Problem
from tutka.importers.regions import RegionLookup
from tutka.importers.safety import archive, sha256
from tutka.importers.sotkanet import region_table
from tutka.sources.http import Http, SourceError
from tutka.sources.pxweb import PxWeb, TableSource
from tutka.sources.sotkanet import Sotkanet, source_text, year_range

PXWEB_SOURCES = Path(__file__).resolve().parents[2] / "data" / "pxweb_sources.yaml"
KEY = ["indicator_id", "region_code", "year", "month", "sex", "grp"]
Progress = Callable[[float, str], None]


@dataclass
class FetchRequest:
    indicators: list[str] | None = None  # None = every catalogue indicator that names a source
    regions: list[str] | None = None  # None = every region; else these plus their county, maakunta, country
    years: tuple[int, int] | None = None
    sotkanet: bool = True
    pxweb: bool = True
    user_name: str = ""


@dataclass
class FetchResult:
    analysis: Analysis
    bodies: list[bytes] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)  # indicator ids fetched


def pxweb_sources(path: Path = PXWEB_SOURCES) -> list[TableSource]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or [] if path.exists() else []
    return [
        TableSource(str(e["indicator"]), str(e["table"]), str(e["measure"]), dict(e.get("fixed") or {}))
        for e in entries
    ]


def fetch(
    con: duckdb.DuckDBPyConnection,
    req: FetchRequest,
    http: Http | None = None,
    progress: Progress | None = None,
    sources: list[TableSource] | None = None,
) -> FetchResult:
    """All network work; raises SourceError (nothing written) when a source fails."""
    http = http or Http.from_env()
    step = progress or (lambda f, s: None)
    catalogue = queries.run(con, "import_indicators")
    if req.indicators:
        unknown = sorted(set(req.indicators) - set(catalogue["indicator_id"]))
        if unknown:
            raise SourceError("fetch.err_unknown_indicator", ids=", ".join(unknown))
        catalogue = catalogue[catalogue["indicator_id"].isin(req.indicators)]
    scope = set(queries.run(con, "fetch_region_scope", regions=list(req.regions or []))["region_code"])
    sotk = catalogue[catalogue["sotkanet_id"].notna()] if req.sotkanet else catalogue.iloc[0:0]
    tables = [s for s in (sources if sources is not None else pxweb_sources()) if req.pxweb]
    tables = [
        s
        for s in tables
        if s.indicator_id in set(catalogue["indicator_id"]) and s.indicator_id not in set(sotk["indicator_id"])
    ]
    if sotk.empty and not tables:
        raise SourceError("fetch.err_nothing")
    parts: list[Analysis] = []
    total = len(sotk) + len(tables) + (1 if len(sotk) else 0)
    done = 0
    if len(sotk):
        client = Sotkanet(http)
        step(0.0, "regions")
        table = region_table(client.regions())
        lookup = RegionLookup(queries.run(con, "import_regions"))
        codes = {rid: lookup.resolve_sotkanet(rid, table) for rid in table}
        done += 1
        rows: list[dict] = []
        for r in sotk.itertuples(index=False):
            step(done / total, r.indicator_id)
            meta = client.indicator(int(r.sotkanet_id))
            years = year_range(meta, req.years)
            sexes = list(r.sexes) if r.sexes is not None and len(r.sexes) else ["total"]
            data = client.data(int(r.sotkanet_id), years, sexes) if years else []
            source = source_text(meta)
            rows += [dict(o, source=source) for o in data if codes.get(_int(o.get("region")) or -1) in scope]
            done += 1
        if rows:
            body = json.dumps(rows, ensure_ascii=False).encode("utf-8")
            parts.append(analyse(body, "sotkanet.json", con, ImportOptions(sotkanet_regions=table)))
    for src in tables:
        step(done / total, src.indicator_id)
        obj = PxWeb(http).fetch(src, scope, req.years)
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        skip = ImportOptions(resolutions={"*": {"action": "skip"}})
        parts.append(analyse(body, src.table.replace("/", "_") + ".json", con, skip))
        done += 1
    step(1.0, "analyse")
    fetched = sorted(set(sotk["indicator_id"]) | {s.indicator_id for s in tables})
    return FetchResult(_merge(parts, http, req), [r.body for r in http.responses], fetched)


def _int(v: object) -> int | None:
    try:
        return int(float(v)) if isinstance(v, (int, float, str)) else None
    except ValueError:
        return None


def _merge(parts: list[Analysis], http: Http, req: FetchRequest) -> Analysis:
    urls = [r.url for r in http.responses]
    bundle = json.dumps(
        {
            "fetched_at": datetime.now().isoformat(timespec="seconds"),
            "responses": [{"url": r.url, "sha256": sha256(r.body)} for r in http.responses],
        },
        ensure_ascii=False,
    ).encode("utf-8")
    names = ", ".join(dict.fromkeys("Sotkanet" if p.file_name == "sotkanet.json" else "StatFin" for p in parts))
    out = Analysis(
        file_name=f"Päivitä tilastot: {names or '–'}",
        file_hash=sha256(bundle),
        data=bundle,
        kind="json",
        ext="json",
        options=ImportOptions(user_name=req.user_name),
        source_urls=urls,
    )
    frames = [p.rows for p in parts if not p.rows.empty]
    for p in parts:
        out.problems += p.problems
        out.matches.update(p.matches)
    if frames:
        rows = pd.concat(frames, ignore_index=True)
        dup = rows.duplicated(KEY, keep="first")
        if dup.any():  # the same value from two sources: the first (Sotkanet) is kept
            out.problems.append(Problem("fetch.warn_duplicates", {"n": int(dup.sum())}, severity=WARNING))
        out.rows = rows[~dup].reset_index(drop=True)
    elif not out.errors:
        out.problems.append(Problem("fetch.err_no_values"))
    return out


def commit_fetch(
    con: duckdb.DuckDBPyConnection,
    result: FetchResult,
    db_path: str | Path | None,
    progress: Progress | None = None,
    user_name: str | None = None,
) -> CommitResult:
    """Archive every raw answer under its content hash, then commit the merged analysis (one import)."""
    if db_path is not None and result.analysis.ok:
        for body in result.bodies:
            archive(body, db_path, "json")
    return commit(con, result.analysis, db_path, progress=progress, user_name=user_name)
