"""Checks the two seed plans (data/plans/kouvola_2023.yaml, data/plans/kokkola_2022.yaml) against their source
documents: structure and counts, verbatim Finnish texts, figures, indicator links and ids.

Only needs PyYAML; no application code. Judgement calls behind the expected numbers: docs/plans-transcription.md.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
PLANS = REPO / "data" / "plans"
KOUVOLA_SEED = "000_680e9af3353b46bf.txt"
KOKKOLA_SEED = "003_2fa310b0a5fa2d56.txt"
SEED_DIRS = [PLANS / "seeds", REPO / ".." / "shared" / "seeds"]  # the repo copy first

AGE_GROUPS = {"Lapset ja nuoret", "Kaikki ikäryhmät"}
METRIC_KINDS = {"indicator", "count", "yesno", "status", "text"}
QUALIFIERS = {None, "yli", "noin", "lähes", "keskimäärin"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def norm(text: str) -> str:
    """Whitespace runs (incl. non-breaking spaces and the PDF line breaks) -> one space. A line break right after a
    slash is joined without a space ("järjestöt/" + "Kymenlaakson kunnat"), so "/ " is folded to "/" on both sides."""
    return re.sub(r"\s+", " ", text).strip().replace("/ ", "/")


def load(name: str) -> dict:
    with (PLANS / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def seed_text(name: str) -> str:
    for folder in SEED_DIRS:
        path = folder / name
        if path.is_file():
            return norm(path.read_text(encoding="utf-8"))
    pytest.skip(f"seed {name} not found in {[str(d) for d in SEED_DIRS]}")


@pytest.fixture(scope="module")
def kouvola() -> dict:
    return load("kouvola_2023.yaml")


@pytest.fixture(scope="module")
def kokkola() -> dict:
    return load("kokkola_2022.yaml")


@pytest.fixture(scope="module")
def indicator_ids() -> set[str]:
    ids = set()
    for line in (REPO / "docs" / "indicator_ids.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ids.add(line.split("|")[0].strip())
    assert len(ids) > 40
    return ids


def actions(plan: dict):
    for goal in plan["goals"]:
        for action in goal["actions"]:
            yield goal, action


def goal(plan: dict, goal_id: str) -> dict:
    return next(g for g in plan["goals"] if g["goal_id"] == goal_id)


# ---------------------------------------------------------------------------------------------- both plans


@pytest.mark.parametrize(
    "name,plan_id,region,kind,year",
    [
        ("kouvola_2023.yaml", "kouvola-2023", "KU286", "plan", 2023),
        ("kokkola_2022.yaml", "kokkola-2022", "KU272", "report", 2022),
    ],
)
def test_top_level(name, plan_id, region, kind, year):
    plan = load(name)
    assert plan["plan_id"] == plan_id
    assert plan["region_code"] == region
    assert plan["document_kind"] == kind
    assert plan["year"] == year
    for key in ("title", "period", "source", "intro"):
        assert isinstance(plan[key], str) and plan[key].strip(), key
    assert set(plan["developments"]) == {"positive", "negative"}
    assert isinstance(plan["cross_cutting"], list)


@pytest.mark.parametrize("name,prefix", [("kouvola_2023.yaml", "kou-"), ("kokkola_2022.yaml", "kok-")])
def test_ids_and_enums(name, prefix, indicator_ids):
    plan = load(name)
    goal_ids = [g["goal_id"] for g in plan["goals"]]
    action_ids = [a["action_id"] for _, a in actions(plan)]
    assert len(goal_ids) == len(set(goal_ids))
    assert len(action_ids) == len(set(action_ids)), [i for i, n in Counter(action_ids).items() if n > 1]
    for ident in goal_ids + action_ids:
        assert SLUG.match(ident) and ident.startswith(prefix), ident
    for g, a in actions(plan):
        assert a["action_id"].startswith(g["goal_id"] + "-"), a["action_id"]
        assert a["scope"] in {"council_term", "year", "report"}
        assert a["age_group"] is None or a["age_group"] in AGE_GROUPS
        assert isinstance(a["responsible"], list)
        for m in a["metrics"]:
            assert set(m) == {"text", "kind", "indicators"}, m
            assert m["kind"] in METRIC_KINDS, m
            assert m["text"].strip()
            unknown = set(m["indicators"]) - indicator_ids
            assert not unknown, (a["action_id"], m["text"], unknown)
            assert len(m["indicators"]) == len(set(m["indicators"])), m
        for f in a["figures"]:
            assert f["indicator_id"] is None or f["indicator_id"] in indicator_ids, f


# ---------------------------------------------------------------------------------------------- Kouvola

KOUVOLA_GOALS = [
    ("kou-elintavat", "Terveellisten elintapojen ja kulttuurisen hyvinvoinnin edistäminen"),
    ("kou-osallisuus", "Osallisuuden vahvistaminen"),
    ("kou-tyollisyys", "Työllisyyden parantaminen"),
    ("kou-turvallisuus", "Arjen turvallisuus"),
    ("kou-maakunta", "Maakunnallinen yhteistyö"),
]

# goal -> (council-term actions, 2023 "Lapset ja nuoret", 2023 "Kaikki ikäryhmät", 2023 without age group, metrics)
KOUVOLA_COUNTS = {
    "kou-elintavat": (7, 19, 9, 0, 57),
    "kou-osallisuus": (6, 5, 7, 0, 24),
    "kou-tyollisyys": (4, 0, 0, 4, 11),
    "kou-turvallisuus": (3, 0, 0, 9, 12),
    "kou-maakunta": (2, 0, 0, 0, 2),
}


def test_kouvola_goals(kouvola):
    assert [(g["goal_id"], g["title"]) for g in kouvola["goals"]] == KOUVOLA_GOALS
    assert kouvola["cross_cutting"] == ["Terveys- ja hyvinvointierojen kaventaminen"]
    assert kouvola["adopted"] == "kv 15.11.2021"
    assert goal(kouvola, "kou-maakunta")["description"].startswith("Maakunnallinen yhteistyö hyvinvointialueen")


@pytest.mark.parametrize("goal_id", list(KOUVOLA_COUNTS))
def test_kouvola_action_counts(kouvola, goal_id):
    acts = goal(kouvola, goal_id)["actions"]
    got = (
        sum(a["scope"] == "council_term" for a in acts),
        sum(a["scope"] == "year" and a["age_group"] == "Lapset ja nuoret" for a in acts),
        sum(a["scope"] == "year" and a["age_group"] == "Kaikki ikäryhmät" for a in acts),
        sum(a["scope"] == "year" and a["age_group"] is None for a in acts),
        sum(len(a["metrics"]) for a in acts),
    )
    assert got == KOUVOLA_COUNTS[goal_id]
    assert all(a["scope"] in {"council_term", "year"} for a in acts)
    assert all(a["age_group"] is None for a in acts if a["scope"] == "council_term")


def test_kouvola_every_action_complete(kouvola):
    for _, a in actions(kouvola):
        assert a["responsible"], a["action_id"]
        assert a["metrics"], a["action_id"]
        assert a["progress"] is None and a["figures"] == []


def test_kouvola_developments(kouvola):
    dev = kouvola["developments"]
    assert len(dev["positive"]) == 2 and len(dev["negative"]) == 2
    assert dev["positive"][0] == "Lasten ja nuorten päihteiden käytön väheneminen"
    assert dev["negative"][1] == "Aikuisten mielenterveysongelmien jatkuva kasvu, erityisesti naisilla"


def kouvola_texts(plan: dict) -> list[tuple[str, str]]:
    """(where, text) for every Finnish text taken from the seed."""
    out = [("intro", p) for p in plan["intro"].split("\n\n")]
    out += [(f"developments.{k}", t) for k in ("positive", "negative") for t in plan["developments"][k]]
    out.append(("developments_note", plan["developments_note"]))
    for g in plan["goals"]:
        out.append((g["goal_id"], g["title"]))
        if g["theme"]:
            out.append((g["goal_id"] + ".theme", g["theme"]))
        if g["description"]:
            out.append((g["goal_id"] + ".description", g["description"]))
        for a in g["actions"]:
            out.append((a["action_id"], a["text"]))
            out += [(a["action_id"] + ".responsible", r) for r in a["responsible"]]
            out += [(a["action_id"] + ".metric", m["text"]) for m in a["metrics"]]
    return out


def test_kouvola_verbatim(kouvola):
    seed = seed_text(KOUVOLA_SEED)
    missing = [(where, text) for where, text in kouvola_texts(kouvola) if norm(text) not in seed]
    assert not missing


def test_kouvola_no_text_used_more_often_than_in_seed(kouvola):
    """A metric (or responsible unit, or action) may repeat only as often as the seed repeats it."""
    seed = seed_text(KOUVOLA_SEED)
    for label, texts in {
        "metric": [m["text"] for _, a in actions(kouvola) for m in a["metrics"]],
        "responsible": [r for _, a in actions(kouvola) for r in a["responsible"]],
        "action": [a["text"] for _, a in actions(kouvola)],
    }.items():
        for text, used in Counter(texts).items():
            assert used <= seed.count(norm(text)), (label, text, used)


# Pins the row alignment of the extracted columns (see docs/plans-transcription.md).
KOUVOLA_SAMPLE = [
    ("kou-elintavat-vk-1", "responsible", "Kymsote/kaupunki/järjestöt/Kymenlaakson kunnat"),
    ("kou-elintavat-vk-1", "metric", "AHVK:n toimenpiteet toteutettu suunnitelman mukaan kyllä /ei"),
    ("kou-elintavat-vk-4", "responsible", "Kouvolan Teatteri Oy"),
    ("kou-elintavat-vk-4", "metric", "Pelitaiteen pääkaupunki –tapahtumia toteutettu ja imago tunnistettu"),
    ("kou-elintavat-vk-6", "metric", "Sukupuolten välisten terveys- ja hyvinvointierojen kaventuminen"),
    ("kou-elintavat-vk-7", "responsible", "Kouvolan kaupunki/Hyvinvointi"),
    ("kou-elintavat-2023-ln-3", "metric", "Kouluterveyskyselyn tulokset"),
    ("kou-elintavat-2023-ln-5", "responsible", "Peruopetus"),
    ("kou-elintavat-2023-ln-15", "metric", "Nuuskan käyttö"),
    ("kou-elintavat-2023-ln-16", "metric", "Koulutuksiin ja tapahtumiin osallistujat"),
    ("kou-elintavat-2023-ln-18", "metric", "Tuntien määrä ja osallistujat"),
    ("kou-elintavat-2023-ki-9", "metric", "Yksinäisyyden kokeminen"),
    ("kou-osallisuus-vk-6", "metric", "Kotomittari (TEM)"),
    ("kou-osallisuus-2023-ln-3", "responsible", "Kasvatus ja opetus, Eduko"),
    ("kou-osallisuus-2023-ki-5", "metric", "Kuntalaisten kuuleminen EVAuksessa"),
    ("kou-tyollisyys-vk-3", "metric", "Muuttotappion pieneneminen, työllisyysasteen nosto"),
    ("kou-tyollisyys-2023-1", "metric", "Uudet toimintamallit"),
    ("kou-tyollisyys-2023-3", "metric", "Työllisyys-/työttömyysaste"),
    ("kou-turvallisuus-vk-2", "responsible", "Tilapalvelut"),
    (
        "kou-turvallisuus-vk-3",
        "metric",
        "Liiketurvallisuusmittareiden mm. henkilövahinko-onnettomuuksien ja kuolemien väheneminen",
    ),
    ("kou-turvallisuus-2023-6", "responsible", "Liikenneturvallisuustyöryhmä"),
    ("kou-turvallisuus-2023-9", "metric", "Arviointi tehty ja vuosikello käytössä"),
    ("kou-maakunta-vk-2", "responsible", "Hyvinvoinnin työryhmä"),
]


@pytest.mark.parametrize("action_id,field,text", KOUVOLA_SAMPLE)
def test_kouvola_sample_alignment(kouvola, action_id, field, text):
    a = next(a for _, a in actions(kouvola) if a["action_id"] == action_id)
    values = a["responsible"] if field == "responsible" else [m["text"] for m in a["metrics"]]
    assert text in values
    seed = seed_text(KOUVOLA_SEED)
    assert norm(text) in seed


def test_kouvola_sample_action_texts(kouvola):
    by_id = {a["action_id"]: a for _, a in actions(kouvola)}
    assert by_id["kou-elintavat-vk-3"]["text"] == "Mennään metsään – toimintamalli/Ratamon terveysmetsän rakentaminen"
    assert by_id["kou-tyollisyys-vk-1"]["text"] == "TE-palvelujen siirtäminen kunnille"
    assert by_id["kou-turvallisuus-2023-6"]["text"].startswith("Punainen liitu -tapahtuman")
    assert by_id["kou-elintavat-2023-ln-14"]["text"].endswith(
        "Päihdeoppitunteja myös toisen asteen ensimmäisille luokille."
    )
    assert "6-luokkaisille.Tarpeen" in by_id["kou-elintavat-2023-ln-14"]["text"]  # no fixes


def test_kouvola_indicator_links(kouvola):
    links = {}
    for _, a in actions(kouvola):
        for m in a["metrics"]:
            links.setdefault(m["text"], set(m["indicators"]))
            if m["kind"] == "indicator" and m["text"] != "Kotomittari (TEM)":
                assert m["indicators"], m
    assert {"ktk_nuuska", "ktk_humala", "aik_alkoholi_riski"} <= links["Päihdeindikaattorit"]
    assert {"liikenne_kuolleet", "liikenne_loukkaantuneet"} <= links["Liikenneturvallisuusindikaattorit"]
    assert links["Harrastamisen indikaattorit"] == {"ktk_harrastus"}
    assert links["Yksinäisyyden kokeminen"] == {"ktk_yksinainen", "aik_yksinaisyys"}
    assert "tyollisyysaste" in links["Työllisyys-/työttömyysaste"]
    assert links["Kuvattujen palvelupolkujen lkm"] == set()


# ---------------------------------------------------------------------------------------------- Kokkola

KOKKOLA_COUNTS = {"kok-lapsi": 8, "kok-elamys": 8, "kok-kestava": 2, "kok-tyomarkkinat": 2}


def test_kokkola_goals_and_counts(kokkola):
    assert [g["title"] for g in kokkola["goals"]] == [
        "Lapsiystävällisyys",
        "Elämyksellisyys",
        "Kestävästi kehittyvä",
        "Toimivat työmarkkinat",
    ]
    assert {g["goal_id"]: len(g["actions"]) for g in kokkola["goals"]} == KOKKOLA_COUNTS
    assert kokkola["developments"] == {"positive": [], "negative": []}
    for _, a in actions(kokkola):
        assert a["scope"] == "report" and a["age_group"] is None


def test_kokkola_verbatim(kokkola):
    seed = seed_text(KOKKOLA_SEED)
    for _, a in actions(kokkola):
        assert norm(a["progress"]) in seed, a["action_id"]
        assert a["progress"].startswith(a["text"]), a["action_id"]  # text = first sentence, verbatim
    for paragraph in kokkola["intro"].split("\n\n"):
        assert norm(paragraph) in seed
    assert norm(goal(kokkola, "kok-elamys")["description"]) in seed


def test_kokkola_every_paragraph_used_once(kokkola):
    """Every paragraph of the report body is one action's progress (or the Elämyksellisyys description)."""
    for folder in SEED_DIRS:
        if (folder / KOKKOLA_SEED).is_file():
            raw = (folder / KOKKOLA_SEED).read_text(encoding="utf-8")
            break
    else:
        pytest.skip("Kokkola seed not found")
    body = raw.split("Näin tavoitteet etenivät vuonna 2022", 1)[1]
    paragraphs = [norm(p).lstrip("• ").strip() for p in body.splitlines()]
    paragraphs = [p for p in paragraphs if p and not p.startswith("Strategiasta johdetut")]
    used = [norm(a["progress"]) for _, a in actions(kokkola)] + [norm(goal(kokkola, "kok-elamys")["description"])]
    assert sorted(paragraphs) == sorted(used)


def fmt_variants(value: int) -> set[str]:
    return {str(value), f"{value:,}".replace(",", " ")}


EXPECTED_FIGURES = {  # value -> (indicator_id, qualifier, change_pct, year)
    750: ("erityisliikuntakortit", "noin", None, 2022),
    35000: ("uintikaynnit_erityis", "yli", None, 2022),
    87: ("kohasu_kerhot", None, None, 2022),
    1100: ("kohasu_osallistujat", "yli", None, 2022),
    130000: (None, None, None, 2023),
    676462: ("kirjasto_lainat", None, 8, 2022),
    343083: ("kirjasto_kaynnit", None, 24, 2022),
    208280: ("kirjasto_verkkokaytto", None, None, 2022),
    61003: ("kirjasto_e_aineisto", None, 12, 2022),
    254: ("kirjasto_tapahtumat", None, None, 2022),
    607: ("opisto_kurssit", None, None, 2022),
    11: (None, "keskimäärin", None, 2022),
    6210: ("koulunuorisotyo_kohdatut", None, None, 2022),
    450: (None, "yli", None, 2022),
    260: (None, "yli", None, 2022),
    1500: (None, "noin", None, 2022),
    129: ("luontokoulu_ryhmat", None, None, 2022),
    215: ("etsiva_nuorisotyo_tavoitetut", None, None, 2022),
    1200: ("ohjaamo_tavoitetut", "noin", None, 2022),
    58000: ("tyollisyyspalvelut_yhteydenotot", "lähes", None, 2022),
    10: (None, None, None, 2022),
}


def test_kokkola_figures(kokkola):
    figures = [(a, f) for _, a in actions(kokkola) for f in a["figures"]]
    assert sorted(f["value"] for _, f in figures) == sorted(EXPECTED_FIGURES)
    for a, f in figures:
        assert set(f) == {"label", "value", "unit", "year", "qualifier", "change_pct", "indicator_id"}, f
        assert isinstance(f["value"], int) and f["label"].strip() and f["unit"].strip()
        assert f["qualifier"] in QUALIFIERS
        assert (f["indicator_id"], f["qualifier"], f["change_pct"], f["year"]) == EXPECTED_FIGURES[f["value"]], f
        progress = norm(a["progress"])
        prefix = f"{f['qualifier']} " if f["qualifier"] else ""
        assert any(prefix + v in progress for v in fmt_variants(f["value"])), (a["action_id"], f)
        if f["change_pct"] is not None:
            assert f"{f['change_pct']} %" in progress, f
    # the figures are real values from the report, so they must also be in the seed itself
    seed = seed_text(KOKKOLA_SEED)
    for _, f in figures:
        assert any(v in seed for v in fmt_variants(f["value"])), f


def test_kokkola_metrics_follow_figures(kokkola):
    for _, a in actions(kokkola):
        assert len(a["metrics"]) == len(a["figures"]), a["action_id"]
        linked = {i for m in a["metrics"] for i in m["indicators"]}
        for f in a["figures"]:
            assert f["indicator_id"] is None or f["indicator_id"] in linked, (a["action_id"], f)
        for m in a["metrics"]:
            assert m["kind"] == "count"
    all_linked = {f["indicator_id"] for _, a in actions(kokkola) for f in a["figures"]} - {None}
    assert len(all_linked) == 15  # every activity id measured by the report, one value each


def test_seed_copies_match_shared():
    shared = REPO / ".." / "shared" / "seeds"
    for name in (KOUVOLA_SEED, KOKKOLA_SEED):
        copy, orig = PLANS / "seeds" / name, shared / name
        assert copy.is_file(), f"missing repo copy {copy}"
        if orig.is_file():
            assert copy.read_bytes() == orig.read_bytes()
