"""The yearly report ("Hyvinvointisuunnitelman vuosiraportti"): the .docx text checked against the database, PDF,
Kokkola 2022 reproduced from the data, odd characters in user text, and the CLI."""

from __future__ import annotations

import io
import shutil

import docx
import duckdb
import pytest

from tutka.cli import main
from tutka.exports.report_docx import report_docx
from tutka.exports.report_pdf import report_pdf
from tutka.plans import store
from tutka.plans.report import build_report


def docx_text(data: bytes) -> str:
    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture()
def dbfile(built_db, tmp_path):
    path = tmp_path / "tutka.duckdb"
    shutil.copy(built_db, path)
    return path


def test_kokkola_2022_report_docx_names_every_goal_and_action_with_status(dbfile, tmp_path):
    out = tmp_path / "kokkola_2022.docx"
    assert main(["report", "--region", "KU272", "--year", "2022", str(out), "--db", str(dbfile)]) == 0
    text = docx_text(out.read_bytes())
    con = duckdb.connect(str(dbfile), read_only=True)
    try:
        goals = con.execute("select title from plan_goals where plan_id = 'kokkola-2022' order by position").fetchall()
        actions = con.execute(
            "select a.text, f.status, f.progress from plan_actions a join action_followups f using (action_id) "
            "where a.plan_id = 'kokkola-2022' and f.year = 2022 order by a.goal_id, a.position"
        ).fetchall()
        figures = con.execute("select label from plan_figures where plan_id = 'kokkola-2022'").fetchall()
        links = con.execute(
            "select count(distinct mi.indicator_id) from metric_indicators mi where mi.plan_id = 'kokkola-2022'"
        ).fetchone()[0]
    finally:
        con.close()
    assert text.startswith("Hyvinvointisuunnitelman vuosiraportti 2022\nKokkola")
    assert [g for (g,) in goals] == [
        "Lapsiystävällisyys",
        "Elämyksellisyys",
        "Kestävästi kehittyvä",
        "Toimivat työmarkkinat",
    ]
    for (goal,) in goals:
        assert goal in text
    assert len(actions) == 20
    for action, status, progress in actions:
        assert action in text and progress in text and status == "ei_ilmoitettu"
    assert text.count("Tilanne 2022: ei ilmoitettu") == 20
    for (label,) in figures:
        assert label in text
    # the real figures as the report states them
    assert "KOHASU-kerhoissa harrastaneet lapset ja nuoret (syyslukukausi 2022): yli 1\u00a0100 lkm (2022)" in text
    doc = docx.Document(io.BytesIO(out.read_bytes()))
    rows = sum(len(t.rows) - 1 for t in doc.tables)
    assert rows >= links  # every linked indicator has a verdict row under its goal
    assert "Positiiviset kehityskulut" in text and "Negatiiviset kehityskulut" in text
    con = duckdb.connect(str(dbfile), read_only=True)
    try:
        report = build_report(con, "KU272", 2022)
    finally:
        con.close()
    has_demo = any(ind.is_demo for g in report.goals for ind in g.indicators)
    assert report.has_demo == has_demo
    assert ("ESIMERKKIAINEISTO" in text) == has_demo  # demo values are labelled, real ones are not


def test_report_follow_up_targets_and_odd_characters(dbfile):
    con = duckdb.connect(str(dbfile))
    plan = store.read_plan(con, "kouvola-2023")
    goal = plan["goals"][1]
    goal["title"] = "Osallisuus <w:t>&amp; \x00\x0b 🙂 ‮ \u200b 'lainaus' \"x\""
    action = goal["actions"][0]
    action["followup"] = [{"year": 2023, "status": "osittain", "progress": "Edistyi\x07 osittain\n– toinen rivi ∑"}]
    action["metrics"][0]["target"] = {
        "kind": "count",
        "op": "ge",
        "value": 5.0,
        "year": 2023,
        "unit": None,
        "group": None,
    }
    store.save_plan(con, plan, user="t")
    report = build_report(con, "KU286", 2023, "fi")
    con.close()
    text = docx_text(report_docx(report))
    assert "Osallisuus <w:t>&amp;  🙂" in text  # as typed, minus the control characters Word cannot store
    assert "Tilanne 2023: osittain toteutunut" in text
    assert "Edistyi osittain\n– toinen rivi ∑" in text
    assert f"{action['metrics'][0]['text']} — tavoite vähintään 5 vuonna 2023, nykyarvoa ei ole" in text
    assert report.status_counts == {"osittain": 1, "ei_ilmoitettu": 74}
    pdf = report_pdf(report)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    assert report_docx(build_report(duckdb.connect(str(dbfile), read_only=True), "KU286", 2023, "sv"))


def test_report_cli_refuses_bad_extension_and_missing_plan(dbfile, tmp_path, capsys):
    assert main(["report", "--region", "KU272", "--year", "2022", str(tmp_path / "r.txt"), "--db", str(dbfile)]) == 2
    assert main(["report", "--region", "KU075", "--year", "2022", str(tmp_path / "r.docx"), "--db", str(dbfile)]) == 2
    err = capsys.readouterr().err
    assert ".docx tai .pdf" in err and "KU075" in err
    assert main(["report", "--region", "KU272", "--year", "2022", str(tmp_path / "r.pdf"), "--db", str(dbfile)]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
