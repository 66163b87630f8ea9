"""Conversions: orders in, each sale tied to a community when possible (and why), what each community brings."""

import altair as alt
import pandas as pd
import streamlit as st

from lib.charts import WINE, horizontal_bars
from lib.contacts.export import to_csv
from lib.conversions.store import recent_orders, sales_by_community
from lib.i18n import t
from lib.ui.orders_in import render_orders_in
from lib.ui.session import context
from lib.ui.text import money

ctx = context()
st.title(t("conversions.title"))
st.caption(t("convpage.intro"))


render_orders_in(ctx)

sales = sales_by_community(ctx.db, ctx.principal, ctx.workspace.id)
if not any(s.orders for s in sales):
    st.info(t("convpage.empty"))
    st.stop()

rows = []
for s in sales:
    low, high = s.conversion
    rows.append({
        "community": s.name or t("convpage.public"), "members": s.members, "member_buyers": s.member_buyers,
        "sales": s.sales, "revenue": s.revenue_cents / 100, "rate_low": low, "rate_high": high,
        "rate": (s.member_buyers / s.members) if s.members else None, "is_community": s.community_id is not None,
    })
frame = pd.DataFrame(rows)

st.subheader(t("convpage.by_community"))
shown = pd.DataFrame({
    t("convpage.col_community"): frame["community"],
    t("convpage.col_members"): frame["members"],
    t("convpage.col_buyers"): frame["member_buyers"],
    t("convpage.col_sales"): frame["sales"],
    t("convpage.col_revenue"): [money(int(round(v * 100))) for v in frame["revenue"]],
    t("convpage.col_rate"): [
        "—" if not r.is_community or not r.members else
        f"{r.rate:.0%} ({r.rate_low:.0%}–{r.rate_high:.0%})".replace("%", "\u202f%") for r in frame.itertuples()],
})
st.dataframe(shown, hide_index=True, width="stretch", key="conversions_table")
st.caption(t("convpage.rate_help"))

left, right = st.columns(2)
with left:
    st.subheader(t("convpage.revenue_chart"))
    st.altair_chart(horizontal_bars(frame, "community", "revenue", t("convpage.col_community"),
                                    t("convpage.col_revenue") + " (€)"), width="stretch")
with right:
    communities = frame[frame["is_community"] & (frame["members"] > 0)]
    if not communities.empty:
        st.subheader(t("convpage.rate_chart"))
        base = alt.Chart(communities).encode(y=alt.Y("community:N", title=t("convpage.col_community")))
        bars = base.mark_rule(color=WINE, strokeWidth=3).encode(
            x=alt.X("rate_low:Q", title=t("convpage.col_rate"), axis=alt.Axis(format="%"),
                    scale=alt.Scale(domain=[0, 1])), x2="rate_high:Q")
        points = base.mark_point(color=WINE, filled=True, size=80).encode(
            x="rate:Q", tooltip=[alt.Tooltip("community:N"), alt.Tooltip("rate:Q", format=".0%"),
                                 alt.Tooltip("rate_low:Q", format=".0%"), alt.Tooltip("rate_high:Q", format=".0%")])
        st.altair_chart(bars + points, width="stretch")

st.subheader(t("convpage.orders"))
orders = recent_orders(ctx.db, ctx.principal, ctx.workspace.id)
st.dataframe(pd.DataFrame([{
    t("convpage.col_number"): o["number"],
    t("convpage.col_date"): f"{o['created_at']:%d/%m/%Y}" if o["created_at"] else "",
    t("convpage.col_amount"): money(o["amount_cents"], o["currency"]),
    t("convpage.col_sale"): bool(o["is_sale"]),
    t("convpage.col_community"): o["name"] or t("convpage.public"),
    t("convpage.col_confidence"): t(f"convpage.confidence.{o['confidence'] or 'none'}"),
    t("convpage.col_why"): o["reason"] or "",
} for o in orders]), hide_index=True, width="stretch", key="conversions_orders")
st.download_button(t("convpage.download"), to_csv(list(frame.columns), frame.itertuples(index=False)),
                   "conversions.csv", "text/csv", key="conversions_csv", icon=":material/download:")
