"""Communautés & liens: private groups, tracked links per source, QR posters, personal invitations, clicks."""

import altair as alt
import pandas as pd
import streamlit as st

from lib.charts import WINE, horizontal_bars
from lib.contacts.export import to_csv
from lib.i18n import get_language, t
from lib.links import CHANNELS, LinkError
from lib.links.communities import (
    clicks_by_day,
    clicks_by_source,
    community_stats,
    create_community,
    create_link,
    disable_link,
    import_members,
    link_stats,
    list_communities,
    list_links,
    update_community,
)
from lib.links.invitation_log import invitation_stats
from lib.links.posters import default_line, poster_pdf, qr_png, qr_svg
from lib.links.telegram import revoke_disabled_link
from lib.segments.store import list_segments
from lib.ui.invitations import render_invitations
from lib.ui.session import context
from lib.ui.tables import show_table
from lib.ui.telegram import render_joins, render_link_form, render_setup
from lib.ui.text import plain
from lib.workspaces import is_loopback_address, needs_public_address, public_base_url

ctx = context()
base_url = public_base_url(ctx.workspace)  # the workspace's own address when set (Réglages), else the instance's
# On a shared instance still on a loopback address, links, QR codes, posters and invitations would print an address
# nobody else can open: none is made or shown until the public address is set (Réglages).
loopback_only = needs_public_address(ctx.workspace)
st.title(t("communities.title"))
st.caption(t("compage.intro"))


def _ask_for_public_address() -> None:
    st.warning(plain(t("journey.public_address_needed", url=base_url)), icon=":material/public_off:")
    st.page_link("pages/settings.py", label=t("journey.public_address_set"), icon=":material/settings:")


can_write = ctx.workspace.role in ("owner", "editor")
communities = {c.id: c for c in list_communities(ctx.db, ctx.principal, ctx.workspace.id)}
segments = {s.id: s for s in list_segments(ctx.db, ctx.principal, ctx.workspace.id, with_counts=False)}
tab_communities, tab_links, tab_invitations, tab_stats, tab_telegram = st.tabs(
    [t("compage.tab_communities"), t("compage.tab_links"), t("compage.tab_invitations"), t("compage.tab_stats"),
     t("compage.tab_telegram")])


def _channel_name(channel: str) -> str:
    return t(f"compage.channel.{channel}")


def _pick_community(key: str) -> str | None:
    if not communities:
        st.info(t("compage.none"))
        return None
    return st.selectbox(t("compage.pick"), list(communities), key=key, format_func=lambda i: communities[i].name)


def _edit_community() -> None:
    """Name, invite link, target segment, promo code and notes of a community (editors and owners only); its orders
    are attributed again by the change itself (lib.links.communities)."""
    chosen = _pick_community("community_edit_pick")
    if not chosen:
        return
    current = communities[chosen]
    with st.form(f"community_edit_{chosen}", border=False):
        a, b = st.columns(2)
        name = a.text_input(t("compage.name"), value=current.name, max_chars=120)
        b.text_input(t("compage.channel"), value=_channel_name(current.channel), disabled=True)
        invite_url = st.text_input(t("compage.invite_url"), value=current.invite_url or "", max_chars=500,
                                   help=t("convtruth.edit_invite_help"))
        a, b = st.columns(2)
        options = [None, *segments]
        segment_id = a.selectbox(t("compage.segment"), options,
                                 index=options.index(current.target_segment_id)
                                 if current.target_segment_id in options else 0,
                                 format_func=lambda i: t("compage.no_segment") if i is None else segments[i].name)
        promo = b.text_input(t("compage.promo"), value=current.promo_code or "", max_chars=60)
        notes = st.text_area(t("compage.notes"), value=current.notes or "", max_chars=2000, height=80)
        if st.form_submit_button(t("convtruth.save"), type="primary"):
            try:
                saved = update_community(ctx.db, ctx.principal, ctx.workspace.id, chosen, name=name,
                                         channel=current.channel, invite_url=invite_url or None,
                                         target_segment_id=segment_id, promo_code=promo or None, notes=notes or None)
            except LinkError as exc:
                st.error(plain(exc.message))
            else:
                st.session_state["community_flash"] = [plain(t("convtruth.saved", name=saved.name))] + (
                    [t("convtruth.reattributed_after_change", count=saved.reattributed)]
                    if saved.reattributed else [])
                st.rerun()


with tab_communities:
    for line in st.session_state.pop("community_flash", []):
        st.success(line)
    stats = community_stats(ctx.db, ctx.principal, ctx.workspace.id)
    if stats:
        show_table(pd.DataFrame([{
            t("compage.name"): s.name, t("compage.channel"): _channel_name(s.channel),
            t("compage.col_members"): s.members, t("compage.col_links"): s.links, t("compage.col_clicks"): s.clicks,
        } for s in stats]), hide_index=True, width="stretch", key="community_list")
    else:
        st.info(t("compage.none"))
    if can_write:
        with st.form("community_create", border=True):
            st.markdown("**" + t("compage.create") + "**")
            a, b = st.columns(2)
            name = a.text_input(t("compage.name"), max_chars=120, key="community_name")
            channel = b.selectbox(t("compage.channel"), CHANNELS, format_func=_channel_name, key="community_channel")
            invite_url = st.text_input(t("compage.invite_url"), help=t("compage.invite_url_help"),
                                       key="community_invite_url", max_chars=500)
            a, b = st.columns(2)
            segment_id = a.selectbox(t("compage.segment"), [None, *segments], key="community_segment",
                                     format_func=lambda i: t("compage.no_segment") if i is None else segments[i].name)
            promo = b.text_input(t("compage.promo"), max_chars=60, key="community_promo")
            notes = st.text_area(t("compage.notes"), max_chars=2000, key="community_notes", height=80)
            if st.form_submit_button(t("compage.create"), type="primary"):
                try:
                    created = create_community(ctx.db, ctx.principal, ctx.workspace.id, name=name, channel=channel,
                                               invite_url=invite_url or None, target_segment_id=segment_id,
                                               promo_code=promo or None, notes=notes or None)
                except LinkError as exc:
                    st.error(plain(exc.message))
                else:
                    st.session_state["community_flash"] = [plain(t("compage.created", name=created.name))] + (
                        [t("convtruth.reattributed_after_change", count=created.reattributed)]
                        if created.reattributed else [])
                    st.rerun()
        if communities:
            with st.expander(t("convtruth.edit"), icon=":material/edit:"):
                _edit_community()
            with st.expander(t("compage.members"), icon=":material/group_add:"):
                st.caption(t("compage.members_help"))
                target = _pick_community("community_members_pick")
                pasted = st.text_area(t("compage.members"), key="community_members_numbers", height=120,
                                      label_visibility="collapsed")
                if st.button(t("compage.members_record"), key="community_members_record") and target:
                    numbers = [line for line in pasted.splitlines() if line.strip()][:20_000]
                    report = import_members(ctx.db, ctx.principal, ctx.workspace.id, target, numbers,
                                            region=ctx.workspace.default_region)
                    st.success(t("compage.members_done", **report.counts()))
                    if report.reattributed:
                        st.info(t("convtruth.reattributed_after_change", count=report.reattributed))

with tab_links:
    community_id = _pick_community("link_community")
    if community_id and loopback_only:
        _ask_for_public_address()
    elif community_id:
        community = communities[community_id]
        if is_loopback_address(base_url):  # a local instance may, but a printed poster would not open elsewhere
            st.info(plain(t("journey.local_address_only", url=base_url)), icon=":material/computer:")
        if can_write:
            with st.form("link_create", border=True):
                a, b = st.columns(2)
                source = a.text_input(t("compage.source"), help=t("compage.source_help"), key="link_source",
                                      max_chars=120)
                destination = b.text_input(t("compage.destination"), help=t("compage.destination_help"),
                                           key="link_destination", max_chars=500)
                if st.form_submit_button(t("compage.create_link"), type="primary"):
                    try:
                        link = create_link(ctx.db, ctx.principal, ctx.workspace.id, community_id, source=source,
                                           destination=destination or None, base_url=base_url)
                    except LinkError as exc:
                        st.error(plain(exc.message))
                    else:
                        st.success(t("compage.link_created"))
                        st.code(link.short_url, language=None)
                        if link.reattributed:
                            st.info(t("convtruth.reattributed_after_change", count=link.reattributed))
        if community.channel.startswith("telegram"):
            render_link_form(ctx, community_id)
        links = list_links(ctx.db, ctx.principal, ctx.workspace.id, community_id, base_url=base_url)
        if not links:
            st.info(t("compage.no_links"))
        else:
            clicks = {s.link_id: s.clicks for s in link_stats(ctx.db, ctx.principal, ctx.workspace.id)}
            show_table(pd.DataFrame([{
                t("compage.col_source"): link.source, t("compage.col_url"): link.short_url,
                t("compage.col_clicks"): clicks.get(link.id, 0), t("compage.col_enabled"): link.enabled,
            } for link in links]), hide_index=True, width="stretch", key="link_list")
            by_id = {link.id: link for link in links}
            link_id = st.selectbox(t("compage.link_pick"), list(by_id), key="link_pick",
                                   format_func=lambda i: f"{by_id[i].source} · {by_id[i].short_url}")
            link = by_id[link_id]
            line = st.text_input(t("compage.poster_line"), value=default_line(get_language()), max_chars=120,
                                 key="link_poster_line")
            cols = st.columns(4)
            cols[0].download_button(t("compage.qr_png"), qr_png(link.short_url), f"qr-{link.code}.png", "image/png",
                                    key="link_qr_png", icon=":material/qr_code_2:")
            cols[1].download_button(t("compage.qr_svg"), qr_svg(link.short_url), f"qr-{link.code}.svg",
                                    "image/svg+xml", key="link_qr_svg", icon=":material/qr_code_2:")
            cols[2].download_button(t("compage.poster_a4"),
                                    poster_pdf(community.name, link.short_url, line, size="A4",
                                               alcohol=ctx.workspace.is_alcohol),
                                    f"affiche-{link.code}.pdf", "application/pdf", key="link_poster_a4",
                                    icon=":material/print:")
            cols[3].download_button(t("compage.poster_a6"),
                                    poster_pdf(community.name, link.short_url, line, size="A6",
                                               alcohol=ctx.workspace.is_alcohol),
                                    f"chevalet-{link.code}.pdf", "application/pdf", key="link_poster_a6",
                                    icon=":material/print:")
            st.image(qr_png(link.short_url, scale=5), caption=link.short_url, width=180)
            if can_write and link.enabled and st.button(t("compage.disable"), key="link_disable"):
                disable_link(ctx.db, ctx.principal, ctx.workspace.id, link.id)
                st.success(t("compage.disabled"))
                if revoke_disabled_link(ctx.db, ctx.principal, ctx.workspace.id, link.id) is False:
                    st.warning(t("telegram.revoke_failed"))

with tab_invitations:
    community_id = _pick_community("invite_community")
    if community_id and loopback_only:
        _ask_for_public_address()
    elif community_id:
        render_invitations(ctx, communities[community_id], segments, base_url, can_write)

with tab_telegram:
    render_setup(ctx, communities)

with tab_stats:
    render_joins(ctx)
    sent = invitation_stats(ctx.db, ctx.principal, ctx.workspace.id)
    if sent:
        st.subheader(t("compage.invitations_sent"))
        st.caption(t("convtruth.invitations_counted"))
        show_table(pd.DataFrame([{
            t("compage.pick"): s.community, t("compage.channel"): t(f"segments.channel_name.{s.channel}"),
            t("convtruth.col_people_invited"): s.people, t("compage.opened"): s.opened} for s in sent]),
            hide_index=True, width="stretch", key="stats_invitations")
    stats = link_stats(ctx.db, ctx.principal, ctx.workspace.id)
    if not any(s.clicks for s in stats):
        st.info(t("compage.no_clicks"))
    else:
        a, b = st.columns(2)
        with a:
            st.subheader(t("compage.clicks_by_day"))
            days = pd.DataFrame(clicks_by_day(ctx.db, ctx.principal, ctx.workspace.id), columns=["day", "clicks"])
            days["label"] = [f"{d:%d/%m}" for d in days["day"]]
            st.altair_chart(alt.Chart(days).mark_bar(color=WINE).encode(
                x=alt.X("label:O", title=t("compage.day"), sort=None, axis=alt.Axis(labelAngle=-45)),
                y=alt.Y("clicks:Q", title=t("compage.col_clicks"), axis=alt.Axis(format="d", tickMinStep=1)),
                tooltip=[alt.Tooltip("label:O", title=t("compage.day")),
                         alt.Tooltip("clicks:Q", title=t("compage.col_clicks"))]), width="stretch")
        with b:
            st.subheader(t("compage.clicks_by_source"))
            sources = pd.DataFrame(clicks_by_source(ctx.db, ctx.principal, ctx.workspace.id),
                                   columns=["source", "clicks"])
            st.altair_chart(horizontal_bars(sources, "source", "clicks", t("compage.col_source"),
                                            t("compage.col_clicks")), width="stretch")
        rows = [(s.code, s.community, s.source, s.clicks) for s in stats]
        st.download_button(t("compage.download_stats"), to_csv(["code", "community", "source", "clicks"], rows),
                           "clics.csv", "text/csv", key="stats_csv", icon=":material/download:")
