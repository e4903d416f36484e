"""Every page in Swedish and English for Kouvola, as a reader sees it: no Finnish vocabulary left in it.

The scan collects every visible text of an AppTest run — markdown, titles, captions, alerts, metric labels,
widget labels and options, expander/tab labels, dataframe headers and cells, and the chart texts (trace names,
axis titles, annotations, hover templates) — and fails on Finnish-only words: the words of the Finnish column of
data/i18n whose key has its own Swedish and English texts, plus the unit and age-group vocabulary. The plan's own
texts (goal titles, actions, metrics written by the municipality) are the municipality's data, in Finnish, and are
taken out before the scan; their age groups are vocabulary and are not.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from tests.conftest import run_page
from tutka import domain as D
from tutka.citations import publication
from tutka.i18n import texts
from tutka.nav import PAGES

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\w+")  # identifiers such as ktk_ylipaino stay one token

# Finnish vocabulary that is data, not an i18n text: units, age groups, sexes, the demo label, source names
EXTRA_FINNISH = {
    "lkm",
    "vuotiaat",
    "Tytöt",
    "Pojat",
    "Kunnan oma aineisto",
    "esimerkkiaineisto",
    "Kouluterveyskysely",
    "työikäiset",
    "ikääntyneet",
    "hyvinvointialue",
    "Koko maa",
    "Kymenlaakson",
}


def _norm(text: str) -> str:
    """What the reader sees: Markdown escapes, emphasis and list marks removed, whitespace collapsed."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("\u2060", "")
    text = re.sub(r"(?<!\w)_|_(?!\w)", " ", text.replace("**", " "))  # emphasis, not ktk_ylipaino
    return " ".join(text.split())


def _plan_texts() -> list[str]:
    """The texts a municipality wrote in its plan, and the publications values cite (taken out of the scan), longest
    first; not the age groups nor the demo source, which are vocabulary."""
    out: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str) and len(node) > 3 and node not in D.AGE_GROUPS:
            out.add(node.strip())

    for path in sorted((ROOT / "data" / "plans").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "data" / "values").glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            out |= {publication(r["source"]) for r in csv.DictReader(fh) if r.get("source")}
    out.discard(D.DEMO_SOURCE)
    pieces = {_norm(line) for text in out for line in text.splitlines()}
    return sorted((p for p in pieces if len(p) > 3 and p not in D.AGE_GROUPS), key=len, reverse=True)


def finnish_words() -> set[str]:
    """Finnish words of the i18n table that no Swedish or English text uses."""
    table = texts()
    other = set()
    for entry in table.values():
        for lang in ("sv", "en"):
            other |= {w.lower() for w in WORD.findall(entry[lang])}
    words = set()
    for entry in table.values():
        if entry["fi"] and entry["fi"] not in (entry["sv"], entry["en"]):
            words |= {w for w in WORD.findall(entry["fi"]) if len(w) >= 5 and w.lower() not in other}
    return words | EXTRA_FINNISH


def _plotly_texts(spec: str) -> list[str]:
    fig = json.loads(spec)
    out: list[str] = []
    layout = fig.get("layout", {})
    for trace in fig.get("data", []):
        for k in ("name", "hovertemplate", "text"):
            v = trace.get(k)
            out += v if isinstance(v, list) else [v]
    for ann in layout.get("annotations", []):
        out.append(ann.get("text"))
    for k, v in layout.items():
        if k.startswith(("xaxis", "yaxis")) and isinstance(v, dict):
            out.append((v.get("title") or {}).get("text"))
            out += [str(x) for x in v.get("ticktext", [])]
    return [str(x) for x in out if isinstance(x, str | int | float) and str(x)]


def visible_texts(at) -> list[str]:
    """Every text a reader sees on the run's page (main area and sidebar)."""
    out: list[str] = []
    for node in at._tree:
        for attr in ("label", "help", "placeholder"):
            v = getattr(node, attr, None)
            if isinstance(v, str):
                out.append(v)
        kind = getattr(node, "type", "")
        if kind in ("markdown", "caption", "title", "header", "subheader", "alert", "text"):
            out.append(str(node.value))
        elif kind in ("error", "warning", "info", "success"):
            out.append(str(node.value))
        elif kind == "metric":
            out += [node.label, node.value]
        elif kind in ("selectbox", "multiselect", "radio", "button_group", "select_slider"):
            out += [str(o) for o in node.options]
        elif kind in ("dataframe", "arrow_data_frame", "table"):
            frame = node.value
            styler = getattr(getattr(node.proto, "arrow_data", None), "styler", None)
            if styler is not None and styler.display_values:  # a styled table shows its display values
                frame = convert_arrow_bytes_to_pandas_df(styler.display_values)
            out += [str(c) for c in frame.columns]
            cells = [x for x in frame.to_numpy().ravel() if not hasattr(x, "__len__") or isinstance(x, str)]
            out += [str(x) for x in cells if str(x) not in ("nan", "None", "<NA>")]  # sparklines are charts
        elif kind == "plotly_chart":
            out += _plotly_texts(node.proto.spec)
        elif kind in ("expander", "tab"):
            out.append(str(getattr(node.proto, kind).label) if hasattr(node.proto, kind) else "")
    return [x for x in out if x]


def _is_plan_prefix(part: str, plan_texts: list[str]) -> bool:
    stem = part.rstrip("…").strip(" -·:")
    tail = stem[-40:]
    return len(tail) > 10 and any(tail in p for p in plan_texts)


# numbers and dates in the language's own format: sv writes numbers and dates as Finnish does ("9,1", "6.12.2026"),
# en writes "9.1", "1,500" and "6 Dec 2026"; no language groups a year ("2 025"). "CC BY 4.0" is a name.
FORMAT_SLIPS = {
    "sv": {
        "decimal point": re.compile(r"(?<!BY )(?<![\d.])\d+\.\d+(?![\d.])"),
        "grouped year": re.compile(r"\b20\s\d\d\d\b"),
    },
    "en": {
        "decimal comma": re.compile(r"(?<![\d,])\d+,\d{1,2}(?![\d,])"),
        "Finnish date": re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"),
        "grouped year": re.compile(r"\b20[\s,]\d\d\d\b"),
    },
}


def format_slips(at, lang: str, plan_texts: list[str]) -> dict[str, str]:
    """{kind of slip: the text it was found in} for numbers and dates outside the plan's own texts."""
    found: dict[str, str] = {}
    for text in visible_texts(at):
        clean = _norm(text)
        if len(clean) >= 40 and any(clean[:40] in p for p in plan_texts):
            continue
        for p in plan_texts:
            if p in clean:
                clean = clean.replace(p, " ")
        for kind, pattern in FORMAT_SLIPS[lang].items():
            m = pattern.search(clean)
            if m and kind not in found:
                found[kind] = f"{m.group(0)!r} in {text[:160]!r}"
    return found


# Finnish kept on purpose: the About page's table of indicators.yaml fields lists the unit codes as they are written
# in the file ("lkm").
FILE_FORMAT_TEXTS = ("/100 000, lkm, €",)


def finnish_left(at, words: set[str], plan_texts: list[str]) -> dict[str, str]:
    """{Finnish word: the text it was found in}."""
    found: dict[str, str] = {}
    for text in visible_texts(at):
        clean = _norm(text)
        for kept in FILE_FORMAT_TEXTS:
            clean = clean.replace(kept, " ")
        if len(clean) >= 40 and any(clean[:40] in p for p in plan_texts):
            continue  # a plan text (cut short for a picker or a label)
        for p in plan_texts:
            if p in clean:
                clean = clean.replace(p, " ")
        # a plan text cut short in a list ("…")
        clean = " ".join(
            part
            for part in re.split(r"(?<=…)", clean)
            if not (part.endswith("…") and _is_plan_prefix(part, plan_texts))
        )
        tokens = set(WORD.findall(clean))
        for w in words:
            hit = w in clean if " " in w else w in tokens
            if hit and w not in found:
                found[w] = text[:160]
    return found


@pytest.fixture(scope="module")
def scan_db(tmp_path_factory):
    from tutka.loader import init_db

    path = tmp_path_factory.mktemp("scan") / "tutka.duckdb"
    init_db(path)
    return path


def test_word_list_is_not_empty():
    words = finnish_words()
    assert {"lkm", "Tytöt", "Tavoite"} <= words or "lkm" in words, sorted(words)[:50]
    assert len(words) > 100  # built from the table, not a short hand-written list


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("page", PAGES, ids=[p.path.split("/")[-1] for p in PAGES])
def test_no_finnish_in_other_languages(scan_db, use_app_database, page, lang):
    use_app_database(scan_db)
    at = run_page(page.path, kunta="KU286", lang=lang)
    assert not at.exception, at.exception
    plan_texts = _plan_texts()
    found = finnish_left(at, finnish_words(), plan_texts)
    assert not found, f"Finnish on {page.path} in {lang}: {found}"
    slips = format_slips(at, lang, plan_texts)
    assert not slips, f"numbers or dates not in the {lang} format on {page.path}: {slips}"


VIEWS = [
    ("pages/indikaattorit.py", {"ind": "ktk_kiusattu", "nakyma": "table"}),
    ("pages/indikaattorit.py", {"ind": "kirjasto_lainat"}),
    ("pages/vertailu.py", {"osio": "kartta", "kartta_vari": "verdict", "sukupuoli": "female"}),
    ("pages/vertailu.py", {"osio": "tavoitteet"}),
    ("pages/etusivu.py", {"kunta": "KU272"}),
    ("pages/suunnitelma.py", {"kunta": "KU272"}),
    ("pages/tasa_arvo.py", {"muuttuneet": "1"}),
]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(("path", "query"), VIEWS, ids=[f"{p.split('/')[-1]}-{'-'.join(q.values())}" for p, q in VIEWS])
def test_other_views_have_no_finnish(scan_db, use_app_database, path, query, lang):
    use_app_database(scan_db)
    at = run_page(path, **{"kunta": "KU286", **query, "lang": lang})
    assert not at.exception, at.exception
    plan_texts = _plan_texts()
    found = finnish_left(at, finnish_words(), plan_texts)
    assert not found, f"Finnish on {path} {query} in {lang}: {found}"
    slips = format_slips(at, lang, plan_texts)
    assert not slips, f"numbers or dates not in the {lang} format on {path} {query}: {slips}"
