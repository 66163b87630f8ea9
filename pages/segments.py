"""Segments: the page a later step fills; until then it says what will come."""

import streamlit as st

from lib.i18n import t
from lib.ui.session import context

ctx = context()
st.title(t("segments.title"))
with st.container(border=True, key="segments_soon"):
    st.markdown("**" + t("ui.coming_soon") + "**")
    st.write(t("segments.soon"))
