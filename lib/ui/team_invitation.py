"""The « Rejoindre un espace » block: an invitation link (``?invitation=<token>``) opened in the browser.

Drawn by the team page before its workspace context, so that someone who has no workspace yet (the usual
invitee) can join; the onboarding page of a signed-in user without workspace can draw it the same way:
``invitation_block(db, principal)``. Joining runs as a callback, before the next run draws the sidebar's
workspace switch, and opens the joined workspace.
"""

from __future__ import annotations

import streamlit as st

from lib import team
from lib.db import Database, Principal
from lib.i18n import t
from lib.ui.text import plain
from lib.workspaces import WorkspaceError, list_workspaces

FLASH = "team_flash"
ERROR = "team_error"


def _join(db: Database, principal: Principal, token: str) -> None:
    try:
        joined = team.accept(db, principal, token)
    except WorkspaceError as exc:
        st.session_state[ERROR] = exc.message
        return
    st.query_params.pop(team.INVITATION_PARAM, None)
    workspace = next(w for w in list_workspaces(db, principal) if w.id == joined)
    st.session_state[FLASH] = t("team.joined", workspace=workspace.name)
    st.session_state["workspace"] = workspace.slug


def invitation_block(db: Database, principal: Principal | None) -> None:
    """Shows the invitation of the page's link, if any, with its « Rejoindre » button or why it cannot be used."""
    error = st.session_state.pop(ERROR, None)
    if error:
        st.error(plain(error))
    token = st.query_params.get(team.INVITATION_PARAM)
    if not token or principal is None:
        return
    with st.container(border=True):
        st.subheader(t("team.join_title"))
        if not team.signed_in(principal):
            st.info(t("team.join_local"))
            return
        try:
            shown = team.preview(db, principal, token)
        except WorkspaceError as exc:
            st.query_params.pop(team.INVITATION_PARAM, None)  # a token that opens nothing leaves the address
            st.error(exc.message)
            return
        st.write(plain(t("team.join_intro", workspace=shown.workspace_name, role=team.role_label(shown.role),
                         date=f"{shown.expires_at:%d/%m/%Y}")))
        if shown.status != "pending":
            st.query_params.pop(team.INVITATION_PARAM, None)  # used, revoked or expired: it will never serve again
            st.error(t(f"team.error.invitation_{shown.status}"))
        else:
            st.button(t("team.join_button"), type="primary", key="team_join", on_click=_join,
                      args=(db, principal, token))
