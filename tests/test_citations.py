"""Sources are those of the values shown, each publication once (Kouvola's deck never cites Kokkola's report)."""

from __future__ import annotations

import duckdb

from tutka.citations import publication, unique_sources
from tutka.exports.common import source_line
from tutka.present.build import build_deck

REPORT = "Kokkolan kaupunki: Hyvinvointisuunnitelman vuosiraportti 2022"


def test_publication_drops_notes_about_one_value():
    assert publication(f"{REPORT} (raportissa: noin 750)") == REPORT
    assert publication(f"{REPORT} (raportissa: yli 1100; syyslukukausi 2022)") == REPORT
    assert publication(f"{REPORT} (syyslukukausi 2022)") == REPORT
    assert publication("THL, Kouluterveyskysely (THL Sotkanet)") == "THL, Kouluterveyskysely (THL Sotkanet)"


def test_unique_sources_names_each_publication_once():
    values = [REPORT, f"{REPORT} (raportissa: noin 750)", None, "", f"{REPORT} (syyslukukausi 2022); THL", "THL"]
    assert unique_sources(values) == [REPORT, "THL"]


def _deck(db_path, region):
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return build_deck(con, region)
    finally:
        con.close()


def _all_source_text(deck) -> str:
    parts = [source_line(deck, None, max_len=100000)]
    parts += [source_line(deck, g.indicator_ids, max_len=100000) for g in deck.goals]
    parts += [f"{s.source} {s.detail}" for s in deck.sources]
    return "\n".join(parts)


def test_kouvola_deck_does_not_cite_kokkola(built_db):
    text = _all_source_text(_deck(built_db, "KU286"))
    assert "Kokkola" not in text, text
    assert "Karleby" not in text


def test_kokkola_deck_cites_its_report_once(built_db):
    deck = _deck(built_db, "KU272")
    details = unique_sources(s.detail for s in deck.sources)
    assert details.count(REPORT) == 1, details
    assert not any("raportissa" in d for d in details), details


def test_source_line_says_demo_when_the_values_are_invented(built_db):
    """The seed data is demo: a footer naming THL/Sotkanet must also say the figures are invented, in each
    language, and the label survives the length cut."""
    from tutka.i18n import t

    for lang in ("fi", "sv", "en"):
        con = duckdb.connect(str(built_db), read_only=True)
        try:
            deck = build_deck(con, "KU286", lang=lang)
        finally:
            con.close()
        assert any(s.is_demo for s in deck.sources)
        for ids in [None, *(g.indicator_ids for g in deck.goals if g.indicator_ids)]:
            line = source_line(deck, ids, max_len=60)
            assert line.endswith(t("demo.short", lang)), line
            assert len(line) <= 60 + len(t("demo.short", lang)), line


def test_about_page_sources_name_each_publication_once(built_db):
    """Kokkola's report with notes on single values is one row, its counts exact (distinct indicators)."""
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        rows = con.execute("select source, n_values, n_indicators from store_source_stats").fetchall()
        expect = con.execute(
            "select count(*), count(distinct indicator_id) from indicator_values where source like ?", [f"{REPORT}%"]
        ).fetchone()
    finally:
        con.close()
    mine = [r for r in rows if str(r[0]).startswith(REPORT)]
    assert [r[0] for r in mine] == [REPORT], mine
    assert (mine[0][1], mine[0][2]) == expect
    assert expect[0] > 1
