"""The conversions page's "orders in" section: uploading a shop's orders export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.contacts.readers import ReadError, read_contacts_file
from lib.conversions.orders import OrderReadError
from lib.conversions.store import import_orders
from lib.i18n import t
from lib.ui.session import Context
from lib.ui.text import money, plain


def render_orders_in(ctx: Context) -> None:
    """Upload of an orders export (editors and owners only)."""
    if ctx.workspace.role not in ("owner", "editor"):
        return
    with st.expander(t("convpage.import"), icon=":material/upload_file:", expanded=False):
        upload = st.file_uploader(t("convpage.upload"), type=["csv", "txt", "xlsx"], key="orders_upload")
        if upload is not None and st.button(t("convpage.import"), type="primary", key="orders_import"):
            try:
                table = read_contacts_file(upload.getvalue(), upload.name)
                report = import_orders(ctx.db, ctx.principal, ctx.workspace.id, table.columns, table.rows,
                                       table.row_numbers, file_name=upload.name, region=ctx.workspace.default_region)
            except (ReadError, OrderReadError) as exc:
                st.error(plain(exc.message), icon=":material/block:")
            else:
                st.success(t("convpage.report", orders=report.orders, sales=report.sales,
                             revenue=money(report.revenue_cents, report.currency),
                             matched=report.matched_contacts))
                if report.issues:
                    st.markdown("**" + t("convpage.issues") + "**")
                    st.dataframe(pd.DataFrame([i.as_dict() for i in report.issues]), hide_index=True,
                                 width="stretch", key="orders_issues")
