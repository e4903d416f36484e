"""Real and demo points are never drawn alike; monthly points sit inside their year; tables carry the month."""

from __future__ import annotations

import pandas as pd

from tutka.charts import line_chart, period_x
from tutka.tables import values_table


def _frame(rows):
    return pd.DataFrame(
        rows, columns=["label", "region_type", "year", "month", "value", "is_demo", "ci_low", "ci_high"]
    ).astype({"month": "Int64"})


def test_demo_points_in_a_line_with_real_points_are_hollow_dotted_and_named():
    frame = _frame(
        [
            ("Kouvola", "kunta", 2023, None, 10.0, True, None, None),
            ("Kouvola", "kunta", 2024, None, 11.0, True, None, None),
            ("Kouvola", "kunta", 2025, None, 12.0, False, None, None),
            ("Koko maa", "maa", 2024, None, 9.0, True, None, None),
            ("Koko maa", "maa", 2025, None, 9.5, True, None, None),
        ]
    )
    fig = line_chart(frame, label_col="label", y_title="%", decimals=1, lang="fi", has_demo=True)
    by_name = {tr.name: tr for tr in fig.data}
    real, demo = by_name["Kouvola"], by_name["Kouvola – esimerkkiaineisto"]
    assert list(real.y) == [12.0] and list(demo.y) == [10.0, 11.0]
    assert demo.marker.symbol.endswith("-open") and not real.marker.symbol.endswith("-open")
    assert demo.line.dash == "dot" and real.line.dash == "solid"
    assert demo.showlegend is not False
    # a line that is demo only is left whole (the chart-wide demo label covers it)
    assert list(by_name["Koko maa"].y) == [9.0, 9.5]
    assert not any(n.startswith("Koko maa –") for n in by_name)


def test_monthly_points_are_placed_inside_their_year_and_labelled_by_month():
    frame = _frame(
        [
            ("Kouvola", "kunta", 2025, 6, 12.0, False, None, None),
            ("Kouvola", "kunta", 2025, 12, 9.0, False, None, None),
            ("Kouvola", "kunta", 2026, 6, 11.0, False, None, None),
        ]
    )
    assert [round(x, 3) for x in period_x(frame)] == [2025.417, 2025.917, 2026.417]
    fig = line_chart(frame, label_col="label", y_title="%", decimals=1, lang="fi")
    assert list(fig.data[0].customdata) == ["2025M06", "2025M12", "2026M06"]


def test_values_table_has_a_month_column_only_for_monthly_values():
    base = {"region_code": ["KU286"], "sex": ["total"], "grp": [""], "value": [1.0], "respondents": [None]}
    base.update(ci_low=[None], ci_high=[None], is_demo=[False], source=["x"], year=[2026])
    annual = values_table(pd.DataFrame({**base, "month": [None]}), {"KU286": "Kouvola"}, False, "fi")
    monthly = values_table(pd.DataFrame({**base, "month": [6]}), {"KU286": "Kouvola"}, False, "fi")
    assert "Kuukausi" not in annual.columns
    assert monthly["Kuukausi"].tolist() == [6]
