"""The one domain vocabulary: every fact about regions, groups, sexes, polarity and verdicts, written once.

Charts, slide CSS, PowerPoint, PDF, tables, the importer and the verdict engine all read these tables; nothing else
in the code spells a verdict colour, a school level or a polarity sign. Labels are i18n keys (data/i18n/*.csv),
never texts. Colours are Okabe–Ito (colour-blind safe) and always paired with a symbol or a dash style.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Regions -------------------------------------------------------------------------------------------------------
# region_type as stored in the regions table → code prefix
REGION_TYPES = ("kunta", "hyvinvointialue", "maakunta", "maa")
REGION_PREFIX = {"kunta": "KU", "hyvinvointialue": "HV", "maakunta": "MK", "maa": "SSS"}
COUNTRY_CODE = "SSS"
DEFAULT_REGION = "KU286"  # Kouvola, the seed municipality


def region_type_of(code: str) -> str:
    """'KU286' → 'kunta', 'HV10' → 'hyvinvointialue', 'MK08' → 'maakunta', 'SSS' → 'maa' ('' if unknown)."""
    if code == COUNTRY_CODE:
        return "maa"
    for rtype, prefix in REGION_PREFIX.items():
        if prefix != COUNTRY_CODE and code.startswith(prefix):
            return rtype
    return ""


# A region keeps its colour everywhere (charts, slides, PPTX, PDF, map): the colour follows its *role* in the view —
# the chosen municipality, its wellbeing services county, the maakunta, the whole country — and further compared
# municipalities take the remaining colours in a fixed order. Dash style and marker repeat the distinction.
ROLE_COLOURS = {"kunta": "#0072B2", "hyvinvointialue": "#D55E00", "maakunta": "#CC79A7", "maa": "#000000"}
EXTRA_COLOURS = ("#009E73", "#E69F00", "#56B4E9", "#8C6D1F", "#999999")
ROLE_DASHES = {"kunta": "solid", "hyvinvointialue": "dash", "maakunta": "dashdot", "maa": "dot"}
ROLE_MARKERS = {"kunta": "circle", "hyvinvointialue": "square", "maakunta": "diamond", "maa": "triangle-up"}
EXTRA_MARKERS = ("cross", "x", "star", "hexagon", "pentagon")
PALETTE = (ROLE_COLOURS["kunta"], *EXTRA_COLOURS, ROLE_COLOURS["hyvinvointialue"], ROLE_COLOURS["maa"])


def region_style(region_type: str, extra_index: int = 0) -> tuple[str, str, str]:
    """(colour, dash, marker) of a line: by role for the main region and its benchmarks, else the n-th extra one."""
    if region_type in ("hyvinvointialue", "maakunta", "maa"):
        return ROLE_COLOURS[region_type], ROLE_DASHES[region_type], ROLE_MARKERS[region_type]
    if extra_index == 0:
        return ROLE_COLOURS["kunta"], ROLE_DASHES["kunta"], ROLE_MARKERS["kunta"]
    i = (extra_index - 1) % len(EXTRA_COLOURS)
    return EXTRA_COLOURS[i], "solid", EXTRA_MARKERS[i % len(EXTRA_MARKERS)]


def series_styles(region_types: list[str]) -> list[tuple[str, str, str]]:
    """(colour, dash, marker) for lines in drawing order: the first municipality is the main one, later ones extra."""
    styles, n_kunta = [], 0
    for rtype in region_types:
        if rtype in ("hyvinvointialue", "maakunta", "maa"):
            styles.append(region_style(rtype))
        else:
            styles.append(region_style("kunta", n_kunta))
            n_kunta += 1
    return styles


def region_styles(regions: list[tuple[str, str]]) -> dict[str, tuple[str, str, str]]:
    """{region_code: (colour, dash, marker)} for the (code, region_type) pairs of a view in the view's own order (the
    chosen municipality first): county, maakunta and country take their role styles, the first municipality the
    municipality's, further municipalities the extra ones in order — whatever order the lines are drawn in, and
    however many sexes each region has."""
    out: dict[str, tuple[str, str, str]] = {}
    n_kunta = 0
    for code, rtype in regions:
        if code in out:
            continue
        if rtype in ("hyvinvointialue", "maakunta", "maa"):
            out[code] = region_style(rtype)
        else:
            out[code] = region_style("kunta", n_kunta)
            n_kunta += 1
    return out


# When a region is drawn for two sexes, the second (men / boys) keeps the region's colour and marker and takes a
# longer dash of the same family, so the two lines are told apart without changing the region's colour.
SECOND_SEX = "male"
SECOND_SEX_DASHES = {"solid": "longdash", "dash": "longdashdot", "dashdot": "8px,3px,2px,3px,2px,3px", "dot": "2px,6px"}


def sex_dash(dash: str, sex: str | None, several_sexes: bool) -> str:
    return SECOND_SEX_DASHES.get(dash, dash) if several_sexes and sex == SECOND_SEX else dash


# Map classes: sequential blues (ColorBrewer 'Blues', colour-blind safe), light → dark = less → more; the lightest
# class is still visible on white. Municipalities without a value are pale grey, borders white.
MAP_CLASS_COLOURS = ("#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
MAP_MISSING = "#F2F2F2"
MAP_EDGE = "#FFFFFF"
# the chosen municipality on a map: its own region colour (as in every chart), on a white casing that keeps it
# visible over any class colour
MAP_HIGHLIGHT = ROLE_COLOURS["kunta"]
MAP_HIGHLIGHT_CASING = "#FFFFFF"

# --- Sexes ---------------------------------------------------------------------------------------------------------
SEXES = ("total", "female", "male")
SEX_LABEL_KEYS = {"total": "sex.total", "female": "sex.women", "male": "sex.men"}
PUPIL_SEX_LABEL_KEYS = {"total": "sex.total", "female": "sex.girls", "male": "sex.boys"}

# --- School levels and age groups ------------------------------------------------------------------------------------
# Canonical school levels (the `grp` of a value) in display order; '' is the whole population / no school level.
SCHOOL_LEVELS = ("4.–5. lk", "8.–9. lk", "lukio 1.–2. v", "ammatillinen 1.–2. v")
GROUP_ORDER = ("", *SCHOOL_LEVELS)
DEFAULT_SCHOOL_LEVEL = "8.–9. lk"  # the level most plans talk about
SCHOOL_LEVEL_LABEL_KEYS = {
    "": "group.none",
    "4.–5. lk": "grp.lk45",
    "8.–9. lk": "grp.lk89",
    "lukio 1.–2. v": "grp.lukio",
    "ammatillinen 1.–2. v": "grp.amis",
}
# Spellings seen in real files (fi/sv/en), compared after removing spaces and dots (see importers.normalise).
SCHOOL_LEVEL_ALIASES = {
    "4.–5. lk": ("4-5lk", "4-5luokka", "4-5luokkalaiset", "åk4-5", "årskurs4-5", "grades4-5", "4-5", "alakoulu"),
    "8.–9. lk": ("8-9lk", "8-9luokka", "8-9luokkalaiset", "åk8-9", "årskurs8-9", "grades8-9", "8-9", "yläkoulu"),
    "lukio 1.–2. v": (
        "lukio1-2v",
        "lukio",
        "lukio1-2vuosi",
        "lukio1-2",
        "gymnasiet",
        "gymnasium",
        "gymnasiet1-2",
        "upper secondary",
        "uppersecondaryschool",
        "lukiolaiset",
    ),
    "ammatillinen 1.–2. v": (
        "ammatillinen1-2v",
        "ammatillinen",
        "ammatillinenoppilaitos",
        "ammatillinen1-2",
        "ammattioppilaitos",
        "amis",
        "yrkesutbildning",
        "yrkesinstitut",
        "yrkesläroanstalt",
        "vocational",
        "vocationalschool",
        "ammatillinenkoulutus",
    ),
}


def is_pupil_group(grp: str | None) -> bool:
    """A series of pupils or students (a school level), as opposed to adults or the whole population."""
    return bool(grp) and grp in SCHOOL_LEVELS


# Plan action age groups (Kouvola's plan columns); '' = not given. Stored in Finnish, shown through their labels.
AGE_GROUPS = ("lapset", "nuoret", "lapset ja nuoret", "työikäiset", "ikääntyneet", "kaikki")
AGE_GROUP_LABEL_KEYS = {
    "lapset": "age.children",
    "nuoret": "age.young",
    "lapset ja nuoret": "age.children_young",
    "työikäiset": "age.working",
    "ikääntyneet": "age.elderly",
    "kaikki": "age.all",
}

# --- Polarity ------------------------------------------------------------------------------------------------------
POLARITIES = ("higher_is_better", "lower_is_better", "neutral")
POLARITY_SIGN = {"higher_is_better": 1, "lower_is_better": -1, "neutral": 0}
# --- Units and licences as readers see them ---------------------------------------------------------------------------
# Short units of the catalogue that are words (the rest — "%", "/1 000", "l", "€" — read the same in every language)
# and licence texts that are Finnish phrases rather than licence names; the label keys give the sv/en words.
UNIT_LABEL_KEYS = {"lkm": "unit.count", "kpl": "unit.count"}
LICENCE_LABEL_KEYS = {"Kunnan oma aineisto": "licence.own_data"}
# The source written on every generated demo value (tutka.demo); shown through its label key.
DEMO_SOURCE = "Esimerkkiaineisto (keksitty)"
SOURCE_LABEL_KEYS = {DEMO_SOURCE: "demo.source"}

POLARITY_LABEL_KEYS = {
    "higher_is_better": "polarity.higher",
    "lower_is_better": "polarity.lower",
    "neutral": "polarity.neutral",
}


# --- Plans: action periods, metric kinds, targets, yearly follow-up ------------------------------------------------
PLAN_SCOPES = ("council_term", "year", "report")  # labels pe.scope_<code>
METRIC_KINDS = ("indicator", "count", "yesno", "status", "text")  # labels plan.metric_kind_<code>
TARGET_KINDS = ("value", "yesno", "count")
TARGET_OPS = ("lt", "le", "gt", "ge", "eq")  # labels target.op_<code>; eq has none
# an action's status in a year's follow-up, in the order reports list them (labels plan.status_<code>)
FOLLOWUP_STATUSES = ("toteutunut", "osittain", "ei_toteutunut", "siirtyy", "jatkuva", "ei_ilmoitettu")
FOLLOWUP_TONE = {"toteutunut": "pos", "ei_toteutunut": "neg"}  # the rest: mid
# distance to target (tutka.plans.targets) → symbol shown next to the sentence
TARGET_STATUS_SYMBOLS = {"achieved": "✅", "not_achieved": "❌", "not_yet": "⏳", "no_data": "❔"}


# --- Verdicts, comparisons, gap trends and goal statuses ----------------------------------------------------------
@dataclass(frozen=True)
class Code:
    """One verdict-like code: its symbol, colour, sort order, tone and Streamlit badge colour. Label: v.code.<code>."""

    symbol: str
    colour: str
    order: int
    tone: str  # pos | neg | mid — CSS class suffix on slides, colour role in PPTX/PDF
    badge: str

    def label_key(self, code: str) -> str:
        return f"v.code.{code}"


GOOD = "#0072B2"  # Okabe–Ito blue: better
BAD = "#D55E00"  # Okabe–Ito vermillion: worse
NEUTRAL = "#BDBDBD"
NO_CHANGE = "#D9D9D9"
UNKNOWN = "#F7F7F7"
INK = "#1F2A37"
PAPER = "#FFFFFF"  # slide and chart background (hollow demo markers are filled with it)
MUTED = "#555F6B"
DEMO_BG, DEMO_FG, DEMO_LINE = "#FFF3CD", "#7A4B00", "#E69F00"
# Demo points left in a line that also has real values: same colour, dotted and thin, hollow markers — never drawn
# like the real points (legend "… – esimerkkiaineisto").
DEMO_POINTS_DASH = "dot"


def demo_marker(marker: str) -> str:
    return f"{marker}-open"


CODES: dict[str, Code] = {
    # verdicts of a series
    "worsened": Code("▼", BAD, 0, "neg", "orange"),
    "improved": Code("▲", GOOD, 1, "pos", "blue"),
    "decreased": Code("↓", NEUTRAL, 2, "mid", "gray"),
    "increased": Code("↑", NEUTRAL, 3, "mid", "gray"),
    "no_change": Code("●", NO_CHANGE, 4, "mid", "gray"),
    "insufficient": Code("?", UNKNOWN, 5, "mid", "violet"),
    # comparison with the county / the country
    "better": Code("▲", GOOD, 10, "pos", "blue"),
    "same": Code("●", NO_CHANGE, 11, "mid", "gray"),
    "worse": Code("▼", BAD, 12, "neg", "orange"),
    # sex gap trend
    "narrowed": Code("▲", GOOD, 20, "pos", "blue"),
    "stable": Code("●", NO_CHANGE, 21, "mid", "gray"),
    "widened": Code("▼", BAD, 22, "neg", "orange"),
    # goal roll-up status
    "positive": Code("▲", GOOD, 30, "pos", "blue"),
    "negative": Code("▼", BAD, 31, "neg", "orange"),
    "mixed": Code("●", NEUTRAL, 32, "mid", "gray"),
    "no_indicators": Code("–", UNKNOWN, 34, "mid", "violet"),
}
VERDICTS = ("improved", "worsened", "no_change", "insufficient", "increased", "decreased")
GOAL_STATUSES = ("positive", "negative", "mixed", "insufficient", "no_indicators")
SLIDE_POINTS = 2  # developments per direction on a projected slide and a PPTX slide (all are in the speaker notes)


def symbol(code: str | None) -> str:
    c = CODES.get(code or "")
    return c.symbol if c else ""


def colour(code: str | None, default: str = NEUTRAL) -> str:
    c = CODES.get(code or "")
    return c.colour if c else default


# Lines drawn on white (sparklines): the pale fills of the neutral codes would all but vanish, so a line takes a
# darker grey of the same meaning (contrast ≥ 3:1 on white); blue and vermillion stay as they are.
LINE_GREYS = {"no_change": "#6B6B6B", "increased": "#6B6B6B", "decreased": "#6B6B6B", "insufficient": "#8A8A8A"}


def line_colour(code: str | None) -> str:
    """The colour of a line (sparkline) in the code's meaning: its own colour, or a visible grey for a pale one."""
    return LINE_GREYS.get(code or "") or colour(code, LINE_GREYS["insufficient"])


def tone(code: str | None) -> str:
    c = CODES.get(code or "")
    return c.tone if c else "mid"


def order(code: str | None) -> int:
    c = CODES.get(code or "")
    return c.order if c else 99


# Verdict symbols written as text in a table cell (Vertailu): dark shades of the verdict colours, with a light tint
# of the same hue behind them; every pair reaches WCAG AA for normal text (≥ 4.5:1, tests/test_vertailu_table.py).
# The symbol (▲ ▼ ● ? …) always goes with the colour.
TONE_TEXT = {"pos": "#005A8E", "neg": "#A13F00", "mid": "#4A5562"}
TONE_TINT = {"pos": "#EAF3FA", "neg": "#FCEEE5", "mid": "#FFFFFF"}
WCAG_AA = 4.5


def text_colour(code: str | None) -> str:
    return TONE_TEXT[tone(code)]


def tint(code: str | None) -> str:
    return TONE_TINT[tone(code)]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 … 21)."""

    def luminance(hex_colour: str) -> float:
        c = [x / 255 for x in rgb(hex_colour)]
        lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def css_variables() -> str:
    """The vocabulary's colours as CSS custom properties for the slide stylesheet (one source for CSS too)."""
    pairs = {
        "--tk-good": GOOD,
        "--tk-bad": BAD,
        "--tk-neutral": NEUTRAL,
        "--tk-ink": INK,
        "--tk-muted": MUTED,
        "--tk-demo-bg": DEMO_BG,
        "--tk-demo-fg": DEMO_FG,
        "--tk-demo-line": DEMO_LINE,
    }
    return ":root { " + " ".join(f"{k}: {v};" for k, v in pairs.items()) + " }"
