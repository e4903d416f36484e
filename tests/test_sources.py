"""The real Sotkanet and StatFin clients end to end against a replay server on 127.0.0.1 (no internet): fetch →
the import pipeline → one import with exact undo; 429 then success, a persistent 500, a time-out and a 404 table
(nothing written on failure); User-Agent, repeated `years`, pacing, and a query split under the cell limit."""

from __future__ import annotations

import json
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import export_digest
from tests.replay_server import Replay
from tutka.cli import main
from tutka.sources.http import Http, SourceError
from tutka.sources.pxweb import PxWeb, TableSource

ROOT = Path(__file__).resolve().parents[1]

WANT = ["--indicator", "toimeentulotuki_25_64", "--indicator", "tyottomyys", "--region", "KU286"]


@pytest.fixture()
def server(monkeypatch):
    with Replay() as replay:
        monkeypatch.setenv("TUTKA_SOTKANET_URL", replay.url + "/sotkanet")
        monkeypatch.setenv("TUTKA_PXWEB_URL", replay.url + "/pxweb")
        monkeypatch.setenv("TUTKA_HTTP_TIMEOUT", "0.5")
        monkeypatch.setenv("TUTKA_HTTP_RETRIES", "2")
        monkeypatch.setenv("TUTKA_HTTP_BACKOFF", "0.01")
        monkeypatch.setenv("TUTKA_HTTP_MIN_INTERVAL", "0")
        yield replay


def rows(db, sql, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_fetch_saves_one_import_with_sources_and_undo_restores_exactly(server, fresh_db, capsys):
    before = export_digest(fresh_db)
    assert main(["fetch", *WANT, "--years", "2022-2026", "--db", str(fresh_db)]) == 0
    out = capsys.readouterr().out
    assert "Tuonti" in out

    sotk = rows(
        fresh_db,
        "select region_code, year, value, source, is_demo from indicator_values "
        "where indicator_id = 'toimeentulotuki_25_64' and import_id = (select max(import_id) from imports) "
        "order by region_code, year",
    )
    by = {(r, y): v for r, y, v, _s, _d in sotk}
    # Sotkanet region ids are mapped through /regions `code` (the fixture's Kouvola id 90286 is hard-coded nowhere)
    assert by[("KU286", 2022)] == 7.3 and by[("KU286", 2024)] == 8.4
    assert by[("HV10", 2023)] == 7.4 and by[("SSS", 2024)] == 6.8 and by[("MK08", 2022)] == 7.1
    assert not any(r == "KU272" for r, _ in by)  # outside the chosen region, its county and the country
    assert {s for *_x, s, _d in sotk} == {
        "Lähde: THL, Sotkanet (CC BY 4.0); tuottaja: Terveyden ja hyvinvoinnin laitos (THL)"
    }
    assert not any(d for *_x, d in sotk)

    monthly = rows(
        fresh_db,
        "select region_code, year, month, value from indicator_values where indicator_id = 'tyottomyys' "
        "and month is not null order by region_code, year, month",
    )
    assert ("KU286", 2026, 6, 13.9) in monthly and ("KU286", 2025, 6, 13.6) in monthly
    assert ("SSS", 2026, 5, 10.5) in monthly and not any(r in ("KU272", "SK081", "KUJOU") for r, *_ in monthly)

    [(import_id, kind, file_name, note)] = rows(
        fresh_db,
        "select import_id, kind, file_name, note from imports where import_id = (select max(import_id) from imports)",
    )
    assert kind == "upload" and file_name == "Päivitä tilastot: Sotkanet, StatFin"
    urls = json.loads(note)["source_urls"]
    assert any(u.endswith("/sotkanet/regions") for u in urls) and any(u.endswith("/pxweb/tyonv/12r5.px") for u in urls)
    archived = list((fresh_db.parent / "uploads").glob("*.json"))
    assert len(archived) == len(urls) + 1  # every raw answer under its content hash, plus the bundle listing them

    # polite client: a User-Agent everywhere; years repeated, never a comma list
    assert all(r["headers"].get("User-Agent", "").startswith("Hyvinvointitutka") for r in server.requests)
    [data_call] = server.calls("GET /sotkanet/json")
    assert data_call["query"]["years"] == ["2022", "2023", "2024"] and data_call["query"]["genders"] == ["total"]

    assert main(["undo", str(import_id), "--db", str(fresh_db)]) == 0
    assert export_digest(fresh_db) == before


def test_429_then_success_is_retried(server, fresh_db):
    server.script["GET /sotkanet/regions"] = [429]
    server.script["POST /pxweb/tyonv/12r5.px"] = [503]
    assert main(["fetch", *WANT, "--db", str(fresh_db)]) == 0
    assert len(server.calls("GET /sotkanet/regions")) == 2
    assert len(server.calls("POST /pxweb/tyonv/12r5.px")) == 2


@pytest.mark.parametrize(
    "route,steps,message",
    [
        ("POST /pxweb/tyonv/12r5.px", [500] * 10, "HTTP 500 (3 yritystä)"),
        ("GET /sotkanet/indicators/5", [1.5] * 10, "ei vastannut 0,5 sekunnissa"),
        ("GET /pxweb/tyonv/12r5.px", [404], "StatFin-taulukkoa tyonv/12r5.px ei saatu (HTTP 404)"),
    ],
    ids=["persistent-500", "timeout", "404-table"],
)
def test_a_failing_source_writes_nothing(server, fresh_db, capsys, route, steps, message):
    server.script[route] = steps
    before = export_digest(fresh_db)
    n_imports = rows(fresh_db, "select count(*) from imports")
    assert main(["fetch", *WANT, "--db", str(fresh_db)]) == 1
    err = capsys.readouterr().err
    assert "tietokantaan ei kirjoitettu mitään" in err
    assert message.replace("0,5", "0.5") in err or message in err
    assert export_digest(fresh_db) == before
    assert rows(fresh_db, "select count(*) from imports") == n_imports
    assert not (fresh_db.parent / "uploads").exists()


def test_pxweb_reads_codes_from_metadata_and_splits_under_the_cell_limit(server):
    http = Http(timeout=2, retries=0, min_interval=0)
    client = PxWeb(http, url=server.url + "/pxweb", max_cells=6)
    src = TableSource("tyottomyys", "tyonv/12r5.px", "TYOTOSUUS")
    obj = client.fetch(src, {"KU286", "KU272", "MK08", "SSS", "HV10"}, (2025, 2026))
    posts = server.calls("POST /pxweb/tyonv/12r5.px")
    assert len(posts) == 4  # 5 regions × 1 measure = 5 cells per month, at most 6 cells per query
    for p in posts:
        q = {i["code"]: i["selection"]["values"] for i in json.loads(p["body"])["query"]}
        assert set(q) == {"alue_23_20260101", "kuukausi", "tiedot_20260101"}  # versioned codes from the metadata
        assert len(q["alue_23_20260101"]) * len(q["kuukausi"]) * len(q["tiedot_20260101"]) <= 6
        assert "SK081" not in q["alue_23_20260101"] and "KUJOU" not in q["alue_23_20260101"]
    assert len(obj["data"]) == 20
    assert [c["text"] for c in obj["columns"] if c["type"] == "c"] == ["tyottomyys"]


def test_unknown_measure_and_pacing(server):
    http = Http(timeout=2, retries=0, min_interval=0.15)
    client = PxWeb(http, url=server.url + "/pxweb")
    with pytest.raises(SourceError) as exc:
        client.fetch(TableSource("x", "tyonv/12r5.px", "EIOLE"), None, None)
    assert exc.value.key == "fetch.err_measure"
    start = time.monotonic()
    for _ in range(3):
        client.metadata("tyonv/12r5.px")
    assert time.monotonic() - start >= 0.3  # at least min_interval between requests


def test_catalogue_sync_proposes_only_live_ids_for_review(server, fresh_db, tmp_path, capsys):
    import pandas as pd

    out = tmp_path / "proposals.csv"
    before = (ROOT / "data" / "indicators.yaml").read_bytes()
    assert main(["catalogue", "sync", "--out", str(out), "--db", str(fresh_db)]) == 0
    got = pd.read_csv(out)
    live = {5, 127, 990001}
    assert set(got["proposed_sotkanet_id"]) <= live  # never an invented id
    pairs = {(r.indicator_id, r.proposed_sotkanet_id, r.match) for r in got.itertuples()}
    assert ("toimeentulotuki_25_64", 5, "exact") in pairs
    assert ("vaesto", 127, "exact") in pairs
    assert ("ktk_yksinainen", 990001, "prefix") in pairs  # the Sotkanet title adds the school level
    assert got["reviewed"].isna().all()  # a person reviews; nothing is accepted automatically
    assert (ROOT / "data" / "indicators.yaml").read_bytes() == before
    assert "Ehdotuksia" in capsys.readouterr().out
