"""Finnish number formats on every page: no 'None'/'nan', no decimal point, no '2 025', no raw floats in tables."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.conftest import run_page
from tutka.fmt import fmt_number, fmt_signed, fmt_year
from tutka.nav import PAGES

# A number with exactly one decimal point ("8.3"), not a date ("6.12.2026") nor a school level ("8.–9.").
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")
ALLOWED = ("CC BY 4.0", "CC BY 4,0")
YEAR_WITH_SPACE = re.compile(r"\b2[\u00a0 ]0\d{2}\b")


def _texts(at) -> list[str]:
    parts: list[str] = []
    for kind in ("markdown", "title", "subheader", "header", "caption", "info", "warning", "success", "error"):
        parts += [str(x.value) for x in getattr(at, kind)]
    for m in at.metric:
        parts += [str(m.label), str(m.value)]
    for e in at.expander:
        parts.append(str(e.label))
    return parts


def _table_problems(frame: pd.DataFrame, where: str) -> list[str]:
    """Cells the browser would show as 'None', 'nan', '8.3' or '1500': tables hold formatted text (years may be int)."""
    problems = []
    for col in frame.columns:
        series = frame[col]
        if pd.api.types.is_bool_dtype(series):
            continue
        if pd.api.types.is_integer_dtype(series) and series.between(1900, 2100).all():
            continue  # a year column
        if pd.api.types.is_integer_dtype(series) and series.abs().lt(1000).all():
            continue  # small whole numbers look the same in every format
        if pd.api.types.is_numeric_dtype(series):
            problems.append(f"{where}: numeric column {col!r} is shown unformatted ({series.head(3).tolist()})")
            continue
        for v in series:
            if isinstance(v, (list, tuple)) or (hasattr(v, "__len__") and not isinstance(v, str)):
                continue  # sparkline cells
            if v is None or (isinstance(v, float) and pd.isna(v)):
                problems.append(f"{where}: missing value in {col!r} shown as None")
                break
            if isinstance(v, float):
                problems.append(f"{where}: float {v} in {col!r}")
                break
    return problems


def scan(at, where: str) -> list[str]:
    problems = []
    for text in _texts(at):
        for bad in ("None", "nan", "NaN"):
            if re.search(rf"\b{bad}\b", text):
                problems.append(f"{where}: {bad!r} in {text[:120]!r}")
        cleaned = text
        for ok in ALLOWED:
            cleaned = cleaned.replace(ok, "")
        cleaned = re.sub(r"https?://\S+", "", cleaned)
        m = DECIMAL_POINT.search(cleaned)
        if m:
            problems.append(f"{where}: decimal point {m.group()!r} in {text[:160]!r}")
        m = YEAR_WITH_SPACE.search(text)
        if m:
            problems.append(f"{where}: year with a separator {m.group()!r} in {text[:160]!r}")
    for i, df in enumerate(at.dataframe):
        problems += _table_problems(_shown(df), f"{where} table {i}")
    return problems


def _shown(df) -> pd.DataFrame:
    """What a table shows: a styled table (Vertailu) keeps numbers for sorting and shows its display values."""
    styler = getattr(getattr(getattr(df, "proto", None), "arrow_data", None), "styler", None)
    if styler is not None and styler.display_values:
        from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

        return convert_arrow_bytes_to_pandas_df(styler.display_values)
    return df.value


def test_formatting_helpers():
    assert fmt_year(2025) == "2025"
    assert fmt_year(2025.0) == "2025"
    assert fmt_year(None) == "–"
    assert fmt_number(1500, 0) == "1\u00a0500"
    assert fmt_signed(-1.25, 1) == "\u22121,2" or fmt_signed(-1.25, 1) == "\u22121,3"


def test_scan_catches_bad_text():
    class Fake:
        def __init__(self, text, frame):
            self.markdown = [type("M", (), {"value": text})()]
            self.dataframe = [type("D", (), {"value": frame})()]
            for k in ("title", "subheader", "header", "caption", "info", "warning", "success", "error", "metric"):
                setattr(self, k, [])
            self.expander = []

    bad = scan(Fake("Arvo 8.3 (2\u00a0025) None", pd.DataFrame({"a": [1.5, None]})), "x")
    assert len(bad) == 4, bad
    ok = scan(Fake("Arvo 8,3 (2025) 6.12.2026 8.–9. lk CC BY 4.0", pd.DataFrame({"v": ["8,3", "–"]})), "x")
    assert ok == [], ok


@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
def test_page_text_is_finnish_formatted(app_env, page):
    problems = []
    for kunta in ("KU286", "KU272"):
        at = run_page(page.path, kunta=kunta)
        assert not at.exception, at.exception
        problems += scan(at, f"{page.path} {kunta}")
    assert problems == [], "\n".join(problems)


def test_indicator_table_view_is_formatted(app_env):
    at = run_page("pages/indikaattorit.py", kunta="KU286", ind="ktk_kiusattu", nakyma="table")
    assert not at.exception
    problems = scan(at, "indikaattorit table")
    assert problems == [], "\n".join(problems)
    frame = at.dataframe[0].value
    text = " ".join(frame.astype(str).to_numpy().ravel())
    assert re.search(r"\d,\d", text), text[:300]


def _tick_texts(fig) -> list[str]:
    """Tick labels as plotly.js draws them (kaleido renders an SVG with Debian's Chromium)."""
    import os
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    from tutka.exports.png import _LOCK

    with _LOCK:
        svg = fig.to_image(format="svg", width=800, height=400).decode()
    return re.findall(r'class="[xy]tick"><text[^>]*>([^<]*)<', svg)


def test_chart_ticks_are_finnish():
    from tutka import charts

    big = pd.DataFrame(
        {
            "year": [2020, 2021, 2022],
            "value": [700000.0, 1500.0, 250000.0],
            "region_type": "kunta",
            "ci_low": None,
            "ci_high": None,
            "label": "Kouvola",
        }
    )
    ticks = _tick_texts(charts.line_chart(big, label_col="label", y_title="lkm", decimals=0, lang="fi"))
    assert "2020" in ticks and "700\u00a0000" in ticks or "700 000" in ticks, ticks
    assert not any(x.endswith("k") or x.endswith("M") for x in ticks), ticks
    small = big.assign(value=[-2.5, 0.5, 1.5])
    ticks = _tick_texts(charts.line_chart(small, label_col="label", y_title="%", decimals=1, lang="fi"))
    assert any(x.startswith("\u2212") for x in ticks), ticks
    assert any("," in x for x in ticks) and not any("." in x or "-" in x for x in ticks), ticks


def test_units_are_written_one_way():
    """Per-thousand units read "/1 000" (no-break space) everywhere, never "/1000" or "/ 1 000"."""
    import yaml

    from tests.conftest import ROOT

    entries = yaml.safe_load((ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    entries = entries if isinstance(entries, list) else entries.get("indicators", entries)
    for e in entries if isinstance(entries, list) else entries.values():
        units = [str(e.get("short_unit", ""))] + [str(v) for v in (e.get("unit") or {}).values()]
        for u in units:
            assert not re.search(r"\d{4}|/ \d|\d 000", u), (e.get("id"), u)


def test_preview_tells_demo_replacement_apart():
    from tutka.readable import preview_table

    rows = pd.DataFrame(
        {
            "status": ["changed", "changed", "new"],
            "old_is_demo": [True, False, None],
            "is_demo": [False, False, False],
            "indicator_id": ["ktk_kiusattu"] * 3,
            "region_code": ["KU286"] * 3,
            "year": [2023, 2023, 2025],
            "sex": ["female", "total", "male"],
            "grp": ["8.–9. lk", "8.–9. lk", ""],
            "old_value": [8.25, 7.0, None],
            "value": [8.5, 7.5, 1500.0],
            "respondents": [1200, None, None],
        }
    )
    table = preview_table(rows, {"ktk_kiusattu": "Koulukiusattuna"}, {"KU286": "Kouvola"}, {"ktk_kiusattu": 1}, "fi")
    assert table["Muutos"].tolist() == ["esimerkkiaineisto → oikea arvo", "muuttuu", "uusi"]
    assert table["Sukupuoli"].tolist() == ["Tytöt", "Yhteensä", "Miehet"]
    assert table["Vanha arvo"].tolist()[2] == "–" and table["Uusi arvo"].tolist()[2] == "1\u00a0500,0"
    assert set(table["Alue"]) == {"Kouvola"}


def test_goal_page_explanations_are_never_cut(app_env):
    """The explanation is not a grid cell (which cuts long text) but a full sentence in the list under the table."""
    at = run_page("pages/tavoite.py", kunta="KU286")
    assert not at.exception
    for df in at.dataframe:
        assert "Perustelu" not in df.value.columns
    label = next(e.label for e in at.expander if e.label.startswith("Perustelut luvuin"))
    assert label != "Perustelut luvuin (0)"
    text = "\n".join(m.value for m in at.markdown)
    assert "merkitsevä trendi" in text or "vuodesta" in text


def test_no_developer_paths_in_everyday_texts():
    """Page texts a coordinator reads do not point at source files (the About page's technical field table and the
    verdict-rule explanation for administrators are the exceptions, marked with ALLOWED_KEYS)."""
    import csv

    from tests.conftest import ROOT

    allowed_keys = {"about.fields_intro", "schema.sotkanet_unverified", "v.about.rules"}
    bad = []
    for path in sorted((ROOT / "data" / "i18n").glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                # administrators' texts (rule file, data-source configuration, command line) may name files
                if row["key"] in allowed_keys or row["key"].startswith(("v.about", "fetch.", "cli.", "schema.")):
                    continue
                for lang in ("fi", "sv", "en"):
                    if re.search(r"tutka/|\.py\b|data/", row[lang] or ""):
                        bad.append((row["key"], lang))
    assert bad == [], bad


def test_dates_in_the_readers_language():
    from datetime import datetime

    from tutka.fmt import fmt_date

    when = datetime(2026, 12, 6, 17, 8)
    assert fmt_date(when, True, lang="fi") == "6.12.2026 17:08"
    assert fmt_date(when, True, lang="sv") == "6.12.2026 17:08"
    assert fmt_date(when, True, lang="en") == "6 Dec 2026 17:08"
    assert fmt_date(when.date(), lang="en") == "6 Dec 2026"
