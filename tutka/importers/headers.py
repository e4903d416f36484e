"""Recognise what a column is from its header text (Finnish, Swedish or English) and find the header row."""

from __future__ import annotations

import re
from collections.abc import Sequence

# The parts of one value cell every reader fills (raw texts), in the order of the cells frame.
PARTS = (
    "indicator",
    "region",
    "period",
    "sex",
    "grp",
    "value",
    "respondents",
    "abs_value",
    "ci_low",
    "ci_high",
    "ci",
    "source",
    "is_demo",
    "unit",
)


ROLES: dict[str, set[str]] = {
    "indicator": {
        "indikaattori",
        "indikaattorin nimi",
        "indikaattorin_nimi",
        "mittari",
        "muuttuja",
        "tunnusluku",
        "tieto",
        "tiedot",
        "indicator",
        "indikator",
        "indicator name",
        "measure",
        "variable",
        "nimike",
        "indikaattori_id",
        "indicator_id",
        "indikator_id",
        "tunniste",
        "indikaattorin tunniste",
        "indikaattorikoodi",
        "sotkanet id",
        "sotkanet_id",
        "sotkanet-id",
    },
    "region": {
        "alue",
        "alueen nimi",
        "aluenimi",
        "kunta",
        "kunnan nimi",
        "kuntanimi",
        "kommun",
        "område",
        "region",
        "area",
        "municipality",
        "kunta/alue",
        "alue/kunta",
        "hyvinvointialue",
        "maakunta",
        "region name",
        "area name",
        "kommunens namn",
        "aluekoodi",
        "alue_koodi",
        "alueen koodi",
        "kuntakoodi",
        "kuntanumero",
        "kunta_koodi",
        "region_code",
        "kommunkod",
        "områdeskod",
        "area code",
        "area_code",
        "region code",
        "municipality code",
        "kunnan koodi",
        "alue (koodi)",
    },
    "year": {
        "vuosi",
        "år",
        "year",
        "aika",
        "ajankohta",
        "tilastovuosi",
        "period",
        "tid",
        "time",
        "kuukausi",
        "månad",
        "month",
        "vuosi/kk",
        "kyselyvuosi",
        "vuosi (kysely)",
        "tilastointivuosi",
    },
    "sex": {"sukupuoli", "kön", "sex", "gender", "sukupuolet"},
    "grp": {
        "ryhmä",
        "kouluaste",
        "luokka-aste",
        "luokka",
        "luokkataso",
        "koulutusaste",
        "oppilaitosmuoto",
        "grupp",
        "group",
        "grp",
        "årskurs",
        "skolstadium",
        "stadium",
        "school level",
        "grade",
        "ikäryhmä",
        "åldersgrupp",
        "age group",
        "kohderyhmä",
        "oppilaitos",
        "koulutyyppi",
    },
    "value": {
        "arvo",
        "value",
        "värde",
        "osuus",
        "prosentti",
        "prosenttiosuus",
        "luku",
        "määrä",
        "primary value",
        "andel",
        "procent",
        "percent",
        "share",
        "%",
        "tulos",
        "osuus %",
        "arvo %",
        "indikaattorin arvo",
    },
    "respondents": {
        "vastaajia",
        "vastaajat",
        "vastaajien lkm",
        "vastaajien lukumäärä",
        "vastaajien määrä",
        "vastaajamäärä",
        "n",
        "vastanneita",
        "vastanneet",
        "vastanneiden lkm",
        "respondents",
        "number of respondents",
        "antal svarande",
        "svarande",
        "respondenter",
        "n (vastaajat)",
    },
    "abs_value": {
        "absoluuttinen arvo",
        "absolute value",
        "abs_value",
        "absoluuttinen luku",
        "absolut värde",
        "osoittaja",
        "osoittajan arvo",
        "abs. arvo",
        "absvalue",
    },
    "ci_low": {
        "ci_low",
        "ci low",
        "lower ci",
        "ci lower",
        "alaraja",
        "lv alaraja",
        "lower",
        "lower bound",
        "luottamusvälin alaraja",
        "luottamusväli alaraja",
        "luottamusväli, alaraja",
        "nedre gräns",
        "konfidensintervall nedre",
        "95 % lv alaraja",
        "95% lv alaraja",
        "lv ala",
        "ci_lower",
    },
    "ci_high": {
        "ci_high",
        "ci high",
        "upper ci",
        "ci upper",
        "yläraja",
        "lv yläraja",
        "upper",
        "upper bound",
        "luottamusvälin yläraja",
        "luottamusväli yläraja",
        "luottamusväli, yläraja",
        "övre gräns",
        "konfidensintervall övre",
        "95 % lv yläraja",
        "95% lv yläraja",
        "lv ylä",
        "ci_upper",
    },
    "ci": {
        "luottamusväli",
        "95 % luottamusväli",
        "95% luottamusväli",
        "lv",
        "95 % lv",
        "ci",
        "95 % ci",
        "95% ci",
        "confidence interval",
        "konfidensintervall",
        "95 % konfidensintervall",
    },
    "source": {"lähde", "källa", "source", "tietolähde", "datakälla", "lähteet", "data source"},
    "note": {
        "huom",
        "huom.",
        "huomautus",
        "huomautukset",
        "anm",
        "anm.",
        "anmärkning",
        "note",
        "notes",
        "kommentti",
        "selite",
        "lisätieto",
        "lisätiedot",
        "kommentar",
        "comment",
        "selitys",
    },
    "unit": {"yksikkö", "enhet", "unit", "mittayksikkö"},
    "is_demo": {"is_demo", "demo", "esimerkkiaineisto"},
}
ALIAS = {alias: role for role, aliases in ROLES.items() for alias in aliases}
_UNIT = re.compile(r"\s*[\(\[]([^()\[\]]{1,20})[\)\]]\s*$")
_CI_RE = {
    "ci_low": re.compile(
        r"(luottamus|\blv\b|\bci\b|konfidens).*(ala|low|nedre)|(ala|low|nedre).*(luottamus|\blv\b|\bci\b|konfidens)"
    ),
    "ci_high": re.compile(
        r"(luottamus|\blv\b|\bci\b|konfidens).*(ylä|upp|övre|high)|(ylä|upp|övre|high).*(luottamus|\blv\b|\bci\b|konfidens)"
    ),
}
_YEAR_HEADER = re.compile(r"^(?:v\.?\s*|år\s*|vuosi\s*)?((?:19|20)\d{2})(?:\s*\*+)?$")


def clean_header(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = repair_mojibake(str(cell)).replace("\u00a0", " ").replace("\n", " ").strip().lower()
    return re.sub(r"\s+", " ", text).rstrip(":").strip()


def repair_mojibake(text: str) -> str:
    """'LÃ¤hde' (UTF-8 read as Windows-1252 somewhere before us) -> 'Lähde'; other texts unchanged."""
    if "Ã" not in text and "Â" not in text:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def garbled(cell: object) -> bool:
    """A header that lost characters to a wrong encoding: its meaning cannot be recognised reliably."""
    text = str(cell)
    return "\ufffd" in text or repair_mojibake(text) != text and not role_of(cell)


def split_unit(text: str) -> tuple[str, str | None]:
    """'osuus (%)' -> ('osuus', '%');  'arvo, %' -> ('arvo', '%')."""
    m = _UNIT.search(text)
    if m:
        return text[: m.start()].strip(), m.group(1).strip()
    if text.endswith(", %"):
        return text[:-3].strip(), "%"
    return text, None


def role_of(cell: object) -> str | None:
    text = clean_header(cell)
    if not text:
        return None
    if text in ALIAS:
        return ALIAS[text]
    base, _unit = split_unit(text)
    if base in ALIAS:
        return ALIAS[base]
    for role, rx in _CI_RE.items():
        if rx.search(base):
            return role
    return None


def header_year(cell: object) -> int | None:
    """A year used as a column header (wide layout): 2019, '2019', 'v. 2019', '2019*'."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return int(cell) if float(cell).is_integer() and 1900 <= cell <= 2100 else None
    m = _YEAR_HEADER.match(clean_header(cell))
    return int(m.group(1)) if m else None


def find_header(rows: Sequence[list[object]], scan: int = 40) -> tuple[int, dict[int, str], dict[int, int]] | None:
    """First row (within `scan`) that looks like a header: returns (row index, {col: role}, {col: year}).

    A header needs a region column plus something else we understand (another role or year columns), or, without
    a region column, at least three known roles (e.g. indicator + year + value for a national series)."""
    for r, row in enumerate(rows[:scan]):
        roles: dict[int, str] = {}
        years: dict[int, int] = {}
        for c, cell in enumerate(row):
            role = role_of(cell)
            if role:
                # a second column of the same role (e.g. both "Kunta" and "Kuntakoodi") is ignored, not guessed
                roles[c] = role if role not in roles.values() else "ignored"
            else:
                y = header_year(cell)
                if y is not None:
                    years[c] = y
        has_region = "region" in roles.values()
        if (has_region and (len(roles) >= 2 or years)) or len(roles) >= 3 or (has_region and len(row) > 1):
            if has_region or "value" in roles.values() or years:
                return r, roles, years
    return None
