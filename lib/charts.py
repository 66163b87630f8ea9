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
            y=alt.Y(f"{category}:N", sort="-x", title=category_title, axis=alt.Axis(labelLimit=220)),
            x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format="d")),
            tooltip=[alt.Tooltip(f"{category}:N", title=category_title),
                     alt.Tooltip(f"{value}:Q", title=value_title, format=",d")],
        )
        .properties(height=alt.Step(22))
    )


def heatmap(frame: pd.DataFrame, x: str, y: str, value: str, x_title: str, y_title: str, value_title: str,
            x_order: list[str] | None = None) -> alt.Chart:
    """A count heatmap (e.g. interests × budget tier): darker is more; the count is in the tooltip."""
    # rows ordered by their total, largest first
    y_order = frame.groupby(y)[value].sum().sort_values(ascending=False).index.tolist()
    return (
        alt.Chart(frame)
        .mark_rect(cornerRadius=2)
        .encode(
            x=alt.X(f"{x}:N", title=x_title, sort=x_order,
                    axis=alt.Axis(labelAngle=0, orient="top", labelOverlap=False, labelLimit=140)),
            y=alt.Y(f"{y}:N", title=y_title, sort=y_order, axis=alt.Axis(labelLimit=220)),
            color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme="reds")),
            tooltip=[alt.Tooltip(f"{y}:N", title=y_title), alt.Tooltip(f"{x}:N", title=x_title),
                     alt.Tooltip(f"{value}:Q", title=value_title, format=",d")],
        )
        .properties(height=28 * max(1, len(y_order)))
    )
