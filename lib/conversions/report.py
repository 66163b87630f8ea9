"""The conversions story, told from ``lib.conversions.metrics``: tables, charts, one plain sentence per chart, and
the one-page summary a producer sends to a partner (PDF, with a PNG of the page).

Everything here is presentation: the figures come from SQL (``conversion_metrics``); this module only names,
formats and draws them, in the user's language (French first).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

import altair as alt
import pandas as pd

from lib import charts
from lib.conversions.metrics import NESTED_STEPS, PARIS, PUBLIC, ConversionMetrics, wilson_interval
from lib.i18n import get_language, t
from lib.ui.text import money

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")


def channel_label(channel: str | None) -> str:
    if channel in (None, PUBLIC):
        return t("convmetrics.public")
    return t(f"compage.channel.{channel}")


def source_label(kind: str, label: str | None) -> str:
    if kind in ("link", "utm"):
        return t(f"convmetrics.source.{kind}", source=label or "")
    return t(f"convmetrics.source.{kind}")


def percent(value: float | None, digits: int = 0) -> str:
    """« 23 % » in French, "23%" in English; « — » for nothing known."""
    if value is None:
        return "—"
    text = f"{value * 100:.{digits}f}"
    return text.replace(".", ",") + "\u202f%" if get_language() == "fr" else text + "%"


def number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f") if get_language() == "fr" else f"{value:,}"


def day_label(day: date | datetime | None) -> str:
    """« 3 mai 2026 » in French, "3 May 2026" in English."""
    if day is None:
        return "—"
    if isinstance(day, datetime):
        day = day.astimezone(PARIS).date()
    if get_language() == "fr":
        return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS_FR[day.month - 1]} {day.year}"
    return f"{day.day} {day:%B %Y}"


def month_label(day: date) -> str:
    return f"{MONTHS_FR[day.month - 1]} {day.year}" if get_language() == "fr" else f"{day:%B %Y}"


def period_label(metrics: ConversionMetrics) -> str:
    """The period as chosen, else the span of the sales."""
    start = metrics.filters.start or metrics.first_sale
    end = metrics.filters.end or metrics.last_sale
    if start is None and end is None:
        return t("convmetrics.period_none")
    return t("convmetrics.period", start=day_label(start), end=day_label(end))


# --- frames: what each chart draws and each CSV holds ---------------------------------------------------------


def nested_funnel(metrics: ConversionMetrics) -> dict[str, int]:
    """The funnel's people steps, each never above the one before (``metrics.nested`` is nested by its SQL; figures
    from elsewhere are clamped, so the chart can never show more buyers than members)."""
    source = metrics.nested or {"contacts": metrics.funnel.get("contacts", 0),
                                "reachable": metrics.funnel.get("reachable", 0),
                                "touched": max(metrics.funnel.get("invited", 0), metrics.funnel.get("joined", 0)),
                                "joined": metrics.funnel.get("joined", 0), "bought": metrics.member_buyers}
    nested, ceiling = {}, None
    for step in NESTED_STEPS:
        value = int(source.get(step, 0))
        ceiling = value if ceiling is None else min(ceiling, value)
        nested[step] = ceiling
    return nested


def _step_label(step: str) -> str:
    return t(f"convtruth.step.{step}") if step in ("touched", "joined", "bought") else t(f"convmetrics.step.{step}")


def funnel_frame(metrics: ConversionMetrics) -> pd.DataFrame:
    """The nested people steps, then the anonymous link visits (not people: drawn lighter, outside the nesting)."""
    people, visits = t("convmetrics.kind_people"), t("convmetrics.kind_visits")
    rows = [{"step": _step_label(step), "count": count, "kind": people}
            for step, count in nested_funnel(metrics).items()]
    rows.append({"step": t("convmetrics.step.clicked"), "count": int(metrics.funnel.get("clicked", 0)),
                 "kind": visits})
    return pd.DataFrame(rows)


def timeline_frame(metrics: ConversionMetrics) -> pd.DataFrame:
    order = channel_order(metrics)
    rows = [{"period": pd.Timestamp(r["period"]), "channel": channel_label(r["channel"]),
             "channel_rank": order.index(channel_label(r["channel"])) if channel_label(r["channel"]) in order else 99,
             "revenue": r["revenue_cents"] / 100, "orders": r["orders"]}
            for r in metrics.timeline]
    return pd.DataFrame(rows, columns=["period", "channel", "channel_rank", "revenue", "orders"])


def channel_order(metrics: ConversionMetrics) -> list[str]:
    """Channels with community sales first (largest first), public last: the order of colours and legends."""
    channels = [channel_label(c["channel"]) for c in metrics.channels()]
    public = channel_label(PUBLIC)
    return [c for c in dict.fromkeys(channels) if c != public] + [public]


def rates_frame(metrics: ConversionMetrics) -> pd.DataFrame:
    rows = []
    for c in metrics.communities:
        if not c.joined:
            continue
        low, high = c.interval
        rows.append({"name": c.name, "channel": channel_label(c.channel), "joined": c.joined,
                     "member_buyers": c.member_buyers, "rate": c.rate, "low": low, "high": high})
    return pd.DataFrame(rows, columns=["name", "channel", "joined", "member_buyers", "rate", "low", "high"])


def heatmap_frame(metrics: ConversionMetrics) -> pd.DataFrame:
    rows = [{"segment": s.name, "channel": channel_label(channel), "revenue": cents / 100,
             "buyers": s.buyers_by_channel.get(channel, 0)}
            for s in metrics.segments for channel, cents in s.revenue_by_channel.items()]
    return pd.DataFrame(rows, columns=["segment", "channel", "revenue", "buyers"])


def sides_frame(metrics: ConversionMetrics) -> pd.DataFrame:
    total = metrics.all.revenue_cents or 1
    rows = []
    for origin, figures in ((t("convmetrics.side_communities"), metrics.communities_total),
                            (t("convmetrics.public"), metrics.public)):
        share = figures.revenue_cents / total
        rows.append({"origin": origin, "revenue": figures.revenue_cents / 100, "share": share,
                     "orders": figures.orders, "buyers": figures.buyers, "repeat_buyers": figures.repeat_buyers,
                     "label": f"{money(figures.revenue_cents, metrics.currency)} · {percent(share)}"})
    return pd.DataFrame(rows)


def communities_table(metrics: ConversionMetrics) -> pd.DataFrame:
    """One row per community, then public sales: the funnel, the sales, the conversion with its interval. Counts
    are written as text (French separators), with « — » where a step does not apply to public sales."""
    rows = []
    for c in metrics.communities:
        low, high = c.interval
        rows.append({
            t("convpage.col_community"): c.name, t("convmetrics.col_channel"): channel_label(c.channel),
            t("convmetrics.step.reachable"): number(c.reachable), t("convmetrics.step.invited"): number(c.invited),
            t("convpage.col_members"): number(c.joined), t("convmetrics.step.clicked"): number(c.clicked),
            t("convmetrics.col_buyers"): number(c.bought),
            t("convtruth.col_member_buyers"): number(min(c.member_buyers, c.joined)),
            t("convpage.col_sales"): number(c.figures.orders),
            t("convpage.col_revenue"): money(c.figures.revenue_cents, metrics.currency),
            t("convmetrics.col_basket"): (money(c.figures.average_basket_cents or 0, metrics.currency)
                                          if c.figures.orders else "—"),
            t("convmetrics.col_repeat"): number(c.figures.repeat_buyers),
            t("convpage.col_rate"): (f"{percent(c.rate)} ({percent(low)}–{percent(high)})" if c.joined else "—"),
        })
    p = metrics.public
    rows.append({
        t("convpage.col_community"): t("convpage.public"), t("convmetrics.col_channel"): "—",
        t("convmetrics.step.reachable"): "—", t("convmetrics.step.invited"): "—", t("convpage.col_members"): "—",
        t("convmetrics.step.clicked"): "—", t("convmetrics.col_buyers"): number(p.buyers),
        t("convtruth.col_member_buyers"): "—",
        t("convpage.col_sales"): number(p.orders), t("convpage.col_revenue"): money(p.revenue_cents, metrics.currency),
        t("convmetrics.col_basket"): money(p.average_basket_cents or 0, metrics.currency) if p.orders else "—",
        t("convmetrics.col_repeat"): number(p.repeat_buyers), t("convpage.col_rate"): "—"})
    return pd.DataFrame(rows)


def segments_table(metrics: ConversionMetrics) -> pd.DataFrame:
    return pd.DataFrame([{
        t("convmetrics.col_segment"): s.name, t("convmetrics.step.contacts"): s.contacts,
        t("convmetrics.step.reachable"): s.reachable, t("convmetrics.step.invited"): s.invited,
        t("convmetrics.step.joined"): s.joined,
        t("convtruth.col_segment_buyers"): max(s.buyers, s.bought, *s.buyers_by_channel.values(), 0),
        t("convtruth.col_segment_community_buyers"): s.bought,
        t("convmetrics.col_conversion"): (f"{percent(s.bought / s.contacts, 1)} "
                                          f"({percent(wilson_interval(s.bought, s.contacts)[0], 1)}–"
                                          f"{percent(wilson_interval(s.bought, s.contacts)[1], 1)})"
                                          if s.contacts else "—"),
        t("convmetrics.col_community_revenue"): money(s.community_revenue_cents, metrics.currency),
    } for s in metrics.segments])


def sources_table(metrics: ConversionMetrics) -> pd.DataFrame:
    return pd.DataFrame([{
        t("convmetrics.col_source"): source_label(s["kind"], s["label"]),
        t("convmetrics.step.clicked"): number(s["clicked"]) if s["kind"] == "link" else "—",
        t("convpage.col_sales"): s["orders"], t("convpage.col_revenue"): money(s["revenue_cents"], metrics.currency),
    } for s in metrics.sources])


def cohorts_table(metrics: ConversionMetrics, months: int = 6) -> pd.DataFrame:
    """First-purchase month × months after: how many of the month's new buyers bought again, and for how much."""
    by: dict[date, dict] = {}
    for row in metrics.cohorts:
        entry = by.setdefault(row["cohort"], {})
        entry[row["months_after"]] = row
    table = []
    for cohort in sorted(by):
        entry = by[cohort]
        first = entry.get(0, {"buyers": 0, "revenue_cents": 0})
        line = {t("convmetrics.col_cohort"): month_label(cohort), t("convmetrics.col_new_buyers"): first["buyers"],
                t("convmetrics.col_first_revenue"): money(first["revenue_cents"], metrics.currency)}
        for after in range(1, months + 1):
            cell = entry.get(after)
            line[t("convmetrics.col_month_after", n=after)] = t(
                "convmetrics.cohort_cell", buyers=cell["buyers"],
                revenue=money(cell["revenue_cents"], metrics.currency)) if cell else ""
        table.append(line)
    return pd.DataFrame(table)


def cohorts_sentence(metrics: ConversionMetrics) -> str:
    """Reads « Clients revenus » against the cohort table: how many of the repeat buyers the table can show (those
    back in a later month) and how many it cannot (again in the same month, or undated)."""
    repeat, buyers = metrics.all.repeat_buyers, metrics.all.buyers
    if not repeat:
        return t("convtruth.cohorts_none")
    later = min(metrics.returned_later, repeat)
    return t("convtruth.cohorts", repeat=number(repeat), buyers=number(buyers), later=number(later),
             same=number(repeat - later))


def orders_table(metrics: ConversionMetrics) -> pd.DataFrame:
    rows = []
    for o in metrics.orders:
        if o["is_sale"]:
            status = t("convmetrics.status.sale")
        elif o["cancelled"]:
            status = t("convmetrics.status.cancelled")
        else:
            status = t("convmetrics.status.refunded")
        rows.append({
            t("convpage.col_number"): o["number"],
            t("convpage.col_date"): f"{o['created_at'].astimezone(PARIS):%d/%m/%Y}" if o["created_at"] else "",
            t("convpage.col_amount"): money(o["amount_cents"] if o["is_sale"] else 0, o["currency"]),
            t("convmetrics.col_status"): status,
            t("convpage.col_community"): o["community"] or t("convpage.public"),
            t("convpage.col_confidence"): t(f"convpage.confidence.{o['confidence'] or 'none'}"),
            t("convpage.col_why"): o["reason"] or "",
        })
    return pd.DataFrame(rows)


# --- charts and their sentences -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPart:
    """One chart of the story: its title, the plain sentence that reads it, the chart and its data."""

    key: str
    title: str
    sentence: str
    chart: alt.TopLevelMixin | None
    data: pd.DataFrame


def _funnel_part(metrics: ConversionMetrics) -> ChartPart:
    frame = funnel_frame(metrics)
    counts = dict(zip(NESTED_STEPS, frame["count"].tolist(), strict=False))
    clicked = int(frame["count"].iloc[-1])
    parts = [t("convtruth.funnel", **{step: number(count) for step, count in counts.items()})]
    outside_buyers = max(0, metrics.communities_total.buyers - counts["bought"])
    if outside_buyers:
        parts.append(t("convtruth.funnel_outside_buyers", count=number(outside_buyers)))
    if metrics.outside.get("members_unreachable"):
        parts.append(t("convtruth.funnel_outside_members", count=number(metrics.outside["members_unreachable"])))
    parts.append(t("convtruth.funnel_visits", clicked=number(clicked)))
    sentence = " ".join(parts)
    chart = charts.funnel(frame, t("convmetrics.col_step"), t("convmetrics.col_count"))
    return ChartPart("funnel", t("convmetrics.chart.funnel"), sentence, chart, frame)


def timeline_sentence(frame: pd.DataFrame, grain: str, currency: str | None) -> str:
    """What the revenue chart shows, read from the chart's own rows: the communities' best period only when they
    sold something; otherwise that everything is public."""
    public = channel_label(PUBLIC)
    community = frame[frame["channel"] != public].groupby("period")["revenue"].sum()
    community = community[community > 0]
    if community.empty:
        return t("convtruth.timeline_no_community",
                 public=money(int(round(frame["revenue"].sum() * 100)), currency))
    best = community.idxmax()
    label = month_label(best.date()) if grain == "month" else day_label(best.date())
    key = "convtruth.timeline_one" if len(community) == 1 else "convtruth.timeline"
    return t(key, best=label, revenue=money(int(round(community.max() * 100)), currency))


def _timeline_part(metrics: ConversionMetrics) -> ChartPart:
    frame = timeline_frame(metrics)
    grain = metrics.filters.grain
    if frame.empty:
        return ChartPart("timeline", t(f"convmetrics.chart.timeline_{grain}"), t("convmetrics.sentence.no_sales"),
                         None, frame)
    sentence = timeline_sentence(frame, grain, metrics.currency)
    chart = charts.revenue_over_time(frame, channel_order(metrics), channel_label(PUBLIC),
                                     t(f"convmetrics.axis.{grain}"), t("convmetrics.axis.revenue"),
                                     t("convmetrics.col_channel"), grain)
    return ChartPart("timeline", t(f"convmetrics.chart.timeline_{grain}"), sentence, chart, frame)


def _rates_part(metrics: ConversionMetrics) -> ChartPart:
    frame = rates_frame(metrics)
    if frame.empty:
        return ChartPart("rates", t("convmetrics.chart.rates"), t("convmetrics.sentence.no_members"), None, frame)
    best = frame.sort_values("rate", ascending=False).iloc[0]
    sentence = t("convmetrics.sentence.rates", community=best["name"], rate=percent(best["rate"]),
                 buyers=int(best["member_buyers"]), members=int(best["joined"]), low=percent(best["low"]),
                 high=percent(best["high"]))
    if len(frame) > 1:
        sentence += " " + t("convmetrics.sentence.rates_overlap")
    chart = charts.rate_intervals(frame, t("convpage.col_community"), t("convmetrics.axis.rate"))
    return ChartPart("rates", t("convmetrics.chart.rates"), sentence, chart, frame)


def heatmap_sentence(frame: pd.DataFrame, currency: str | None) -> str:
    """The heatmap's best community cell, from the heatmap's own rows; with public sales only, it says so."""
    public = channel_label(PUBLIC)
    dark = frame[(frame["channel"] != public) & (frame["revenue"] > 0)]
    if dark.empty:
        top = frame.groupby("segment")["revenue"].sum().sort_values(ascending=False, kind="stable")
        return t("convtruth.heatmap_public_only", segment=top.index[0],
                 revenue=money(int(round(top.iloc[0] * 100)), currency))
    top = dark.sort_values("revenue", ascending=False, kind="stable").iloc[0]
    return t("convtruth.heatmap", segment=top["segment"], channel=top["channel"],
             revenue=money(int(round(top["revenue"] * 100)), currency))


def _heatmap_part(metrics: ConversionMetrics) -> ChartPart:
    frame = heatmap_frame(metrics)
    if frame.empty:
        key = ("segments_deferred" if metrics.segments_deferred
               else "no_segment_sales" if metrics.segments else "no_segments")
        return ChartPart("heatmap", t("convmetrics.chart.heatmap"), t(f"convmetrics.sentence.{key}"), None, frame)
    # the cell worth telling is the best community channel: public sales are the yardstick, not the news
    sentence = heatmap_sentence(frame, metrics.currency)
    chart = charts.money_heatmap(frame, "channel", "segment", "revenue", t("convmetrics.col_channel"),
                                 t("convmetrics.col_segment"), t("convmetrics.axis.revenue"),
                                 x_order=channel_order(metrics))
    return ChartPart("heatmap", t("convmetrics.chart.heatmap"), sentence, chart, frame)


def _sides_part(metrics: ConversionMetrics) -> ChartPart:
    frame = sides_frame(metrics)
    c, p = metrics.communities_total, metrics.public
    if not c.revenue_cents:
        sentence = t("convtruth.sides_no_community", public=money(p.revenue_cents, metrics.currency))
        chart = charts.two_sides(frame, t("convmetrics.public"), t("convmetrics.col_origin"),
                                 t("convmetrics.axis.revenue"))
        return ChartPart("sides", t("convmetrics.chart.sides"), sentence, chart, frame)
    sentence = t("convmetrics.sentence.sides", community=money(c.revenue_cents, metrics.currency),
                 share=percent(metrics.community_share), public=money(p.revenue_cents, metrics.currency),
                 community_basket=money(c.average_basket_cents or 0, metrics.currency),
                 public_basket=money(p.average_basket_cents or 0, metrics.currency))
    chart = charts.two_sides(frame, t("convmetrics.public"), t("convmetrics.col_origin"),
                             t("convmetrics.axis.revenue"))
    return ChartPart("sides", t("convmetrics.chart.sides"), sentence, chart, frame)


def story(metrics: ConversionMetrics) -> list[ChartPart]:
    """The page's charts in reading order: where the money comes from, over time, the funnel, which community
    converts, which segments buy on which channel."""
    return [_sides_part(metrics), _timeline_part(metrics), _funnel_part(metrics), _rates_part(metrics),
            _heatmap_part(metrics)]


def headline(metrics: ConversionMetrics) -> list[tuple[str, str, str]]:
    """(label, value, help) for the figures at the top of the page."""
    buyers, joined, low, high = metrics.conversion
    c, a = metrics.communities_total, metrics.all
    return [
        (t("convmetrics.head.community_revenue"), money(c.revenue_cents, metrics.currency),
         t("convmetrics.head.community_revenue_help", share=percent(metrics.community_share), orders=c.orders)),
        (t("convmetrics.head.public_revenue"), money(metrics.public.revenue_cents, metrics.currency),
         t("convmetrics.head.public_revenue_help", orders=metrics.public.orders)),
        (t("convmetrics.head.conversion"), percent(buyers / joined) if joined else "—",
         t("convmetrics.head.conversion_help", buyers=buyers, members=joined, low=percent(low), high=percent(high))),
        (t("convmetrics.head.basket"), money(a.average_basket_cents or 0, metrics.currency) if a.orders else "—",
         t("convmetrics.head.basket_help", orders=a.orders)),
        (t("convmetrics.head.repeat"), t("convmetrics.head.repeat_value", repeat=a.repeat_buyers, buyers=a.buyers),
         t("convmetrics.head.repeat_help")),
        (t("convmetrics.head.per_contact"),
         (money(metrics.revenue_per_contact_cents, metrics.currency)
          if metrics.revenue_per_contact_cents is not None else "—"),
         t("convmetrics.head.per_contact_help", contacts=number(metrics.funnel.get("contacts", 0)))),
    ]


def headline_sentence(metrics: ConversionMetrics) -> str:
    """The page's first sentence: what the communities brought against public sales."""
    if not metrics.all.orders:
        return t("convmetrics.sentence.no_sales")
    c, p = metrics.communities_total, metrics.public
    if not c.revenue_cents:
        return t("convtruth.headline_no_community", public=money(p.revenue_cents, metrics.currency),
                 not_counted=metrics.not_counted)
    return t("convmetrics.sentence.headline", community=money(c.revenue_cents, metrics.currency),
             share=percent(metrics.community_share), buyers=c.buyers, public=money(p.revenue_cents, metrics.currency),
             not_counted=metrics.not_counted)


def figures_csv(frame: pd.DataFrame) -> bytes:
    """A chart's data as CSV (cells that look like formulas are neutralised)."""
    from lib.contacts.export import to_csv

    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    return to_csv([str(c) for c in shown.columns], shown.itertuples(index=False))


# --- the one-page summary -------------------------------------------------------------------------------------

_ENCODING = "windows-1252"
_WINE_RGB = (123, 30, 58)


def _pdf_text(text: object) -> str:
    """Text the PDF's core fonts can draw: thin spaces as no-break spaces, anything else unknown dropped."""
    cleaned = (str(text).replace("\u202f", "\u00a0").replace(" €", "\u00a0€").replace(" %", "\u00a0%")
               .replace("’", "'").replace("–", "-"))
    return cleaned.encode(_ENCODING, "ignore").decode(_ENCODING)


def summary_pdf(metrics: ConversionMetrics, workspace_name: str) -> bytes:
    """One A4 page for a partner: who, which period, the headline figures, three charts with their sentence."""
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.core_fonts_encoding = _ENCODING
    pdf.set_auto_page_break(False)
    pdf.set_creator("Cercle")
    pdf.set_title(_pdf_text(t("convmetrics.pdf.title", workspace=workspace_name)))
    pdf.add_page()
    margin, width = 14.0, pdf.w - 28.0
    pdf.set_text_color(*_WINE_RGB)
    pdf.set_font("Helvetica", "B", 18)
    pdf.set_xy(margin, 12)
    pdf.multi_cell(width, 8, _pdf_text(t("convmetrics.pdf.title", workspace=workspace_name)), align="L")
    pdf.set_text_color(60)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(margin)
    pdf.multi_cell(width, 5, _pdf_text(period_label(metrics)), align="L")
    pdf.ln(2)
    # headline figures: three per row
    figures = headline(metrics)
    box_w, box_h = (width - 8) / 3, 17.0
    top = pdf.get_y()
    for index, (label, value, _help) in enumerate(figures):
        x = margin + (index % 3) * (box_w + 4)
        y = top + (index // 3) * (box_h + 3)
        pdf.set_fill_color(248, 240, 243)
        pdf.rect(x, y, box_w, box_h, style="F")
        pdf.set_xy(x + 3, y + 2)
        pdf.set_font("Helvetica", "", 8)
        pdf.set_text_color(90)
        pdf.cell(box_w - 6, 4, _pdf_text(label))
        pdf.set_xy(x + 3, y + 7.5)
        pdf.set_font("Helvetica", "B", 14)
        pdf.set_text_color(*_WINE_RGB)
        pdf.cell(box_w - 6, 7, _pdf_text(value))
    pdf.set_y(top + 2 * (box_h + 3) + 1)
    pdf.set_text_color(30)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(margin)
    pdf.multi_cell(width, 5, _pdf_text(headline_sentence(metrics)), align="L")
    chosen = summary_charts(metrics)
    for index, part in enumerate(chosen):
        pdf.ln(3)
        pdf.set_x(margin)
        pdf.set_font("Helvetica", "B", 11)
        pdf.set_text_color(*_WINE_RGB)
        pdf.cell(width, 6, _pdf_text(part.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        pdf.set_text_color(50)
        pdf.set_x(margin)
        pdf.multi_cell(width, 4.5, _pdf_text(part.sentence), align="L")
        chart = part.chart.properties(height=150) if part.key == "timeline" else part.chart
        png = charts.chart_png(charts.localised(chart, get_language()), scale=2)
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            ratio = image.height / image.width
        # the room left is shared with the charts still to come, so every announced chart is on the page
        room = (pdf.h - 14 - pdf.get_y() - 2 - 22 * (len(chosen) - index - 1)) / (len(chosen) - index)
        chart_w = max(20.0, min(width, room / ratio)) if ratio else width
        pdf.image(io.BytesIO(png), x=margin + (width - chart_w) / 2, y=pdf.get_y() + 1, w=chart_w)
        pdf.set_y(pdf.get_y() + 1 + chart_w * ratio)
    pdf.set_font("Helvetica", "", 7.5)
    pdf.set_text_color(120)
    pdf.set_xy(margin, pdf.h - 12)
    pdf.multi_cell(width, 3.5, _pdf_text(t("convmetrics.pdf.footer")), align="L")
    return bytes(pdf.output())


SUMMARY_CHARTS = ("sides", "timeline", "rates")


def summary_charts(metrics: ConversionMetrics) -> list[ChartPart]:
    """The charts the one-page summary holds: the ones of ``SUMMARY_CHARTS`` that have something to draw."""
    parts = {part.key: part for part in story(metrics)}
    return [parts[key] for key in SUMMARY_CHARTS if parts[key].chart is not None]


def summary_caption(metrics: ConversionMetrics) -> str:
    """The caption under the summary buttons, counting the charts the summary actually holds."""
    count = len(summary_charts(metrics))
    charts_text = t(f"convtruth.charts.{count}" if count < 2 else "convtruth.charts.n", count=count)
    return t("convtruth.summary_help", charts=charts_text)


def summary_png_available() -> bool:
    import shutil

    return shutil.which("pdftoppm") is not None


def summary_png(pdf: bytes, dpi: int = 110) -> bytes | None:
    """The summary page as a PNG (for a message), rendered from the PDF by pdftoppm when it is installed."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory(prefix="cercle-summary-") as folder:
        source = Path(folder) / "summary.pdf"
        source.write_bytes(pdf)
        subprocess.run([tool, "-png", "-r", str(dpi), "-singlefile", str(source), str(Path(folder) / "page")],
                       check=True, capture_output=True, timeout=60)
        return (Path(folder) / "page.png").read_bytes()
