"""Altair chart builders: data in, chart out. Labels come from the catalog, so charts speak French."""

from __future__ import annotations

import altair as alt
import pandas as pd

WINE = "#7B1E3A"


def horizontal_bars(frame: pd.DataFrame, category: str, value: str, category_title: str,
                    value_title: str) -> alt.Chart:
    """Bars sorted by value, largest on top, with the value as tooltip."""
    return (
        alt.Chart(frame)
        .mark_bar(color=WINE, cornerRadiusEnd=3)
        .encode(
            y=alt.Y(f"{category}:N", sort="-x", title=category_title),
            x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format="d")),
            tooltip=[alt.Tooltip(f"{category}:N", title=category_title),
                     alt.Tooltip(f"{value}:Q", title=value_title, format=",d")],
        )
        .properties(height=alt.Step(22))
    )
