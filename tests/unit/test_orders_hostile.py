"""Review of issue 6's order readers: hostile cells in an export neither crash nor freeze the import, and never
inflate the figures."""

from __future__ import annotations

import pytest

from lib.conversions.orders import _quantity, parse_money, read_mapped_orders, read_shopify_orders
from lib.conversions.store import _prepare

SHOPIFY = ["Name", "Financial Status", "Total", "Refunded Amount", "Lineitem name", "Lineitem quantity"]


@pytest.mark.parametrize("text", ["1e100000000", "9E+999999999", "1e-999999999", "Infinity", "NaN", "-3", "2,5",
                                  "1" * 5000])
def test_a_quantity_that_is_no_count_is_one_and_is_read_at_once(text):
    """Decimal("1e100000000") is valid, and int() of it builds a hundred-million-digit number: the reader froze."""
    assert _quantity(text) == 1


def test_quantities_that_are_counts_are_kept():
    assert [_quantity(text) for text in ("2", " 12 ", "3,0", "0", None, "1000000")] == [2, 12, 3, 0, 1, 1000000]


def test_a_shopify_quantity_in_superscript_does_not_crash_the_reader():
    """"²".isdigit() is true but int("²") raises: one such cell made the whole export fail with a ValueError."""
    [order] = read_shopify_orders(SHOPIFY, [["#1", "paid", "10", "", "Vin", "²"],
                                            ["#1", "", "", "", "Rosé", "1e100000000"]], [2, 3])
    assert [(line.name, line.quantity) for line in order.lines] == [("Vin", 1), ("Rosé", 1)]


def test_a_negative_refund_in_a_shopify_export_lowers_the_sale():
    """Written "-10.00", the refund raised the sale to 60 € instead of lowering it to 40 €."""
    [order] = read_shopify_orders(SHOPIFY, [["#1", "partially_refunded", "50.00", "-10.00", "Vin", "1"]], [2])
    assert (order.refunded_cents, order.amount_cents, order.is_sale) == (1000, 4000, True)


def test_a_negative_shopify_total_is_no_sale():
    """Every other source needs a positive total; Shopify's counted a credit note of -30 € as a sale."""
    [order] = read_shopify_orders(SHOPIFY, [["#1", "paid", "-30.00", "", "Vin", "1"]], [2])
    assert not order.is_sale and order.amount_cents == 0


@pytest.mark.parametrize("text", ["1e309", "4,99E+02", "1.5e+20", "2 e 3"])
def test_amounts_in_scientific_notation_are_not_misread(text):
    """The letter was stripped: "1e309" became 1 309,00 €."""
    assert parse_money(text) is None


@pytest.mark.parametrize(("text", "cents"), [("12 EUR", 1200), ("49,90 €", 4990), ("EUR 5", 500),
                                             ("1 234,50 euros", 123450)])
def test_amounts_with_a_currency_word_still_read(text, cents):
    assert parse_money(text) == cents


def test_order_numbers_alike_in_their_first_100_characters_are_one_order():
    """Two rows of one upsert cannot touch one order (PostgreSQL refuses the whole import): the second is left out
    and said so; its lines do not join the first order's."""
    first, second = "A" * 100 + "1", "A" * 100 + "2"
    orders = read_mapped_orders(["n", "t", "p"], [[first, "10", "Vin"], [second, "20", "Rosé"], ["\x00", "5", "X"]],
                                [2, 3, 4], {"n": "number", "t": "total", "p": "product"})
    order_rows, line_rows, issues = _prepare(orders, "FR")
    assert [(row[2], row[5]) for row in order_rows] == [("A" * 100, 1000)]
    assert line_rows == [("A" * 100, 1, "Vin", 1, None)]
    assert [(i.row, i.code) for i in issues] == [(3, "duplicate_number"), (4, "bad_number")]
    assert all(i.message and "conversions.issue" not in i.message for i in issues)
