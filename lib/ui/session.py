"""Per-browser-session context: database, who is working, which workspace, which language.

Nothing here is a global cache of tenant data: the database pool is process-wide (it holds no rows),
everything read for a workspace is read per script run under that user's claims.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from lib.db import LOCAL_USER, Database, DatabaseUnavailable, Principal, get_database
from lib.i18n import LANGUAGES, get_language, set_language, t
from lib.workspaces import LOCAL_WORKSPACE_SLUG, Workspace, ensure_workspace, list_workspaces

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Context:
    db: Database
    principal: Principal
    workspace: Workspace
    workspaces: list[Workspace]


def apply_language() -> str:
    """Sets this run's language from the session (French unless the user chose otherwise)."""
    language = st.session_state.get("language", "fr")
    set_language(language)
    return get_language()


def language_switch() -> None:
    labels = {"fr": "Français", "en": "English"}
    st.sidebar.selectbox(t("ui.language"), LANGUAGES, format_func=labels.get, key="language")


def database_or_stop() -> Database:
    """The database, or a French explanation in the page (and the log) and nothing else."""
    try:
        return get_database()
    except DatabaseUnavailable as exc:
        log.error("database unavailable: %s", exc)
        st.error(exc.message, icon=":material/database:")
        st.caption(t("ui.db_help"))
        st.stop()
        raise  # st.stop() raises; this line only satisfies type checkers


def context() -> Context:
    """Everything a page needs to read or write the current workspace."""
    db = database_or_stop()
    principal = LOCAL_USER
    workspaces = list_workspaces(db, principal)
    if not workspaces:
        workspaces = [ensure_workspace(db, principal, LOCAL_WORKSPACE_SLUG, t("ui.default_workspace_name"))]
    slugs = [w.slug for w in workspaces]
    if st.session_state.get("workspace") not in slugs:
        st.session_state["workspace"] = slugs[0]
    if len(workspaces) > 1:
        names = {w.slug: w.name for w in workspaces}
        st.sidebar.selectbox(t("ui.workspace"), slugs, format_func=names.get, key="workspace")
    current = next(w for w in workspaces if w.slug == st.session_state["workspace"])
    return Context(db, principal, current, workspaces)


def switch_workspace(slug: str) -> None:
    st.session_state["workspace"] = slug
