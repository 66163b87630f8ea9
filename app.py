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


# (script, title's catalog key, icon, address): the app's pages once the session may open them.
PAGES = [
    ("pages/home.py", "nav.home", ":material/home:", "accueil"),
    ("pages/contacts.py", "nav.contacts", ":material/contacts:", "contacts"),
    ("pages/contact.py", "nav.contact", ":material/person:", "fiche-contact"),
    ("pages/segments.py", "nav.segments", ":material/filter_alt:", "segments"),
    ("pages/communities.py", "nav.communities", ":material/groups:", "communautes"),
    ("pages/conversions.py", "nav.conversions", ":material/trending_up:", "conversions"),
    ("pages/team.py", "nav.team", ":material/group:", "equipe"),
    ("pages/settings.py", "nav.settings", ":material/settings:", "reglages"),
]


def main() -> None:
    from lib.i18n import t
    from lib.ui.builtin_text import translate_builtins
    from lib.ui.session import account_sidebar, apply_language, gate_pages, language_switch

    st.set_page_config(page_title="Cercle", page_icon="🍷", layout="wide")
    apply_language()
    translate_builtins()
    # Shared instance (Supabase Auth): until this session is signed in with a workspace, only one page exists
    # (answering at every page's address, hidden).
    gate = gate_pages([path for _, _, _, path in PAGES])
    if gate is not None:
        navigation = st.navigation(gate, position="hidden")
        language_switch()
        navigation.run()
        return
    pages = [st.Page(script, title=t(title), icon=icon, url_path=path, default=index == 0)
             for index, (script, title, icon, path) in enumerate(PAGES)]
    navigation = st.navigation(pages)
    st.sidebar.markdown("**Cercle**")
    st.sidebar.caption(t("ui.tagline"))
    language_switch()
    account_sidebar()
    navigation.run()


# Imported by the ASGI server to find `app`, the module must not draw; each browser run draws.
if get_script_run_ctx(suppress_warning=True) is not None:
    main()
