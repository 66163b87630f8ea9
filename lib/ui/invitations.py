"""Personal invitations on the Communautés & liens page: who may be invited, a page at a time, each with the day
they were already invited; one button per person opens the prefilled message on the marketer's phone.

- The estate's name signs every message: asked once here when the workspace still has its default name (saved
  in Réglages' field by an owner, kept for the session otherwise).
- Each channel has its own tracked source (« Invitation WhatsApp »...), made on first use, so WhatsApp invitations
  are never counted as a salon's visits.
- Tokens are prepared only for the people on screen; an invitation counts when its button is opened (/i/{token}),
  never when the page draws.
"""

from __future__ import annotations

import streamlit as st

from lib.conversions.report import day_label
from lib.i18n import LANGUAGES, get_language, t
from lib.links import LinkError
from lib.links.communities import Community, invitation_source_link
from lib.links.invitation_log import prepare_invitations
from lib.links.invitations import InvitationError, default_template, render_message
from lib.links.recipients import INVITATION_CHANNEL, PAGE_SIZE, invitation_link, recipient_page
from lib.ui.session import Context
from lib.ui.text import plain
from lib.workspaces import update_workspace


def default_names() -> set[str]:
    """The names a workspace has before anyone named it (« Mon domaine », "My estate")."""
    return {t("ui.default_workspace_name", language=language) for language in LANGUAGES}


def estate_name(ctx: Context) -> str | None:
    """The name that signs the invitations: the one given on this page, else the workspace's own unless it is
    still the default one (then None: ask)."""
    given = st.session_state.get("invite_estate_name")
    if given:
        return given
    name = (ctx.workspace.name or "").strip()
    return None if not name or name in default_names() else name


def _ask_estate_name(ctx: Context) -> None:
    st.info(t("convtruth.estate_needed"), icon=":material/signature:")
    with st.form("invite_estate_form", border=True):
        name = st.text_input(t("convtruth.estate_name"), max_chars=120, key="invite_estate_input",
                             help=t("convtruth.estate_help"))
        if st.form_submit_button(t("convtruth.save"), type="primary"):
            name = " ".join((name or "").split())
            if not name or name in default_names():
                st.error(t("convtruth.estate_needed"))
                return
            st.session_state["invite_estate_name"] = name
            if ctx.workspace.role == "owner":
                update_workspace(ctx.db, ctx.principal, ctx.workspace.id, name=name,
                                 default_region=ctx.workspace.default_region, is_alcohol=ctx.workspace.is_alcohol)
            st.rerun()


def render_invitations(ctx: Context, community: Community, segments: dict, base_url: str, can_write: bool) -> None:
    channel = INVITATION_CHANNEL.get(community.channel)
    if channel is None:
        st.info(t("compage.no_invitation_channel"))
        return
    if not community.invite_url:
        st.info(t("convtruth.need_invite_url"))
        return
    sender = estate_name(ctx)
    if sender is None:
        _ask_estate_name(ctx)
        return
    link = None
    if can_write:
        try:
            link = invitation_source_link(ctx.db, ctx.principal, ctx.workspace.id, community.id, channel,
                                          base_url=base_url)
        except LinkError as exc:
            st.error(plain(exc.message))
            return
        st.caption(t("convtruth.invite_source", source=link.source, url=link.short_url))
    else:
        st.info(t("convtruth.viewer_invitations"))

    template = st.text_area(t("compage.template"), value=default_template(get_language()),
                            help=t("compage.template_help"), key="invite_template", height=110)
    left, middle, right = st.columns([3, 2, 1])
    options = [None, *segments]
    target = community.target_segment_id if community.target_segment_id in segments else None
    segment_id = left.selectbox(t("compage.segment"), options, index=options.index(target),
                                key=f"invite_segment_{community.id}",
                                format_func=lambda i: t("convtruth.all_reachable") if i is None else segments[i].name)
    fresh = middle.toggle(t("convtruth.not_invited_only"), key=f"invite_fresh_{community.id}")
    page_number = right.number_input(t("convtruth.page"), min_value=1, value=1, step=1,
                                     key=f"invite_page_{community.id}")
    segment = segments.get(segment_id)
    page = recipient_page(ctx.db, ctx.principal, ctx.workspace.id, community.id, community.channel,
                          segment.rules if segment else None, page=int(page_number), per_page=PAGE_SIZE,
                          not_invited_only=fresh)
    if not page.total:
        st.info(t("compage.nobody"))
        return
    st.caption(t("convtruth.recipients", total=page.total, invited=page.invited, matching=page.matching,
                 page=page.page, pages=page.pages))
    if not page.people:
        st.success(t("convtruth.everyone_invited"))
        return
    messages = {}
    try:
        for person in page.people:
            text = render_message(template, prenom=person.first_name, lien=link.short_url if link else base_url,
                                  domaine=sender, alcohol=ctx.workspace.is_alcohol, language=get_language())
            messages[person.id] = (person, text, invitation_link(channel, person.phone_e164,
                                                                 link.short_url if link else base_url, text))
    except InvitationError as exc:
        st.error(plain(exc.message))
        return
    # tokens for the people on screen only; the invitation counts when /i/{token} is opened, not now
    tokens = prepare_invitations(ctx.db, ctx.principal, ctx.workspace.id, link.id, channel,
                                 {cid: url for cid, (_, _, url) in messages.items()}) if link else {}
    for contact_id, (person, text, _url) in messages.items():
        who = " ".join(p for p in (person.first_name, person.last_name) if p) or person.phone_e164
        with st.container(border=True):
            a, b, c, d = st.columns([3, 2, 2, 1], vertical_alignment="center")
            a.markdown("**" + plain(who) + "**")
            if person.invited_at is not None:
                b.caption(t("convtruth.invited_on", day=day_label(person.invited_at)))
            with c.popover(t("convtruth.see_message")):
                st.text(text)
            if contact_id in tokens:
                d.link_button(t("compage.open"), f"{base_url}/i/{tokens[contact_id]}", icon=":material/send:")
