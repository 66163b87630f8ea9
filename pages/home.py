"""Accueil: what the workspace holds, and the way in (import or demo)."""

import streamlit as st

from lib.charts import horizontal_bars
from lib.contacts.queries import contacts_by_country, overview, top_interests
from lib.demo import load_demo
from lib.i18n import t
from lib.ui.session import context, switch_workspace
from lib.ui.text import plain

ctx = context()
st.title(t("home.title") + " · " + plain(ctx.workspace.name))  # a name is plain text, never a link or an image
st.caption(t("home.intro"))

summary = overview(ctx.db, ctx.principal, ctx.workspace.id)


def _load_demo() -> None:
    with st.spinner(t("home.demo_loading")):
        workspace, report = load_demo(ctx.db, ctx.principal)
    switch_workspace(workspace.slug)
    st.session_state["home_demo_result"] = t("home.demo_done", **report.counts())


if summary.contacts == 0:
    with st.container(border=True, key="home_empty"):
        st.subheader(t("home.empty_title"))
        st.write(t("home.empty_body"))
        left, right = st.columns(2)
        left.page_link("pages/contacts.py", label=t("home.go_import"), icon=":material/upload_file:")
        right.button(t("home.load_demo"), key="home_load_demo", type="primary", on_click=_load_demo,
                     icon=":material/auto_awesome:")
        st.caption(t("home.demo_help"))
else:
    if message := st.session_state.pop("home_demo_result", None):
        st.success(message, icon=":material/check_circle:")
    cols = st.columns(5)
    cols[0].metric(t("home.metric_contacts"), f"{summary.contacts:,}".replace(",", " "))
    cols[1].metric(t("home.metric_mobiles"), f"{summary.mobiles:,}".replace(",", " "))
    cols[2].metric(t("home.metric_whatsapp"), f"{summary.reachable_whatsapp:,}".replace(",", " "),
                   help=t("home.metric_whatsapp_help"))
    cols[3].metric(t("home.metric_sms"), f"{summary.reachable_sms:,}".replace(",", " "))
    cols[4].metric(t("home.metric_email"), f"{summary.with_email:,}".replace(",", " "))

    left, right = st.columns(2)
    with left:
        st.subheader(t("home.top_interests"))
        interests = top_interests(ctx.db, ctx.principal, ctx.workspace.id)
        if not interests.empty:
            st.altair_chart(horizontal_bars(interests, "interest", "contacts", t("chart.interest"),
                                            t("chart.contacts")), width="stretch")
    with right:
        st.subheader(t("home.by_country"))
        countries = contacts_by_country(ctx.db, ctx.principal, ctx.workspace.id)
        st.altair_chart(horizontal_bars(countries, "country", "contacts", t("chart.country"), t("chart.contacts")),
                        width="stretch")
    if ctx.workspace.slug == "demo":
        st.button(t("home.reload_demo"), key="home_load_demo", on_click=_load_demo, icon=":material/refresh:",
                  help=t("home.demo_help"))

st.divider()
st.subheader(t("home.pipeline"))
st.markdown(t("home.pipeline_steps"))
