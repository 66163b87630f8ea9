"""Équipe: your workspaces and your role in each, a new workspace, the members, invitations, leaving."""

import pandas as pd
import streamlit as st

from lib import team
from lib.i18n import t
from lib.ui.session import context, current_principal, database_or_stop, switch_workspace
from lib.ui.tables import show_table
from lib.ui.team_invitation import ERROR, FLASH, invitation_block
from lib.ui.text import plain
from lib.workspaces import WorkspaceError, create_workspace, needs_public_address, public_base_url

st.title(t("team.title"))
# an invitation link is for people who may have no workspace yet: drawn before the workspace context
invitation_block(database_or_stop(), current_principal())
ctx = context()
signed_in = team.signed_in(ctx.principal)


def _when(value) -> str:
    return f"{value:%d/%m/%Y}"


def _flash(message: str) -> None:
    st.session_state[FLASH] = message


# The actions that change the current workspace run as callbacks: before the next run draws the sidebar's
# workspace switch, whose value they set.
def _create() -> None:
    try:
        created = create_workspace(ctx.db, ctx.principal, st.session_state.get("team_create_name", ""),
                                   default_region=ctx.workspace.default_region)
    except WorkspaceError as exc:
        st.session_state[ERROR] = exc.message
        return
    st.session_state["team_create_name"] = ""
    _flash(t("team.created", workspace=created.name))
    switch_workspace(created.slug)


def _leave(workspace_id: str, name: str) -> None:
    try:
        team.leave(ctx.db, ctx.principal, workspace_id)
    except WorkspaceError as exc:
        st.session_state[ERROR] = exc.message
        return
    _flash(t("team.left", workspace=name))
    st.session_state.pop("workspace", None)
    st.session_state["team_leave_sure"] = False


flash = st.session_state.pop(FLASH, None)
if flash:
    st.success(plain(flash))

# --- your workspaces ----------------------------------------------------------------------------------------
st.subheader(t("team.yours"))
show_table(pd.DataFrame({
    t("team.col_workspace"): [w.name for w in ctx.workspaces],
    t("team.col_role"): [team.role_label(w.role) for w in ctx.workspaces],
    t("team.col_current"): ["✓" if w.id == ctx.workspace.id else "" for w in ctx.workspaces],
}), hide_index=True, width="stretch")
if len(ctx.workspaces) > 1:
    slugs = [w.slug for w in ctx.workspaces]
    names = {w.slug: w.name for w in ctx.workspaces}
    cols = st.columns([3, 1], vertical_alignment="bottom")
    target = cols[0].selectbox(t("team.switch_to"), slugs, index=slugs.index(ctx.workspace.slug),
                               format_func=names.get, key="team_switch_target")
    cols[1].button(t("team.switch_button"), key="team_switch", disabled=target == ctx.workspace.slug,
                   on_click=switch_workspace, args=(target,))

with st.expander(t("team.create_title"), icon=":material/add:"):
    with st.form("team_create_form", border=False):
        st.text_input(t("team.create_name"), max_chars=120, key="team_create_name", help=t("team.create_help"))
        st.form_submit_button(t("team.create_button"), on_click=_create)

# --- the current workspace's members ------------------------------------------------------------------------
st.subheader(plain(t("team.members_title", workspace=ctx.workspace.name)))
st.caption(t("team.roles_help"))
is_owner = ctx.workspace.role == "owner"
people = team.members(ctx.db, ctx.principal, ctx.workspace.id)
show_table(pd.DataFrame({
    t("team.col_email"): [p.email or "?" for p in people],
    t("team.col_role"): [team.role_label(p.role) for p in people],
    t("team.col_joined"): [_when(p.joined_at) for p in people],
}), hide_index=True, width="stretch")

others = [p for p in people if p.user_id != ctx.principal.user_id]
by_id = {p.user_id: p for p in others}
if is_owner and others:
    with st.form("team_role_form", border=True):
        st.markdown("**" + t("team.role_title") + "**")
        cols = st.columns(2)
        who = cols[0].selectbox(t("team.member"), list(by_id), format_func=lambda i: by_id[i].email or i,
                                key="team_role_member")
        new_role = cols[1].selectbox(t("team.new_role"), team.INVITABLE_ROLES, format_func=team.role_label,
                                     key="team_role_value")
        change = st.form_submit_button(t("team.role_button"))
    if change:
        try:
            team.change_role(ctx.db, ctx.principal, ctx.workspace.id, who, new_role)
        except WorkspaceError as exc:
            st.error(exc.message)
        else:
            st.session_state[FLASH] = t("team.role_changed", email=by_id[who].email or "?",
                                               role=team.role_label(new_role))
            st.rerun()

    with st.expander(t("team.remove_title"), icon=":material/person_remove:"):
        gone = st.selectbox(t("team.member"), list(by_id), format_func=lambda i: by_id[i].email or i,
                            key="team_remove_member")
        sure = st.checkbox(t("team.remove_confirm"), key="team_remove_sure")
        if st.button(t("team.remove_button"), disabled=not sure, key="team_remove"):
            try:
                team.remove_member(ctx.db, ctx.principal, ctx.workspace.id, gone)
            except WorkspaceError as exc:
                st.error(exc.message)
            else:
                st.session_state[FLASH] = t("team.removed", email=by_id[gone].email or "?")
                st.rerun()

    with st.expander(t("team.transfer_title"), icon=":material/swap_horiz:"):
        st.caption(t("team.transfer_help"))
        heir = st.selectbox(t("team.member"), list(by_id), format_func=lambda i: by_id[i].email or i,
                            key="team_transfer_member")
        sure = st.checkbox(t("team.transfer_confirm"), key="team_transfer_sure")
        if st.button(t("team.transfer_button"), disabled=not sure, key="team_transfer"):
            try:
                team.transfer_ownership(ctx.db, ctx.principal, ctx.workspace.id, heir)
            except WorkspaceError as exc:
                st.error(exc.message)
            else:
                st.session_state[FLASH] = t("team.transferred", email=by_id[heir].email or "?")
                st.rerun()
elif not is_owner:
    st.caption(t("team.not_owner"))

# --- invitations ---------------------------------------------------------------------------------------------
if is_owner:
    st.subheader(t("team.invite_title"))
    if not signed_in:
        st.info(t("team.local_mode"))
    elif needs_public_address(ctx.workspace):  # the link would be http://localhost…: nobody else could open it
        st.warning(plain(t("journey.public_address_needed_team", url=public_base_url(ctx.workspace))),
                   icon=":material/public_off:")
        st.page_link("pages/settings.py", label=t("journey.public_address_set"), icon=":material/settings:")
    else:
        with st.form("team_invite_form", border=True):
            cols = st.columns([3, 1])
            email = cols[0].text_input(t("team.invite_email"), max_chars=320, key="team_invite_email")
            role = cols[1].selectbox(t("team.col_role"), team.INVITABLE_ROLES, format_func=team.role_label,
                                     key="team_invite_role")
            send = st.form_submit_button(t("team.invite_button"), type="primary")
        if send:
            try:
                issued = team.invite(ctx.db, ctx.principal, ctx.workspace.id, email, role)
            except WorkspaceError as exc:
                st.error(exc.message)
            else:
                st.session_state["team_issued"] = issued
        issued = st.session_state.get("team_issued")
        if issued is not None and issued.workspace_id != ctx.workspace.id:
            issued = st.session_state["team_issued"] = None  # another workspace's link: never under this one's name
        if issued is not None:
            link = team.invitation_link(public_base_url(ctx.workspace), issued.token)
            st.success(plain(t("team.invited", email=issued.email, role=team.role_label(issued.role),
                               date=_when(issued.expires_at))))
            st.caption(t("team.link_help"))
            st.code(link, language=None)
            st.link_button(t("team.mailto"), team.mailto_link(issued.email, link, ctx.workspace.name, issued.role),
                           icon=":material/mail:")
        sent = team.invitations(ctx.db, ctx.principal, ctx.workspace.id)
        if sent:
            st.markdown("**" + t("team.sent_title") + "**")
            show_table(pd.DataFrame({
                t("team.col_email"): [i.email for i in sent],
                t("team.col_role"): [team.role_label(i.role) for i in sent],
                t("team.col_expires"): [_when(i.expires_at) for i in sent],
                t("team.col_status"): [t(f"team.status.{i.status}") for i in sent],
            }), hide_index=True, width="stretch")
            pending = {i.id: i for i in sent if i.status == "pending"}
            if pending:
                cols = st.columns([3, 1], vertical_alignment="bottom")
                cancel = cols[0].selectbox(
                    t("team.revoke_which"), list(pending), key="team_revoke_which",
                    format_func=lambda i: f"{pending[i].email} · {team.role_label(pending[i].role)}")
                if cols[1].button(t("team.revoke_button"), key="team_revoke"):
                    try:
                        team.revoke(ctx.db, ctx.principal, cancel)
                    except WorkspaceError as exc:
                        st.error(exc.message)
                    else:
                        st.session_state.pop("team_issued", None)
                        st.session_state[FLASH] = t("team.revoked", email=pending[cancel].email)
                        st.rerun()
elif not signed_in:
    st.info(t("team.local_mode"))

# --- leaving -------------------------------------------------------------------------------------------------
with st.expander(t("team.leave_title"), icon=":material/logout:"):
    st.caption(t("team.leave_help"))
    sure = st.checkbox(plain(t("team.leave_confirm", workspace=ctx.workspace.name)), key="team_leave_sure")
    st.button(t("team.leave_button"), disabled=not sure, key="team_leave", on_click=_leave,
              args=(ctx.workspace.id, ctx.workspace.name))
