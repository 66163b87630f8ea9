"""Order exports: line items fold into orders; refunded, voided and cancelled orders are not sales."""

from __future__ import annotations

import pytest

from lib.contacts.readers import read_contacts_file
from lib.conversions.orders import OrderReadError, parse_money, read_shopify_orders
from tests.support.db import PROJECT_ROOT


@pytest.mark.parametrize(("text", "cents"), [
    ("49.90", 4990), ("49,90 €", 4990), ("1 234,50", 123450), ("1,234.50", 123450), ("1.234,50", 123450),
    ("-5", -500), ("0", 0), ("", None), (None, None), ("€", None), ("12,5", 1250), ("1,000", 100000),
])
def test_parse_money(text, cents):
    """Amounts as shops and spreadsheets write them, in cents, never as floats."""
    assert parse_money(text) == cents


def test_shopify_export_golden():
    """Six rows, five orders: a two-line order, a refund, a partial refund, a voided and a cancelled order."""
    table = read_contacts_file((PROJECT_ROOT / "tests/fixtures/orders/shopify_orders.csv").read_bytes(), "o.csv")
    orders = {o.number: o for o in read_shopify_orders(table.columns, table.rows, table.row_numbers)}
    assert list(orders) == ["#1001", "#1002", "#1003", "#1004", "#1005"]
    first = orders["#1001"]
    assert (first.total_cents, first.currency, first.discount_code, first.phone) == (9990, "EUR", "CERCLE10",
                                                                                      "+33612345678")
    assert [(line.name, line.quantity, line.unit_price_cents) for line in first.lines] == [
        ("Château des Coteaux 2019", 2, 4500), ("Rosé de Provence 2025", 1, 1000)]
    assert first.is_sale and first.amount_cents == 9990
    assert not orders["#1002"].is_sale and orders["#1002"].amount_cents == 0
    assert orders["#1003"].is_sale and orders["#1003"].amount_cents == 9000
    assert not orders["#1004"].is_sale
    assert not orders["#1005"].is_sale  # cancelled
    assert sum(o.amount_cents for o in orders.values()) == 18990


def test_a_file_that_is_not_a_shopify_export_is_refused_plainly():
    """Contacts given to the orders reader get a sentence, not a crash."""
    with pytest.raises(OrderReadError) as raised:
        read_shopify_orders(["Prénom", "Téléphone"], [["Ana", "0612345678"]], [2])
    assert "Shopify" in raised.value.message


def test_order_times_unknown_formats_and_the_declared_column():
    """Shopify's timestamps with their offset; a naive time is Paris time; unknown files want a mapping;
    a "how did you hear about us?" column, when a shop adds one, is read."""
    import datetime as dt

    from lib.conversions.orders import parse_order_time, read_orders

    assert parse_order_time("2026-10-02 09:58:00 +0200") == dt.datetime(2026, 10, 2, 7, 58, tzinfo=dt.UTC)
    assert parse_order_time("2026-07-01 12:00:00").utcoffset() == dt.timedelta(hours=2)
    assert parse_order_time("hier") is None and parse_order_time(None) is None
    with pytest.raises(OrderReadError) as raised:
        read_orders(["order_id", "total"], [["1", "5"]], [2])
    assert raised.value.code == "needs_mapping" and "WooCommerce" in raised.value.message
    columns = ["Name", "Financial Status", "Total", "Lineitem name", "How did you hear about us?"]
    [order] = read_orders(columns, [["#9", "paid", "10", "Vin", " Le Cercle "]], [2])
    assert order.declared_source == "Le Cercle" and order.is_sale


def test_prepared_rows_report_unreadable_cells_by_file_line():
    """Unreadable phone, date or currency: the order is kept without it; an absurd amount: the order is left out."""
    from lib.conversions.store import _prepare

    columns = ["Name", "Financial Status", "Total", "Lineitem name", "Phone", "Created at", "Currency", "Email"]
    rows = [["#1", "paid", "10", "Vin", "6,12346E+08", "hier", "euros", "Ana@Example.FR"],
            ["#2", "paid", "999999999999999", "Vin", "", "", "EUR", ""]]
    orders = read_shopify_orders(columns, rows, [2, 3])
    order_rows, line_rows, issues = _prepare(orders, "FR")
    assert [(i.row, i.column, i.code) for i in issues] == [
        (2, "Phone", "phone_invalid"), (2, "Created at", "bad_date"), (2, "Currency", "bad_currency"),
        (3, "Total", "bad_amount")]
    assert len(order_rows) == 1 and len(line_rows) == 1
    assert order_rows[0][-4:-2] == (None, "ana@example.fr")
    assert all(set(i.as_dict()) == {"row", "column", "value", "code", "message"} for i in issues)
