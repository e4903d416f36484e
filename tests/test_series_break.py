"""A line is broken at a series break (a change of method), not drawn across it."""

from __future__ import annotations

import pandas as pd

from tutka.charts import broken_at, line_chart


def test_broken_at_inserts_a_gap_between_the_parts():
    x, y, _ = broken_at([2019, 2021, 2023], [1.0, 2.0, 3.0], [2021])
    assert x == [2019, 2020.5, 2021, 2023] and y == [1.0, None, 2.0, 3.0]
    assert broken_at([2019, 2021], [1.0, 2.0], [])[:2] == ([2019, 2021], [1.0, 2.0])
    assert broken_at([2019, 2021], [1.0, 2.0], [2025])[:2] == ([2019, 2021], [1.0, 2.0])


def test_line_chart_does_not_connect_across_a_break():
    frame = pd.DataFrame(
        {
            "year": [2017, 2019, 2021, 2023],
            "value": [10.0, 11.0, 14.0, 15.0],
            "region_type": "kunta",
            "ci_low": [9.0, 10.0, 13.0, 14.0],
            "ci_high": [11.0, 12.0, 15.0, 16.0],
            "label": "Kouvola",
        }
    )
    fig = line_chart(frame, label_col="label", y_title="%", decimals=1, series_breaks=[2021])
    line = next(tr for tr in fig.data if tr.name == "Kouvola")
    assert line.connectgaps is False
    ys = list(line.y)
    assert None in ys and ys.index(None) == 2, ys  # between 2019 and 2021
    bands = [tr for tr in fig.data if tr.fill == "toself"]
    assert len(bands) == 2  # one confidence band per part
