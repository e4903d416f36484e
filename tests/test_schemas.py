"""JSON Schemas of the YAML metadata: shipped files pass, each kind of mistake is named in plain Finnish with its place,
and the About page and docs/data-model.md render the indicator fields from the same schema."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from tutka import schemas
from tutka.catalogue import TOPICS, load_catalogue, validate
from tutka.domain import POLARITIES, SCHOOL_LEVELS, SEXES
from tutka.plans import load_plans
from tutka.verdicts.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
NAMES = ("indicators", "verdict_rules", "plan")


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def indicators() -> list[dict]:
    return _yaml(DATA / "indicators.yaml")


@pytest.fixture(scope="module")
def rules() -> dict:
    return _yaml(DATA / "verdict_rules.yaml")


@pytest.fixture(scope="module")
def plan() -> dict:
    return _yaml(DATA / "plans" / "kouvola_2023.yaml")


# ------------------------------------------------------------------------------------------------ the schemas
@pytest.mark.parametrize("name", NAMES)
def test_schema_files_are_valid_draft_2020_12(name):
    raw = json.loads((DATA / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert raw["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    schemas.Validator.check_schema(schemas.load_schema(name, {"topics": TOPICS}))


def test_domain_vocabularies_are_filled_in_not_copied():
    schema = schemas.load_schema("indicators", {"topics": TOPICS})
    props = schema["$defs"]["indicator"]["properties"]
    assert props["polarity"]["enum"] == list(POLARITIES)
    assert props["groups"]["items"]["enum"] == list(SCHOOL_LEVELS)
    assert props["sexes"]["items"]["enum"] == list(SEXES)
    assert props["topic"]["enum"] == list(TOPICS)
    raw = json.loads((DATA / "schemas" / "indicators.schema.json").read_text(encoding="utf-8"))
    raw_props = raw["$defs"]["indicator"]["properties"]  # written once, in tutka/domain.py: named, not copied
    assert "enum" not in raw_props["polarity"] and raw_props["polarity"]["x-enum"] == "polarities"
    assert "enum" not in raw_props["groups"]["items"] and raw_props["groups"]["items"]["x-enum"] == "school_levels"
    with pytest.raises(LookupError, match="topics"):
        schemas.problems([], "indicators")  # a vocabulary left unfilled would silently accept anything


# ------------------------------------------------------------------------------------------------ shipped files pass
def test_shipped_files_are_valid(indicators, rules):
    assert validate(indicators) == []
    assert schemas.problems(rules, "verdict_rules") == []
    assert load_rules()["register"]["trend_points"] >= 3
    plan_files = sorted((DATA / "plans").glob("*.yaml"))
    assert len(plan_files) >= 2
    for path in plan_files:
        assert schemas.problems(_yaml(path), "plan", where=path.name) == [], path.name
    assert [p["plan_id"] for p in load_plans(DATA / "plans")] == ["kokkola-2022", "kouvola-2023"]


# ------------------------------------------------------------------------------------------------ indicators
def _indicators_with(entries: list[dict], ind_id: str, **changes) -> list[dict]:
    entries = copy.deepcopy(entries)
    entry = next(e for e in entries if e["id"] == ind_id)
    for key, value in changes.items():
        if value is ...:
            del entry[key]
        else:
            entry[key] = value
    return entries


@pytest.mark.parametrize(
    "ind_id, changes, expected",
    [
        # missing field
        ("kirjasto_lainat", {"source": ...}, "kirjasto_lainat: source: pakollinen kenttä puuttuu"),
        # unknown key
        ("nettomuutto", {"colour": "red"}, "nettomuutto: colour: tuntematon kenttä (kirjoitusvirhe?)"),
        # wrong type (a YAML boolean is not an integer, nor is 2.0)
        ("ktk_nuuska", {"decimals": True}, "ktk_nuuska: decimals: true on väärää tyyppiä: pitää olla kokonaisluku"),
        (
            "tyottomyys",
            {"sotkanet_id": "181"},
            "tyottomyys: sotkanet_id: '181' on väärää tyyppiä: pitää olla kokonaisluku tai tyhjä (null)",
        ),
        (
            "ktk_osallisuus",
            {"groups": "8.–9. lk"},
            "ktk_osallisuus: groups: '8.–9. lk' on väärää tyyppiä: pitää olla lista [ … ]",
        ),
        # bad enum
        (
            "ktk_kiusattu",
            {"polarity": "better"},
            "ktk_kiusattu: polarity: 'better' ei ole sallittu (sallitut: higher_is_better, lower_is_better, neutral)",
        ),
        (
            "ktk_ahdistus",
            {"groups": ["8.-9. lk"]},
            "ktk_ahdistus: groups, 1. kohta: '8.-9. lk' ei ole sallittu (sallitut: 4.–5. lk, 8.–9. lk, "
            "lukio 1.–2. v, ammatillinen 1.–2. v); käytä ajatusviivaa: 8.–9. lk",
        ),
        # bad range
        ("ktk_nuuska", {"decimals": 5}, "ktk_nuuska: decimals: 5 on liian suuri (enintään 3)"),
        (
            "ktk_kiusattu",
            {"value_range": [100, 0]},
            "ktk_kiusattu: value_range: pienin arvo 100 ei ole pienempi kuin suurin arvo 0",
        ),
        ("vaesto", {"value_range": [0]}, "vaesto: value_range: listassa pitää olla vähintään 2 kohtaa"),
        # empty text in one language
        ("vaesto", {"title": {"fi": "Väestö", "sv": " ", "en": "Population"}}, "vaesto: title.sv: ' ' ei kelpaa"),
        # kind-dependent field
        (
            "aik_yksinaisyys",
            {"survey_cycle": None},
            "aik_yksinaisyys: survey_cycle: kyselyindikaattorille (kind: survey) kierrosten väli vuosina on "
            "pakollinen kokonaisluku, nyt null",
        ),
        ("vaesto", {"survey_cycle": 2}, "vaesto: survey_cycle: pitää olla null"),
        # bad slug, unverified Sotkanet id
        ("vaesto", {"id": "Väestö"}, "Väestö: id: 'Väestö' ei kelpaa: vain pieniä ascii-kirjaimia"),
        ("tyottomyys", {"sotkanet_id": 999999}, "tyottomyys: sotkanet_id: 999999 ei ole tarkistettu Sotkanet-tunniste"),
    ],
)
def test_broken_indicator_is_named_with_id_field_and_reason(indicators, ind_id, changes, expected):
    problems = validate(_indicators_with(indicators, ind_id, **changes))
    assert any(p.startswith(expected) for p in problems), problems
    assert len(problems) == 1, problems


def test_entry_without_id_and_duplicate_id_and_wrong_root(indicators):
    entries = copy.deepcopy(indicators)
    del entries[2]["id"]
    entries[5]["id"] = entries[4]["id"]
    problems = validate(entries)
    assert problems == [
        "3. kohta: id: pakollinen kenttä puuttuu",
        f"{entries[4]['id']}: id: '{entries[4]['id']}' on jo käytössä aiemmin tiedostossa "
        "(tunnisteen pitää olla yksilöllinen)",
    ]
    assert validate({"id": "x"}) == ['tiedosto: {"id": "x"} on väärää tyyppiä: pitää olla lista [ … ]']


def test_all_problems_at_once_in_document_order(indicators, tmp_path):
    entries = _indicators_with(indicators, "vaesto", kind="census", colour="red")
    entries = _indicators_with(entries, "ktk_kiusattu", polarity="better")
    problems = validate(entries)
    assert [p.split(":")[0] for p in problems] == ["ktk_kiusattu", "vaesto", "vaesto"]
    broken = tmp_path / "indicators.yaml"
    broken.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_catalogue(broken)
    text = str(err.value)
    assert text.splitlines()[0] == f"{broken}: ongelmia 3"
    assert "vaesto: kind: 'census' ei ole sallittu (sallitut: survey, register, activity)" in text
    assert "vaesto: colour: tuntematon kenttä" in text and "Traceback" not in text


# ------------------------------------------------------------------------------------------------ verdict rules
@pytest.mark.parametrize(
    "section, key, value, expected",
    [
        ("register", "trend_points", 2, "register.trend_points: 2 on liian pieni (vähintään 3)"),
        ("survey", "change_pp", "2", "survey.change_pp: '2' on väärää tyyppiä: pitää olla luku"),
        ("survey", "unknown_respondents", "big", "survey.unknown_respondents: 'big' ei ole sallittu (sallitut: large"),
        ("rollup", "net_share", 1.5, "rollup.net_share: 1.5 on liian suuri (pitää olla pienempi kuin 1)"),
        ("rollup", "headline_sex", "both", "rollup.headline_sex: 'both' ei ole sallittu (sallitut: total, female"),
        ("gap", "relativ", 0.1, "gap.relativ: tuntematon kenttä"),
        ("gap", "relative", ..., "gap.relative: pakollinen kenttä puuttuu"),
        ("descriptions", "gap", ..., "descriptions.gap: pakollinen kenttä puuttuu"),
    ],
)
def test_broken_rules_name_the_place(rules, tmp_path, section, key, value, expected):
    broken = copy.deepcopy(rules)
    if value is ...:
        del broken[section][key]
    else:
        broken[section][key] = value
    path = tmp_path / "verdict_rules.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_rules(path)
    lines = str(err.value).splitlines()
    assert lines[0] == "verdict_rules.yaml: ongelmia 1"
    assert lines[1].strip().startswith(f"verdict_rules.yaml: {expected}"), lines


def test_rules_placeholder_must_name_a_number(rules, tmp_path):
    broken = copy.deepcopy(rules)
    broken["descriptions"]["gap"]["sv"] += " {gap.survey_p}"
    path = tmp_path / "verdict_rules.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("descriptions.gap.sv: paikkamerkki {gap.survey_p} viittaa")):
        load_rules(path)


def test_rules_audience_keys_are_unique(rules):
    broken = copy.deepcopy(rules)
    broken["developments"]["audiences"][1]["key"] = "children"
    assert schemas.problems(broken, "verdict_rules", where="verdict_rules.yaml") == [
        "verdict_rules.yaml: ryhmä children: key: 'children' on jo käytössä aiemmin tiedostossa "
        "(tunnisteen pitää olla yksilöllinen)"
    ]


# ------------------------------------------------------------------------------------------------ plans
def _plan_problems(plan: dict, tmp_path: Path, change) -> list[str]:
    broken = copy.deepcopy(plan)
    change(broken)
    folder = tmp_path / "plans"
    folder.mkdir(exist_ok=True)
    (folder / "kouvola_2023.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_plans(folder)
    lines = str(err.value).splitlines()
    assert lines[0].startswith("kouvola_2023.yaml: ongelmia ")
    return [line.strip() for line in lines[1:]]


def _set(path: list, value):
    def change(doc):
        node = doc
        for step in path[:-1]:
            node = node[step]
        if value is ...:
            del node[path[-1]]
        else:
            node[path[-1]] = value

    return change


@pytest.mark.parametrize(
    "path, value, expected",
    [
        (
            ["goals", 0, "actions", 1, "scope"],
            "valtuustokausi",
            "toimenpide kou-elintavat-vk-2: scope: 'valtuustokausi' ei ole sallittu "
            "(sallitut: council_term, year, report)",
        ),
        (
            ["goals", 0, "actions", 2, "metrics", 1, "kind"],
            "lkm",
            "toimenpide kou-elintavat-vk-3: metrics, 2. kohta, kind: 'lkm' ei ole sallittu",
        ),
        (
            ["goals", 1, "actions", 0, "action_id"],
            ...,
            "tavoite kou-osallisuus: actions, 1. kohta, action_id: pakollinen",
        ),
        (["goals", 1, "actionz"], [], "tavoite kou-osallisuus: actionz: tuntematon kenttä"),
        (["goals", 0, "actions", 0, "text"], 5, "toimenpide kou-elintavat-vk-1: text: 5 on väärää tyyppiä: pitää olla"),
        (["region_code"], "286", "region_code: '286' ei kelpaa: alueen koodi"),
        (["year"], "2023", "year: '2023' on väärää tyyppiä"),
        (["goals"], [], "goals: listassa pitää olla vähintään 1 kohtaa"),
        (["plan_id"], ..., "plan_id: pakollinen kenttä puuttuu"),
    ],
)
def test_broken_plan_names_goal_or_action(plan, tmp_path, path, value, expected):
    problems = _plan_problems(plan, tmp_path, _set(path, value))
    assert problems and problems[0].startswith(f"kouvola_2023.yaml: {expected}"), problems


def test_duplicate_action_id_is_named(plan, tmp_path):
    first = plan["goals"][0]["actions"][0]["action_id"]
    problems = _plan_problems(plan, tmp_path, _set(["goals", 2, "actions", 0, "action_id"], first))
    assert problems == [
        f"kouvola_2023.yaml: toimenpide {first}: action_id: '{first}' on jo käytössä aiemmin tiedostossa "
        "(tunnisteen pitää olla yksilöllinen)"
    ]


# ------------------------------------------------------------------------------------------------ docs and About page
def test_data_model_doc_table_is_the_schema():
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- indicator-fields:start -->\n(.*?)\n<!-- indicator-fields:end -->", doc, re.DOTALL)
    assert found, "docs/data-model.md lost its indicator field table markers"
    expected = schemas.markdown_table("indicators", "en")
    assert found.group(1) == expected, "docs/data-model.md is out of step with the schema; paste:\n" + expected


def test_about_page_field_table_in_every_language():
    from tutka.app.tietoa import fields_table

    schema = schemas.load_schema("indicators", {"topics": TOPICS})
    entry = schema["$defs"]["indicator"]
    for lang, col in (("fi", "Kuvaus"), ("sv", "Beskrivning"), ("en", "Description")):
        table = fields_table(lang)
        assert table.iloc[:, 0].tolist() == list(entry["properties"])
        assert table[col].str.len().min() > 10
    fi, sv = fields_table("fi"), fields_table("sv")
    assert fi.set_index("Kenttä").loc["polarity", "Pakollinen"] == "kyllä"
    assert fi.set_index("Kenttä").loc["aliases", "Pakollinen"] == "ei"
    en = fields_table("en")
    assert (fi["Kuvaus"] != sv["Beskrivning"]).all()  # really translated, not the Finnish text again
    assert (fi["Kuvaus"] != en["Description"]).all() and (sv["Beskrivning"] != en["Description"]).all()


@pytest.mark.parametrize("lang, heading, column", [("fi", "Indikaattorin tiedot", "Kenttä"), ("en", "fields", "Field")])
def test_about_page_renders_the_field_table(built_db, use_app_database, lang, heading, column):
    from tests.conftest import run_page

    use_app_database(built_db)
    at = run_page("pages/tietoa.py", kunta="KU286", lang=lang)
    assert not at.exception, at.exception
    assert any(heading in s.value for s in at.subheader), [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if column in d.value.columns)
    assert table[column].tolist() == [r["field"] for r in schemas.field_rows("indicators", lang)]


def test_cli_init_lists_schema_problems_without_traceback(plan, tmp_path, monkeypatch, capsys):
    from tutka import loader
    from tutka.cli import main

    folder = tmp_path / "plans"
    folder.mkdir()
    broken = copy.deepcopy(plan)
    broken["goals"][0]["actions"][0]["scope"] = "vuosi"
    (folder / "kouvola_2023.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(loader, "load_plans", lambda _folder: load_plans(folder))
    assert main(["init", "--db", str(tmp_path / "t.duckdb")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kouvola_2023.yaml: ongelmia 1\n")
    assert "toimenpide kou-elintavat-vk-1: scope: 'vuosi' ei ole sallittu" in err and "Traceback" not in err
