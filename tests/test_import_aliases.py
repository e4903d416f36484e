"""Names official exports use (catalogue `aliases`) match exactly; other unknown names are still never guessed."""

from __future__ import annotations

import duckdb

from tests.conftest import export_digest
from tutka.cli import main

THL_EXPORT = (
    "\ufeffAlue;Kouluaste;Sukupuoli;Vuosi;Indikaattori;Osuus (%);Luottamusväli alaraja;Luottamusväli yläraja;"
    "Vastaajien lkm\n"
    "Kouvola;8. ja 9. lk;Yhteensä;2023;Kiusattu koulussa vähintään kerran viikossa;7,9;6,6;9,4;1 412\n"
    "Karleby;Lukio;Tytöt;2023;Nuuskaa päivittäin;6,3;4,8;8,2;780\n"
)


def test_thl_names_import_via_aliases(fresh_db, tmp_path, capsys):
    path = tmp_path / "kouluterveyskysely.csv"
    path.write_text(THL_EXPORT, encoding="utf-8")
    assert main(["import", str(path), "--db", str(fresh_db)]) == 0
    con = duckdb.connect(str(fresh_db), read_only=True)
    try:
        rows = con.execute(
            "select indicator_id, region_code, sex, grp, value, respondents, ci_low, is_demo from indicator_values "
            "where (indicator_id, region_code, year) in (('ktk_kiusattu', 'KU286', 2023), ('ktk_nuuska', 'KU272', 2023)) "
            "and sex in ('total', 'female') and grp in ('8.–9. lk', 'lukio 1.–2. v') order by indicator_id"
        ).fetchall()
    finally:
        con.close()
    assert ("ktk_kiusattu", "KU286", "total", "8.–9. lk", 7.9, 1412, 6.6, False) in rows
    assert ("ktk_nuuska", "KU272", "female", "lukio 1.–2. v", 6.3, 780, 4.8, False) in rows


def test_a_different_concept_is_not_guessed(fresh_db, tmp_path, capsys):
    # Statistics Finland's unemployment rate is not the register share of unemployed jobseekers
    path = tmp_path / "oma.csv"
    path.write_text("Indikaattori;Alue;2022;2023\nTyöttömyysaste (%);Kokkola;8,6;7,9\n", encoding="utf-8")
    before = export_digest(fresh_db)
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(fresh_db)]) != 0
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Tuntematon indikaattori" in out and "rivi 2, sarake A" in out
    assert export_digest(fresh_db) == before
