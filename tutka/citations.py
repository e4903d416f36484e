"""Source names as a reader sees them: each publication once.

Value rows carry notes after the publication ("Kokkolan kaupunki: … vuosiraportti 2022 (raportissa: noin 750)"); a
caption or a sources slide names the publication once, however many values and notes it has."""

from __future__ import annotations

import re
from collections.abc import Iterable

# also bound into SQL (queries/store/write_sources.sql: one row per publication), so written for both re and RE2
NOTE_PATTERN = r"\s*\((?:raportissa|i rapporten|in the report|syyslukukausi|höstterminen|autumn term)[^()]*\)"
_NOTE = re.compile(NOTE_PATTERN)


def publication(source: str) -> str:
    """The publication without notes about one value (which may contain '; ' themselves)."""
    return _NOTE.sub("", str(source or "")).strip()


def unique_sources(sources: Iterable[object]) -> list[str]:
    """Distinct publications in first-seen order; empty and missing entries dropped; '; '-joined lists split."""
    out: dict[str, None] = {}
    for s in sources:
        if s is None or (isinstance(s, float) and s != s):
            continue
        for part in publication(str(s)).split("; "):
            name = part.strip()
            if name:
                out.setdefault(name, None)
    return list(out)
