"""Cercle: `streamlit run app.py` serves the dashboard and its HTTP routes from one process."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lib.routes import MIDDLEWARE, ROUTES, lifespan_database

# pages/ holds the st.navigation pages below. Without this, the first browser session after a start sees the
# folder, falls back to Streamlit's legacy auto-pages and runs e.g. pages/contacts.py without this app around it.
PagesManager.uses_pages_directory = False

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@asynccontextmanager
async def lifespan(_app):
    async with lifespan_database():
        yield


# MIDDLEWARE (lib/edge.EdgeGuard) runs before Streamlit's own: local mode served to this machine only, caps on the
# unauthenticated routes, frame headers on every answer.
app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE, lifespan=lifespan)


def main() -> None:
    from lib.i18n import t
    from lib.ui.builtin_text import translate_builtins
    from lib.ui.session import account_sidebar, apply_language, gate_page, language_switch

    st.set_page_config(page_title="Cercle", page_icon="🍷", layout="wide")
    apply_language()
    translate_builtins()
    # Shared instance (Supabase Auth): until this session is signed in with a workspace, only one page exists.
    gate = gate_page()
    if gate is not None:
        navigation = st.navigation([gate], position="hidden")
        language_switch()
        navigation.run()
        return
    pages = [
        st.Page("pages/home.py", title=t("nav.home"), icon=":material/home:", url_path="accueil", default=True),
        st.Page("pages/contacts.py", title=t("nav.contacts"), icon=":material/contacts:", url_path="contacts"),
        st.Page("pages/contact.py", title=t("nav.contact"), icon=":material/person:", url_path="fiche-contact"),
        st.Page("pages/segments.py", title=t("nav.segments"), icon=":material/filter_alt:", url_path="segments"),
        st.Page("pages/communities.py", title=t("nav.communities"), icon=":material/groups:", url_path="communautes"),
        st.Page("pages/conversions.py", title=t("nav.conversions"), icon=":material/trending_up:",
                url_path="conversions"),
        st.Page("pages/team.py", title=t("nav.team"), icon=":material/group:", url_path="equipe"),
        st.Page("pages/settings.py", title=t("nav.settings"), icon=":material/settings:", url_path="reglages"),
    ]
    navigation = st.navigation(pages)
    st.sidebar.markdown("**Cercle**")
    st.sidebar.caption(t("ui.tagline"))
    language_switch()
    account_sidebar()
    navigation.run()


# Imported by the ASGI server to find `app`, the module must not draw; each browser run draws.
if get_script_run_ctx(suppress_warning=True) is not None:
    main()
