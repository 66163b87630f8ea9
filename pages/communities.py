"""Communities: the page a later step fills; until then it says what will come."""

import streamlit as st

from lib.i18n import t
from lib.ui.session import context

ctx = context()
st.title(t("communities.title"))
with st.container(border=True, key="communities_soon"):
    st.markdown("**" + t("ui.coming_soon") + "**")
    st.write(t("communities.soon"))
