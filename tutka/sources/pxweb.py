"""StatFin PxWeb API v1 client (FORMATS.md §3, §3b).

GET `{base}/{table}` → metadata `{title, variables: [{code, text, values, valueTexts, time?, elimination?}]}`;
POST the query with `"response": {"format": "json"}`. Variable codes are read from the metadata every time (they
became versioned in June 2026, e.g. `alue_23_20260101`); a query larger than the cell limit is split along the time
variable; a table that answers 400/404 is reported by its name.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

from tutka.importers import statfin
from tutka.importers.normalise import parse_period
from tutka.sources.http import Http, SourceError

DEFAULT_URL = "https://pxdata.stat.fi/PxWeb/api/v1/fi/StatFin"
MAX_CELLS = 100_000  # StatFin's limit is about 120 000 cells per query


def base_url() -> str:
    return os.environ.get("TUTKA_PXWEB_URL", DEFAULT_URL).rstrip("/")


@dataclass
class TableSource:
    """One catalogue indicator's place in StatFin: table path, the measure's code, fixed selections by variable
    text or code (e.g. {"Sukupuoli": "SSS"})."""

    indicator_id: str
    table: str
    measure: str
    fixed: dict[str, str] = field(default_factory=dict)


@dataclass
class PxWeb:
    http: Http = field(default_factory=Http)
    url: str = field(default_factory=base_url)
    max_cells: int = MAX_CELLS

    def metadata(self, table: str) -> dict:
        try:
            obj = self.http.get(f"{self.url}/{table}").json()
        except SourceError as exc:
            raise _table_error(exc, table) from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("variables"), list):
            raise SourceError("fetch.err_table_shape", table=table)
        return obj

    def fetch(self, src: TableSource, regions: set[str] | None, years: tuple[int, int] | None) -> dict:
        """The answer for one indicator, as one PxWeb "json" object (the parts of a split query merged)."""
        meta = self.metadata(src.table)
        query, time_code, times = build_query(meta, src, regions, years)
        cells_per_time = math.prod(len(q["selection"]["values"]) for q in query if q["code"] != time_code)
        per_chunk = max(1, self.max_cells // max(1, cells_per_time))
        merged: dict | None = None
        for start in range(0, len(times), per_chunk):
            chunk = times[start : start + per_chunk]
            body = [
                q if q["code"] != time_code else {"code": time_code, "selection": {"filter": "item", "values": chunk}}
                for q in query
            ]
            try:
                part = self.http.post_json(f"{self.url}/{src.table}", {"query": body, "response": {"format": "json"}})
            except SourceError as exc:
                raise _table_error(exc, src.table) from exc
            obj = part.json()
            if not isinstance(obj, dict) or not isinstance(obj.get("data"), list):
                raise SourceError("fetch.err_table_shape", table=src.table)
            if merged is None:
                merged = obj
            else:
                merged["data"].extend(obj["data"])
        assert merged is not None
        # the measure is named by the catalogue id: the importer then matches it exactly, never by its title
        for col in merged.get("columns", []):
            if str(col.get("type", "")).lower() == "c" and str(col.get("code")) == src.measure:
                col["text"] = src.indicator_id
        return merged


def _table_error(exc: SourceError, table: str) -> SourceError:
    if exc.key == "fetch.err_http" and exc.params.get("status") in (400, 404):
        return SourceError("fetch.err_table", table=table, status=exc.params["status"])
    return exc


def build_query(
    meta: dict, src: TableSource, regions: set[str] | None, years: tuple[int, int] | None
) -> tuple[list[dict], str, list[str]]:
    """-> (query items, code of the time variable, selected time values)."""
    query: list[dict] = []
    time_code, times, found_measure = "", [], False
    for var in meta["variables"]:
        code, text = str(var.get("code", "")), str(var.get("text", ""))
        values = [str(v) for v in var.get("values") or []]
        part = statfin.role(code, text, time=bool(var.get("time")))
        fixed = src.fixed.get(text, src.fixed.get(code))
        if src.measure in values and part != "region":
            query.append(_item(code, [src.measure]))
            found_measure = True
        elif part == "indicator":  # the content variable ("Tiedot") without the configured measure
            raise SourceError("fetch.err_measure", table=src.table, measure=src.measure)
        elif part == "period":
            times = [v for v in values if _in_years(v, years)]
            time_code = code
            query.append(_item(code, times))
        elif part == "region":
            keep = [v for v in values if not statfin.is_skipped_area(v) and (regions is None or v in regions)]
            if not keep:
                raise SourceError("fetch.err_no_regions", table=src.table)
            query.append(_item(code, keep))
        elif fixed is not None:
            if fixed not in values:
                raise SourceError("fetch.err_value_missing", table=src.table, variable=text or code, value=fixed)
            query.append(_item(code, [fixed]))
        elif "SSS" in values:  # StatFin's code for "total" (both sexes, all ages …)
            query.append(_item(code, ["SSS"]))
        elif not var.get("elimination"):
            raise SourceError("fetch.err_variable", table=src.table, variable=text or code)
    if not found_measure:
        raise SourceError("fetch.err_measure", table=src.table, measure=src.measure)
    if not time_code or not times:
        raise SourceError("fetch.err_no_periods", table=src.table)
    return query, time_code, times


def _item(code: str, values: list[str]) -> dict:
    return {"code": code, "selection": {"filter": "item", "values": values}}


def _in_years(value: str, years: tuple[int, int] | None) -> bool:
    year, _month = parse_period(value)
    if year is None:
        return False
    return years is None or years[0] <= year <= years[1]
