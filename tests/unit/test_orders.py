"""Order exports: line items fold into orders; refunded, voided and cancelled orders are not sales."""

from __future__ import annotations

import pytest

from lib.contacts.readers import read_contacts_file
from lib.conversions.orders import OrderReadError, parse_money, read_shopify_orders
from tests.conftest import PROJECT_ROOT


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
