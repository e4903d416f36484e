"""Demo data: reproducible, marked as demo, shaped like the sources and telling Kouvola's own story."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tutka.catalogue import load_catalogue
from tutka.demo import COLUMNS, DEMO_SOURCE, OUTPUT, generate_demo, generate_national, to_csv_text

ROOT = Path(__file__).resolve().parent.parent
REAL_KOKKOLA = ROOT / "data" / "values" / "kokkola_2022_real.csv"
G89 = "8.–9. lk"


def _read(path: Path) -> pd.DataFrame:
    df = pd.read_csv(
        path,
        dtype={"group": str, "region_code": str, "sex": str, "source": str},
        keep_default_na=False,
        na_values={"value": [""], "respondents": [""], "abs_value": [""], "ci_low": [""], "ci_high": [""]},
    )
    return df


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return _read(OUTPUT)


def _value(df: pd.DataFrame, ind: str, year: int, sex: str = "total", group: str = "", region: str = "KU286") -> float:
    row = df[
        (df.indicator_id == ind)
        & (df.region_code == region)
        & (df.year == year)
        & (df.sex == sex)
        & (df.group == group)
    ]
    assert len(row) == 1, (ind, year, sex, group, region)
    return float(row["value"].iloc[0])


def test_regenerating_gives_the_committed_file_exactly():
    assert to_csv_text(generate_demo()) == OUTPUT.read_text(encoding="utf-8")


def test_header_and_sort_order(demo):
    assert OUTPUT.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)
    keys = ["indicator_id", "region_code", "year", "sex", "group"]
    assert not demo.duplicated(keys).any()
    assert demo[keys].equals(demo.sort_values(keys, kind="mergesort")[keys].reset_index(drop=True))


def test_every_row_is_demo(demo):
    assert (demo["is_demo"] == True).all()  # noqa: E712
    assert (demo["source"] == DEMO_SOURCE).all()


def test_ids_regions_and_years(demo):
    catalogue = {ind.id: ind for ind in load_catalogue()}
    assert set(demo.indicator_id) == set(catalogue)
    assert set(demo.region_code) == {
        "KU286",
        "KU075",
        "KU285",
        "KU489",
        "KU624",
        "KU935",
        "KU272",
        "KU074",
        "KU217",
        "KU236",
        "KU421",
        "KU584",
        "KU849",
        "KU924",
        "HV10",
        "HV18",
        "MK08",
        "MK16",
        "SSS",
    }
    ktk = demo[demo.indicator_id.str.startswith("ktk_")]
    assert 2015 not in set(ktk.year)
    assert set(ktk.year) == {2013, 2017, 2019, 2021, 2023, 2025}
    assert set(demo[demo.indicator_id.str.startswith("aik_")].year) == {2018, 2020, 2022, 2024}
    for ind_id, rows in demo.groupby("indicator_id"):
        ind = catalogue[ind_id]
        assert set(rows.sex) == set(ind.sexes), ind_id
        assert set(rows.group) == (set(ind.groups) or {""}), ind_id
    activity = demo[demo.indicator_id.map(lambda i: catalogue[i].kind == "activity")]
    assert set(activity.region_code) == {"KU286", "KU272"}
    assert activity.year.between(2018, 2025).all()
    assert activity[(activity.region_code == "KU272") & (activity.year == 2022)].empty


def test_survey_values_and_confidence_intervals(demo):
    survey = demo[demo.indicator_id.str.startswith(("ktk_", "aik_"))]
    shown = survey.dropna(subset=["value"])
    assert shown.value.between(0, 100).all()
    assert (shown.ci_low <= shown.value).all() and (shown.value <= shown.ci_high).all()
    assert survey.respondents.notna().all()
    suppressed = survey[survey.value.isna()]
    assert len(suppressed) > 0 and suppressed.ci_low.isna().all()
    assert (suppressed.region_code.str.startswith("KU")).all()
    kouvola = survey[
        (survey.indicator_id == "ktk_kiusattu")
        & (survey.region_code == "KU286")
        & (survey.group == G89)
        & (survey.sex == "total")
    ]
    assert kouvola.respondents.between(1250, 1600).all()


def test_values_are_rounded_to_the_catalogue_decimals(demo):
    decimals = {ind.id: ind.decimals for ind in load_catalogue()}
    for ind_id, rows in demo.groupby("indicator_id"):
        vals = rows.value.dropna().to_numpy()
        assert np.allclose(vals, np.round(vals, decimals[ind_id])), ind_id


@pytest.mark.parametrize("ind", ["ktk_tupakointi", "ktk_humala"])
def test_kouvola_youth_substance_use_falls(demo, ind):
    assert _value(demo, ind, 2021, group=G89) - _value(demo, ind, 2023, group=G89) >= 2
    assert _value(demo, ind, 2023, group=G89) - _value(demo, ind, 2025, group=G89) >= 2


@pytest.mark.parametrize("ind", ["ktk_kiusattu", "ktk_ahdistus", "ktk_yksinainen", "ktk_ylipaino"])
def test_kouvola_child_and_youth_indicators_worse_2021_2023(demo, ind):
    assert _value(demo, ind, 2023, group=G89) - _value(demo, ind, 2021, group=G89) >= 2


def test_kouvola_hobbies_down(demo):
    assert _value(demo, "ktk_harrastus", 2021, group=G89) - _value(demo, "ktk_harrastus", 2023, group=G89) >= 2


def test_kouvola_employment_story(demo):
    assert _value(demo, "nuorisotyottomyys", 2025) < _value(demo, "nuorisotyottomyys", 2021)
    assert _value(demo, "tyottomyys", 2025) < _value(demo, "tyottomyys", 2021)
    youth_drop = _value(demo, "nuorisotyottomyys", 2021) - _value(demo, "nuorisotyottomyys", 2025)
    assert youth_drop > _value(demo, "tyottomyys", 2021) - _value(demo, "tyottomyys", 2025)
    assert _value(demo, "tyollisyysaste", 2025) > _value(demo, "tyollisyysaste", 2021)


def test_kouvola_adult_mental_health_worse_especially_for_women(demo):
    ind = "aik_psyk_kuormittuneisuus"
    female = _value(demo, ind, 2024, "female") - _value(demo, ind, 2020, "female")
    male = _value(demo, ind, 2024, "male") - _value(demo, ind, 2020, "male")
    assert female > male
    assert _value(demo, "mt_sairauspaivaraha", 2025) > _value(demo, "mt_sairauspaivaraha", 2021)


def test_county_values_follow_members(demo):
    pop = demo[demo.indicator_id == "vaesto"].pivot(index="region_code", columns="year", values="value")
    members = ["KU075", "KU285", "KU286", "KU489", "KU624", "KU935"]
    assert (pop.loc[members].sum() == pop.loc["HV10"]).all()
    assert (pop.loc["HV10"] == pop.loc["MK08"]).all()


def test_real_kokkola_file():
    real = _read(REAL_KOKKOLA)
    assert list(real.columns) == COLUMNS
    assert (real.region_code == "KU272").all() and (real.year == 2022).all() and (real.sex == "total").all()
    assert (real.is_demo == False).all()  # noqa: E712
    assert real.source.str.startswith("Kokkolan kaupunki: Hyvinvointisuunnitelman vuosiraportti 2022").all()
    values = dict(zip(real.indicator_id, real.value, strict=False))
    assert values["kirjasto_lainat"] == 676462 and values["koulunuorisotyo_kohdatut"] == 6210
    assert "yli 1100" in real.set_index("indicator_id").loc["kohasu_osallistujat", "source"]
    activity = {ind.id for ind in load_catalogue() if ind.kind == "activity"}
    assert set(real.indicator_id) == activity


def test_generate_national_covers_all_municipalities():
    df = generate_national()
    municipalities = df[df.region_code.str.startswith("KU")].region_code.unique()
    assert len(municipalities) == 308
    assert {"SSS", "HV10", "HV18", "HV90", "MK08", "MK16"} <= set(df.region_code)
    assert list(df.columns) == COLUMNS and df.is_demo.all()
    pop = df[(df.indicator_id == "vaesto") & (df.year == 2020)].set_index("region_code").value
    assert pop["SSS"] == pop[pop.index.str.startswith("KU")].sum()


def test_generate_national_scales_by_parameters():
    small = generate_national(n_municipalities=20, years=range(2020, 2022))
    bigger = generate_national(n_municipalities=20, years=range(2016, 2022), indicator_copies=2)
    assert small.region_code.str.startswith("KU").sum() > 0
    assert len(bigger) > 5 * len(small)
    assert bigger.indicator_id.str.endswith("_k2").any()
