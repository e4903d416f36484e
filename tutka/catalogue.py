"""Indicator catalogue: load and validate data/indicators.yaml against data/schemas/indicators.schema.json.

`load_catalogue()` returns frozen `Indicator` objects and raises ValueError listing *all* problems;
`validate()` returns the problems as strings ("<id>: <field>: <what is wrong>");
`catalogue_frame()` gives the rows of the DuckDB `indicators` table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from tutka import schemas
from tutka.i18n import t

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


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _cross_checks(entries: list[Any], allowed_sotkanet: set[int]) -> list[str]:
    """What the schema cannot say: a verified Sotkanet id, and a value range whose minimum is below its maximum."""
    problems: list[str] = []
    for pos, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            continue
        ind_id = entry.get("id")
        where = ind_id if isinstance(ind_id, str) and ind_id else t("schema.item", "fi", n=pos)
        sid = entry.get("sotkanet_id")
        if isinstance(sid, int) and not isinstance(sid, bool) and sid not in allowed_sotkanet:
            problems.append(schemas.line("", where, "sotkanet_id", t("schema.sotkanet_unverified", "fi", value=sid)))
        vrange = entry.get("value_range")
        if isinstance(vrange, list) and len(vrange) == 2 and all(_is_number(v) for v in vrange):
            if vrange[0] >= vrange[1]:
                message = t("schema.range_order", "fi", low=vrange[0], high=vrange[1])
                problems.append(schemas.line("", where, "value_range", message))
    return problems


def validate(entries: Any, allowed_sotkanet: set[int] | None = None) -> list[str]:
    """Every problem of the raw YAML entries ("<id>: <field>: <what is wrong>", Finnish); empty list = valid.

    The shape is checked by data/schemas/indicators.schema.json (topics from TOPICS, polarity, school levels and
    sexes from tutka.domain); the Sotkanet allow-list and value-range order here."""
    if allowed_sotkanet is None:
        allowed_sotkanet = load_sotkanet_allow_list()
    problems = schemas.problems(entries, "indicators", vocab={"topics": TOPICS})
    if isinstance(entries, list):
        problems += _cross_checks(entries, allowed_sotkanet)
    return problems


def _text(value: dict[str, str]) -> Text:
    return Text(fi=value["fi"], sv=value["sv"], en=value["en"])


def _indicator(entry: dict[str, Any]) -> Indicator:
    vmin, vmax = entry["value_range"]
    return Indicator(
        id=entry["id"],
        title=_text(entry["title"]),
        unit=_text(entry["unit"]),
        short_unit=entry["short_unit"],
        decimals=entry["decimals"],
        polarity=entry["polarity"],
        topic=entry["topic"],
        kind=entry["kind"],
        survey_cycle=entry["survey_cycle"],
        series_breaks=tuple(entry["series_breaks"]),
        groups=tuple(entry["groups"]),
        sexes=tuple(entry["sexes"]),
        population=_text(entry["population"]) if entry.get("population") else None,
        value_range=(None if vmin is None else float(vmin), None if vmax is None else float(vmax)),
        source=_text(entry["source"]),
        source_org=entry["source_org"],
        licence=entry["licence"],
        sotkanet_id=entry["sotkanet_id"],
        description=_text(entry["description"]),
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
        raise ValueError(t("schema.problems", "fi", where=path, n=len(problems)) + "\n  " + "\n  ".join(problems))
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


def indicator_titles(catalogue: pd.DataFrame, lang: str) -> dict[str, str]:
    """{indicator id: title in `lang`} of catalogue rows (indicators_all), the Finnish title where `lang` has none."""
    col = f"title_{lang}"
    titles = catalogue[col].where(catalogue[col].notna() & (catalogue[col] != ""), catalogue["title_fi"])
    return dict(zip(catalogue["indicator_id"], titles, strict=False))
