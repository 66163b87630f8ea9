"""Conversions: the page a later step fills; until then it says what will come."""

import streamlit as st

from lib.i18n import t
from lib.ui.session import context

ctx = context()
st.title(t("conversions.title"))
with st.container(border=True, key="conversions_soon"):
    st.markdown("**" + t("ui.coming_soon") + "**")
    st.write(t("conversions.soon"))

from lib.contacts.queries import overview  # noqa: E402

summary = overview(ctx.db, ctx.principal, ctx.workspace.id)
st.caption(t("conversions.current", contacts=summary.contacts, whatsapp=summary.reachable_whatsapp))
