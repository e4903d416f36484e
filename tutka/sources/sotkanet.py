"""THL Sotkanet REST API 1.1 client (FORMATS.md §1): `/indicators`, `/indicators/{id}`, `/regions`, `/json`.

Region ids in data answers are Sotkanet's internal ids (renumbered once): they are mapped through the `/regions`
answer's `code` and `category`, never hard-coded. `/json` takes one indicator per request with `years` and
`genders` repeated (comma lists answer 400) and covers every region: the caller filters.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tutka.sources.http import Http, SourceError

DEFAULT_URL = "https://sotkanet.fi/rest/1.1"
LICENCE_SOURCE = "Lähde: THL, Sotkanet (CC BY 4.0)"


def base_url() -> str:
    return os.environ.get("TUTKA_SOTKANET_URL", DEFAULT_URL).rstrip("/")


@dataclass
class Sotkanet:
    http: Http = field(default_factory=Http)
    url: str = field(default_factory=base_url)

    def indicators(self) -> list[dict]:
        obj = self.http.get(f"{self.url}/indicators").json()
        if not isinstance(obj, list):
            raise SourceError("fetch.err_shape", url=f"{self.url}/indicators")
        return obj

    def indicator(self, indicator_id: int) -> dict:
        url = f"{self.url}/indicators/{int(indicator_id)}"
        try:
            obj = self.http.get(url).json()
        except SourceError as exc:
            if exc.key == "fetch.err_http" and exc.params.get("status") in (400, 404):
                raise SourceError("fetch.err_sotkanet_indicator", id=indicator_id, status=exc.params["status"]) from exc
            raise
        if not isinstance(obj, dict):
            raise SourceError("fetch.err_shape", url=url)
        return obj

    def regions(self) -> list[dict]:
        obj = self.http.get(f"{self.url}/regions").json()
        if not isinstance(obj, list):
            raise SourceError("fetch.err_shape", url=f"{self.url}/regions")
        return obj

    def data(self, indicator_id: int, years: list[int], genders: list[str]) -> list[dict]:
        params: list[tuple[str, object]] = [("indicator", int(indicator_id))]
        params += [("years", y) for y in years] + [("genders", g) for g in genders]
        obj = self.http.get(f"{self.url}/json", params).json()
        if not isinstance(obj, list):
            raise SourceError("fetch.err_shape", url=f"{self.url}/json")
        return obj


def producer(meta: dict) -> str:
    """The indicator's producer (organization title, Finnish first) for the source text."""
    org = meta.get("organization") or {}
    title = org.get("title") if isinstance(org, dict) else None
    if isinstance(title, dict):
        return str(title.get("fi") or title.get("en") or title.get("sv") or "").strip()
    return str(title or "").strip()


def source_text(meta: dict) -> str:
    prod = producer(meta)
    return f"{LICENCE_SOURCE}; tuottaja: {prod}" if prod else LICENCE_SOURCE


def year_range(meta: dict, wanted: tuple[int, int] | None) -> list[int]:
    rng = meta.get("range") or {}
    start: int | None
    end: int | None
    try:
        start, end = int(str(rng.get("start"))), int(str(rng.get("end")))
    except (TypeError, ValueError):
        start = end = None
    if wanted:
        lo, hi = wanted
        start = max(lo, start) if start is not None else lo
        end = min(hi, end) if end is not None else hi
    if start is None or end is None or end < start:
        return []
    return list(range(start, end + 1))
