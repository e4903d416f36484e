"""The shipped indicator catalogue validates, and validate() catches the typical mistakes."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from tutka.catalogue import TABLE_COLUMNS, TOPICS, catalogue_frame, load_catalogue, load_sotkanet_allow_list, validate

ROOT = Path(__file__).resolve().parent.parent
YAML_PATH = ROOT / "data" / "indicators.yaml"


def _agreed_ids() -> list[str]:
    lines = (ROOT / "docs" / "indicator_ids.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("|")[0].strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def raw_entries() -> list[dict]:
    return yaml.safe_load(YAML_PATH.read_text(encoding="utf-8"))


def test_shipped_catalogue_has_no_problems(raw_entries):
    assert validate(raw_entries) == []
    assert len(load_catalogue()) == len(raw_entries)


def test_ids_equal_agreed_list_in_order():
    agreed = _agreed_ids()
    ids = [ind.id for ind in load_catalogue()]
    assert ids[: len(agreed)] == agreed
    assert len(ids) == len(agreed)


def test_sotkanet_ids_are_verified_and_only_the_agreed_ones():
    allowed = load_sotkanet_allow_list()
    used = {ind.id: ind.sotkanet_id for ind in load_catalogue() if ind.sotkanet_id is not None}
    assert set(used.values()) <= allowed
    assert used == {
        "aik_liikunta_vahan": 5527,
        "toimeentulotuki_25_64": 5,
        "mt_sairaalahoito_0_17": 4,
        "huumausainerikokset": 3090,
        "vaesto": 127,
    }


def test_kind_specific_fields():
    for ind in load_catalogue():
        assert ind.topic in TOPICS
        if ind.id.startswith("ktk_"):
            assert ind.series_breaks == (2015,) and ind.sexes == ("total", "male", "female")
            assert ind.survey_cycle == 2 and ind.groups
        elif ind.kind == "survey":
            assert ind.survey_cycle == 2 and ind.sexes == ("total", "male", "female")
        if ind.kind == "activity":
            assert ind.licence == "Kunnan oma aineisto" and ind.sexes == ("total",)


def test_frame_has_table_columns():
    frame = catalogue_frame(load_catalogue())
    assert list(frame.columns) == TABLE_COLUMNS
    row = frame.set_index("indicator_id").loc["ktk_kiusattu"]
    assert row["groups"] == ["4.–5. lk", "8.–9. lk", "lukio 1.–2. v", "ammatillinen 1.–2. v"]
    assert row["series_breaks"] == [2015] and row["sexes"] == ["total", "male", "female"]
    assert isinstance(row["groups"], list)


def _broken(raw_entries, ind_id: str, **changes) -> list[dict]:
    entries = copy.deepcopy(raw_entries)
    entry = next(e for e in entries if e["id"] == ind_id)
    for key, value in changes.items():
        if value is ...:
            del entry[key]
        else:
            entry[key] = value
    return entries


@pytest.mark.parametrize(
    "ind_id, changes, field",
    [
        ("ktk_kiusattu", {"polarity": "better"}, "polarity"),
        ("ktk_ahdistus", {"groups": ["8.-9. lk", "lukio 1.–2. v"]}, "groups"),
        ("tyottomyys", {"sotkanet_id": 181}, "sotkanet_id"),
        ("aik_yksinaisyys", {"survey_cycle": None}, "survey_cycle"),
        ("ktk_nuuska", {"decimals": 5}, "decimals"),
        ("vaesto", {"kind": "census"}, "kind"),
        ("nettomuutto", {"colour": "red"}, "colour"),
        ("kirjasto_lainat", {"source": ...}, "source"),
    ],
)
def test_broken_entry_is_reported_with_id_and_field(raw_entries, ind_id, changes, field):
    problems = validate(_broken(raw_entries, ind_id, **changes))
    assert problems, "expected a problem"
    # "<id>: <field>: <message>", or "<id>: <field>, <n>. kohta: <message>" for one item of a list
    assert any(p.startswith((f"{ind_id}: {field}:", f"{ind_id}: {field}, ")) for p in problems), problems


def test_all_problems_are_reported_at_once(raw_entries, tmp_path):
    entries = _broken(raw_entries, "ktk_kiusattu", polarity="better")
    entries = _broken(entries, "vaesto", sotkanet_id=999999)
    problems = validate(entries)
    assert len(problems) == 2
    broken = tmp_path / "indicators.yaml"
    broken.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_catalogue(broken)  # no sotkanet_verified.csv next to it -> default allow-list
    assert "ktk_kiusattu: polarity" in str(err.value) and "vaesto: sotkanet_id" in str(err.value)
