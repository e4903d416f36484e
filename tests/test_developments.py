"""The positive / negative developments as short grouped theme phrases (Etusivu, yearly report), and sparklines drawn
in their verdict's colour."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest

from tests.samples import verdict_row
from tutka import domain as D
from tutka.catalogue import TOPICS, load_catalogue
from tutka.charts.verdicts import sparkline_svg, sparkline_uri
from tutka.i18n import LANGS, t, texts
from tutka.verdicts import developments, load_rules

TOPIC_OF = {ind.id: ind.topic for ind in load_catalogue()}


def v(iid, verdict, grp="", **extra):
    return verdict_row(iid, verdict, grp=grp, **extra)


def texts_of(d: dict, key: str) -> list[str]:
    return [i["text"] for i in d[key]]


def test_one_phrase_per_theme_with_short_names_in_brackets():
    frame = pd.DataFrame(
        [
            v("ktk_nuuska", "improved", "8.–9. lk", strength=2.0),
            v("ktk_nuuska", "improved", "lukio 1.–2. v", strength=1.0),
            v("ktk_humala", "improved", "8.–9. lk", strength=1.5),
            v("ktk_humala", "no_change", "lukio 1.–2. v"),
        ]
    )
    d = developments(frame, "KU286", "fi", topics=TOPIC_OF)
    assert texts_of(d, "positive") == [
        "Lasten ja nuorten päihteiden käyttö on vähentynyt (nuuskan käyttö, humalajuominen)"
    ]
    item = d["positive"][0]
    assert (item["topic"], item["audience"], item["split"], item["indicators"]) == (
        "paihteet",
        "children",
        False,
        ["ktk_nuuska", "ktk_humala"],
    )
    assert len(item["series"]) == 3  # the rows behind the phrase, for the per-indicator detail
    assert d["negative"] == []


def test_single_indicator_theme():
    d = developments(pd.DataFrame([v("tyottomyys", "worsened")]), "KU286", "fi", topics=TOPIC_OF)
    assert texts_of(d, "negative") == ["Aikuisten työllisyystilanne on heikentynyt (työttömyys)"]
    assert d["negative"][0]["n"] == 1


def test_theme_on_both_sides_names_its_groups():
    frame = pd.DataFrame(
        [
            v("ktk_nuuska", "improved", "8.–9. lk", strength=3.0),
            v("ktk_humala", "worsened", "lukio 1.–2. v"),
            v("ktk_humala", "improved", "8.–9. lk", strength=2.0),
            v("ktk_tupakointi", "improved", "8.–9. lk", strength=1.0),
            v("ktk_tupakointi", "no_change", "lukio 1.–2. v"),
        ]
    )
    d = developments(frame, "KU286", "fi", topics=TOPIC_OF)
    assert texts_of(d, "positive") == [
        "Lasten ja nuorten päihteiden käyttö on vähentynyt (8.–9. lk: nuuskan käyttö, humalajuominen, tupakointi)"
    ]
    assert texts_of(d, "negative") == [
        "Lasten ja nuorten päihteiden käyttö on lisääntynyt (lukio 1.–2. v: humalajuominen)"
    ]
    assert d["positive"][0]["split"] and d["negative"][0]["split"]


def test_both_sides_in_swedish_and_english():
    frame = pd.DataFrame([v("ktk_nuuska", "improved", "8.–9. lk"), v("ktk_humala", "worsened", "lukio 1.–2. v")])
    sv = developments(frame, "KU286", "sv", topics=TOPIC_OF)
    assert texts_of(sv, "positive") == ["Bruket av rusmedel bland barn och unga har minskat (åk 8–9: snusning)"]
    assert texts_of(sv, "negative") == [
        "Bruket av rusmedel bland barn och unga har ökat (gymnasiet år 1–2: berusningsdrickande)"
    ]
    en = developments(frame, "KU286", "en", topics=TOPIC_OF)
    assert texts_of(en, "positive") == [
        "Substance use among children and young people has decreased (grades 8–9: snus use)"
    ]
    assert texts_of(en, "negative") == [
        "Substance use among children and young people has increased (upper secondary years 1–2: drunkenness)"
    ]


def test_sex_said_once_when_every_indicator_shares_it():
    rows = []
    for ind in ("ktk_kiusattu", "ktk_vakivalta"):
        rows += [
            v(ind, "worsened", "8.–9. lk"),
            v(ind, "worsened", "8.–9. lk", sex="female"),
            v(ind, "no_change", "8.–9. lk", sex="male"),
        ]
    d = developments(pd.DataFrame(rows), "KU286", "fi", topics=TOPIC_OF)
    assert texts_of(d, "negative") == [
        "Lasten ja nuorten kokema kiusaaminen ja väkivalta on lisääntynyt "
        "(koulukiusaaminen, fyysinen uhka; erityisesti tytöillä)"
    ]
    en = developments(pd.DataFrame(rows[:3]), "KU286", "en", topics=TOPIC_OF)
    assert texts_of(en, "negative") == [
        "Bullying and violence experienced by children and young people have increased "
        "(bullying at school – especially girls)"
    ]


def test_mixed_sexes_left_to_the_detail():
    rows = [
        v("ktk_kiusattu", "worsened", "8.–9. lk", strength=2.0),
        v("ktk_kiusattu", "worsened", "8.–9. lk", sex="female"),
        v("ktk_kiusattu", "no_change", "8.–9. lk", sex="male"),
        v("ktk_vakivalta", "worsened", "lukio 1.–2. v"),
        v("ktk_vakivalta", "no_change", "lukio 1.–2. v", sex="female"),
        v("ktk_vakivalta", "worsened", "lukio 1.–2. v", sex="male"),
    ]
    item = developments(pd.DataFrame(rows), "KU286", "fi", topics=TOPIC_OF)["negative"][0]
    assert (
        item["text"]
        == "Lasten ja nuorten kokema kiusaaminen ja väkivalta on lisääntynyt (koulukiusaaminen, fyysinen uhka)"
    )
    assert item["detail"] == (
        "Lasten ja nuorten kokema kiusaaminen ja väkivalta on lisääntynyt "
        "(8.–9. lk: koulukiusaaminen – erityisesti tytöillä; lukio 1.–2. v: fyysinen uhka – erityisesti pojilla)"
    )


def test_same_theme_of_different_audiences_stays_apart():
    frame = pd.DataFrame([v("ktk_humala", "improved", "8.–9. lk"), v("aik_alkoholi_riski", "worsened")])
    d = developments(frame, "KU286", "fi", topics=TOPIC_OF)
    assert texts_of(d, "positive") == ["Lasten ja nuorten päihteiden käyttö on vähentynyt (humalajuominen)"]
    assert texts_of(d, "negative") == ["Aikuisten päihteiden käyttö on lisääntynyt (alkoholin riskikäyttö)"]
    assert not d["positive"][0]["split"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_topic_and_audience_has_its_wording(lang):
    table = texts()
    for topic in TOPICS:
        for key in ("positive", "negative"):
            assert table.get(f"v.theme.{topic}.{key}", {}).get(lang), (topic, key, lang)
    for aud in [a["key"] for a in load_rules()["developments"]["audiences"]] + [
        load_rules()["developments"]["default"]
    ]:
        assert table.get(f"v.who.{aud}", {}).get(lang), (aud, lang)


# ------------------------------------------------------------------------------------------------ sparklines
def strokes(svg: str) -> set[str]:
    return set(re.findall(r'stroke="(#[0-9A-Fa-f]{6})"', svg))


@pytest.mark.parametrize(
    "verdict, colour",
    [("improved", D.GOOD), ("worsened", D.BAD), ("no_change", D.line_colour("no_change"))],
)
def test_sparkline_colour_follows_verdict(verdict, colour):
    svg = sparkline_svg([3.0, 4.0, 5.5], [False, False, False], verdict)
    assert strokes(svg) == {colour}
    assert "stroke-dasharray" not in svg and f'fill="{colour}"' in svg  # real data: solid line, filled end dot


def test_pale_verdict_colours_get_a_visible_line():
    for code in ("no_change", "insufficient", "increased", "decreased"):
        r, g, b = D.rgb(D.line_colour(code))
        assert max(r, g, b) <= 0x8A, code  # never the near-white fill of the heat map


def test_demo_sparkline_is_dotted_and_hollow():
    svg = sparkline_svg([3.0, 4.0, 5.0], [True, True, True], "worsened")
    assert 'stroke-dasharray="2 2"' in svg and f'fill="{D.PAPER}"' in svg
    mixed = sparkline_svg([3.0, 4.0, 5.0], [True, False, False], "worsened")
    assert mixed.count("stroke-dasharray") == 1  # only the segment touching the demo point
    assert sparkline_uri([], [], "improved") is None
    uri = sparkline_uri([1.0, 2.0], [False, False], "improved")
    assert uri is not None and uri.startswith("data:image/svg+xml;base64,")
    assert D.GOOD in base64.b64decode(uri.split(",", 1)[1]).decode()


# ------------------------------------------------------------------------------------------------ Etusivu
@pytest.fixture()
def app_env(built_db, use_app_database):
    return use_app_database(built_db)


FIRST_THEME = {
    "fi": "Lasten ja nuorten päihteiden käyttö on vähentynyt (",
    "sv": "Bruket av rusmedel bland barn och unga har minskat (",
    "en": "Substance use among children and young people has decreased (",
}
SYMBOL_COLOUR = {D.symbol(c): D.line_colour(c) for c in ("improved", "worsened", "increased", "decreased")}


@pytest.mark.parametrize("lang", LANGS)
def test_etusivu_theme_phrases_and_verdict_coloured_sparklines(app_env, lang):
    from tests.conftest import page_text, run_page

    at = run_page(None, kunta="KU286", lang=lang)
    assert not at.exception, at.exception
    text = page_text(at)
    assert FIRST_THEME[lang] in text
    # the plan comparison (data up to the plan's year) shows theme phrases too, next to the plan's own list
    assert "Lasten ja nuorten päihteiden käytön väheneminen" in text
    assert text.count(FIRST_THEME[lang]) >= 2
    ids = sorted(TOPIC_OF, key=len, reverse=True)
    leaked = [i for i in ids if re.search(rf"(?<![\w/=]){re.escape(i)}(?![\w])", text)]
    assert not leaked, leaked
    assert not re.search(r"\b(None|nan|NaN)\b", text)
    assert "{" not in text  # no unfilled template
    # the largest changes: each sparkline in its verdict's colour, the verdict symbol kept in its own column
    trend, verdict = t("v.col.trend", lang), t("v.col.verdict", lang)
    table = next(df.value for df in at.dataframe if trend in df.value.columns)
    checked = 0
    for uri, word in zip(table[trend], table[verdict], strict=True):
        svg = base64.b64decode(uri.split(",", 1)[1]).decode()
        colour = SYMBOL_COLOUR[word.split()[0]]
        assert set(re.findall(r'stroke="(#[0-9A-Fa-f]{6})"', svg)) == {colour}, (word, svg[:200])
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("lang", LANGS)
def test_themes_on_both_sides_always_name_their_groups_on_real_data(built_db, lang):
    """Every municipality and as-of year in the built database: a theme never reads as a plain contradiction."""
    import duckdb

    from tutka.verdicts import topics_of, verdicts_for
    from tutka.verdicts.text import group_label

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        topics = topics_of(con)
        seen_split = 0
        for region in ("KU286", "KU272"):
            for as_of in (None, 2023):
                d = developments(verdicts_for(con, region, lang=lang, as_of=as_of), region, lang, topics=topics)
                pos = {(i["audience"], i["topic"]): i for i in d["positive"]}
                neg = {(i["audience"], i["topic"]): i for i in d["negative"]}
                for key in pos.keys() & neg.keys():
                    seen_split += 1
                    for item in (pos[key], neg[key]):
                        assert item["split"], item["text"]
                        for grp in set(item["series"]["grp"]) - {""}:
                            assert group_label(grp, lang) in item["text"], (grp, item["text"])
                for item in d["positive"] + d["negative"]:
                    assert not re.search(r"\b(None|nan)\b|\{", item["text"]), item["text"]
                    assert "_" not in item["text"], item["text"]  # no raw ids or topic codes
        assert seen_split > 0  # the seed data has such themes: the check is not vacuous
    finally:
        con.close()
