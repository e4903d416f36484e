"""Indicator catalogue: load and validate data/indicators.yaml (schema in docs/data-model.md).

`load_catalogue()` returns frozen `Indicator` objects and raises ValueError listing *all* problems;
`validate()` returns the problems as strings ("<id>: <field>: <what is wrong>");
`catalogue_frame()` gives the rows of the DuckDB `indicators` table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from tutka.domain import POLARITIES, SCHOOL_LEVELS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_PATH = DATA_DIR / "indicators.yaml"
SOTKANET_VERIFIED = DATA_DIR / "sotkanet_verified.csv"

TOPICS: dict[str, dict[str, str]] = {
    "kiusaaminen_ja_vakivalta": {
        "fi": "Kiusaaminen ja väkivalta",
        "sv": "Mobbning och våld",
        "en": "Bullying and violence",
    },
    "mielenterveys": {"fi": "Mielenterveys", "sv": "Psykisk hälsa", "en": "Mental health"},
    "sosiaaliset_suhteet": {
        "fi": "Sosiaaliset suhteet ja yksinäisyys",
        "sv": "Sociala relationer och ensamhet",
        "en": "Social relationships and loneliness",
    },
    "osallisuus": {"fi": "Osallisuus", "sv": "Delaktighet", "en": "Participation"},
    "liikunta_ja_harrastukset": {
        "fi": "Liikunta ja harrastukset",
        "sv": "Motion och fritidsintressen",
        "en": "Physical activity and hobbies",
    },
    "elintavat": {"fi": "Elintavat ja terveys", "sv": "Levnadsvanor och hälsa", "en": "Lifestyle and health"},
    "paihteet": {"fi": "Päihteet ja tupakka", "sv": "Rusmedel och tobak", "en": "Substance use and tobacco"},
    "tyollisyys": {"fi": "Työllisyys", "sv": "Sysselsättning", "en": "Employment"},
    "koulutus": {"fi": "Koulutus", "sv": "Utbildning", "en": "Education"},
    "toimeentulo": {"fi": "Toimeentulo", "sv": "Utkomst", "en": "Livelihood"},
    "turvallisuus": {"fi": "Arjen turvallisuus", "sv": "Trygghet i vardagen", "en": "Everyday safety"},
    "vaesto": {"fi": "Väestö", "sv": "Befolkning", "en": "Population"},
    "kulttuuri_ja_kirjasto": {
        "fi": "Kulttuuri, kirjasto ja opisto",
        "sv": "Kultur, bibliotek och medborgarinstitut",
        "en": "Culture, library and adult education",
    },
    "nuorisotyo": {"fi": "Nuorisotyö", "sv": "Ungdomsarbete", "en": "Youth work"},
}

KINDS = ("survey", "register", "activity")
SEXES = ("total", "male", "female")
KNOWN_GROUPS = SCHOOL_LEVELS
LANGS = ("fi", "sv", "en")
TEXT_FIELDS = ("title", "unit", "source", "description")
REQUIRED = (
    "id",
    "title",
    "unit",
    "short_unit",
    "decimals",
    "polarity",
    "topic",
    "kind",
    "survey_cycle",
    "series_breaks",
    "groups",
    "sexes",
    "value_range",
    "source",
    "source_org",
    "licence",
    "sotkanet_id",
    "description",
)
OPTIONAL = ("population", "aliases")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# dashes that look like the en dash but are not: hyphen-minus, hyphen, non-breaking hyphen, figure dash, em dash, minus
WRONG_DASHES = "-\u2010\u2011\u2012\u2014\u2212"

TABLE_COLUMNS = [
    "indicator_id",
    "title_fi",
    "title_sv",
    "title_en",
    "unit_fi",
    "unit_sv",
    "unit_en",
    "short_unit",
    "decimals",
    "polarity",
    "topic",
    "kind",
    "survey_cycle",
    "series_breaks",
    "groups",
    "sexes",
    "value_min",
    "value_max",
    "source_fi",
    "source_sv",
    "source_en",
    "source_org",
    "licence",
    "sotkanet_id",
    "description_fi",
    "description_sv",
    "description_en",
    "aliases",
]


@dataclass(frozen=True)
class Text:
    """A user-facing text in the three UI languages."""

    fi: str
    sv: str
    en: str

    def get(self, lang: str) -> str:
        return getattr(self, lang, "") or self.fi


@dataclass(frozen=True)
class Indicator:
    id: str
    title: Text
    unit: Text
    short_unit: str
    decimals: int
    polarity: str
    topic: str
    kind: str
    survey_cycle: int | None
    series_breaks: tuple[int, ...]
    groups: tuple[str, ...]
    sexes: tuple[str, ...]
    population: Text | None
    value_range: tuple[float | None, float | None]
    source: Text
    source_org: str
    licence: str
    sotkanet_id: int | None
    description: Text
    aliases: tuple[str, ...] = ()  # other names official exports use for the same indicator (exact matches)


def load_sotkanet_allow_list(path: Path | str | None = None) -> set[int]:
    """Verified Sotkanet indicator ids (lines starting with '#' are provenance comments)."""
    path = Path(path) if path else SOTKANET_VERIFIED
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {int(row["id"]) for row in rows if (row.get("id") or "").strip().isdigit()}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_entry(entry: dict[str, Any], where: str, allowed_sotkanet: set[int]) -> list[str]:
    problems: list[str] = []

    def bad(field: str, msg: str) -> None:
        problems.append(f"{where}: {field}: {msg}")

    for field in REQUIRED:
        if field not in entry:
            bad(field, "missing field")
    for field in entry:
        if field not in REQUIRED and field not in OPTIONAL:
            bad(str(field), "unknown field")

    aliases = entry.get("aliases")
    if aliases is not None and (
        not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases)
    ):
        bad("aliases", "must be a list of non-empty names")
    for field in TEXT_FIELDS + OPTIONAL:
        if field == "aliases" or field not in entry or (field in OPTIONAL and entry[field] is None):
            continue
        value = entry[field]
        if not isinstance(value, dict):
            bad(field, "must be a mapping {fi, sv, en}")
            continue
        for lang in LANGS:
            if not isinstance(value.get(lang), str) or not value.get(lang, "").strip():
                bad(field, f"missing or empty '{lang}' text")
        for lang in value:
            if lang not in LANGS:
                bad(field, f"unknown language '{lang}'")

    for field in ("short_unit", "source_org", "licence"):
        if field in entry and (not isinstance(entry[field], str) or not entry[field].strip()):
            bad(field, "must be a non-empty string")
    if "decimals" in entry and not (_is_int(entry["decimals"]) and 0 <= entry["decimals"] <= 3):
        bad("decimals", f"must be an integer 0–3, got {entry['decimals']!r}")
    if "polarity" in entry and entry["polarity"] not in POLARITIES:
        bad("polarity", f"invalid value {entry['polarity']!r} (allowed: {', '.join(POLARITIES)})")
    if "kind" in entry and entry["kind"] not in KINDS:
        bad("kind", f"invalid value {entry['kind']!r} (allowed: {', '.join(KINDS)})")
    if "topic" in entry and entry["topic"] not in TOPICS:
        bad("topic", f"unknown topic {entry['topic']!r} (add it to TOPICS in tutka/catalogue.py)")

    cycle = entry.get("survey_cycle")
    if entry.get("kind") == "survey":
        if not (_is_int(cycle) and cycle > 0):
            bad("survey_cycle", f"a survey indicator needs a positive integer survey_cycle, got {cycle!r}")
    elif cycle is not None:
        bad("survey_cycle", f"must be null for kind {entry.get('kind')!r}")

    breaks = entry.get("series_breaks")
    if "series_breaks" in entry and not (isinstance(breaks, list) and all(_is_int(b) for b in breaks)):
        bad("series_breaks", "must be a list of years (integers)")

    groups = entry.get("groups")
    if "groups" in entry:
        if not isinstance(groups, list) or not all(isinstance(g, str) and g.strip() for g in groups):
            bad("groups", "must be a list of non-empty strings ([] when no groups)")
        else:
            for group in groups:
                if any(ch in group for ch in WRONG_DASHES):
                    bad(
                        "groups",
                        f"group {group!r} must use an en dash '–' (e.g. '8.–9. lk'), not a hyphen or other dash",
                    )
            if len(set(groups)) != len(groups):
                bad("groups", "duplicate groups")

    sexes = entry.get("sexes")
    if "sexes" in entry:
        if not isinstance(sexes, list) or not sexes or any(s not in SEXES for s in sexes):
            bad("sexes", f"must be a non-empty list of {', '.join(SEXES)}, got {sexes!r}")
        elif len(set(sexes)) != len(sexes):
            bad("sexes", "duplicate values")

    vrange = entry.get("value_range")
    if "value_range" in entry:
        if not (isinstance(vrange, list) and len(vrange) == 2 and all(v is None or _is_number(v) for v in vrange)):
            bad("value_range", "must be [min, max] with numbers or null")
        elif vrange[0] is not None and vrange[1] is not None and vrange[0] > vrange[1]:
            bad("value_range", "min is greater than max")

    sid = entry.get("sotkanet_id")
    if sid is not None:
        if not _is_int(sid):
            bad("sotkanet_id", f"must be an integer or null, got {sid!r}")
        elif sid not in allowed_sotkanet:
            bad("sotkanet_id", f"{sid} is not a verified Sotkanet id (data/sotkanet_verified.csv)")
    return problems


def validate(entries: Any, allowed_sotkanet: set[int] | None = None) -> list[str]:
    """Return every problem found in the raw YAML entries (empty list = valid)."""
    if allowed_sotkanet is None:
        allowed_sotkanet = load_sotkanet_allow_list()
    if not isinstance(entries, list):
        return ["catalogue: the file must contain a list of indicator entries"]
    problems: list[str] = []
    seen: set[str] = set()
    for pos, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(f"entry #{pos}: entry must be a mapping")
            continue
        ind_id = entry.get("id")
        where = str(ind_id) if isinstance(ind_id, str) and ind_id else f"entry #{pos}"
        if "id" in entry and not (isinstance(ind_id, str) and ID_RE.match(ind_id)):
            problems.append(f"{where}: id: must be a lower-case ascii slug, got {ind_id!r}")
        if isinstance(ind_id, str):
            if ind_id in seen:
                problems.append(f"{where}: id: duplicate id")
            seen.add(ind_id)
        problems.extend(_check_entry(entry, where, allowed_sotkanet))
    return problems


def _text(value: dict[str, str] | None) -> Text | None:
    return None if value is None else Text(fi=value["fi"], sv=value["sv"], en=value["en"])


def _indicator(entry: dict[str, Any]) -> Indicator:
    vmin, vmax = entry["value_range"]
    return Indicator(
        id=entry["id"],
        title=_text(entry["title"]),
        unit=_text(entry["unit"]),  # type: ignore[arg-type]
        short_unit=entry["short_unit"],
        decimals=entry["decimals"],
        polarity=entry["polarity"],
        topic=entry["topic"],
        kind=entry["kind"],
        survey_cycle=entry["survey_cycle"],
        series_breaks=tuple(entry["series_breaks"]),
        groups=tuple(entry["groups"]),
        sexes=tuple(entry["sexes"]),
        population=_text(entry.get("population")),
        value_range=(None if vmin is None else float(vmin), None if vmax is None else float(vmax)),
        source=_text(entry["source"]),
        source_org=entry["source_org"],  # type: ignore[arg-type]
        licence=entry["licence"],
        sotkanet_id=entry["sotkanet_id"],
        description=_text(entry["description"]),  # type: ignore[arg-type]
        aliases=tuple(entry.get("aliases") or ()),
    )


def load_catalogue(path: Path | str | None = None) -> list[Indicator]:
    """Load and validate the catalogue; raises ValueError listing all problems."""
    path = Path(path) if path else DEFAULT_PATH
    with path.open(encoding="utf-8") as fh:
        entries = yaml.safe_load(fh)
    allow_file = path.parent / "sotkanet_verified.csv"
    allowed = load_sotkanet_allow_list(allow_file if allow_file.exists() else None)
    problems = validate(entries, allowed)
    if problems:
        raise ValueError(f"{path}: {len(problems)} problem(s) in the indicator catalogue:\n  " + "\n  ".join(problems))
    return [_indicator(entry) for entry in entries]


def catalogue_frame(entries: list[Indicator]) -> pd.DataFrame:
    """Rows of the DuckDB `indicators` table (series_breaks/groups/sexes as Python lists)."""
    rows = []
    for ind in entries:
        rows.append(
            {
                "indicator_id": ind.id,
                "title_fi": ind.title.fi,
                "title_sv": ind.title.sv,
                "title_en": ind.title.en,
                "unit_fi": ind.unit.fi,
                "unit_sv": ind.unit.sv,
                "unit_en": ind.unit.en,
                "short_unit": ind.short_unit,
                "decimals": ind.decimals,
                "polarity": ind.polarity,
                "topic": ind.topic,
                "kind": ind.kind,
                "survey_cycle": ind.survey_cycle,
                "series_breaks": list(ind.series_breaks),
                "groups": list(ind.groups),
                "sexes": list(ind.sexes),
                "value_min": ind.value_range[0],
                "value_max": ind.value_range[1],
                "source_fi": ind.source.fi,
                "source_sv": ind.source.sv,
                "source_en": ind.source.en,
                "source_org": ind.source_org,
                "licence": ind.licence,
                "sotkanet_id": ind.sotkanet_id,
                "description_fi": ind.description.fi,
                "description_sv": ind.description.sv,
                "description_en": ind.description.en,
                "aliases": list(ind.aliases),
            }
        )
    frame = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    frame["decimals"] = frame["decimals"].astype("int64")
    frame["survey_cycle"] = frame["survey_cycle"].astype("Int64")
    frame["sotkanet_id"] = frame["sotkanet_id"].astype("Int64")
    frame["value_min"] = frame["value_min"].astype("float64")
    frame["value_max"] = frame["value_max"].astype("float64")
    return frame
