"""Deterministic demo data ("Esimerkkiaineisto (keksitty)") for Hyvinvointitutka.

`python -m tutka.demo` rewrites data/values/demo_values.csv byte-identically (fixed seed). The series are invented
but shaped like the real sources: school health survey rounds with respondents, suppression (< 15 boys or girls)
and binomial confidence intervals; register counts drawn around population-based denominators; county, maakunta and
country values consistent with their members. Kouvola (KU286) follows the story of its own plan (slide 2 of the
2023 plan): youth substance use down, employment up especially for the young, most child and youth indicators
worse 2021→2023 and again 2023→2025, adult mental health worse especially for women. Kokkola (KU272) is slightly better on most.

`generate_national()` runs the same vectorised generator for all 308 municipalities (benchmarks); e.g.
`generate_national(years=range(1990, 2026), indicator_copies=8)` gives about 10.8 million rows.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tutka.catalogue import DATA_DIR, Indicator, load_catalogue
from tutka.domain import DEMO_SOURCE

SEED = 20230515
OUTPUT = DATA_DIR / "values" / "demo_values.csv"
COLUMNS = [
    "indicator_id",
    "region_code",
    "year",
    "sex",
    "group",
    "value",
    "respondents",
    "abs_value",
    "ci_low",
    "ci_high",
    "is_demo",
    "source",
]

KTK_YEARS = (2013, 2017, 2019, 2021, 2023, 2025)  # no 2015: series break, no municipal results
ADULT_YEARS = (2018, 2020, 2022, 2024)  # FinSote 2018, 2020; Terve Suomi 2022, 2024
REGISTER_YEARS = tuple(range(2014, 2026))
ACTIVITY_YEARS = tuple(range(2018, 2026))
KOUVOLA, KOKKOLA = "KU286", "KU272"
SUPPRESS_BELOW = 15  # THL: shown only if >= 15 boys and >= 15 girls answered

# (official code, population 31.12.2020, maakunta, hyvinvointialue) from shared/reference/municipalities.csv;
# hard-coded so that the demo file does not change when the region table is edited.
DEMO_MUNICIPALITIES = (
    ("075", 19877, "08", "10"),
    ("285", 51668, "08", "10"),
    ("286", 81187, "08", "10"),
    ("489", 1868, "08", "10"),
    ("624", 5125, "08", "10"),
    ("935", 3087, "08", "10"),
    ("074", 1103, "16", "18"),
    ("217", 5426, "16", "18"),
    ("236", 4228, "16", "18"),
    ("272", 47772, "16", "18"),
    ("421", 722, "16", "18"),
    ("584", 2706, "16", "18"),
    ("849", 2966, "16", "18"),
    ("924", 3065, "16", "18"),
)
# whole country 31.12. (rounded, Statistics Finland order of magnitude) for the independent country series
COUNTRY_POPULATION = {
    2013: 5_451_000,
    2014: 5_471_800,
    2015: 5_487_300,
    2016: 5_503_300,
    2017: 5_513_100,
    2018: 5_517_900,
    2019: 5_525_300,
    2020: 5_533_800,
    2021: 5_548_200,
    2022: 5_564_000,
    2023: 5_603_900,
    2024: 5_635_900,
    2025: 5_660_000,
}

# school survey: share of the age cohort answering, per group (cohort ~1.05 % of population per grade, two grades)
KTK_PARTICIPATION = {
    "4.–5. lk": 0.021 * 0.86,
    "8.–9. lk": 0.021 * 0.85,
    "lukio 1.–2. v": 0.021 * 0.28,
    "ammatillinen 1.–2. v": 0.021 * 0.20,
}
KTK_RESPONSE = {2013: 1.0, 2017: 1.02, 2019: 1.0, 2021: 0.88, 2023: 0.93, 2025: 0.91}
ADULT_RESPONSE = {2018: 1.0, 2020: 0.95, 2022: 0.85, 2024: 0.8}


@dataclass(frozen=True)
class SurveySpec:
    path: dict[int, float]  # national total of the reference group (8.–9. lk / adults), %
    sex_ratio: float  # female / male
    groups: dict[str, float] = field(default_factory=lambda: {"": 1.0})  # multiplier per group
    kouvola: dict[int, float] | None = None  # Kouvola total of the reference group by year (the story)
    kouvola_sex_ratio: dict[int, float] | None = None
    kouvola_odds: float = 1.0  # used when no explicit Kouvola path
    kokkola_odds: float = 1.0
    first_year: int = 0


@dataclass(frozen=True)
class RegisterSpec:
    path: dict[int, float]  # national value by year
    mode: str  # share | rate | continuous | population | netmig
    scale: float = 100.0  # 100 = %, 1000 = per 1 000, 100000 = per 100 000
    denominator: float = 1.0  # share of the population forming the denominator
    kouvola: dict[int, float] | None = None
    kouvola_factor: float = 1.0
    kokkola_factor: float = 1.0
    sex_ratio: float = 1.0  # female / male (by-sex indicators)
    abs_value: bool = True
    spread: float = 0.15  # sd of the log factor of other municipalities


@dataclass(frozen=True)
class ActivitySpec:
    kokkola_2022: float  # the real 2022 figure (data/values/kokkola_2022_real.csv)
    profile: dict[int, float]  # level relative to 2022
    kouvola_factor: float  # Kouvola per inhabitant relative to Kokkola
    first_year: int = 2018


Y6 = KTK_YEARS
G4 = {"4.–5. lk": 1.0, "8.–9. lk": 1.0, "lukio 1.–2. v": 1.0, "ammatillinen 1.–2. v": 1.0}


def _ys(values: Sequence[float], years: Sequence[int] = Y6) -> dict[int, float]:
    return dict(zip(years, values, strict=True))


SURVEY: dict[str, SurveySpec] = {
    "ktk_kiusattu": SurveySpec(
        _ys([8.0, 7.0, 6.6, 6.5, 7.2, 7.4]),
        0.9,
        {**G4, "4.–5. lk": 1.35, "lukio 1.–2. v": 0.28, "ammatillinen 1.–2. v": 0.6},
        kouvola=_ys([8.2, 7.4, 7.0, 6.9, 10.6, 14.2]),
        kokkola_odds=0.9,
    ),
    "ktk_yksinainen": SurveySpec(
        _ys([10.5, 10.2, 10.6, 13.2, 12.8, 12.4]),
        2.0,
        {**G4, "4.–5. lk": 0.7, "lukio 1.–2. v": 0.85, "ammatillinen 1.–2. v": 0.8},
        kouvola=_ys([11.0, 10.6, 11.2, 12.6, 16.8, 19.6]),
        kokkola_odds=0.92,
    ),
    "ktk_ahdistus": SurveySpec(
        _ys([11.0, 11.2, 12.6, 16.2, 15.6, 15.2]),
        2.8,
        {"8.–9. lk": 1.0, "lukio 1.–2. v": 1.08, "ammatillinen 1.–2. v": 0.85},
        kouvola=_ys([11.5, 11.8, 13.0, 15.4, 19.8, 22.8]),
        kokkola_odds=0.9,
        first_year=2017,
    ),
    "ktk_ei_ystavaa": SurveySpec(
        _ys([9.0, 8.6, 8.1, 8.6, 8.9, 8.6]),
        0.75,
        {"8.–9. lk": 1.0, "lukio 1.–2. v": 0.7, "ammatillinen 1.–2. v": 1.15},
        kouvola_odds=1.08,
        kokkola_odds=0.95,
    ),
    "ktk_harrastus": SurveySpec(
        _ys([84.0, 86.0, 86.2, 82.5, 84.0, 84.8]),
        1.0,
        {"4.–5. lk": 1.08, "8.–9. lk": 1.0},
        kouvola=_ys([83.2, 85.0, 85.4, 84.2, 79.8, 76.6]),
        kokkola_odds=1.12,
    ),
    "ktk_liikunta": SurveySpec(
        _ys([27.0, 28.8, 29.6, 28.8, 29.2, 30.0]),
        0.8,
        {"4.–5. lk": 1.7, "8.–9. lk": 1.0},
        kouvola_odds=0.93,
        kokkola_odds=1.05,
    ),
    "ktk_ylipaino": SurveySpec(
        _ys([17.0, 18.2, 19.0, 21.0, 21.6, 22.0]),
        0.75,
        {"8.–9. lk": 1.0, "lukio 1.–2. v": 0.75, "ammatillinen 1.–2. v": 1.35},
        kouvola=_ys([19.0, 20.2, 21.0, 21.4, 25.2, 28.0]),
        kokkola_odds=0.96,
    ),
    "ktk_tupakointi": SurveySpec(
        _ys([10.0, 7.2, 6.1, 5.6, 5.0, 4.1]),
        0.85,
        {"8.–9. lk": 1.0, "lukio 1.–2. v": 0.25, "ammatillinen 1.–2. v": 3.0},
        kouvola=_ys([12.0, 10.6, 10.1, 9.8, 6.0, 2.4]),
        kokkola_odds=0.75,
    ),
    "ktk_nuuska": SurveySpec(
        _ys([3.0, 4.4, 5.0, 5.6, 4.6, 3.6]),
        0.5,
        {"8.–9. lk": 1.0, "lukio 1.–2. v": 0.5, "ammatillinen 1.–2. v": 2.5},
        kouvola=_ys([3.4, 5.2, 6.6, 7.2, 4.4, 2.2]),
        kokkola_odds=1.1,
    ),
    "ktk_humala": SurveySpec(
        _ys([11.0, 9.2, 8.6, 7.6, 7.0, 6.4]),
        1.1,
        {"8.–9. lk": 1.0, "lukio 1.–2. v": 1.5, "ammatillinen 1.–2. v": 2.6},
        kouvola=_ys([13.0, 11.6, 11.2, 11.4, 7.6, 3.8]),
        kokkola_odds=0.8,
    ),
    "ktk_kannabis": SurveySpec(
        _ys([7.0, 7.6, 8.0, 7.6, 7.0, 6.5]),
        0.8,
        {"8.–9. lk": 1.0, "lukio 1.–2. v": 1.6, "ammatillinen 1.–2. v": 2.3},
        kouvola=_ys([8.0, 9.0, 9.6, 10.2, 7.4, 4.8]),
        kokkola_odds=0.75,
    ),
    "ktk_osallisuus": SurveySpec(
        _ys([65.0, 64.0, 63.0, 60.2, 61.0, 61.4]),
        0.95,
        {"8.–9. lk": 1.0, "lukio 1.–2. v": 1.08, "ammatillinen 1.–2. v": 1.02},
        kouvola_odds=0.94,
        kokkola_odds=1.08,
        first_year=2019,
    ),
    "ktk_vanhemmat_keskustelu": SurveySpec(
        _ys([60.0, 62.0, 63.0, 61.4, 62.0, 62.2]), 0.9, {"8.–9. lk": 1.0}, kouvola_odds=0.95, kokkola_odds=1.06
    ),
    "ktk_vakivalta": SurveySpec(
        _ys([14.0, 13.0, 12.4, 13.0, 14.2, 14.0]),
        0.6,
        {"8.–9. lk": 1.0, "lukio 1.–2. v": 0.55, "ammatillinen 1.–2. v": 1.0},
        kouvola_odds=1.08,
        kokkola_odds=0.92,
    ),
    "aik_psyk_kuormittuneisuus": SurveySpec(
        _ys([11.0, 11.6, 13.0, 13.4], ADULT_YEARS),
        1.2,
        kouvola=_ys([11.4, 12.0, 14.2, 17.2], ADULT_YEARS),
        kouvola_sex_ratio=_ys([1.1, 1.15, 1.45, 1.6], ADULT_YEARS),
        kokkola_odds=0.92,
    ),
    "aik_yksinaisyys": SurveySpec(_ys([9.6, 11.2, 10.6, 10.4], ADULT_YEARS), 1.1, kouvola_odds=1.08, kokkola_odds=0.94),
    "aik_alkoholi_riski": SurveySpec(
        _ys([27.0, 25.4, 24.2, 23.0], ADULT_YEARS), 0.6, kouvola_odds=1.06, kokkola_odds=0.85
    ),
    "aik_liikunta_vahan": SurveySpec(
        _ys([22.0, 23.4, 24.0], ADULT_YEARS[1:]), 0.95, kouvola_odds=1.07, kokkola_odds=0.95, first_year=2020
    ),
}

R12 = REGISTER_YEARS


def _ry(values: Sequence[float]) -> dict[int, float]:
    return _ys(values, R12)


REGISTER: dict[str, RegisterSpec] = {
    "tyottomyys": RegisterSpec(
        _ry([13.5, 14.0, 13.4, 11.8, 10.2, 9.6, 13.6, 12.2, 9.8, 9.9, 10.8, 11.2]),
        "share",
        denominator=0.47,
        kouvola=_ry([14.0, 14.4, 14.0, 12.8, 11.6, 11.0, 14.2, 13.2, 11.3, 10.2, 9.9, 9.6]),
        kokkola_factor=0.85,
        spread=0.25,
    ),
    "nuorisotyottomyys": RegisterSpec(
        _ry([17.0, 17.6, 16.4, 14.0, 12.0, 11.6, 17.6, 13.6, 11.6, 12.0, 13.4, 14.0]),
        "share",
        denominator=0.045,
        kouvola=_ry([20.0, 21.0, 20.2, 17.6, 15.2, 14.6, 20.6, 17.2, 13.6, 11.6, 10.4, 9.2]),
        kokkola_factor=0.8,
        spread=0.25,
    ),
    "pitkaaikaistyottomat": RegisterSpec(
        _ry([4.2, 4.9, 5.2, 4.8, 3.8, 3.2, 3.9, 4.7, 3.6, 3.1, 3.3, 3.8]),
        "share",
        denominator=0.47,
        kouvola=_ry([5.3, 6.0, 6.3, 5.9, 4.8, 4.1, 4.6, 5.6, 4.3, 3.5, 3.2, 3.0]),
        kokkola_factor=0.8,
        spread=0.3,
    ),
    "tyollisyysaste": RegisterSpec(
        _ry([68.5, 68.7, 69.3, 70.5, 72.0, 72.6, 71.5, 73.2, 74.6, 75.0, 74.4, 74.2]),
        "share",
        denominator=0.55,
        kouvola=_ry([65.8, 65.9, 66.5, 67.8, 69.3, 70.0, 68.8, 70.6, 72.4, 73.4, 73.8, 74.2]),
        kokkola_factor=1.03,
        spread=0.04,
    ),
    "koulutuksen_ulkopuolella": RegisterSpec(
        _ry([8.0, 7.9, 7.7, 7.6, 7.6, 7.8, 7.9, 8.0, 8.1, 8.3, 8.2, 8.1]),
        "share",
        denominator=0.085,
        kouvola_factor=1.12,
        kokkola_factor=0.88,
    ),
    "toimeentulotuki_25_64": RegisterSpec(
        _ry([6.1, 6.5, 7.3, 7.2, 6.8, 6.5, 6.7, 6.4, 6.3, 6.5, 6.9, 7.0]),
        "share",
        denominator=0.5,
        kouvola_factor=1.15,
        kokkola_factor=0.8,
        spread=0.3,
    ),
    "mt_sairaalahoito_0_17": RegisterSpec(
        _ry([4.2, 4.1, 4.0, 3.9, 3.8, 3.7, 3.5, 3.9, 4.0, 3.8, 3.7, 3.6]),
        "rate",
        scale=1000,
        denominator=0.18,
        kouvola_factor=1.1,
        kokkola_factor=0.9,
        spread=0.25,
    ),
    "mt_sairauspaivaraha": RegisterSpec(
        _ry([16.0, 16.5, 17.0, 18.0, 19.5, 21.0, 22.0, 24.0, 25.5, 26.0, 27.0, 27.5]),
        "rate",
        scale=1000,
        denominator=0.5,
        kouvola=_ry([15.5, 16.2, 17.0, 18.2, 19.8, 21.5, 23.0, 25.5, 28.0, 29.6, 31.0, 32.2]),
        kokkola_factor=0.9,
        sex_ratio=1.9,
    ),
    "mt_tyokyvyttomyys": RegisterSpec(
        _ry([2.2, 2.2, 2.1, 2.0, 1.95, 1.9, 1.85, 1.8, 1.8, 1.78, 1.76, 1.75]),
        "share",
        denominator=0.5,
        kouvola_factor=1.25,
        kokkola_factor=0.9,
        sex_ratio=1.05,
        spread=0.2,
    ),
    "alkoholijuomien_myynti": RegisterSpec(
        _ry([9.4, 9.1, 8.9, 8.7, 8.5, 8.3, 8.4, 8.3, 8.0, 7.7, 7.5, 7.3]),
        "continuous",
        scale=1,
        kouvola_factor=1.12,
        kokkola_factor=0.92,
        abs_value=False,
        spread=0.2,
    ),
    "huumausainerikokset": RegisterSpec(
        _ry([0.18, 0.20, 0.22, 0.24, 0.24, 0.26, 0.28, 0.30, 0.28, 0.30, 0.31, 0.30]),
        "rate",
        scale=1000,
        kouvola_factor=1.1,
        kokkola_factor=0.9,
        spread=0.35,
    ),
    "rattijuopumus": RegisterSpec(
        _ry([3.5, 3.4, 3.3, 3.3, 3.2, 3.2, 3.4, 3.3, 3.2, 3.1, 3.0, 3.0]),
        "rate",
        scale=1000,
        kouvola_factor=1.1,
        kokkola_factor=0.95,
        spread=0.25,
    ),
    "liikenne_loukkaantuneet": RegisterSpec(
        _ry([120, 115, 110, 108, 104, 100, 90, 92, 88, 85, 83, 82]),
        "rate",
        scale=100000,
        kouvola_factor=1.05,
        kokkola_factor=0.95,
        spread=0.3,
    ),
    "liikenne_kuolleet": RegisterSpec(
        _ry([4.2, 5.0, 4.4, 4.0, 4.1, 3.8, 3.8, 3.6, 3.4, 3.3, 3.5, 3.2]),
        "rate",
        scale=100000,
        kouvola_factor=1.1,
        kokkola_factor=0.95,
        spread=0.3,
    ),
    "vakivaltarikokset": RegisterSpec(
        _ry([6.8, 6.9, 7.0, 7.2, 7.3, 7.2, 7.3, 7.0, 7.4, 7.6, 7.7, 7.5]),
        "rate",
        scale=1000,
        kouvola_factor=1.05,
        kokkola_factor=0.9,
        spread=0.25,
    ),
    "vaesto": RegisterSpec({}, "population", scale=1, abs_value=False),
    "nettomuutto": RegisterSpec({}, "netmig", scale=1000),
}
# Kouvola: net migration loss shrinking (the plan: "väestön vähenemisen hidastuminen")
KOUVOLA_NETMIG = _ry([-4.0, -4.3, -4.5, -4.2, -3.8, -3.5, -2.0, -1.5, -1.8, -1.2, -1.0, -0.8])

A8 = ACTIVITY_YEARS


def _ay(values: Sequence[float], years: Sequence[int] = A8) -> dict[int, float]:
    return _ys(values, years)


ACTIVITY: dict[str, ActivitySpec] = {
    "kirjasto_lainat": ActivitySpec(676462, _ay([0.98, 1.0, 0.86, 1 / 1.08, 1, 1.02, 1.03, 1.04]), 0.85),
    "kirjasto_kaynnit": ActivitySpec(343083, _ay([1.05, 1.08, 0.62, 1 / 1.24, 1, 1.05, 1.07, 1.08]), 0.9),
    "kirjasto_verkkokaytto": ActivitySpec(208280, _ay([0.8, 0.85, 1.0, 1.02, 1, 1.03, 1.05, 1.07]), 0.8),
    "kirjasto_e_aineisto": ActivitySpec(61003, _ay([0.55, 0.65, 0.85, 1 / 1.12, 1, 1.08, 1.15, 1.2]), 0.9),
    "kirjasto_tapahtumat": ActivitySpec(254, _ay([1.2, 1.25, 0.45, 0.6, 1, 1.1, 1.15, 1.15]), 0.75),
    "kohasu_kerhot": ActivitySpec(87, _ay([0.6, 1, 1.1, 1.1, 1.05], A8[3:]), 0.8, first_year=2021),
    "kohasu_osallistujat": ActivitySpec(1100, _ay([0.55, 1, 1.08, 1.1, 1.06], A8[3:]), 0.8, first_year=2021),
    "erityisliikuntakortit": ActivitySpec(750, _ay([0.85, 0.9, 0.8, 0.9, 1, 1.05, 1.1, 1.12]), 0.7),
    "uintikaynnit_erityis": ActivitySpec(35000, _ay([0.95, 1.0, 0.55, 0.7, 1, 1.05, 1.08, 1.1]), 0.6),
    "opisto_kurssit": ActivitySpec(607, _ay([1.0, 1.02, 0.75, 0.85, 1, 1.02, 1.0, 0.98]), 0.8),
    "koulunuorisotyo_kohdatut": ActivitySpec(6210, _ay([0.8, 0.85, 0.7, 0.85, 1, 1.05, 1.1, 1.1]), 0.7),
    "etsiva_nuorisotyo_tavoitetut": ActivitySpec(215, _ay([0.95, 1.0, 1.05, 1.02, 1, 0.98, 1.05, 1.1]), 0.9),
    "ohjaamo_tavoitetut": ActivitySpec(1200, _ay([0.85, 0.9, 0.8, 0.9, 1, 1.05, 1.05, 1.1]), 0.85),
    "liikkuva_nuorisotyo_kohdatut": ActivitySpec(1500, _ay([0.9, 0.95, 0.6, 0.8, 1, 1.05, 1.05, 1.1]), 0.8),
    "tyollisyyspalvelut_yhteydenotot": ActivitySpec(58000, _ay([0.7, 1, 1.05, 1.1, 1.6], A8[3:]), 0.7, first_year=2021),
    "luontokoulu_ryhmat": ActivitySpec(129, _ay([0.9, 0.95, 0.6, 0.8, 1, 1.0, 1.05, 1.05]), 0.5),
}


# ----------------------------------------------------------------------------------------------- helpers
def _rng(seed: int, key: str) -> np.random.Generator:
    """An independent, stable random stream per (seed, key): adding an indicator does not shift the others."""
    return np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])


def _interp(path: dict[int, float], years: np.ndarray) -> np.ndarray:
    keys = np.array(sorted(path), dtype=float)
    return np.interp(years.astype(float), keys, np.array([path[int(k)] for k in keys], dtype=float))


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1 - p))


def _expit(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


@dataclass
class _Regions:
    """Municipalities (rows) plus aggregate membership; population by year."""

    codes: np.ndarray  # 'KU286', ...
    pop2020: np.ndarray
    agg_codes: list[str]  # HVxx / MKxx (and SSS when national_from_members)
    membership: np.ndarray  # (n_agg, n_muni) 0/1
    years: np.ndarray  # contiguous years covered by `pop`
    pop: np.ndarray  # (n_muni, n_years) population 31.12.
    net: np.ndarray  # (n_muni, n_years) net intermunicipal migration (persons)
    national_from_members: bool
    lukio: np.ndarray  # bool per municipality
    amm: np.ndarray

    def col(self, years: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.years, years)


def _build_regions(table: pd.DataFrame, years: Iterable[int], seed: int, national_from_members: bool) -> _Regions:
    table = table.sort_values("code").reset_index(drop=True)
    codes = ("KU" + table["code"]).to_numpy(dtype=object)
    pop2020 = table["population"].to_numpy(dtype=float)
    n = len(codes)
    hv = ("HV" + table["hv"]).to_numpy(dtype=object)
    mk = ("MK" + table["mk"]).to_numpy(dtype=object)
    agg_codes = sorted(set(hv)) + sorted(set(mk)) + (["SSS"] if national_from_members else [])
    membership = np.zeros((len(agg_codes), n))
    for i, code in enumerate(agg_codes):
        membership[i] = (hv == code) | (mk == code) | (code == "SSS")

    rng = _rng(seed, "population")
    natural = rng.normal(-4.0, 2.0, n) + 1.5 * np.log10(pop2020 / 5000)  # per 1 000, towns younger
    mig_mean = rng.normal(-2.5, 3.0, n) + 2.0 * np.log10(pop2020 / 5000)
    is_kou, is_kok = codes == KOUVOLA, codes == KOKKOLA
    natural[is_kou], natural[is_kok] = -6.0, 1.0
    mig_mean[is_kok] = 1.0
    yrs = np.arange(min(min(years), 2020), max(max(years), 2020) + 1)
    mig_rate = mig_mean[:, None] + rng.normal(0, 1.5, (n, len(yrs)))
    if is_kou.any():
        mig_rate[is_kou] = _interp(KOUVOLA_NETMIG, yrs)
    pop = np.zeros((n, len(yrs)))
    net = np.zeros((n, len(yrs)))
    base = int(np.searchsorted(yrs, 2020))
    pop[:, base] = pop2020
    noise = rng.normal(0, 1, (n, len(yrs)))
    sd = lambda ref: np.sqrt(0.01 * ref + 1)  # noqa: E731
    for j in range(base + 1, len(yrs)):  # loops over years only, vectorised over municipalities
        ref = pop[:, j - 1]
        net[:, j] = np.round(mig_rate[:, j] * ref / 1000 + noise[:, j] * sd(ref))
        pop[:, j] = np.maximum(ref + np.round((natural + 3.0) * ref / 1000) + net[:, j], 50)
    for j in range(base, -1, -1):  # net[:, j] and pop[:, j] known -> population a year earlier
        ref = pop[:, j]
        net[:, j] = np.round(mig_rate[:, j] * ref / 1000 + noise[:, j] * sd(ref))
        if j > 0:
            pop[:, j - 1] = np.maximum(ref - np.round((natural + 3.0) * ref / 1000) - net[:, j], 50)
    lukio = pop2020 >= 2500
    amm = (pop2020 >= 15000) | ((pop2020 >= 5000) & (rng.random(n) < 0.3))
    return _Regions(codes, pop2020, agg_codes, membership, yrs, pop, net, national_from_members, lukio, amm)


class _Out:
    """Collects column chunks; one chunk = one indicator × group × sex block."""

    def __init__(self) -> None:
        self.chunks: list[dict[str, np.ndarray]] = []

    def add(
        self,
        ind: str,
        group: str,
        sex: str,
        regions: np.ndarray,
        years: np.ndarray,
        value: np.ndarray,
        respondents: np.ndarray | None = None,
        abs_value: np.ndarray | None = None,
        ci: tuple[np.ndarray, np.ndarray] | None = None,
        keep: np.ndarray | None = None,
    ) -> None:
        reg = np.repeat(regions, len(years))
        yrs = np.tile(years, len(regions))
        cols = {"region_code": reg, "year": yrs, "value": value.ravel().astype(float)}
        size = len(reg)
        nan = np.full(size, np.nan)
        cols["respondents"] = nan if respondents is None else respondents.ravel().astype(float)
        cols["abs_value"] = nan if abs_value is None else abs_value.ravel().astype(float)
        cols["ci_low"] = nan if ci is None else ci[0].ravel()
        cols["ci_high"] = nan if ci is None else ci[1].ravel()
        if keep is not None:
            mask = keep.ravel()
            cols = {k: v[mask] for k, v in cols.items()}
        cols["indicator_id"] = np.array([ind])
        cols["group"] = np.array([group])
        cols["sex"] = np.array([sex])
        self.chunks.append(cols)


# ----------------------------------------------------------------------------------------------- builders
def _region_odds(
    rng: np.random.Generator,
    reg: _Regions,
    spec: SurveySpec,
    years: np.ndarray,
    nat_ref: np.ndarray,
    spread: float = 0.12,
) -> np.ndarray:
    """Log-odds offset of each municipality against the national value, (n_muni, n_years)."""
    n = len(reg.codes)
    delta = rng.normal(0, spread, n)[:, None] + rng.normal(0, 0.04, (n, len(years)))
    kou, kok = reg.codes == KOUVOLA, reg.codes == KOKKOLA
    delta[kok] = np.log(spec.kokkola_odds)
    if spec.kouvola is not None:
        delta[kou] = _logit(_interp(spec.kouvola, years) / 100) - _logit(nat_ref / 100)
    else:
        delta[kou] = np.log(spec.kouvola_odds)
    return delta


def _survey(
    out: _Out, ind: Indicator, spec: SurveySpec, reg: _Regions, years: Sequence[int], seed: int, out_id: str
) -> None:
    rng = _rng(seed, out_id)
    adult = ind.id.startswith("aik_")
    all_years = np.array([y for y in years if y >= spec.first_year and not (not adult and y == 2015)])
    nat_ref_all = _interp(spec.path, all_years)
    delta_all = _region_odds(rng, reg, spec, all_years, nat_ref_all)
    ratio_all = np.full((len(reg.codes), len(all_years)), spec.sex_ratio)
    if spec.kouvola_sex_ratio is not None:
        ratio_all[reg.codes == KOUVOLA] = _interp(spec.kouvola_sex_ratio, all_years)
    for group in ind.groups or ("",):
        sel = all_years >= 2017 if group == "4.–5. lk" else np.ones(len(all_years), bool)
        yrs = all_years[sel]
        if len(yrs) == 0:
            continue
        nat = np.clip(nat_ref_all[sel] * spec.groups[group], 0.2, 97.0) / 100
        p = _expit(_logit(nat)[None, :] + delta_all[:, sel])
        pop = reg.pop[:, reg.col(yrs)]
        if adult:
            n = (100 + 0.02 * pop) * np.array([ADULT_RESPONSE.get(int(y), 0.8) for y in yrs])
            present = np.ones(len(reg.codes), bool)
        else:
            n = pop * KTK_PARTICIPATION[group] * np.array([KTK_RESPONSE.get(int(y), 0.9) for y in yrs])
            present = (
                reg.lukio
                if group == "lukio 1.–2. v"
                else reg.amm
                if group.startswith("ammat")
                else np.ones(len(reg.codes), bool)
            )
        n = np.round(n * np.exp(rng.normal(0, 0.05, n.shape))).astype(np.int64) * present[:, None]
        n_m = rng.binomial(n, 0.5)
        n_f = n - n_m
        r = ratio_all[:, sel]
        p_m = np.clip(2 * p / (1 + r), 0.001, 0.99)
        p_f = np.clip(2 * p * r / (1 + r), 0.001, 0.99)
        x_m, x_f = rng.binomial(n_m, p_m), rng.binomial(n_f, p_f)
        cells = {"male": (x_m, n_m), "female": (x_f, n_f), "total": (x_m + x_f, n_m + n_f)}
        agg = reg.membership
        if not reg.national_from_members:  # independent country series (demo)
            n_nat = np.round(
                np.array([COUNTRY_POPULATION.get(int(y), 5.5e6) for y in yrs])
                * (0.01 if adult else KTK_PARTICIPATION[group])
            ).astype(np.int64)
            nm_nat = rng.binomial(n_nat, 0.5)
            r_nat = spec.sex_ratio
            pm_nat = np.clip(2 * nat / (1 + r_nat), 0.001, 0.99)
            pf_nat = np.clip(2 * nat * r_nat / (1 + r_nat), 0.001, 0.99)
            xm_nat, xf_nat = rng.binomial(nm_nat, pm_nat), rng.binomial(n_nat - nm_nat, pf_nat)
            nat_cells = {
                "male": (xm_nat, nm_nat),
                "female": (xf_nat, n_nat - nm_nat),
                "total": (xm_nat + xf_nat, n_nat),
            }
        suppressed = (n_m < SUPPRESS_BELOW) | (n_f < SUPPRESS_BELOW)
        for sex in ind.sexes:
            x, nn = cells[sex]
            region_codes = np.concatenate([reg.codes, np.array(reg.agg_codes, dtype=object)])
            xs = np.vstack([x, agg @ x]).astype(float)
            ns = np.vstack([nn, agg @ nn]).astype(float)
            sup = np.vstack([suppressed, np.zeros((len(reg.agg_codes), len(yrs)), bool)])
            if not reg.national_from_members:
                region_codes = np.append(region_codes, "SSS")
                xs = np.vstack([xs, nat_cells[sex][0][None, :]])
                ns = np.vstack([ns, nat_cells[sex][1][None, :]])
                sup = np.vstack([sup, np.zeros((1, len(yrs)), bool)])
            with np.errstate(invalid="ignore", divide="ignore"):
                prop = xs / ns
                half = 1.96 * np.sqrt(prop * (1 - prop) / ns)
            value = np.where(sup, np.nan, prop * 100)
            lo = np.where(sup, np.nan, np.clip(prop - half, 0, 1) * 100)
            hi = np.where(sup, np.nan, np.clip(prop + half, 0, 1) * 100)
            out.add(out_id, group, sex, region_codes, yrs, value, respondents=ns, ci=(lo, hi), keep=ns > 0)


def _register(
    out: _Out, ind: Indicator, spec: RegisterSpec, reg: _Regions, years: Sequence[int], seed: int, out_id: str
) -> None:
    rng = _rng(seed, out_id)
    yrs = np.array(sorted(years))
    n = len(reg.codes)
    pop = reg.pop[:, reg.col(yrs)]
    region_codes = np.concatenate([reg.codes, np.array(reg.agg_codes, dtype=object)])
    country = np.array([COUNTRY_POPULATION.get(int(y), 5.5e6) for y in yrs])
    independent = not reg.national_from_members
    if independent:
        region_codes = np.append(region_codes, "SSS")
    agg = reg.membership

    if spec.mode in ("population", "netmig"):
        if spec.mode == "population":
            vals = np.vstack([pop, agg @ pop])
            if independent:
                vals = np.vstack([vals, country[None, :]])
            out.add(out_id, "", "total", region_codes, yrs, np.round(vals))
            return
        net = reg.net[:, reg.col(yrs)]
        nets, pops = np.vstack([net, agg @ net]), np.vstack([pop, agg @ pop])
        if independent:  # whole-country intermunicipal net migration is zero by definition
            nets, pops = np.vstack([nets, np.zeros((1, len(yrs)))]), np.vstack([pops, country[None, :]])
        out.add(out_id, "", "total", region_codes, yrs, nets / pops * 1000, abs_value=nets)
        return

    nat = _interp(spec.path, yrs)
    factor = np.exp(rng.normal(0, spec.spread, n))[:, None] * np.exp(rng.normal(0, 0.03, (n, len(yrs))))
    kou, kok = reg.codes == KOUVOLA, reg.codes == KOKKOLA
    factor[kok] = spec.kokkola_factor * np.exp(rng.normal(0, 0.01, len(yrs)))
    if spec.kouvola is not None:
        factor[kou] = _interp(spec.kouvola, yrs) / nat
    else:
        factor[kou] = spec.kouvola_factor * np.exp(rng.normal(0, 0.01, len(yrs)))
    true = nat[None, :] * factor

    if spec.mode == "continuous":
        value = true * np.exp(rng.normal(0, 0.02, true.shape))
        vals = np.vstack([value, (agg @ (value * pop)) / (agg @ pop)])
        if independent:
            vals = np.vstack([vals, nat[None, :]])
        out.add(out_id, "", "total", region_codes, yrs, vals)
        return

    sex_share = {"male": 1 / (1 + spec.sex_ratio), "female": spec.sex_ratio / (1 + spec.sex_ratio)}
    by_sex = [s for s in ind.sexes if s != "total"]
    parts = by_sex or ["total"]
    counts, denoms = {}, {}
    for sex in parts:
        dshare = 0.5 if sex != "total" else 1.0
        d = np.round(pop * spec.denominator * dshare)
        mult = 2 * sex_share[sex] if sex != "total" else 1.0
        rate = np.clip(true * mult / spec.scale, 0, 0.995)
        d_nat = np.round(country * spec.denominator * dshare)
        rate_nat = np.clip(nat * mult / spec.scale, 0, 0.995)
        if spec.mode == "share":
            c, c_nat = rng.binomial(d.astype(np.int64), rate), rng.binomial(d_nat.astype(np.int64), rate_nat)
        else:
            c, c_nat = rng.poisson(rate * d), rng.poisson(rate_nat * d_nat)
        counts[sex] = np.vstack([c, agg @ c] + ([c_nat[None, :]] if independent else []))
        denoms[sex] = np.vstack([d, agg @ d] + ([d_nat[None, :]] if independent else []))
    if by_sex:
        counts["total"] = counts["male"] + counts["female"]
        denoms["total"] = denoms["male"] + denoms["female"]
    for sex in ind.sexes:
        c, d = counts[sex].astype(float), denoms[sex]
        with np.errstate(invalid="ignore", divide="ignore"):
            value = np.where(d > 0, c / d * spec.scale, np.nan)
        out.add(out_id, "", sex, region_codes, yrs, value, abs_value=c if spec.abs_value else None)


def _activity(
    out: _Out,
    ind: Indicator,
    spec: ActivitySpec,
    reg: _Regions,
    years: Sequence[int],
    seed: int,
    out_id: str,
    only: set[str] | None,
) -> None:
    rng = _rng(seed, out_id)
    yrs = np.array([y for y in sorted(years) if y >= spec.first_year])
    if len(yrs) == 0:
        return
    profile = _interp(spec.profile, yrs)
    kokkola_pop = 47772.0
    level = np.exp(rng.normal(0, 0.25, len(reg.codes)))
    level[reg.codes == KOKKOLA] = 1.0
    level[reg.codes == KOUVOLA] = spec.kouvola_factor
    noise = np.exp(rng.normal(0, 0.04, (len(reg.codes), len(yrs))))
    noise[reg.codes == KOKKOLA] = np.exp(rng.normal(0, 0.01, len(yrs)))
    value = np.round(spec.kokkola_2022 * (reg.pop2020 / kokkola_pop * level)[:, None] * profile[None, :] * noise)
    keep = np.ones(value.shape, bool)
    if only is not None:
        keep &= np.isin(reg.codes, list(only))[:, None]
    # the real Kokkola 2022 figures come from data/values/kokkola_2022_real.csv
    keep &= ~((reg.codes == KOKKOLA)[:, None] & (yrs == 2022)[None, :])
    out.add(out_id, "", "total", reg.codes, yrs, value, keep=keep)


# ----------------------------------------------------------------------------------------------- assembly
def _generate(
    table: pd.DataFrame,
    *,
    seed: int,
    national_from_members: bool,
    years: Sequence[int] | None,
    activity_regions: set[str] | None,
    indicator_copies: int = 1,
) -> pd.DataFrame:
    catalogue = load_catalogue()
    missing = [i.id for i in catalogue if i.id not in SURVEY and i.id not in REGISTER and i.id not in ACTIVITY]
    if missing:
        raise ValueError(f"no demo specification for: {', '.join(missing)}")
    kind_years = {"ktk": KTK_YEARS, "aik": ADULT_YEARS, "register": REGISTER_YEARS, "activity": ACTIVITY_YEARS}
    if years is not None:
        kind_years = {k: tuple(years) for k in kind_years}
    all_years = {y for ys in kind_years.values() for y in ys}
    reg = _build_regions(table, all_years, seed, national_from_members)
    out = _Out()
    for copy in range(indicator_copies):
        for ind in catalogue:
            out_id = ind.id if copy == 0 else f"{ind.id}_k{copy + 1}"
            if ind.id in SURVEY:
                yrs = kind_years["aik" if ind.id.startswith("aik_") else "ktk"]
                _survey(out, ind, SURVEY[ind.id], reg, yrs, seed, out_id)
            elif ind.id in REGISTER:
                _register(out, ind, REGISTER[ind.id], reg, kind_years["register"], seed, out_id)
            else:
                _activity(out, ind, ACTIVITY[ind.id], reg, kind_years["activity"], seed, out_id, activity_regions)
    decimals = {ind.id: ind.decimals for ind in catalogue}
    return _assemble(out, decimals)


def _assemble(out: _Out, decimals: dict[str, int]) -> pd.DataFrame:
    sizes = np.array([len(c["region_code"]) for c in out.chunks])
    cat = lambda key: np.concatenate([c[key] for c in out.chunks])  # noqa: E731
    per_chunk = lambda key: np.repeat(np.array([c[key][0] for c in out.chunks], dtype=object), sizes)  # noqa: E731
    names = [c["indicator_id"][0] for c in out.chunks]
    base = [n if n in decimals else n.rsplit("_k", 1)[0] for n in names]
    dec = np.repeat(np.array([decimals.get(b, 1) for b in base]), sizes)
    frame = {
        "indicator_id": per_chunk("indicator_id"),
        "region_code": cat("region_code"),
        "year": cat("year").astype(np.int64),
        "sex": per_chunk("sex"),
        "group": per_chunk("group"),
    }
    for col in ("value", "ci_low", "ci_high"):
        arr = cat(col)
        for d in np.unique(dec):
            sel = dec == d
            arr[sel] = np.round(arr[sel], int(d)) + 0.0  # + 0.0 turns -0.0 into 0.0
        frame[col] = arr
    frame["abs_value"] = np.round(cat("abs_value"))
    frame["respondents"] = cat("respondents")
    df = pd.DataFrame(frame)
    keys = [
        df[c].to_numpy() if c == "year" else pd.factorize(df[c], sort=True)[0]
        for c in ("indicator_id", "region_code", "year", "sex", "group")
    ]
    order = np.lexsort(keys[::-1])
    df = df.iloc[order].reset_index(drop=True)
    for col in ("indicator_id", "region_code", "sex", "group"):
        df[col] = df[col].astype(str)
    df["respondents"] = df["respondents"].astype("Int64")
    df["is_demo"] = True
    df["source"] = DEMO_SOURCE
    return df[[c for c in COLUMNS]]


def _demo_table() -> pd.DataFrame:
    return pd.DataFrame(DEMO_MUNICIPALITIES, columns=["code", "population", "mk", "hv"])


def generate_demo(seed: int = SEED) -> pd.DataFrame:
    """The committed demo series: Kouvola, Kokkola, their county peers, HV10/HV18, MK08/MK16 and SSS."""
    return _generate(
        _demo_table(), seed=seed, national_from_members=False, years=None, activity_regions={KOUVOLA, KOKKOLA}
    )


def _municipalities_file() -> Path:
    local = DATA_DIR / "regions" / "municipalities.csv"
    return local if local.exists() else DATA_DIR.parent.parent / "shared" / "reference" / "municipalities.csv"


def generate_national(
    n_municipalities: int = 308,
    years: Sequence[int] | None = None,
    seed: int = SEED,
    indicator_copies: int = 1,
    path: Path | str | None = None,
) -> pd.DataFrame:
    """All municipalities (first n by code) with HV/MK aggregates and SSS summed from the members.

    years=None uses the kind-specific default years; otherwise every kind uses `years` (school survey still skips
    2015 and 4.–5. lk starts 2017). indicator_copies > 1 repeats the catalogue with ids suffixed `_k2`, `_k3` …
    About 1.35 M rows per copy for years=range(1990, 2026); indicator_copies=8 gives ≈ 10.8 M rows.
    Activity indicators are generated for every municipality here (per-inhabitant levels around Kokkola's).
    """
    src = pd.read_csv(path or _municipalities_file(), dtype=str, comment="#")
    table = pd.DataFrame(
        {
            "code": src["code"].str.zfill(3),
            "population": src["population"].astype(float),
            "mk": src["maakunta_code"].str.zfill(2),
            "hv": src["hyvinvointialue_code"].str.zfill(2),
        }
    )
    table = table.sort_values("code").head(n_municipalities)
    return _generate(
        table,
        seed=seed,
        national_from_members=True,
        years=years,
        activity_regions=None,
        indicator_copies=indicator_copies,
    )


def _fmt(values: pd.Series, decimals: np.ndarray) -> pd.Series:
    out = pd.Series([""] * len(values), index=values.index, dtype=object)
    arr = values.to_numpy(dtype=float, na_value=np.nan)
    for d in np.unique(decimals):
        sel = (decimals == d) & ~np.isnan(arr)
        out[sel] = [f"{v:.{int(d)}f}" for v in arr[sel]]
    return out


def to_csv_text(df: pd.DataFrame) -> str:
    """The exact text of demo_values.csv (values and CIs with the indicator's decimals)."""
    decimals = {ind.id: ind.decimals for ind in load_catalogue()}
    dec = df["indicator_id"].map(decimals).fillna(1).to_numpy(dtype=int)
    text = df.copy()
    for col in ("value", "ci_low", "ci_high"):
        text[col] = _fmt(df[col], dec)
    text["abs_value"] = _fmt(df["abs_value"], np.zeros(len(df), int))
    text["respondents"] = _fmt(df["respondents"].astype("float64"), np.zeros(len(df), int))
    text["is_demo"] = np.where(df["is_demo"], "true", "false")
    return text.to_csv(index=False, lineterminator="\n")


def write_demo(path: Path | str = OUTPUT, seed: int = SEED) -> int:
    df = generate_demo(seed)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(to_csv_text(df), encoding="utf-8")
    return len(df)


if __name__ == "__main__":
    rows = write_demo()
    print(f"{OUTPUT}: {rows} rows")
