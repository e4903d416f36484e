"""AppTest over every entry of the same PAGES list the app uses, plus the interactions that matter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import page_text, run_page
from tutka.nav import PAGES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
@pytest.mark.parametrize("kunta", ["KU286", "KU272"])
def test_every_page_renders(app_env, page, kunta):
    at = run_page(page.path, kunta=kunta)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_plan_page_shows_kouvola_plan_and_filters(app_env):
    at = run_page("pages/suunnitelma.py", kunta="KU286")
    body = page_text(at)
    assert "Terveellisten elintapojen ja kulttuurisen hyvinvoinnin edistäminen" in body
    assert "Lasten ja nuorten päihteiden käytön väheneminen" in body
    assert "`nan`" not in body and "· nan" not in body  # empty age groups are not shown as NaN
    total = next(c.value for c in at.caption if "toimenpidettä" in c.value)
    at.multiselect(key="tavoite").select("kou-tyollisyys").run()
    assert not at.exception
    shown = next(c.value for c in at.caption if "toimenpidettä" in c.value)
    assert shown == "Näytetään 8 / 75 toimenpidettä", (total, shown)
    assert "TE-palvelujen siirtäminen kunnille" in page_text(at)


def test_plan_page_kokkola_report_figures(app_env):
    at = run_page("pages/suunnitelma.py", kunta="KU272")
    body = page_text(at)
    assert "Lapsiystävällisyys" in body
    assert "676\u00a0462" in body  # library loans, a real figure from the report


def test_indicator_page_demo_label_and_downloads(app_env):
    at = run_page("pages/indikaattorit.py", kunta="KU286", ind="ktk_kiusattu")
    assert not at.exception
    assert any("Esimerkkiaineisto" in w.value for w in at.warning)
    assert any("Lähde" in c.value for c in at.caption)
    # which plan goals/actions the indicator belongs to
    label = next(e.label for e in at.expander if e.label.startswith("Suunnitelman tavoitteet"))
    assert label != "Suunnitelman tavoitteet ja toimenpiteet (0)"
    assert "Arjen turvallisuus" in page_text(at) or "Terveellisten elintapojen" in page_text(at)
    # the files are in a menu drawn when opened
    menus = [p.proto.popover.label for p in at.get("popover")]
    assert menus == ["Vertaa muihin kuntiin", "Lataa"] and not at.get("download_button") and not at.multiselect
    at.session_state["lataukset"] = True
    at.run()
    assert not at.exception
    assert [b.label for b in at.get("download_button")] == ["Lataa CSV", "Lataa Excel", "Lataa kuva (PNG)"]
    # switch to the table view and check the demo column is there
    at.segmented_control(key="nakyma").set_value("table").run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert "Esimerkkiaineisto" in frame.columns
    # years × regions: one column per region, one row per year
    assert {"Vuosi", "Kouvola", "Kymenlaakson hyvinvointialue", "Koko maa"} <= set(frame.columns)
    assert frame["Vuosi"].is_unique


def test_indicator_compare_menu_keeps_its_selection_when_closed(app_env):
    """The "Vertaa" picker is drawn only in its open menu; closed, the compared municipality stays in the chart, the
    table and the link."""
    at = run_page("pages/indikaattorit.py", kunta="KU286", ind="ktk_kiusattu")
    at.session_state["vertaa_valikko"] = True
    at.run()
    at.multiselect(key="vrt").set_value(["KU075"]).run()
    at.session_state["vertaa_valikko"] = False
    at.run()
    assert not at.exception, at.exception
    assert not at.multiselect and at.query_params["vrt"] in ("KU075", ["KU075"])
    traces = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert any("Hamina" in str(trace.get("name")) for trace in traces), [trace.get("name") for trace in traces]
    at.segmented_control(key="nakyma").set_value("table").run()
    assert "Hamina" in at.dataframe[0].value.columns


def test_language_switch_to_swedish(app_env):
    at = run_page("pages/indikaattorit.py", kunta="KU272", lang="sv")
    assert not at.exception
    assert any("Indikatorer" in x.value for x in at.title)


def test_vertailu_caption_lists_the_sources_of_every_chosen_municipality(fresh_db, use_app_database):
    """Each municipality's sources are read on their own and combined: the caption names the sources of all the
    chosen municipalities, most values first, as one read of them all lists them (ties by name)."""
    import duckdb

    from tutka import queries
    from tutka.citations import unique_sources
    from tutka.i18n import source_label

    con = duckdb.connect(str(fresh_db))
    con.execute(
        "update indicator_values set source = 'Kokkolan oma kysely' where region_code = 'KU272' and year < 2020"
    )
    both = queries.run(con, "sources_for_regions", regions=["KU286", "KU272"])
    con.close()
    assert "Kokkolan oma kysely" in set(both["source"])
    expected = "; ".join(
        source_label(s, "fi")
        for s in unique_sources(both.sort_values(["n_values", "source"], ascending=[False, True])["source"])
    )
    use_app_database(fresh_db)
    at = run_page("pages/vertailu.py", kunta="KU272")  # Kokkola and Kouvola chosen
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Lähde"))
    assert re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", caption).startswith(f"Lähde: {expected} · "), caption
