"""Indicator names or ids in a file → catalogue ids (the `indicators` table of the database).

Order: exact id or title; case- and whitespace-insensitive; Sotkanet id; the same after splitting off a trailing
"(unit)" and ", <school level>"; a short table of labels used by official sources. An unknown name is never guessed:
it is reported with suggestions and the user maps it, creates a new indicator or skips it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from tutka.importers.headers import split_unit
from tutka.importers.normalise import GROUP_ALIAS, group_key

# Labels used by official sources for indicators of the agreed catalogue (docs/indicator_ids.txt). Only certain
# equivalences: the register share of unemployed jobseekers is *not* Statistics Finland's unemployment rate.
SOURCE_LABELS = {
    "tyotosuus": "tyottomyys",
    "työttömien työnhakijoiden %-osuus työvoimasta": "tyottomyys",
    "työttömien työnhakijoiden osuus työvoimasta": "tyottomyys",
    "työttömien osuus työvoimasta": "tyottomyys",
    "työttömät työnhakijat, % työvoimasta": "tyottomyys",
    "väestö 31.12.": "vaesto",
    "väkiluku": "vaesto",
    "väkiluku 31.12.": "vaesto",
}


def norm(text: str) -> str:
    t = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").replace("–", "-").replace("—", "-")
    t = re.sub(r"\s*-\s*", "-", t.strip().lower())
    return re.sub(r"\s+", " ", t).rstrip(".").strip()


@dataclass
class Match:
    indicator_id: str | None
    how: str  # id | title | normalised | sotkanet | split | source_label | mapped | new | unknown
    grp: str | None = None  # school level found inside the name
    unit: str | None = None  # unit found inside the name
    suggestions: tuple[str, ...] = ()


class IndicatorMatcher:
    def __init__(self, indicators: pd.DataFrame) -> None:
        self.ids = set(indicators["indicator_id"])
        self.exact: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        self.sotkanet: dict[int, str] = {}
        self.titles: dict[str, str] = {}
        self.units: dict[str, str] = {}
        for row in indicators.itertuples(index=False):
            self.titles[row.indicator_id] = row.title_fi
            self.units[row.indicator_id] = short_unit_of(str(getattr(row, "short_unit", "") or ""))
            raw_aliases = getattr(row, "aliases", None)
            aliases = tuple(raw_aliases) if raw_aliases is not None else ()
            for label in (row.indicator_id, row.title_fi, row.title_sv, row.title_en, *aliases):
                if isinstance(label, str) and label.strip():
                    self.exact.setdefault(label.strip(), row.indicator_id)
                    self.loose.setdefault(norm(label), row.indicator_id)
                    # catalogue titles carry the unit ("…, %"); files often leave it out
                    self.loose.setdefault(norm(split_unit(norm(label))[0]), row.indicator_id)
            if pd.notna(row.sotkanet_id):
                self.sotkanet[int(row.sotkanet_id)] = row.indicator_id

    def _direct(self, text: str) -> Match | None:
        if text in self.exact:
            return Match(self.exact[text], "id" if text in self.ids else "title")
        key = norm(text)
        if key in self.loose:
            return Match(self.loose[key], "normalised")
        m = re.fullmatch(r"(?:sotkanet\s*[:#]?\s*)?(\d{1,6})(?:\.0)?", key)
        if m and int(m.group(1)) in self.sotkanet:
            return Match(self.sotkanet[int(m.group(1))], "sotkanet")
        if key in SOURCE_LABELS and SOURCE_LABELS[key] in self.ids:
            return Match(SOURCE_LABELS[key], "source_label")
        return None

    def match(self, text: str, suggest: bool = True) -> Match:
        """`suggest=False` skips the (slow) close-match search for an unknown name."""
        text = str(text).strip()
        found = self._direct(text)
        if found:
            return found
        base, unit = split_unit(text)
        grp = None
        if "," in base:
            head, tail = base.rsplit(",", 1)
            if group_key(tail) in GROUP_ALIAS:
                base, grp = head.strip(), GROUP_ALIAS[group_key(tail)]
        if unit or grp:
            found = self._direct(base)
            if found and unit and self._unit_conflict(found.indicator_id, unit):
                # "Pitkäaikaistyöttömät (lkm.)" is a count, the catalogue's indicator a percentage: asked, not guessed
                return Match(None, "unknown", grp=grp, unit=unit, suggestions=(str(found.indicator_id),))
            if found:
                return Match(found.indicator_id, "split", grp=grp, unit=unit)
        if not suggest or len(base) > 300:
            return Match(None, "unknown", grp=grp, unit=unit)
        close = difflib.get_close_matches(norm(base), list(self.loose), n=3, cutoff=0.6)
        ids = tuple(dict.fromkeys(self.loose[c] for c in close))
        return Match(None, "unknown", grp=grp, unit=unit, suggestions=ids)

    def _unit_conflict(self, indicator_id: str | None, unit: str) -> bool:
        known = {"%", "‰", "lkm", "/1000", "/100 000", "€"}
        mine, theirs = short_unit_of(unit), self.units.get(indicator_id or "", "")
        return mine in known and theirs in known and mine != theirs


def slug(title: str, taken: set[str]) -> str:
    """A lower-case ascii id for a new indicator, unique among `taken`."""
    t = unicodedata.normalize("NFKD", title.lower())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = re.sub(r"[^a-z0-9]+", "_", t).strip("_")[:40].strip("_") or "indikaattori"
    out, n = t, 2
    while out in taken:
        out, n = f"{t}_{n}", n + 1
    return out


def range_for_unit(short_unit: str) -> tuple[float | None, float | None]:
    """Allowed range of a new indicator from its short unit: percent 0–100, counts and rates ≥ 0."""
    u = short_unit.strip().lower()
    if u in ("%", "prosenttia", "percent"):
        return 0.0, 100.0
    if u in ("‰",):
        return 0.0, 1000.0
    if u in ("lkm", "kpl", "count", "antal", "/1000", "/1 000", "/100 000", "/100000", "€", "eur", "litraa", "l"):
        return 0.0, None
    return None, None


def short_unit_of(unit: str) -> str:
    """'% oppilaista' -> '%'; 'lkm.' -> 'lkm'; '/ 1 000 asukasta' -> '/1000'."""
    u = unit.strip().lower()
    if "%" in u or "prosent" in u or "procent" in u or "percent" in u:
        return "%"
    if "‰" in u or "promille" in u:
        return "‰"
    if "100 000" in u or "100000" in u:
        return "/100 000"
    if "1 000" in u or "1000" in u:
        return "/1000"
    if u.startswith(("lkm", "kpl", "antal", "count", "määrä", "number")):
        return "lkm"
    if "€" in u or "euro" in u:
        return "€"
    return unit.strip()[:12]
