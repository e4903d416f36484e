"""Chart titles name the indicator, the school level and the sex; exported PNGs carry title, unit, source, update
date and the demo label; school levels read in the reader's language."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import run_page
from tutka.charts import line_chart, titled
from tutka.tables import group_label
from tutka.verdicts.text import series_name


def test_school_levels_in_each_language():
    assert group_label("8.–9. lk", "fi") == "8.–9. lk"
    assert group_label("8.–9. lk", "sv") == "åk 8–9"
    assert group_label("8.–9. lk", "en") == "grades 8–9"
    assert group_label("", "en") == "All"
    assert "åk 4–5" in series_name("Mobbad", "female", "4.–5. lk", "sv")


def test_titled_figure_has_title_and_caption():
    frame = pd.DataFrame({"year": [2021, 2023], "value": [1.0, 2.0], "region_type": "kunta", "label": "Kouvola"})
    frame["ci_low"] = frame["ci_high"] = None
    fig = titled(
        line_chart(frame, label_col="label", y_title="%", decimals=1),
        "Koulukiusattuna — 8.–9. lk — Tytöt",
        "Yksikkö: % · Lähde: THL <b>",
    )
    assert fig.layout.title.text == "Koulukiusattuna — 8.–9. lk — Tytöt"
    texts = [a.text for a in fig.layout.annotations]
    assert any("Lähde: THL &lt;b&gt;" in x for x in texts), texts  # user text is escaped, never markup


@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


def test_indicator_title_names_the_sex(app_env):
    at = run_page("pages/indikaattorit.py", kunta="KU286", ind="ktk_kiusattu", sp="female")
    assert not at.exception
    heading = at.subheader[0].value.replace("\\", "")  # the title is shown Markdown-escaped (user text is data)
    assert "Tytöt" in heading and "8.–9. lk" in heading, heading
    at = run_page("pages/indikaattorit.py", kunta="KU286", ind="ktk_kiusattu", sp="female", lang="sv")
    heading = at.subheader[0].value.replace("\\", "")
    assert "Flickor" in heading and "åk 8–9" in heading, heading


def test_pdf_profile_has_small_charts(built_db, monkeypatch):
    """The kuntaprofiili draws a small line chart per goal (lines in the region colours), still on one page."""
    import duckdb
    from fpdf import FPDF

    from tutka.exports import pdf_profile
    from tutka.exports.common import FontMissingError
    from tutka.present.build import build_deck

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        deck = build_deck(con, "KU286")
    finally:
        con.close()
    try:
        pdf_profile.font_paths()
    except FontMissingError:
        pytest.skip("DejaVu fonts missing")
    colours: list[tuple] = []
    real_line = FPDF.line

    def counting_line(self, *args, **kwargs):
        colours.append(tuple(self.draw_color.colors) if hasattr(self.draw_color, "colors") else ())
        return real_line(self, *args, **kwargs)

    monkeypatch.setattr(FPDF, "line", counting_line)
    data = pdf_profile.profile_pdf(deck)
    assert data[:4] == b"%PDF"
    n_charts = sum(min(2, len([c for c in g.charts if c.kind == "line"])) for g in deck.goals)
    assert n_charts >= 3
    assert len(colours) > 10 * n_charts, len(colours)  # segments of the lines, not just axes
    assert len(set(colours)) >= 3  # municipality, county and country in their own colours
    assert b"/Count 1" in data  # one A4 page
