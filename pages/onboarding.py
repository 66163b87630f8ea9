"""Créer mon espace: the first page of a signed-in user who belongs to no workspace yet."""

import logging

import streamlit as st

from lib.i18n import t
from lib.ui.session import current_principal, database_or_stop, switch_workspace
from lib.ui.team_invitation import invitation_block
from lib.workspaces import WorkspaceError, create_workspace, slug_for

st.title(t("auth.onboarding.title"))
st.write(t("auth.onboarding.intro"))

principal = current_principal()
if principal is None:
    st.stop()
db = database_or_stop()
invitation_block(db, principal)  # invited by a teammate: joining their workspace is the other way in

with st.form("onboarding_form", border=False):
    name = st.text_input(t("auth.onboarding.name"), key="onboarding_name", max_chars=80)
    submitted = st.form_submit_button(t("auth.onboarding.create"), type="primary", key="onboarding_create")
if name.strip():
    st.caption(t("auth.onboarding.slug", slug=slug_for(name)))
if submitted:
    if len([c for c in name if c.isalnum()]) < 2 or len(name.strip()) > 80:
        st.error(t("auth.onboarding.name_invalid"), icon=":material/error:")
        st.stop()
    try:
        workspace = create_workspace(db, principal, name)
    except WorkspaceError:
        st.error(t("auth.onboarding.name_invalid"), icon=":material/error:")
        st.stop()
    except Exception:  # the database refused for a reason the user cannot fix here; the log has it
        logging.getLogger(__name__).exception("first workspace not created")
        st.error(t("auth.onboarding.failed"), icon=":material/error:")
        st.stop()
    switch_workspace(workspace.slug)
    st.rerun()
