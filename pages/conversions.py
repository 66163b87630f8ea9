"""Conversions: orders in, each sale tied to a community when possible (and why), what each community brings."""


import json

import streamlit as st

from lib import clock
from lib.charts import chart_png, chart_svg, localised
from lib.conversions import report
from lib.conversions.metrics import Filters, conversion_metrics, order_span
from lib.i18n import get_language, t
from lib.links.communities import list_communities
from lib.ui.orders_in import render_orders_in
from lib.ui.session import context
from lib.ui.tables import show_table
from lib.ui.text import plain

ctx = context()
st.title(t("conversions.title"))
st.caption(t("convpage.intro"))

render_orders_in(ctx)

orders_seen, first_sale, last_sale = order_span(ctx.db, ctx.principal, ctx.workspace.id)
if not orders_seen:
    st.info(t("convpage.empty"), icon=":material/receipt_long:")
    st.markdown(t("convpage.empty_steps"))
    st.stop()

# --- filters -------------------------------------------------------------------------------------------------
communities = list_communities(ctx.db, ctx.principal, ctx.workspace.id)
first = first_sale.date() if first_sale else clock.today()
last = max(last_sale.date(), clock.today()) if last_sale else clock.today()  # today: link visits count too
with st.container(border=True):
    period_col, community_col, channel_col, grain_col = st.columns([2, 2, 2, 1])
    period = period_col.date_input(t("convpage.filter_period"), value=(first, last), format="DD/MM/YYYY",
                                   key="conv_period")
    chosen = community_col.multiselect(t("convpage.filter_communities"), [c.id for c in communities],
                                       format_func={c.id: c.name for c in communities}.get,
                                       placeholder=t("convpage.filter_all"), key="conv_communities")
    channels = sorted({c.channel for c in communities})
    channel = channel_col.selectbox(t("convpage.filter_channel"), [None, *channels],
                                    format_func=lambda c: t("convpage.filter_all") if c is None
                                    else report.channel_label(c), key="conv_channel")
    grain = grain_col.radio(t("convpage.filter_grain"), ["month", "week"], key="conv_grain",
                            format_func=lambda g: t(f"convmetrics.axis.{g}"))
start, end = (period if isinstance(period, tuple) and len(period) == 2 else (None, None))
if (start, end) == (first, last):
    start = end = None  # the whole history, undated orders included
filters = Filters(start=start, end=end, community_ids=tuple(chosen), channel=channel, grain=grain)
# large lists: the per-segment detail waits for the user's click (see lib.conversions.metrics.read_metrics)
metrics = conversion_metrics(ctx.db, ctx.principal, ctx.workspace.id, filters,
                             segment_detail=True if st.session_state.get("conv_segment_detail") else None)

# --- headline ------------------------------------------------------------------------------------------------
st.markdown("**" + plain(report.period_label(metrics)) + "** — " + plain(report.headline_sentence(metrics)))
if metrics.other_currency:
    st.caption(t("ordersreview.other_currency", count=metrics.other_currency, currency=metrics.currency or "EUR"))
figures = report.headline(metrics)
for row in (figures[:3], figures[3:]):
    for column, (label, value, help_text) in zip(st.columns(3), row, strict=True):
        column.metric(label, value, help=help_text, border=True)

language = get_language()
# Downloads carry bytes computed in this run (a deferred download's file can be gone by the time it is clicked:
# « Deferred file not found »). Images and the summary take a second or two to draw, so each is prepared on demand
# inside a fragment (only that part reruns) and kept in the session for the figures it was drawn from.
summary_signature = json.dumps([str(filters), report.headline(metrics), ctx.workspace.name, language], default=str)


@st.fragment
def _summary_downloads() -> None:
    ready = st.session_state.get("conv_summary_ready")
    pdf_col, png_col, _ = st.columns([2, 1, 2])
    slot = pdf_col.empty()  # one place: the button, then in its stead the download (no stale duplicate row)
    if ready is None or ready[0] != summary_signature:
        if not slot.button(t("convtruth.prepare_summary"), key="conv_summary_prepare", type="primary",
                           icon=":material/picture_as_pdf:"):
            return
        pdf = report.summary_pdf(metrics, ctx.workspace.name)
        png = report.summary_png(pdf) if report.summary_png_available() else None
        ready = st.session_state["conv_summary_ready"] = (summary_signature, pdf, png)
    _, pdf, png = ready
    slot.download_button(t("convpage.summary"), pdf, "cercle-conversions.pdf", "application/pdf",
                            key="conv_summary_pdf", icon=":material/picture_as_pdf:", type="primary")
    if png:
        png_col.download_button(t("convpage.summary_png"), png, "cercle-conversions.png", "image/png",
                                key="conv_summary_png", icon=":material/image:")


@st.fragment
def _chart_downloads(key: str, spec_json: str, csv: bytes) -> None:
    ready = st.session_state.get(f"conv_images_{key}")
    png_col, svg_col, csv_col, _ = st.columns([1, 1, 1, 3])
    slot = png_col.empty()  # one place: the button, then in its stead the download (no stale duplicate row)
    stale = ready is None or ready[0] != spec_json
    if stale and slot.button(t("convtruth.prepare_images"), key=f"conv_prepare_{key}", icon=":material/image:"):
        spec = json.loads(spec_json)
        ready = st.session_state[f"conv_images_{key}"] = (spec_json, chart_png(spec), chart_svg(spec).encode("utf-8"))
    if ready is not None and ready[0] == spec_json:
        slot.download_button("PNG", ready[1], f"cercle-{key}.png", "image/png", key=f"conv_png_{key}",
                                icon=":material/image:")
        svg_col.download_button("SVG", ready[2], f"cercle-{key}.svg", "image/svg+xml", key=f"conv_svg_{key}",
                                icon=":material/draw:")
    csv_col.download_button(t("convpage.data_csv"), csv, f"cercle-{key}.csv", "text/csv", key=f"conv_csv_{key}",
                            icon=":material/download:")


_summary_downloads()
st.caption(report.summary_caption(metrics))

# --- the story, one chart and one sentence at a time ----------------------------------------------------------
for part in report.story(metrics):
    st.subheader(part.title)
    st.markdown(plain(part.sentence))
    if part.key == "heatmap" and metrics.segments_deferred:
        st.button(t("convpage.segment_detail"), key="conv_segment_detail_button", icon=":material/calculate:",
                  on_click=lambda: st.session_state.update(conv_segment_detail=True))
    if part.chart is None:
        continue
    chart = localised(part.chart, language)
    # the exported image carries its title; frozen now, as st.altair_chart rewrites the chart's data for the browser
    spec = localised(part.chart.properties(title=part.title), language).to_dict()
    st.altair_chart(chart, width="stretch", key=f"conv_chart_{part.key}")
    _chart_downloads(part.key, json.dumps(spec, sort_keys=True, default=str), report.figures_csv(part.data))

# --- the details ---------------------------------------------------------------------------------------------
st.subheader(t("convpage.by_community"))
table = report.communities_table(metrics)
show_table(table, hide_index=True, width="stretch", key="conversions_table")
st.caption(t("convpage.rate_help"))
st.download_button(t("convpage.download"), report.figures_csv(table), "cercle-communautes.csv", "text/csv",
                   key="conversions_csv", icon=":material/download:")

sources = report.sources_table(metrics)
if not sources.empty:
    st.subheader(t("convpage.by_source"))
    st.caption(t("convpage.by_source_help"))
    show_table(sources, hide_index=True, width="stretch", key="conversions_sources")

if metrics.segments:
    st.subheader(t("convpage.by_segment"))
    show_table(report.segments_table(metrics), hide_index=True, width="stretch", key="conversions_segments")

cohorts = report.cohorts_table(metrics)
st.subheader(t("convpage.cohorts"))
st.markdown(plain(report.cohorts_sentence(metrics)))
if not cohorts.empty:
    st.caption(t("convpage.cohorts_help"))
    show_table(cohorts, hide_index=True, width="stretch", key="conversions_cohorts")

st.subheader(t("convpage.orders"))
st.caption(t("convpage.orders_help"))
show_table(report.orders_table(metrics), hide_index=True, width="stretch", key="conversions_orders")
