"""The Telegram section of the communities page: set up the bot (owners), tie groups to communities,
create named Telegram invite links, and show the joins the bot reports."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.i18n import t
from lib.links import LinkError
from lib.links.telegram import (
    TELEGRAM_API,
    TelegramError,
    configure_telegram,
    create_telegram_link,
    remove_telegram,
    seen_chats,
    set_community_chat,
    telegram_joins,
    telegram_status,
)
from lib.settings import setting
from lib.ui.session import Context
from lib.ui.tables import show_table
from lib.ui.text import plain
from lib.workspaces import public_base_url


def _api_url() -> str:
    # TELEGRAM_API_URL points Cercle at another Bot API server (a local one, or the fake one in tests)
    return setting("TELEGRAM_API_URL", TELEGRAM_API) or TELEGRAM_API


def render_setup(ctx: Context, communities: dict) -> None:
    """Bot token, webhook and which Telegram group is which community (owners only)."""
    if ctx.workspace.role != "owner":
        st.info(t("tgpage.owner_only"))
        return
    status = telegram_status(ctx.db, ctx.principal, ctx.workspace.id, base_url=public_base_url(ctx.workspace))
    if status is None:
        st.caption(t("tgpage.intro"))
        with st.form("telegram_setup", border=True):
            token = st.text_input(t("tgpage.token"), type="password", key="telegram_token",
                                  help=t("tgpage.token_help"))
            if st.form_submit_button(t("tgpage.connect"), type="primary"):
                try:
                    configure_telegram(ctx.db, ctx.principal, ctx.workspace.id, token.strip(), api_url=_api_url())
                except (TelegramError, LinkError) as exc:
                    st.error(plain(exc.message))
                else:
                    st.rerun()
        return
    st.success(t("tgpage.connected", bot=status.bot_id, url=status.webhook_url))
    telegram_communities = {i: c for i, c in communities.items() if c.channel.startswith("telegram")}
    chats = seen_chats(ctx.db, ctx.principal, ctx.workspace.id)
    if not chats:
        st.caption(t("tgpage.no_chats"))
    elif telegram_communities:
        labels = {c.chat_id: f"{c.title or c.chat_id} ({c.chat_type})" for c in chats}
        with st.form("telegram_chat", border=False):
            a, b = st.columns(2)
            community_id = a.selectbox(t("compage.pick"), list(telegram_communities), key="telegram_chat_community",
                                       format_func=lambda i: telegram_communities[i].name)
            chat_id = b.selectbox(t("tgpage.chat"), list(labels), format_func=labels.get, key="telegram_chat_id")
            if st.form_submit_button(t("tgpage.tie")):
                set_community_chat(ctx.db, ctx.principal, ctx.workspace.id, community_id, chat_id)
                st.success(t("tgpage.tied"))
    if st.button(t("tgpage.disconnect"), key="telegram_disconnect"):
        remove_telegram(ctx.db, ctx.principal, ctx.workspace.id)
        st.rerun()


def render_link_form(ctx: Context, community_id: str) -> None:
    """A named Telegram invite link made by the bot, behind a tracked short link."""
    if ctx.workspace.role != "owner" or telegram_status(ctx.db, ctx.principal, ctx.workspace.id) is None:
        return
    with st.form("telegram_link", border=True):
        st.markdown("**" + t("tgpage.link_title") + "**", help=t("tgpage.link_help"))
        a, b, c = st.columns([2, 1, 1])
        source = a.text_input(t("compage.source"), key="telegram_link_source", max_chars=120)
        limit = b.number_input(t("tgpage.member_limit"), min_value=0, max_value=99999, value=0, step=10,
                               key="telegram_link_limit")
        requests = c.checkbox(t("tgpage.join_request"), key="telegram_link_request")
        if st.form_submit_button(t("tgpage.create_link"), type="primary"):
            try:
                link = create_telegram_link(ctx.db, ctx.principal, ctx.workspace.id, community_id, source,
                                            member_limit=limit or None, creates_join_request=requests,
                                            api_url=_api_url(), base_url=public_base_url(ctx.workspace))
            except (TelegramError, LinkError) as exc:
                st.error(plain(exc.message))
            else:
                st.success(t("compage.link_created", url=link.short_url))


def render_joins(ctx: Context) -> None:
    """Joins reported by the bot: per community (attributed to a link or not) and per link."""
    joins = telegram_joins(ctx.db, ctx.principal, ctx.workspace.id)
    if not joins.communities:
        return
    st.subheader(t("tgpage.joins"))
    show_table(pd.DataFrame([{
        t("compage.pick"): c.name or "—", t("tgpage.attributed"): c.attributed,
        t("tgpage.unattributed"): c.unattributed, t("tgpage.requests"): c.requests,
    } for c in joins.communities]), hide_index=True, width="stretch", key="telegram_joins")
