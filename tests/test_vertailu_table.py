"""Vertailu's table: values in the cells (numbers, so it sorts by value), the verdict's symbol next to each value in
colours that pass WCAG AA, a column per municipality, the whole county at one click."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from tests.conftest import run_page
from tutka import domain as D
from tutka.app.verdicts import ROW_MARKER, TABLE_WIDTH, column_width, label_width
from tutka.readable import verdict_matrix


@pytest.mark.parametrize("code", list(D.CODES))
def test_every_symbol_colour_passes_wcag_aa(code):
    assert D.symbol(code), code  # never colour alone
    fg, bg = D.text_colour(code), D.tint(code)
    assert D.contrast(fg, bg) >= D.WCAG_AA, (code, fg, bg, D.contrast(fg, bg))
    assert D.contrast(fg, "#FFFFFF") >= D.WCAG_AA, (code, fg)


def test_contrast_formula():
    assert round(D.contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert D.contrast("#D55E00", "#FFFFFF") < D.WCAG_AA  # the chart vermillion alone would fail as text


def test_matrix_cells():
    rows = pd.DataFrame(
        {
            "row": ["a", "a", "b"],
            "col": ["Kouvola", "Kokkola", "Kouvola"],
            "latest_value": [8.25, -1.5, 1500.0],
            "verdict": ["worsened", "improved", ""],
            "decimals": [1, 1, 0],
        }
    )
    m = verdict_matrix(rows, ["Kouvola", "Kokkola"], ["a", "b"], "fi")
    assert m["value"].at["a", "Kouvola"] == 8.25 and m["value"].dtypes.eq("float64").all()
    assert m["text"].loc["a"].tolist() == ["▼ 8,2", "▲ \u22121,5"]  # symbol + Finnish number, true minus
    assert m["text"].loc["b"].tolist() == ["1\u00a0500", "–"]
    assert m["verdict"].loc["b"].tolist() == ["", ""]
    assert verdict_matrix(rows, ["Kouvola", "Kokkola"], ["a", "b"], "en")["text"].at["b", "Kouvola"] == "1,500"


def test_widths_fit_a_laptop_for_eight_municipalities():
    names = ["Kokkola", "Halsua", "Kannus", "Kaustinen", "Lestijärvi", "Perho", "Toholampi", "Veteli"]
    widths = [column_width(n, ["▲ 12,3", "? 676\u00a0462" if n == "Kokkola" else "● 0,45"]) for n in names]
    assert all(w >= 7 * len(n) for w, n in zip(widths, names, strict=True))
    assert sum(widths) + label_width(widths) + ROW_MARKER <= TABLE_WIDTH
    assert label_width([80, 80]) == 380  # two municipalities: the label gets its full width


@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


def _table(at):
    frame = next(d for d in at.dataframe if d.proto.id and "vertailu_taulukko" in d.proto.id)
    shown = convert_arrow_bytes_to_pandas_df(frame.proto.arrow_data.styler.display_values)
    return frame.value, shown, frame.proto.arrow_data.styler.styles


def test_vertailu_table_values_symbols_and_colours(app_env):
    at = run_page("pages/vertailu.py", kunta="KU286", jarjestys="KU286")
    assert not at.exception, at.exception
    values, shown, styles = _table(at)
    assert list(values.columns) == ["Indikaattori", "Kouvola", "Kokkola"]
    assert pd.api.types.is_float_dtype(values["Kouvola"])  # numbers: a header click sorts by value
    cells = [str(x) for x in shown[["Kouvola", "Kokkola"]].to_numpy().ravel()]
    assert any(c.startswith("▼ ") and "," in c for c in cells), cells[:10]  # "▼ 8,3": the symbol with the value
    assert str(shown["Kouvola"].iloc[0]).startswith("▼"), shown.head(3)  # sorted by Kouvola: worsened first
    assert D.TONE_TEXT["neg"].lower() in styles.lower() and D.TONE_TINT["pos"].lower() in styles.lower()
    assert all(" %" not in str(c) for c in cells)  # the unit is in the row label, not repeated in every cell
    assert values["Indikaattori"].str.endswith(", %").any()


def test_whole_county_button(app_env):
    at = run_page("pages/vertailu.py", kunta="KU286")
    assert not at.exception, at.exception
    assert not at.get("multiselect") and not at.get("button")  # the pickers are in the closed menu
    at.session_state["vertailu_valinnat"] = True  # the menu opened
    at.run()
    at.button(key="koko_alue").click().run()  # (AppTest closes the menu on a click; a browser keeps it open)
    at.session_state["vertailu_valinnat"] = True
    at.run()
    assert not at.exception, at.exception
    assert set(at.multiselect(key="alueet").value) == {"KU286", "KU075", "KU285", "KU489", "KU624", "KU935"}
    values, _, _ = _table(at)
    assert list(values.columns)[:2] == ["Indikaattori", "Kouvola"] and len(values.columns) == 7
    assert ":gray[Kouvola, Hamina, Kotka ja 3 muuta]" in [m.value for m in at.markdown]


def test_pickers_menu_keeps_the_selection_when_closed(app_env):
    """The menu's pickers are drawn only when it is open; closed, their selection still applies, stays in the link
    and is named in the menu's label (escaped: a name is data, not Markdown)."""
    at = run_page("pages/vertailu.py", kunta="KU286")
    assert [p.proto.popover.label for p in at.get("popover")] == ["Kunnat ja järjestys"]
    assert ":gray[Kouvola, Kokkola]" in [m.value for m in at.markdown]  # beside the menu: what the table shows
    at.session_state["vertailu_valinnat"] = True
    at.run()
    at.multiselect(key="alueet").set_value(["KU286", "KU272", "KU075"]).run()  # (AppTest then closes the menu)
    at.session_state["vertailu_valinnat"] = True
    at.run()
    at.selectbox(key="jarjestys").set_value("KU272").run()
    assert not at.exception, at.exception
    at.session_state["vertailu_valinnat"] = False  # closed again
    at.run()
    assert not at.exception, at.exception
    assert not at.get("multiselect")
    assert at.query_params["alueet"] == ["KU286", "KU272", "KU075"] and at.query_params["jarjestys"] in (
        "KU272",
        ["KU272"],
    )
    values, shown, _ = _table(at)
    assert list(values.columns) == ["Indikaattori", "Kouvola", "Kokkola", "Hamina"]
    assert str(shown["Kokkola"].iloc[0]).startswith("▼"), shown.head(3)  # still sorted by Kokkola
    shown_text = ":gray[Kouvola, Kokkola, Hamina · järjestys: Kokkola, heikentyneet ensin]"
    assert shown_text in [m.value for m in at.markdown]


def test_selection_text_escapes_names():
    from tutka.app.verdicts import compare_selection

    text = compare_selection(["*Kouvola*", "[x](e)", "Hamina", "Kotka"], "*K*")
    assert text == r":gray[\*Kouvola\*, \[x\]\(e\), Hamina ja 1 muuta · järjestys: \*K\*, heikentyneet ensin]"
    assert compare_selection([], None) == ""


def test_vertailu_in_swedish(app_env):
    at = run_page("pages/vertailu.py", kunta="KU272", lang="sv")
    assert not at.exception, at.exception
    values, shown, _ = _table(at)
    assert "Karleby" in values.columns
    assert any("," in str(c) for c in shown["Karleby"])
