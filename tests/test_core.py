"""Pure helpers: Finnish formatting, translation table, plan flattening, region tables."""

import re
from pathlib import Path

import pytest

from tutka.fmt import NBSP, fmt_number, fmt_signed, fmt_value
from tutka.i18n import LANGS, t, texts
from tutka.loader import region_frames

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (9.125, 1, "9,1"),
        (676462, 0, f"676{NBSP}462"),
        (0.05, 2, "0,05"),
        (None, 1, "–"),
        (float("nan"), 1, "–"),
        (-3.25, 1, "-3,2"),
    ],
)
def test_fmt_number(value, decimals, expected):
    assert fmt_number(value, decimals) == expected


def test_fmt_signed_and_unit():
    assert fmt_signed(2.4) == "+2,4"
    assert fmt_signed(-1.0) == "\u22121,0"
    assert fmt_signed(0.01) == "0,0"
    assert fmt_value(9.1, 1, "%") == f"9,1{NBSP}%"
    assert fmt_number(1234.5, 1, lang="en") == "1,234.5"


def test_every_used_i18n_key_exists_in_all_languages():
    table = texts()
    used = set()
    for path in list((ROOT / "tutka").rglob("*.py")) + list((ROOT / "pages").glob("*.py")) + [ROOT / "dashboard.py"]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in table and not k.endswith((".", "_")))  # skip dynamic prefixes
    assert not missing, f"keys used in code but missing from data/i18n: {missing}"
    untranslated = sorted(k for k, v in table.items() if not all(v[lang] for lang in LANGS))
    assert not untranslated, f"keys without a fi, sv or en text: {untranslated}"


def test_translation_fallback_and_format():
    assert t("sex.girls", "sv") == "Flickor"
    assert t("plan.count", "fi", shown=2, total=5) == "Näytetään 2 / 5 toimenpidettä"
    with pytest.raises(KeyError):
        t("no.such.key")
    assert set(LANGS) == {"fi", "sv", "en"}


def test_region_tables():
    regions, membership = region_frames()
    kunnat = regions[regions.region_type == "kunta"]
    assert (kunnat.valid_to.isna()).sum() == 308
    assert set(regions[regions.region_type == "hyvinvointialue"].region_code) >= {"HV10", "HV18", "HV90", "HV91"}
    kouvola = membership[membership.region_code == "KU286"].set_index("parent_type")["parent_code"]
    assert kouvola.to_dict() == {"maakunta": "MK08", "hyvinvointialue": "HV10", "maa": "SSS"}
    kokkola = regions.set_index("region_code").loc["KU272"]
    assert kokkola["name_sv"] == "Karleby"
    pertunmaa = regions.set_index("region_code").loc["KU588"]
    assert pertunmaa["valid_to"] == 2024
    assert regions.region_code.is_unique


def test_init_is_idempotent_and_keeps_uploads(tmp_path):
    import duckdb

    from tests.conftest import export_digest
    from tutka.cli import main
    from tutka.loader import init_db

    path = tmp_path / "t.duckdb"
    init_db(path)
    first = export_digest(path)
    init_db(path)
    assert export_digest(path) == first  # same values again (import ids of embedded files are stable)
    upload = tmp_path / "oma.csv"
    upload.write_text("Indikaattori;Alue;Vuosi;Arvo\ntyottomyys;Kouvola;2025;9,1\n", encoding="utf-8")
    assert main(["import", str(upload), "--db", str(path)]) == 0
    init_db(path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        value = con.execute(
            "select value, is_demo from indicator_values where indicator_id = 'tyottomyys' "
            "and region_code = 'KU286' and year = 2025 and sex = 'total'"
        ).fetchall()
        n = con.execute("select count(*) from indicator_values").fetchone()[0]
    finally:
        con.close()
    assert value == [(9.1, False)]  # the upload survives a re-init and wins over the demo value
    assert n == 16363
