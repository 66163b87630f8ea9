"""The conversions page's "orders in" section: a shop's orders export or any other file through a column
mapping, and sales typed in at the cellar door or a wine fair."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from lib import clock
from lib.contacts.readers import ReadError, ReadLimits, read_contacts_file
from lib.conversions.manual_orders import (
    EARLIEST,
    ManualSale,
    ManualSaleError,
    delete_manual_sale,
    manual_sales,
    record_manual_sale,
)
from lib.conversions.orders import OrderReadError, detect_format, parse_order_time, read_orders_as
from lib.conversions.orders_mapping import (
    MULTI_COLUMN_ORDER_FIELDS,
    ORDER_FIELDS,
    REQUIRED_ORDER_FIELDS,
    guess_order_mapping,
    missing_order_fields,
    order_field_label,
)
from lib.conversions.store import import_orders, orders_replaced
from lib.i18n import CATALOG, t
from lib.links.communities import list_communities
from lib.ui.session import Context
from lib.ui.tables import show_table
from lib.ui.text import money, plain

_PARIS = ZoneInfo("Europe/Paris")
_MAP_KEY = "orders_map_"
_FORM_KEYS = ("orders_m_amount", "orders_m_phone", "orders_m_email", "orders_m_name", "orders_m_community",
              "orders_m_declared", "orders_m_promo", "orders_m_note")


def render_orders_in(ctx: Context) -> None:
    """Upload of an orders file and manual sales (editors and owners only)."""
    if ctx.workspace.role not in ("owner", "editor"):
        return
    with st.expander(t("convpage.import"), icon=":material/upload_file:", expanded=False):
        _upload(ctx)
    with st.expander(t("ordersin.manual"), icon=":material/storefront:",
                     expanded=bool(st.session_state.get("orders_m_flash"))):
        _manual(ctx)


def _read(upload):
    """The uploaded file read once and kept for this browser session only."""
    cached = st.session_state.get("orders_read")
    if cached and cached[0] == upload.file_id:
        return cached[1]
    table = read_contacts_file(upload.getvalue(), upload.name, limits=ReadLimits())
    st.session_state["orders_read"] = (upload.file_id, table)
    for field in ORDER_FIELDS:  # a new file: the previous file's choices no longer apply
        st.session_state.pop(_MAP_KEY + field, None)
    return table


def _mapping_wizard(table) -> dict[str, str] | None:
    """One choice per order field (the guess first); returns column -> field, or None (after saying why) while a
    column is chosen for two fields."""
    st.subheader(t("ordersin.mapping"))
    st.caption(t("ordersin.mapping_help"))
    with st.expander(t("import.raw_preview"), expanded=False):
        show_table(table.to_frame().head(8), width="stretch", key="orders_raw_preview")
    guessed = guess_order_mapping(table.columns)
    examples = {column: next((row[i].strip() for row in table.rows[:50] if i < len(row) and row[i].strip()), "")
                for i, column in enumerate(table.columns)}

    def shown(column: str | None) -> str:
        if column is None:
            return t("ordersin.none")
        example = examples.get(column, "")
        return f"{column} ({t('ordersin.example')} {example[:30]})" if example else column

    mapping: dict[str, str] = {}
    twice: list[str] = []
    fields_of: dict[str, list[str]] = {}
    slots = st.columns(2)
    for position, field in enumerate(ORDER_FIELDS[:-1]):
        label = order_field_label(field) + (" *" if field in REQUIRED_ORDER_FIELDS else "")
        with slots[position % 2]:
            if field in MULTI_COLUMN_ORDER_FIELDS:
                chosen = st.multiselect(label, table.columns, key=_MAP_KEY + field,
                                        default=[c for c in table.columns if guessed.get(c) == field])
            else:
                options = [None, *table.columns]
                default = next((c for c in table.columns if guessed.get(c) == field), None)
                one = st.selectbox(label, options, index=options.index(default), key=_MAP_KEY + field,
                                   format_func=shown)
                chosen = [one] if one is not None else []
        for column in chosen:
            if column in mapping:
                twice.append(column)
            mapping[column] = field
            fields_of.setdefault(column, []).append(field)
    for column in dict.fromkeys(twice):
        fields = ", ".join(order_field_label(field) for field in fields_of[column])
        st.warning(plain(t("ordersreview.twice", column=column, fields=fields)), icon=":material/warning:")
    # one column read as two fields (the total and the refund, say) is a mistake to fix, not a guess to make
    return None if twice else mapping


def _preview(orders) -> None:
    st.caption(t("ordersin.preview"))
    show_table(pd.DataFrame([{
        t("convpage.col_number"): order.number,
        t("convpage.col_date"): (f"{moment:%d/%m/%Y}" if (moment := parse_order_time(order.created_at)) else
                                 (order.created_at or "")),
        t("ordersin.col_total"): money(order.total_cents or 0, order.currency),
        t("ordersin.col_status"): status_label(order.financial_status),
        t("convpage.col_sale"): order.is_sale,
        t("ordersin.col_buyer"): order.buyer_name or order.email or order.phone or "",
        t("ordersin.col_lines"): len(order.lines),
    } for order in orders[:5]]), hide_index=True, width="stretch", key="orders_preview")


def _parsed(file_id: str, table, mapping: dict[str, str] | None):
    """The orders read from the file with this mapping, kept for this browser session while they stay the same."""
    key = (file_id, tuple(sorted((mapping or {}).items())))
    cached = st.session_state.get("orders_parsed")
    if cached and cached[0] == key:
        return cached[1]
    _, orders = read_orders_as(table.columns, table.rows, table.row_numbers, mapping)
    st.session_state["orders_parsed"] = (key, orders)
    return orders


def _upload(ctx: Context) -> None:
    upload = st.file_uploader(t("ordersin.upload"), type=["csv", "txt", "tsv", "xlsx", "ods"], key="orders_upload")
    if upload is None:
        return
    try:
        table = _read(upload)
    except ReadError as exc:
        st.error(plain(exc.message), icon=":material/block:")
        return
    file_format = detect_format(table.columns)
    mapping = None
    if file_format:
        st.info(t("ordersin.recognised", name=t(f"ordersin.format.{file_format}")), icon=":material/check:")
    else:
        mapping = _mapping_wizard(table)
        if mapping is None:
            return
        if missing_order_fields(mapping):
            st.warning(t("orders.error.mapping_incomplete"), icon=":material/help:")
            return
        if "date" not in mapping.values():
            st.caption(t("ordersin.no_date"))
    try:
        orders = _parsed(upload.file_id, table, mapping)
    except OrderReadError as exc:
        st.error(plain(exc.message), icon=":material/block:")
        return
    if not orders:
        st.warning(t("ordersin.no_orders"), icon=":material/help:")
        return
    _preview(orders)
    replaced = orders_replaced(ctx.db, ctx.principal, ctx.workspace.id, orders)
    if replaced:
        st.warning(t("ordersin.replaces", count=replaced), icon=":material/warning:")
    if st.button(t("convpage.import"), type="primary", key="orders_import", icon=":material/upload:"):
        try:
            report = import_orders(ctx.db, ctx.principal, ctx.workspace.id, table.columns, table.rows,
                                   table.row_numbers, file_name=upload.name, region=ctx.workspace.default_region,
                                   mapping=mapping)
        except OrderReadError as exc:
            st.error(plain(exc.message), icon=":material/block:")
            return
        st.success(t("convpage.report", orders=report.orders, sales=report.sales,
                     revenue=money(report.revenue_cents, report.currency), matched=report.matched_contacts))
        if report.reattributed:
            st.info(t("convtruth.reattributed", count=report.reattributed), icon=":material/swap_horiz:")
        elif not report.changed:
            st.info(t("ordersin.unchanged"), icon=":material/check:")
        if report.issues:
            st.markdown("**" + t("convpage.issues") + "**")
            show_table(pd.DataFrame([i.as_dict() for i in report.issues]), hide_index=True,
                         width="stretch", key="orders_issues")


def _manual(ctx: Context) -> None:
    st.caption(t("ordersin.manual_help"))
    if flash := st.session_state.pop("orders_m_flash", None):
        # lines made safe when written: user text in them went through plain()
        st.success(flash[0], icon=":material/check:")
        for line in flash[1:]:
            st.caption(line)
    if st.session_state.pop("orders_m_clear", False):  # a sale was recorded: an empty form for the next one
        for key in _FORM_KEYS:
            st.session_state.pop(key, None)
    today = clock.today()
    communities = [c.name for c in list_communities(ctx.db, ctx.principal, ctx.workspace.id)]
    with st.form("orders_manual_form", clear_on_submit=False, border=False):
        left, middle, right = st.columns([2, 2, 1])
        sold_on = left.date_input(t("ordersin.m_date"), value=today, min_value=EARLIEST,
                                  max_value=today + dt.timedelta(days=1), format="DD/MM/YYYY", key="orders_m_date")
        amount = middle.text_input(t("ordersin.m_amount"), key="orders_m_amount", max_chars=40,
                                   placeholder=t("ordersin.m_amount_help"))
        currency = right.text_input(t("ordersin.m_currency"), value="EUR", key="orders_m_currency", max_chars=3)
        left, middle, right = st.columns(3)
        phone = left.text_input(t("ordersin.m_phone"), key="orders_m_phone", max_chars=60)
        email = middle.text_input(t("ordersin.m_email"), key="orders_m_email", max_chars=320)
        name = right.text_input(t("ordersin.m_name"), key="orders_m_name", max_chars=200)
        left, middle, right = st.columns([2, 2, 1])
        named = left.selectbox(t("ordersin.m_community"), [None, *communities], key="orders_m_community",
                               format_func=lambda name: t("ordersin.none") if name is None else name,
                               help=t("ordersin.m_community_help"))
        declared = middle.text_input(t("ordersin.m_declared"), key="orders_m_declared", max_chars=200,
                                     help=t("ordersin.m_declared_help"))
        promo = right.text_input(t("ordersin.m_promo"), key="orders_m_promo", max_chars=200)
        note = st.text_area(t("ordersin.m_note"), key="orders_m_note", max_chars=1000, height=68)
        submitted = st.form_submit_button(t("ordersin.m_submit"), type="primary", key="orders_m_submit",
                                          icon=":material/add_shopping_cart:")
    if submitted:
        sale = ManualSale(sold_on=sold_on, amount=amount, currency=currency, phone=phone, email=email, name=name,
                          declared=named or declared, promo_code=promo, note=note)
        try:
            recorded = record_manual_sale(ctx.db, ctx.principal, ctx.workspace.id, sale,
                                          region=ctx.workspace.default_region)
        except ManualSaleError as exc:
            st.error(plain(exc.message), icon=":material/block:")
        else:
            lines = [t("ordersin.m_done", number=recorded.number,
                       amount=money(recorded.amount_cents, recorded.currency))]
            if recorded.contact_matched:
                lines.append(t("ordersin.m_matched"))
            lines.append(plain(t("ordersin.m_attributed", community=recorded.community, reason=recorded.reason or ""))
                         if recorded.community else t("ordersin.m_public"))
            st.session_state["orders_m_flash"] = lines
            st.session_state["orders_m_clear"] = True
            st.rerun()
    _manual_list(ctx)


def _manual_list(ctx: Context) -> None:
    sales = manual_sales(ctx.db, ctx.principal, ctx.workspace.id)
    if not sales:
        return
    st.markdown("**" + t("ordersin.m_list") + "**")
    show_table(pd.DataFrame([{
        t("convpage.col_number"): s["number"],
        t("convpage.col_date"): f"{s['created_at'].astimezone(_PARIS):%d/%m/%Y}" if s["created_at"] else "",
        t("convpage.col_amount"): money(s["amount_cents"], s["currency"]),
        t("ordersin.col_buyer"): s["buyer_name"] or s["phone_e164"] or s["email"] or "",
        t("ordersin.col_declared"): s["declared_source"] or "",
        t("ordersin.col_promo"): s["discount_code"] or "",
        t("convpage.col_community"): s["community"] or t("convpage.public"),
        t("ordersin.col_note"): s["note"] or "",
    } for s in sales]), hide_index=True, width="stretch", key="orders_manual_table")
    labels = {s["id"]: f"{s['number']} · {money(s['amount_cents'], s['currency'])}" for s in sales}
    picked = st.selectbox(t("ordersin.m_delete_pick"), list(labels), format_func=labels.get,
                          key="orders_m_delete_pick")
    sure = st.checkbox(t("ordersin.m_delete_confirm"), key="orders_m_delete_confirm")
    if st.button(t("ordersin.m_delete"), disabled=not sure, key="orders_m_delete", icon=":material/delete:"):
        number = delete_manual_sale(ctx.db, ctx.principal, ctx.workspace.id, picked)
        st.session_state.pop("orders_m_delete_confirm", None)
        st.session_state["orders_m_flash"] = [t("ordersin.m_deleted", number=number) if number
                                              else t("ordersin.m_delete_gone")]
        st.rerun()


def status_label(raw: str | None) -> str:
    """A shop's order status as the reader says it (« payée », « remboursée en partie »); an unknown one as written."""
    if not raw:
        return ""
    key = f"orderstatus.{raw.strip().lower().replace(' ', '_')}"
    return t(key) if key in CATALOG else raw
