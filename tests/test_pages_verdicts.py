"""AppTest + real-browser coverage of the verdict pages: Etusivu, Tavoite, Vertailu, Tasa-arvo."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, assert_no_errors, page_text, run_page, wait_for_app

PAGES = ["pages/etusivu.py", "pages/tavoite.py", "pages/vertailu.py", "pages/tasa_arvo.py"]


@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("kunta", ["KU286", "KU272"])
def test_verdict_pages_render(app_env, path, kunta):
    at = run_page(path, kunta=kunta)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_etusivu_is_the_default_page_with_kouvola_story(app_env):
    at = run_page(None, kunta="KU286")
    assert not at.exception, at.exception
    text = page_text(at)
    assert "Positiiviset kehityskulut" in text and "Negatiiviset kehityskulut" in text
    assert "Terveellisten elintapojen ja kulttuurisen hyvinvoinnin edistäminen" in text
    assert "esimerkkiaineisto" in text.lower()  # demo data stays labelled
    # the plan-year comparison (data up to 2023) shows the seed's slide-2 themes
    assert "Lasten ja nuorten päihteiden käytön väheneminen" in text
    for word in ("humalajuominen", "koulukiusaaminen", "ahdistuneisuus", "yksinäisyys", "harrastaminen", "ylipaino"):
        assert word in text, word


def test_etusivu_as_of_year_changes_lists(app_env):
    at = run_page(None, kunta="KU286")
    latest = page_text(at)
    # "latest data" is a real option (0), never the empty placeholder a None value would show
    assert at.selectbox(key="vuosi").value == 0
    assert at.selectbox(key="vuosi").format_func(0) == "uusimmat tiedot"
    at.selectbox(key="vuosi").set_value(2023).run()
    assert not at.exception
    assert page_text(at) != latest


def test_tavoite_pick_goal(app_env):
    at = run_page("pages/tavoite.py", kunta="KU286")
    at.selectbox(key="tavoite_id").set_value("kou-tyollisyys").run()
    # each indicator once: one verdict table for the goal; actions name their indicators as links
    assert len(at.dataframe) == 1, len(at.dataframe)
    assert "/indikaattorit?ind=" in "\n".join(m.value for m in at.markdown)
    assert not at.exception, at.exception
    text = page_text(at)
    assert "Työllisyyden parantaminen" in text
    assert at.dataframe, "expected verdict tables with sparklines"


def test_vertailu_has_kouvola_and_kokkola_side_by_side(app_env):
    at = run_page("pages/vertailu.py", kunta="KU286")
    assert not at.exception, at.exception
    assert set(at.session_state["alueet"]) == {"KU286", "KU272"}  # its picker is in a closed menu
    assert not at.get("plotly_chart")  # the map is in its own tab, drawn when opened (tests/test_map.py)
    assert any("vertailu_taulukko" in d.proto.id for d in at.dataframe)


def test_tasa_arvo_lists_gaps(app_env):
    at = run_page("pages/tasa_arvo.py", kunta="KU286")
    assert not at.exception, at.exception
    assert at.metric and at.dataframe
    at.toggle(key="muuttuneet").set_value(True).run()
    assert not at.exception


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_pages_in_other_languages(app_env, lang):
    for path in PAGES:
        at = run_page(path, kunta="KU286", lang=lang)
        assert not at.exception, (path, at.exception)


# --------------------------------------------------------------------------------------------------- browser
@pytest.mark.browser
@pytest.mark.parametrize(
    "slug, needle",
    [
        ("", "Positiiviset kehityskulut"),
        ("tavoite?tavoite_id=kou-tyollisyys&", "Työllisyyden parantaminen"),
        ("vertailu", "Vertailu"),
        ("tasa_arvo", "sukupuolten erot"),
    ],
)
def test_verdict_pages_in_browser(app_server, browser, slug, needle):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        sep = "" if "?" in slug else "?"
        page.goto(f"{app_server.url}/{slug}{sep}kunta=KU286", wait_until="domcontentloaded")
        wait_for_app(page, timeout=120000)
        assert_no_errors(page)
        assert needle in page.locator("[data-testid='stMain']").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        shot = slug.split("?")[0] or "etusivu"
        page.screenshot(path=str(ARTIFACTS / f"verdicts-{shot}.png"), full_page=True)
    finally:
        page.close()
