"""AppTest: the page Päivitä tilastot fetches from the replay server (127.0.0.1), previews, saves one import; a failing
source shows a Finnish error and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.replay_server import Replay
from tutka.app.common import connection

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def page(fresh_db, use_app_database, monkeypatch):
    with Replay() as replay:
        monkeypatch.setenv("TUTKA_SOTKANET_URL", replay.url + "/sotkanet")
        monkeypatch.setenv("TUTKA_PXWEB_URL", replay.url + "/pxweb")
        monkeypatch.setenv("TUTKA_HTTP_TIMEOUT", "2")
        monkeypatch.setenv("TUTKA_HTTP_RETRIES", "1")
        monkeypatch.setenv("TUTKA_HTTP_BACKOFF", "0.01")
        monkeypatch.setenv("TUTKA_HTTP_MIN_INTERVAL", "0")
        use_app_database(fresh_db)
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.run()
        at.switch_page("pages/paivita_tilastot.py")
        at.run()
        assert not at.exception
        at.multiselect(key="fetch_ind").set_value(["toimeentulotuki_25_64", "tyottomyys"])
        at.slider(key="fetch_years").set_value((2022, 2026))
        at.run()
        yield at, replay


def test_fetch_preview_and_save(page, fresh_db):
    at, replay = page
    at.button(key="fetch_run").click()
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    # 4 regions (Kouvola, its county, maakunta, country) x 4 months new; 4 regions x 3 years replace demo values
    assert [m.value for m in at.metric][:2] == ["16", "12"]
    at.button(key="fetch_save").click()
    at.run()
    assert not at.exception
    assert any("Tuonti" in s.value for s in at.success)
    con = connection()  # the app owns the file read-write: read through its own connection
    (n,) = con.execute(
        "select count(*) from indicator_values where import_id = (select max(import_id) from imports)"
    ).fetchone()
    (name,) = con.execute("select file_name from imports order by import_id desc limit 1").fetchone()
    assert name == "Päivitä tilastot: Sotkanet, StatFin" and n == 28


def test_failing_source_shows_error_and_writes_nothing(page, fresh_db):
    at, replay = page
    replay.script["GET /pxweb/tyonv/12r5.px"] = [404]
    before = _values()
    at.button(key="fetch_run").click()
    at.run()
    assert not at.exception
    assert "tyonv/12r5.px" in " ".join(e.value for e in at.error)
    assert not any(b.key == "fetch_save" for b in at.button)
    assert _values() == before


def _values() -> list[tuple]:
    q = "select count(*), max(import_id), sum(value), (select count(*) from imports) from indicator_values"
    return connection().execute(q).fetchall()
