"""Altair chart builders: data in, chart out. Labels come from the catalog, so charts speak French."""

from __future__ import annotations

import re

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


# --- conversions: French number and date formats, € amounts, exports --------------------------------------------

# Vega's own locale, carried inside each chart (config.locale): the browser and the PNG/SVG export both write
# « 12 345 € » and « janv. 2026 », whatever the machine's language.
FRENCH_LOCALE = {
    "number": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0€"],
               "percent": "\u202f%"},
    "time": {"dateTime": "%A %e %B %Y à %X", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["", ""],
             "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
             "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
             "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                        "octobre", "novembre", "décembre"],
             "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                             "nov.", "déc."]},
}
ENGLISH_LOCALE = {"number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""],
                             "percent": "%"}}
EUROS = "$,.0f"  # with the locale's currency: « 1 234 € » in French
PUBLIC_GREY = "#8C8C8C"
CHANNEL_COLOURS = ("#7B1E3A", "#C0587E", "#D9A441", "#4F7CAC", "#5B8C5A", "#9C6ADE", "#3E6259", "#B5651D")
CHART_WIDTH = 560


def localised(chart: alt.TopLevelMixin, language: str = "fr") -> alt.TopLevelMixin:
    """``chart`` with its number (and, in French, date) formats set for ``language``."""
    return chart.configure(locale=FRENCH_LOCALE if language == "fr" else ENGLISH_LOCALE)


def colour_scale(labels: list[str], public_label: str | None = None) -> alt.Scale:
    """Wine colours for communities and channels, grey for public sales, in the order given."""
    colours, palette = [], iter(CHANNEL_COLOURS * 4)
    for label in labels:
        colours.append(PUBLIC_GREY if label == public_label else next(palette))
    return alt.Scale(domain=labels, range=colours)


def funnel(frame: pd.DataFrame, step_title: str, count_title: str) -> alt.LayerChart:
    """The funnel as bars from the top step down (``step`` in order, ``count``, ``kind``: "people" or the label
    of steps that count something else, drawn lighter), each with its count written at its end."""
    order = frame["step"].tolist()
    base = alt.Chart(frame).encode(
        y=alt.Y("step:N", sort=order, title=None, axis=alt.Axis(labelLimit=260, labelFontSize=12)),
        x=alt.X("count:Q", title=count_title, axis=alt.Axis(format=",d", tickCount=6)),
        tooltip=[alt.Tooltip("step:N", title=step_title), alt.Tooltip("count:Q", title=count_title, format=",d")])
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        color=alt.Color("kind:N", legend=alt.Legend(title=None, orient="bottom"),
                        scale=alt.Scale(range=[WINE, "#D7A7B7"])))
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text=alt.Text("count:Q", format=",d"))
    return (bars + labels).properties(width=CHART_WIDTH, height=alt.Step(34))


def revenue_over_time(frame: pd.DataFrame, channel_order: list[str], public_label: str, time_title: str,
                      revenue_title: str, channel_title: str, grain: str = "month") -> alt.Chart:
    """Revenue per week or month, stacked by channel (``period`` a date, ``channel``, ``revenue`` in euros)."""
    unit = "yearmonth" if grain == "month" else "yearweek"
    axis = alt.Axis(format="%b %Y" if grain == "month" else "%d %b", labelAngle=0, labelOverlap=True)
    return (
        alt.Chart(frame).mark_bar()
        .encode(
            x=alt.X("period:O", title=time_title, timeUnit=unit, axis=axis),
            y=alt.Y("sum(revenue):Q", title=revenue_title, axis=alt.Axis(format=EUROS, tickCount=5)),
            color=alt.Color("channel:N", title=channel_title, scale=colour_scale(channel_order, public_label),
                            sort=channel_order, legend=alt.Legend(orient="bottom")),
            order=alt.Order("channel_rank:Q"),
            tooltip=[alt.Tooltip("period:T", title=time_title, timeUnit=unit, format=axis.format),
                     alt.Tooltip("channel:N", title=channel_title),
                     alt.Tooltip("revenue:Q", title=revenue_title, format=EUROS)],
        )
        .properties(width=CHART_WIDTH, height=340)  # in the page, the height includes the legend below
    )


def rate_intervals(frame: pd.DataFrame, category_title: str, rate_title: str) -> alt.LayerChart:
    """A rate per row (``name``, ``rate``, ``low``, ``high`` in [0, 1]) as a dot on its 95% interval."""
    upper = max(0.05, min(1.0, float(frame["high"].max()) * 1.15)) if not frame.empty else 1.0
    base = alt.Chart(frame).encode(y=alt.Y("name:N", title=category_title, axis=alt.Axis(labelLimit=220)))
    x_scale = alt.Scale(domain=[0, upper])
    bars = base.mark_rule(color=WINE, strokeWidth=4, opacity=0.45).encode(
        x=alt.X("low:Q", title=rate_title, axis=alt.Axis(format=".0%", tickCount=6), scale=x_scale), x2="high:Q")
    tips = [alt.Tooltip("name:N", title=category_title), alt.Tooltip("rate:Q", format=".1%", title=rate_title),
            alt.Tooltip("low:Q", format=".1%"), alt.Tooltip("high:Q", format=".1%")]
    points = base.mark_point(color=WINE, filled=True, size=110, opacity=1).encode(x="rate:Q", tooltip=tips)
    labels = base.mark_text(align="left", dx=8, dy=-10, fontSize=11).encode(
        x="rate:Q", text=alt.Text("rate:Q", format=".0%"))
    return (bars + points + labels).properties(width=CHART_WIDTH, height=alt.Step(46))


def money_heatmap(frame: pd.DataFrame, x: str, y: str, value: str, x_title: str, y_title: str,
                  value_title: str, x_order: list[str] | None = None) -> alt.LayerChart:
    """A heatmap of euros (e.g. saved segment × channel), each cell written in « 1 234 € »."""
    y_order = frame.groupby(y)[value].sum().sort_values(ascending=False).index.tolist()
    # each column's label fits its column: written on several lines (one word a line) and cut to the column's width,
    # so « Groupe WhatsApp » and « Public / inconnu » never run into each other
    columns = max(1, frame[x].nunique())
    step = CHART_WIDTH / columns
    axis = alt.Axis(labelAngle=0, orient="top", labelOverlap=False, labelLimit=max(30, int(step) - 8),
                    labelExpr="split(datum.label, ' ')", labelLineHeight=13, labelPadding=4)
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:N", title=x_title, sort=x_order, axis=axis),
        y=alt.Y(f"{y}:N", title=y_title, sort=y_order, axis=alt.Axis(labelLimit=220)))
    cells = base.mark_rect(cornerRadius=2).encode(
        color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme="reds"), legend=None),
        tooltip=[alt.Tooltip(f"{y}:N", title=y_title), alt.Tooltip(f"{x}:N", title=x_title),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=EUROS)])
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text(f"{value}:Q", format=EUROS),
        color=alt.condition(f"datum['{value}'] > {float(frame[value].max() or 0) / 2}", alt.value("white"),
                            alt.value("#222")))
    return (cells + text).properties(width=CHART_WIDTH, height=alt.Step(34))


def two_sides(frame: pd.DataFrame, public_label: str, origin_title: str, revenue_title: str) -> alt.LayerChart:
    """Communities ("dark social") against public / unknown sales: one bar each (``origin``, ``revenue`` in
    euros, ``share`` in [0, 1]), the amount and its share written on it."""
    order = frame["origin"].tolist()
    base = alt.Chart(frame).encode(
        y=alt.Y("origin:N", sort=order, title=None, axis=alt.Axis(labelLimit=260, labelFontSize=12)),
        x=alt.X("revenue:Q", title=revenue_title, axis=alt.Axis(format=EUROS, tickCount=5)))
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        color=alt.Color("origin:N", legend=None, scale=colour_scale(order, public_label)),
        tooltip=[alt.Tooltip("origin:N", title=origin_title),
                 alt.Tooltip("revenue:Q", title=revenue_title, format=EUROS),
                 alt.Tooltip("share:Q", format=".0%")])
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text="label:N")
    return (bars + labels).properties(width=CHART_WIDTH, height=alt.Step(40))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _drawable(value):
    """The spec with control characters taken out of every text: a NUL in a name typed by a user makes the
    renderer abort the whole process (vl-convert panics), not just fail."""
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, dict):
        return {key: _drawable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_drawable(item) for item in value]
    return value


def chart_png(chart: alt.TopLevelMixin | dict, scale: float = 2.0) -> bytes:
    """The chart (or its Vega-Lite spec) as a PNG, rendered here by vl-convert (no browser, no network)."""
    import vl_convert

    return vl_convert.vegalite_to_png(_drawable(chart if isinstance(chart, dict) else chart.to_dict()), scale=scale)


def chart_svg(chart: alt.TopLevelMixin | dict) -> str:
    """The chart (or its spec) as an SVG document (text drawn as text, so it stays sharp and searchable)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(_drawable(chart if isinstance(chart, dict) else chart.to_dict()))
