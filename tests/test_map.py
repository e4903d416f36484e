"""The map: geometry shipped with provenance and under 1 MB, planar polygons (no geo traces that need a CDN),
classes and hover in Finnish formats, the chosen municipality outlined, and the Vertailu page shows it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import run_page
from tutka import maps

ROOT = Path(__file__).resolve().parents[1]


def test_geometry_is_small_and_documented():
    assert maps.GEO.stat().st_size < 1_000_000
    readme = (ROOT / "data" / "geo" / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "EPSG:3067" in readme and "Tilastokeskus" in readme
    geo = maps.shapes()
    assert len(geo) == 308 and "286" in geo and "272" in geo


def _frame():
    return pd.DataFrame(
        {
            "official_code": ["286", "285", "075", "489", "999"],
            "name": ["Kouvola", "Kotka", "Hamina", "Miehikkälä", "Lakkautettu"],
            "value": [13.8, 9.6, 1500.3, None, 1.0],
            "year": [2025, 2025, 2023, None, 2020],
            "verdict": ["improved", "worsened", "", None, "improved"],
        }
    )


def test_value_map_is_planar_with_finnish_legend_and_hover():
    fig = maps.map_figure(_frame(), lang="fi", highlight="286", unit="%", decimals=1, has_demo=True)
    assert all(tr.type == "scatter" for tr in fig.data)  # no choropleth / geo traces
    assert fig.layout.yaxis.scaleanchor == "x"
    xs = [x for tr in fig.data for x in tr.x if x is not None]
    assert min(xs) > 0  # a region without a polygon is left out, not drawn at (0, 0)
    names = [tr.name for tr in fig.data if tr.name]
    assert "ei tietoa" in names and "Kouvola" in names  # missing class and the outlined municipality
    assert any("1\u00a0500,3" in n for n in names), names  # Finnish numbers in the legend
    hover = next(tr for tr in fig.data if tr.mode == "markers").text
    assert "<b>Hamina</b><br>1\u00a0500,3 % (2023)" in hover
    assert any("ESIMERKKIAINEISTO" in (a.text or "").upper() for a in fig.layout.annotations)
    assert any("Tilastokeskus" in (a.text or "") for a in fig.layout.annotations)


def test_verdict_map_uses_symbols_and_colours():
    fig = maps.map_figure(_frame(), lang="sv", mode="verdict", highlight="286")
    names = [tr.name for tr in fig.data if tr.name]
    assert any(n.startswith("▲") for n in names) and any(n.startswith("▼") for n in names), names
    assert "inga uppgifter" in names


def test_map_renders_offline_to_png():
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    from tutka.exports.png import figure_png

    png = figure_png(maps.map_figure(_frame(), lang="fi", highlight="286"), width=600, height=500, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


def test_vertailu_shows_the_map_in_its_tab(app_env):
    at = run_page("pages/vertailu.py", kunta="KU286")
    assert not at.exception, at.exception
    assert [tab.label for tab in at.tabs] == ["Taulukko", "Kartta", "Tavoitteiden tila"]
    assert not at.get("plotly_chart")  # a closed tab is not drawn: the map costs nothing until it is opened
    at = run_page("pages/vertailu.py", kunta="KU286", osio="kartta")
    assert not at.exception, at.exception
    assert [c.key for c in at.get("plotly_chart")] == ["kartta_fig"]
    assert not any("vertailu_taulukko" in d.proto.id for d in at.dataframe)  # the table's tab is closed now
    at = run_page("pages/vertailu.py", kunta="KU286", osio="kartta", kartta_alue="SSS", kartta_vari="verdict")
    assert not at.exception, at.exception
    assert not at.error
    assert [c.key for c in at.get("plotly_chart")] == ["kartta_fig"]
    at = run_page("pages/vertailu.py", kunta="KU286", osio="muu")  # an unknown tab in a link: the first one
    assert not at.exception, at.exception
    assert any("vertailu_taulukko" in d.proto.id for d in at.dataframe) and not at.get("plotly_chart")


def test_vertailu_cells_show_values_and_sort_by_a_municipality(app_env):
    at = run_page("pages/vertailu.py", kunta="KU286", jarjestys="KU286")
    assert not at.exception, at.exception
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    table = next(d for d in at.dataframe if "vertailu_taulukko" in d.proto.id)  # the table replaced the heat map
    shown = convert_arrow_bytes_to_pandas_df(table.proto.arrow_data.styler.display_values)
    cells = [str(x) for x in shown[["Kouvola", "Kokkola"]].to_numpy().ravel()]
    assert any("," in x and x[0] in "▲▼●" for x in cells), cells[:10]  # "▲ 8,3": value next to the symbol
    assert str(shown["Kouvola"].iloc[0]).startswith("▼"), shown.head(3)


def test_vertailu_keeps_the_open_tab_across_a_page_switch_and_a_language_change(app_env):
    """The open tab is in the session as well as in the URL: back from another page (whose URL no longer says it)
    the map's tab is open again, and a language change (a new label for every tab) keeps it open."""
    at = run_page("pages/vertailu.py", kunta="KU286", osio="kartta")
    assert [c.key for c in at.get("plotly_chart")] == ["kartta_fig"]
    at.switch_page("pages/etusivu.py")
    at.run()
    at.query_params.pop("osio", None)
    at.switch_page("pages/vertailu.py")
    at.run()
    assert not at.exception, at.exception
    assert [c.key for c in at.get("plotly_chart")] == ["kartta_fig"]
    assert at.query_params.get("osio") in ("kartta", ["kartta"])  # written back to the link
    at.selectbox(key="lang").set_value("sv").run()
    assert not at.exception, at.exception
    assert [tab.label for tab in at.tabs] == ["Tabell", "Karta", "Målens status"]
    assert [c.key for c in at.get("plotly_chart")] == ["kartta_fig"]
