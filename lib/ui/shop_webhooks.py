"""The settings section where an owner connects Shopify or WooCommerce (lib/conversions/webhooks.py).

Once saved, a secret is never shown again: the section says whether the shop is connected, which shop, the URL
to paste into the shop, when the last delivery came and how many were stored or refused.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from lib.audit import DISPLAY_TIME_ZONE
from lib.conversions.webhooks import (
    PLATFORMS,
    ShopHookStatus,
    WebhookError,
    connect_shop,
    disconnect_shop,
    shop_hook_status,
)
from lib.i18n import t
from lib.ui.session import Context
from lib.ui.text import plain
from lib.workspaces import public_base_url


def _when(moment: dt.datetime | None) -> str:
    return moment.astimezone(DISPLAY_TIME_ZONE).strftime("%d/%m/%Y %H:%M") if moment else t("shophooks.never")


def _render_status(platform: str, status: ShopHookStatus) -> None:
    st.success(t("shophooks.connected"))
    st.write(plain(t("shophooks.status", shop=status.shop_domain or t("shophooks.no_shop"),
                     secret_date=_when(status.secret_updated_at), deliveries=status.deliveries, stored=status.stored,
                     last=_when(status.last_delivery_at))))
    if status.rejected:
        st.warning(t("shophooks.rejected", count=status.rejected, last=_when(status.last_rejected_at)))


def _render_platform(ctx: Context, platform: str, status: ShopHookStatus | None, base_url: str) -> None:
    name = t(f"shophooks.platform.{platform}")
    if status is None:
        st.caption(t("shophooks.not_connected"))
    else:
        _render_status(platform, status)
    url = status.url if status else None
    if url:
        st.caption(t(f"shophooks.steps.{platform}"))
        st.code(url, language=None)
        if status and status.shop_domain:
            st.caption(t("shophooks.bare_url", url=status.bare_url))
    with st.form(f"shophook_{platform}_form", border=True, clear_on_submit=True):
        shop = st.text_input(t("shophooks.shop"), value=(status.shop_domain if status else "") or "",
                             help=t(f"shophooks.shop_help.{platform}"), max_chars=253, key=f"shophook_{platform}_shop")
        secret = st.text_input(t("shophooks.secret_new") if status else t("shophooks.secret"), type="password",
                               help=t(f"shophooks.secret_help.{platform}"), max_chars=512,
                               key=f"shophook_{platform}_secret")
        submitted = st.form_submit_button(t("shophooks.save") if status else t("shophooks.connect"),
                                          type="primary", key=f"shophook_{platform}_save")
    if submitted:
        # the secret leaves the session (and so the browser's widget state) whatever happens next
        st.session_state.pop(f"shophook_{platform}_secret", None)
        try:
            connect_shop(ctx.db, ctx.principal, ctx.workspace.id, platform, secret=secret, shop=shop)
        except WebhookError as exc:
            st.error(plain(exc.message))
        else:
            st.session_state["shophook_notice"] = t("shophooks.saved", platform=name)
            st.rerun()
    if status is not None and st.button(t("shophooks.disconnect"), key=f"shophook_{platform}_disconnect"):
        disconnect_shop(ctx.db, ctx.principal, ctx.workspace.id, platform)
        st.session_state["shophook_notice"] = t("shophooks.disconnected", platform=name)
        st.rerun()


def render_shop_webhooks(ctx: Context) -> None:
    """The "live orders" section of the settings page: owners connect their shop, others are told who can."""
    st.subheader(t("shophooks.title"))
    st.caption(t("shophooks.intro"))
    if ctx.workspace.role != "owner":
        st.info(t("shophooks.owner_only"))
        return
    notice = st.session_state.pop("shophook_notice", None)
    if notice:
        st.success(notice)
    base_url = public_base_url(ctx.workspace)  # the workspace's own address, else PUBLIC_BASE_URL
    if not base_url.startswith("https://"):
        st.warning(t("shophooks.https", url=base_url))
    statuses = shop_hook_status(ctx.db, ctx.principal, ctx.workspace.id, base_url=base_url)
    tabs = st.tabs([t(f"shophooks.platform.{platform}") for platform in PLATFORMS])
    for tab, platform in zip(tabs, PLATFORMS, strict=True):
        with tab:
            _render_platform(ctx, platform, statuses.get(platform), base_url)
