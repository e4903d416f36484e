"""The deck model: what a presentation says, independent of how it is drawn (browser, PowerPoint, PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class ChartSeries:
    name: str  # localised label: "Kouvola", "Koko maa", "Tytöt"
    values: list[float | None]  # aligned with Chart.categories; None = missing / suppressed
    region_type: str = "kunta"  # kunta | hyvinvointialue | maakunta | maa | sex (equity bars)
    demo: list[bool] = field(default_factory=list)  # aligned with values: True = demo value (empty = none)


@dataclass
class Chart:
    indicator_id: str
    title: str
    unit: str  # short unit for axes and labels ("%", "/1000", "lkm")
    decimals: int
    categories: list[str]  # years (as text) or series names for bar charts
    series: list[ChartSeries]
    kind: str = "line"  # line | bar
    is_demo: bool = False
    source: str = ""
    sex: str = "total"
    grp: str = ""
    series_breaks: list[int] = field(default_factory=list)  # years where the method changed: the line is cut
    updated: datetime | None = None  # latest import of the values shown (None: the embedded data)


@dataclass
class MapArea:
    """One municipality of the map slide."""

    official_code: str  # "286": the polygon key of tutka.maps
    name: str
    value: float | None
    year: int | None
    is_demo: bool = False


@dataclass
class MapSlide:
    """The county's municipalities coloured by one indicator's latest value (same sex and group as its chart)."""

    indicator_id: str
    title: str  # indicator with group and sex
    unit: str
    decimals: int
    areas: list[MapArea]
    highlight: str  # official code of the deck's municipality
    source: str = ""
    licence: str = ""

    @property
    def is_demo(self) -> bool:
        return any(a.is_demo for a in self.areas if a.value is not None)


@dataclass
class Point:
    """One development with its numbers: the verdict engine's explanation sentence."""

    indicator_id: str
    verdict: str
    text: str
    strength: float = 0.0
    is_demo: bool = False


@dataclass
class GoalSlide:
    goal_id: str
    title: str
    theme: str
    status: str  # positive | negative | mixed | insufficient (rollup status)
    status_label: str
    counts: dict[str, int]  # improved / worsened / no_change / insufficient (+ neutral)
    positives: list[Point]
    negatives: list[Point]
    charts: list[Chart]
    notes: list[str]  # every explanation of the goal's series: the speaker notes
    indicator_ids: list[str]
    is_demo: bool = False
    targets: list[str] = field(default_factory=list)  # "metric: tavoite 8 %, nyt 9,1 % (2023), ei saavutettu"


@dataclass
class GapRow:
    indicator_id: str
    name: str  # indicator title with group
    unit: str
    decimals: int
    year: int | None
    female: float | None
    male: float | None
    gap: float | None  # female − male at the latest year
    gap_previous: float | None
    gap_trend: str  # narrowed | widened | stable | insufficient
    worse_sex: str  # female | male | ''
    text: str  # one localised sentence
    is_demo: bool = False
    label: str = ""  # short plain-language name with the group, for chart categories
    grp: str = ""  # school level or age group of the series


@dataclass
class SourceRow:
    indicator_id: str
    title: str
    source: str
    licence: str
    is_demo: bool
    last_year: int | None = None
    detail: str = ""  # sources named on the real (non-demo) values, e.g. the municipality's report


@dataclass
class Deck:
    region_code: str
    region_name: str
    county_name: str
    lang: str
    plan_id: str
    plan_title: str
    plan_period: str
    plan_source: str
    generated_at: datetime
    goals: list[GoalSlide] = field(default_factory=list)
    gaps: list[GapRow] = field(default_factory=list)
    gap_chart: Chart | None = None
    sources: list[SourceRow] = field(default_factory=list)
    cross_cutting: list[str] = field(default_factory=list)
    plan_developments: dict[str, list[str]] = field(default_factory=dict)
    map: MapSlide | None = None

    @property
    def has_demo(self) -> bool:
        return any(s.is_demo for s in self.sources) or any(g.is_demo for g in self.goals)

    def slide_kinds(self) -> list[tuple[str, int]]:
        """('title', 0), ('goal', i) …, ('map', 0) when there is a map, ('equity', 0), ('sources', 0): the order
        every renderer follows."""
        goals = [("goal", i) for i in range(len(self.goals))]
        return [("title", 0), *goals, *([("map", 0)] if self.map else []), ("equity", 0), ("sources", 0)]
