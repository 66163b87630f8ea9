"""The "Journal d'activité" section of Réglages: the workspace's activity log, filtered by action and period,
as a table of French sentences, downloadable as CSV. Every read is a call into lib.audit under the user's claims.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lib import clock
from lib.audit import ACTIONS, action_label, entries, local_time
from lib.contacts.export import to_csv
from lib.i18n import t
from lib.ui.session import Context
from lib.ui.tables import show_table

_PERIODS = ("30", "7", "365", "all")
_LIMIT = 500


def _since(period: str) -> dt.datetime | None:
    if period == "all":
        return None
    return clock.now() - dt.timedelta(days=int(period))


def render_audit(ctx: Context) -> None:
    st.subheader(t("audit.title"))
    st.caption(t("audit.help"))
    left, right = st.columns(2)
    action = left.selectbox(t("audit.filter_action"), (None, *ACTIONS), format_func=action_label,
                            key="audit_action")
    period = right.selectbox(t("audit.filter_period"), _PERIODS, format_func=lambda p: t(f"audit.period.{p}"),
                             key="audit_period")
    found = entries(ctx.db, ctx.principal, ctx.workspace.id, action=action, since=_since(period), limit=_LIMIT)
    if not found:
        st.info(t("audit.empty"), icon=":material/history:")
        return
    header = (t("audit.col.when"), t("audit.col.who"), t("audit.col.action"), t("audit.col.what"))
    rows = [(local_time(e.at), e.actor_email or t("audit.unknown_actor"), action_label(e.action), e.describe())
            for e in found]
    st.caption(t("audit.count", count=len(rows)))
    show_table(pd.DataFrame(rows, columns=list(header)), hide_index=True, width="stretch", key="audit_table")
    st.download_button(t("audit.download_csv"), to_csv(header, rows), f"journal-{ctx.workspace.slug}.csv",
                       "text/csv", key="audit_csv", icon=":material/download:")
