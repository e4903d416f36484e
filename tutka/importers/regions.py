"""Region names and codes as people write them → canonical region codes (KU286, MK08, HV10, SSS).

Finnish, Swedish or English names (Karleby = Kokkola), codes with or without the KU prefix and leading zeros.
A misspelt name gets a suggestion ("Kouvolaa → Kouvola?"), never a silent correction.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

COUNTRY_NAMES = {
    "koko maa",
    "koko suomi",
    "suomi",
    "finland",
    "hela landet",
    "whole country",
    "maa yhteensä",
    "kaikki kunnat",
    "sss",
    "koko maa yhteensä",
    "hela finland",
    "country",
}
_PREFIXED = re.compile(r"^(ku|mk|hv|ma|hva|kunta|maakunta)\s*[-_ ]?\s*(\d{1,3})$")
SOTKANET_CATEGORY = {"KUNTA": ("KU", 3), "MAAKUNTA": ("MK", 2), "HYVINVOINTIALUE": ("HV", 2)}


def name_key(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).replace("\u00a0", " ").strip().lower())


class RegionLookup:
    def __init__(self, regions: pd.DataFrame) -> None:
        """`regions`: the DB table (region_code, region_type, official_code, name_fi, name_sv, name_en, sotkanet_id)."""
        self.codes = set(regions["region_code"])
        self.names: dict[str, str] = {}
        self.display: dict[str, str] = {}
        ambiguous: set[str] = set()
        for row in regions.itertuples(index=False):
            self.display[row.region_code] = row.name_fi
            for name in (row.name_fi, row.name_sv, row.name_en):
                if not isinstance(name, str) or not name.strip():
                    continue
                key = name_key(name)
                if key in self.names and self.names[key] != row.region_code:
                    ambiguous.add(key)
                self.names[key] = row.region_code
        for key in ambiguous:  # e.g. "Ahvenanmaa" is both a maakunta and a county: the code must be given
            self.names.pop(key, None)
        self.ambiguous = ambiguous
        for key in COUNTRY_NAMES:
            self.names[key] = "SSS"
        self.sotkanet = {
            int(s): code for code, s in zip(regions["region_code"], regions["sotkanet_id"], strict=False) if pd.notna(s)
        }

    def resolve(self, text: str) -> str | None:
        key = name_key(text)
        if not key:
            return None
        if key in self.names:
            return self.names[key]
        upper = key.upper().replace(" ", "")
        if upper in self.codes:
            return upper
        m = _PREFIXED.match(key)
        if m:
            prefix = {"ku": "KU", "kunta": "KU", "mk": "MK", "maakunta": "MK", "ma": "MK"}.get(m.group(1), "HV")
            code = f"{prefix}{int(m.group(2)):0{3 if prefix == 'KU' else 2}d}"
            return code if code in self.codes else None
        digits = key.replace(".0", "") if key.endswith(".0") else key
        if digits.isdigit():
            code = f"KU{int(digits):03d}"  # a bare number is a municipality code (official 3-digit code)
            if code in self.codes:
                return code
            if int(digits) == 246 or digits == "000":  # Sotkanet / Statistics Finland code of the whole country
                return "SSS"
        return None

    def suggest(self, text: str) -> str | None:
        key = name_key(text)
        if key in self.ambiguous:
            return None
        match = difflib.get_close_matches(key, list(self.names), n=1, cutoff=0.75)
        if not match:
            return None
        return self.display.get(self.names[match[0]], match[0])

    def resolve_sotkanet(self, region_id: int, table: dict[int, tuple[str, str]] | None = None) -> str | None:
        """Sotkanet's internal region id → our code: through the region table (`GET /regions`: id → category, code)
        when given, else through regions.sotkanet_id in the database. Ids are never used as official codes."""
        if table and region_id in table:
            category, code = table[region_id]
            if category == "MAA":
                return "SSS"
            if category in SOTKANET_CATEGORY and code.isdigit():
                prefix, width = SOTKANET_CATEGORY[category]
                canon = f"{prefix}{int(code):0{width}d}"
                return canon if canon in self.codes else None
            return "skip"  # AVI areas, hospital districts …: not part of our region model
        return self.sotkanet.get(region_id)
