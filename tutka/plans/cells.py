"""The vocabulary of plan tables as municipalities write them: column headers (fi/sv), lists inside one cell,
target values ("alle 8 % vuonna 2025"), follow-up statuses and action scopes. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

from tutka.domain import SCHOOL_LEVELS as KNOWN_GROUPS
from tutka.fmt import fmt_number

# column role → accepted header spellings (compared after `header_key`)
HEADERS: dict[str, tuple[str, ...]] = {
    "goal": ("tavoite", "tavoitteet", "painopiste", "painopisteet", "mål", "målsättning", "målsättningar"),
    "action": ("toimenpide", "toimenpiteet", "toimenpiteet ja keinot", "åtgärd", "åtgärder"),
    "responsible": ("vastuutaho", "vastuutahot", "vastuu", "vastuuhenkilö", "ansvarig", "ansvariga", "ansvarsinstans"),
    "metric": ("mittari", "mittarit", "arviointimittari", "arviointimittarit", "mätare", "mått", "uppföljningsmått"),
    "indicators": ("indikaattori", "indikaattorit", "indikator", "indikatorer"),
    "kind": ("mittarin tyyppi", "mittarityyppi", "mätartyp"),
    "target": ("tavoitearvo", "tavoitetaso", "tavoitearvot", "målvärde", "målnivå"),
    "age_group": ("ikäryhmä", "kohderyhmä", "åldersgrupp", "målgrupp"),
    "scope": ("kausi", "aikajänne", "period"),
    "status": ("tila", "toteutuminen", "status", "läge"),
    "progress": ("seuranta", "edistyminen", "seurantatieto", "uppföljning"),
}
# the header written by the export, per language
EXPORT_HEADERS = {
    "goal": "Tavoite",
    "action": "Toimenpide",
    "responsible": "Vastuutaho",
    "metric": "Mittarit",
    "indicators": "Indikaattorit",
    "kind": "Mittarin tyyppi",
    "target": "Tavoitearvo",
    "age_group": "Ikäryhmä",
    "scope": "Kausi",
    "status": "Tila",
    "progress": "Seuranta",
}
INFO_SHEETS = ("tiedot", "uppgifter")
INFO_FIELDS = {  # label on the info sheet → plan field
    "otsikko": "title",
    "titel": "title",
    "valtuustokausi": "period",
    "fullmäktigeperiod": "period",
    "vuosi": "year",
    "år": "year",
    "asiakirja": "document_kind",
    "dokument": "document_kind",
    "hyväksytty": "adopted",
    "godkänd": "adopted",
    "lähde": "source",
    "källa": "source",
    "johdanto": "intro",
    "inledning": "intro",
    "läpileikkaava painopiste": "cross_cutting",
    "genomgående prioritet": "cross_cutting",
    "positiivinen kehityskulku": "positive",
    "positiv utveckling": "positive",
    "negatiivinen kehityskulku": "negative",
    "negativ utveckling": "negative",
}
INFO_LABELS = {
    "title": "Otsikko",
    "period": "Valtuustokausi",
    "year": "Vuosi",
    "document_kind": "Asiakirja",
    "adopted": "Hyväksytty",
    "source": "Lähde",
    "intro": "Johdanto",
    "cross_cutting": "Läpileikkaava painopiste",
    "positive": "Positiivinen kehityskulku",
    "negative": "Negatiivinen kehityskulku",
}
DOCUMENT_KINDS = {"suunnitelma": "plan", "plan": "plan", "raportti": "report", "rapport": "report", "report": "report"}
DOCUMENT_LABELS = {"plan": "suunnitelma", "report": "raportti"}
SCOPE_WORDS = {
    "valtuustokausi": "council_term",
    "fullmäktigeperiod": "council_term",
    "vuosi": "year",
    "vuositaso": "year",
    "år": "year",
    "raportti": "report",
    "rapport": "report",
}
SCOPE_LABELS = {"council_term": "valtuustokausi", "year": "vuosi", "report": "raportti"}
KIND_WORDS = {
    "indikaattori": "indicator",
    "indikator": "indicator",
    "lukumäärä": "count",
    "lkm": "count",
    "antal": "count",
    "kyllä/ei": "yesno",
    "ja/nej": "yesno",
    "tila": "status",
    "status": "status",
    "teksti": "text",
    "text": "text",
}
KIND_LABELS = {
    "indicator": "indikaattori",
    "count": "lukumäärä",
    "yesno": "kyllä/ei",
    "status": "tila",
    "text": "teksti",
}
STATUS_WORDS = {
    "toteutunut": "toteutunut",
    "toteutui": "toteutunut",
    "valmis": "toteutunut",
    "genomförd": "toteutunut",
    "osittain": "osittain",
    "osittain toteutunut": "osittain",
    "delvis": "osittain",
    "delvis genomförd": "osittain",
    "ei toteutunut": "ei_toteutunut",
    "ei toteutunut vielä": "ei_toteutunut",
    "inte genomförd": "ei_toteutunut",
    "siirtyy": "siirtyy",
    "siirretty": "siirtyy",
    "flyttas": "siirtyy",
    "skjuts upp": "siirtyy",
    "jatkuva": "jatkuva",
    "fortlöpande": "jatkuva",
    "kontinuerlig": "jatkuva",
    "ei ilmoitettu": "ei_ilmoitettu",
    "inte rapporterad": "ei_ilmoitettu",
}
STATUS_LABELS = {
    "toteutunut": "toteutunut",
    "osittain": "osittain",
    "ei_toteutunut": "ei toteutunut",
    "siirtyy": "siirtyy",
    "jatkuva": "jatkuva",
    "ei_ilmoitettu": "ei ilmoitettu",
}
YES = ("kyllä", "ja", "yes", "käytössä", "on")
NO = ("ei", "nej", "no")
OP_WORDS = {
    "alle": "lt",
    "<": "lt",
    "under": "lt",
    "below": "lt",
    "enintään": "le",
    "korkeintaan": "le",
    "≤": "le",
    "<=": "le",
    "högst": "le",
    "at most": "le",
    "yli": "gt",
    ">": "gt",
    "över": "gt",
    "above": "gt",
    "vähintään": "ge",
    "≥": "ge",
    ">=": "ge",
    "minst": "ge",
    "at least": "ge",
    "=": "eq",
}
OP_LABELS = {"lt": "alle", "le": "enintään", "gt": "yli", "ge": "vähintään", "eq": ""}
BULLET = re.compile(r"^\s*(?:[•◦▪▫●○■□►▸‣⁃·*\-–—]|\d{1,2}[.)](?=\s))\s*")
YESNO_METRIC = re.compile(r"(kyllä|käytössä|etenee|on)\s*/\s*ei\b|\bja\s*/\s*nej\b", re.IGNORECASE)


def norm_text(value: object) -> str:
    """Cell value → text: NFC, non-breaking spaces to spaces, stripped; None → ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def header_key(value: object) -> str:
    """'Toimenpide(et)' / 'TOIMENPITEET:' / 'Mittari(t) ' → 'toimenpide' / 'toimenpiteet' / 'mittari'."""
    text = re.sub(r"\([^)]*\)", "", norm_text(value).lower())
    return re.sub(r"\s+", " ", text).strip(" :*")


def header_role(value: object) -> str | None:
    key = header_key(value)
    for role, names in HEADERS.items():
        if key in names:
            return role
    return None


def split_items(value: object) -> list[str]:
    """Several actions/metrics/units in one cell: one per line or bullet. Without bullets, a line starting with a
    lower-case letter continues the line above (a long text broken by hand), so it is joined with a space."""
    text = norm_text(value)
    if not text:
        return []
    parts = [ln for ln in text.split("\n") if ln.strip()]
    bulleted = len(parts) > 1 and any(BULLET.match(p) for p in parts[1:])
    items: list[str] = []
    for part in parts:
        stripped = BULLET.sub("", part, count=1).strip() if (bulleted or BULLET.match(part)) else part.strip()
        is_continuation = not bulleted and items and stripped[:1].islower() and not BULLET.match(part)
        if is_continuation:
            items[-1] = f"{items[-1]} {stripped}"
        elif stripped:
            items.append(re.sub(r"[ \t]+", " ", stripped))
    return items


def aligned_lines(value: object) -> list[str]:
    """A cell whose lines belong to the metric lines of the same row (indicators, targets, kinds): keep empty lines
    in the middle for alignment, strip bullets."""
    if value is None or not norm_text(value):
        return []
    text = unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    lines = [BULLET.sub("", ln, count=1).strip() for ln in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def guess_kind(text: str, linked: bool) -> str:
    low = text.lower()
    if linked:
        return "indicator"
    if YESNO_METRIC.search(low) or low.endswith("/ei"):
        return "yesno"
    if re.search(r"\blkm\b|lukumäärä|määrä\b|\bantal\b", low):
        return "count"
    return "text"


def _number(text: str) -> float | None:
    t = text.replace(" ", "").replace("\u202f", "").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def parse_target(text: str, metric_kind: str) -> dict | None:
    """'alle 8 % vuonna 2025, 8.–9. lk' → {kind: value, op: lt, value: 8, unit: %, year: 2025, group: 8.–9. lk}.
    'kyllä' → yes/no target. Returns None for an empty cell; raises ValueError when the text is not a target."""
    raw = norm_text(text)
    if not raw:
        return None
    low = raw.lower().rstrip(".")
    if low in YES or low in NO:
        return {
            "kind": "yesno",
            "op": "eq",
            "value": 1.0 if low in YES else 0.0,
            "year": None,
            "unit": None,
            "group": None,
        }
    group = None
    for g in KNOWN_GROUPS:
        variants = {g.lower(), g.lower().replace("–", "-")}
        for v in variants:
            if v in low:
                group, low = g, low.replace(v, " ")
    year = None
    m = re.search(r"(?:vuonna|vuoteen|vuodelle|v\.|år|till|by|in)\s*(\d{4})|\((\d{4})\)|(\d{4})\s*mennessä", low)
    if m:
        year = int(next(g for g in m.groups() if g))
        low = low[: m.start()] + " " + low[m.end() :]
    low = low.strip(" ,;")
    op = None
    for word in sorted(OP_WORDS, key=len, reverse=True):
        if low.startswith(word):
            op, low = OP_WORDS[word], low[len(word) :].strip()
            break
    m = re.match(r"^([+-]?\d[\d \u202f]*(?:[.,]\d+)?)\s*(.*)$", low)
    if not m or _number(m.group(1)) is None:
        raise ValueError(raw)
    unit = m.group(2).strip(" ,;") or None
    if unit and (len(unit) > 20 or re.search(r"\d", unit)):
        raise ValueError(raw)
    kind = "count" if metric_kind in ("count", "yesno", "status", "text") and unit in (None, "lkm", "kpl") else "value"
    return {"kind": kind, "op": op, "value": _number(m.group(1)), "year": year, "unit": unit, "group": group}


def format_target(target: dict | None, lang: str = "fi") -> str:
    """The canonical text of a target (what the export writes; parse_target reads it back identically)."""
    if not target or not target.get("kind"):
        return ""
    if target["kind"] == "yesno":
        return "kyllä" if (target.get("value") or 0) >= 0.5 else "ei"
    value = float(target["value"])
    decimals = 0 if value.is_integer() else len(repr(value).split(".")[1])
    parts = [OP_LABELS.get(target.get("op") or "", ""), fmt_number(value, decimals).replace("\u00a0", " ")]
    text = " ".join(p for p in parts if p)
    if target.get("unit"):
        text += f" {target['unit']}"
    if target.get("year"):
        text += f" vuonna {int(target['year'])}"
    if target.get("group"):
        text += f", {target['group']}"
    return text


def parse_status(text: str) -> str | None:
    """Follow-up status word (fi/sv) → status code; '' → None; ValueError when unknown."""
    key = re.sub(r"\s+", " ", norm_text(text).lower()).strip(" .")
    if not key:
        return None
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    if key.replace("_", " ") in STATUS_WORDS:
        return STATUS_WORDS[key.replace("_", " ")]
    raise ValueError(text)
