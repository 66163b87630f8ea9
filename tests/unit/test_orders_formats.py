"""WooCommerce, PrestaShop and mapped order files: golden readings (line items, refunds, cancellations, French
decimal commas), status meanings, the column guess and the plain refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.contacts.readers import read_contacts_file
from lib.conversions.attribution import utm_pair
from lib.conversions.orders import (
    OrderReadError,
    detect_format,
    parse_order_time,
    read_orders,
    read_orders_as,
    status_meaning,
)
from lib.conversions.orders_mapping import guess_order_mapping, missing_order_fields
from tests.support.db import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "orders"


def _read(name: str, mapping: dict[str, str] | None = None):
    table = read_contacts_file((FIXTURES / name).read_bytes(), name)
    source, orders = read_orders_as(table.columns, table.rows, table.row_numbers, mapping)
    return source, {order.number: order for order in orders}


def _lines(order) -> list[tuple]:
    return [(line.name, line.quantity, line.unit_price_cents) for line in order.lines]


def test_woocommerce_export_golden():
    """Eight rows, seven orders: a two-line order with its coupon and WooCommerce's order attribution, a refund,
    a partial refund written negative, cancelled, failed and on-hold orders, and a total of "1,234.50"."""
    source, orders = _read("woocommerce_orders.csv")
    assert source == "woocommerce"
    assert list(orders) == ["1001", "1002", "1003", "1004", "1005", "1006", "1007"]
    first = orders["1001"]
    assert (first.total_cents, first.currency, first.discount_code, first.phone, first.email, first.buyer_name) == (
        9990, "EUR", "CERCLE10", "06 12 34 56 78", "camille@example.fr", "Camille Martin")
    assert _lines(first) == [("Château des Coteaux 2019", 2, 4500), ("Rosé de Provence 2025", 1, 990)]
    assert utm_pair(first.landing_site) == ("whatsapp", "cercle")  # "Origin: Source: whatsapp" + UTM campaign
    assert orders["1002"].landing_site is None  # "Direct" is no UTM source
    assert orders["1003"].landing_site is None  # "Referral: google.com" neither
    sales = {number: order.amount_cents for number, order in orders.items() if order.is_sale}
    assert sales == {"1001": 9990, "1003": 9000, "1007": 123450}
    assert orders["1004"].cancelled and not orders["1005"].cancelled
    assert parse_order_time(first.created_at) == dt.datetime(2026, 10, 2, 7, 58, tzinfo=dt.UTC)


def test_french_woocommerce_export_golden():
    """A French shop: ';', "N° de commande", "État", decimal commas "1 234,50", item rows filled on the first row
    only, two coupons in a cell (the first is kept), "Comment nous avez-vous connus ?" read as declared."""
    source, orders = _read("woocommerce_orders_fr.csv")
    assert source == "woocommerce"
    assert list(orders) == ["2001", "2002", "2003", "2004", "2005"]
    first = orders["2001"]
    assert (first.total_cents, first.discount_code, first.buyer_name, first.financial_status) == (
        123450, "CERCLE10", "Camille Martin", "Terminée")
    assert _lines(first) == [("Château des Coteaux 2019", 2, 4500), ("Rosé de Provence 2025", 1, 990)]
    assert parse_order_time(first.created_at) == dt.datetime(2026, 10, 2, 7, 58, tzinfo=dt.UTC)
    assert (orders["2002"].declared_source, orders["2002"].is_sale) == ("Le Cercle", False)  # Remboursée
    assert (orders["2003"].is_sale, orders["2003"].amount_cents) == (True, 9000)  # En cours, 30,00 refunded
    assert orders["2004"].cancelled and not orders["2004"].is_sale  # Annulée
    assert not orders["2005"].is_sale  # En attente
    assert sum(order.amount_cents for order in orders.values()) == 132450


def test_prestashop_export_golden():
    """PrestaShop's back-office export (';', BOM, "99,90 €"): ID is the number, the currency comes from the
    total, the customer's name is kept, repeated rows of one order are its lines, states decide the sale."""
    source, orders = _read("prestashop_orders.csv")
    assert source == "prestashop"
    assert list(orders) == ["12", "13", "14", "15", "16", "17", "18", "19"]
    first = orders["12"]
    assert (first.total_cents, first.currency, first.buyer_name, first.phone, first.email) == (
        9990, "EUR", "C. Martin", "06 12 34 56 78", "camille@example.fr")
    assert _lines(first) == [("Château des Coteaux 2019", 2, None), ("Rosé de Provence 2025", 1, None)]
    sale = {number: order.is_sale for number, order in orders.items()}
    assert sale == {"12": True, "13": False, "14": True, "15": False, "16": False, "17": True, "18": False,
                    "19": True}
    assert orders["14"].total_cents == 123450
    assert orders["15"].cancelled
    assert sum(order.amount_cents for order in orders.values()) == 139940


@pytest.mark.parametrize(("status", "sale", "cancelled"), [
    ("completed", True, False), ("wc-processing", True, False), ("Terminée", True, False), ("En cours", True, False),
    ("pending", False, False), ("wc-on-hold", False, False), ("failed", False, False), ("Échouée", False, False),
    ("refunded", False, False), ("Remboursée", False, False), ("cancelled", False, True), ("Annulée", False, True),
    ("checkout-draft", False, False), ("Livré", True, False), ("Paiement accepté", True, False),
    ("Expédié", True, False), ("Préparation en cours", True, False), ("Annulé", False, True),
    ("Remboursé", False, False), ("Erreur de paiement", False, False),
    ("En attente du paiement par chèque", False, False), ("En attente de réapprovisionnement (payé)", True, False),
    ("En attente de réapprovisionnement (non payé)", False, False), ("partially_refunded", True, False),
    ("Remboursement partiel", True, False), ("", True, False), (None, True, False), ("Prêt pour retrait", True, False),
])
def test_status_meanings(status, sale, cancelled):
    """WooCommerce's and PrestaShop's statuses, English slugs and French labels; a shop's own status is a sale."""
    assert status_meaning(status) == (sale, cancelled)


def test_generic_file_guess_then_mapping():
    """A caviste's own spreadsheet: the guess finds number, date, total, buyer, phone, code, product and
    quantity from French headers; with that mapping the file reads, line rows included."""
    table = read_contacts_file((FIXTURES / "generic_orders.csv").read_bytes(), "generic_orders.csv")
    assert detect_format(table.columns) is None
    mapping = guess_order_mapping(table.columns)
    assert mapping == {"Ticket": "number", "Jour": "date", "Montant TTC": "total", "Client": "buyer_name",
                       "Portable": "phone", "Code": "promo_code", "Vin": "product", "Qté": "quantity",
                       "Remarque": "ignore"}
    with pytest.raises(OrderReadError) as raised:
        read_orders(table.columns, table.rows, table.row_numbers)
    assert raised.value.code == "needs_mapping" and "Conversions" in raised.value.message
    source, orders = _read("generic_orders.csv", mapping)
    assert source == "csv"
    assert [(o.number, o.total_cents, o.is_sale, len(o.lines)) for o in orders.values()] == [
        ("C-101", 4500, True, 1), ("C-102", 123450, True, 2), ("C-103", 1850, True, 1)]
    assert orders["C-103"].buyer_name == "<script>alert(1)</script>"  # text, shown as text
    assert orders["C-101"].currency is None


def test_a_mapping_without_number_or_total_is_refused_in_french():
    mapping = {"Ticket": "ignore", "Montant TTC": "total"}
    assert missing_order_fields(mapping) == ["number"]
    with pytest.raises(OrderReadError) as raised:
        read_orders(["Ticket", "Montant TTC"], [["1", "5"]], [2], mapping)
    assert raised.value.code == "mapping_incomplete" and "numéro de commande" in raised.value.message


@pytest.mark.parametrize(("columns", "expected"), [
    (["Order ID", "Order Date", "Status", "Order Total", "Refunded Total", "Order Currency", "Billing Email",
      "Billing Phone", "Coupon Code", "Item Name", "Item Quantity"],
     {"Order ID": "number", "Order Date": "date", "Status": "status", "Order Total": "total",
      "Refunded Total": "refunded", "Order Currency": "currency", "Billing Email": "email", "Billing Phone": "phone",
      "Coupon Code": "promo_code", "Item Name": "product", "Item Quantity": "quantity"}),
    (["order_number", "order_date", "status", "order_total", "order_currency", "billing_email", "billing_phone",
      "coupon_items", "line_item_1", "line_item_2", "_wc_order_attribution_utm_source",
      "_wc_order_attribution_utm_campaign", "_wc_order_attribution_utm_content", "order_subtotal", "shipping_total",
      "cart_discount"],
     {"order_number": "number", "order_date": "date", "status": "status", "order_total": "total",
      "order_currency": "currency", "billing_email": "email", "billing_phone": "phone", "coupon_items": "promo_code",
      "line_item_1": "line_item", "line_item_2": "line_item", "_wc_order_attribution_utm_source": "utm_source",
      "_wc_order_attribution_utm_campaign": "utm_campaign", "_wc_order_attribution_utm_content": "utm_content",
      "order_subtotal": "ignore", "shipping_total": "ignore", "cart_discount": "ignore"}),
    (["N° commande", "Date", "Total HT", "Total TTC", "TVA", "E-mail", "Téléphone", "Comment nous avez-vous connus",
      "Lien"],
     {"N° commande": "number", "Date": "date", "Total HT": "ignore", "Total TTC": "total", "TVA": "ignore",
      "E-mail": "email", "Téléphone": "phone", "Comment nous avez-vous connus": "declared", "Lien": "landing"}),
    (["Order ID", "Order Number", "Name", "Order Total", "Sous-total"],
     {"Order ID": "ignore", "Order Number": "number", "Name": "buyer_name", "Order Total": "total",
      "Sous-total": "ignore"}),
])
def test_order_columns_are_guessed_from_english_french_and_raw_woocommerce_headers(columns, expected):
    assert guess_order_mapping(columns) == expected


def test_woocommerce_import_suite_packed_cells_and_utm_columns():
    """WooCommerce's Import Export Suite writes "name:…|quantity:…|total:…" and "code:…|amount:…" cells;
    attribution columns become the landing URL's UTM parameters (the link code in utm_content)."""
    columns = ["order_number", "order_date", "status", "order_total", "order_currency", "billing_email",
               "coupon_items", "line_item_1", "line_item_2", "_wc_order_attribution_utm_source",
               "_wc_order_attribution_utm_campaign", "_wc_order_attribution_utm_content"]
    rows = [["3001", "2026-10-02T09:58:00", "wc-completed", "120.00", "EUR", "ana@example.fr",
             "code:CERCLE10|amount:10.00", "name:Vin rouge|product_id:9|quantity:2|total:90.00",
             "name:Rosé|quantity:1|total:30.00", "whatsapp", "cercle", "Ab12Cd34"]]
    source, [order] = read_orders_as(columns, rows, [2])
    assert source == "woocommerce"
    assert order.discount_code == "CERCLE10"
    assert [(line.name, line.quantity, line.unit_price_cents) for line in order.lines] == [
        ("Vin rouge", 2, 4500), ("Rosé", 1, 3000)]
    assert order.landing_site == "?utm_source=whatsapp&utm_campaign=cercle&utm_content=Ab12Cd34"
    assert order.is_sale and order.amount_cents == 12000


@pytest.mark.parametrize(("text", "expected"), [
    ("02/10/2026 09:58:00", dt.datetime(2026, 10, 2, 7, 58, tzinfo=dt.UTC)),
    ("2026-10-02T09:58", dt.datetime(2026, 10, 2, 7, 58, tzinfo=dt.UTC)),
    ("2026-10-02T07:58:00Z", dt.datetime(2026, 10, 2, 7, 58, tzinfo=dt.UTC)),
    ("02/10/2026 à 09:58", dt.datetime(2026, 10, 2, 7, 58, tzinfo=dt.UTC)),
    ("02.10.2026", dt.datetime(2026, 10, 1, 22, 0, tzinfo=dt.UTC)),
])
def test_order_dates_as_shops_and_spreadsheets_write_them(text, expected):
    assert parse_order_time(text) == expected


def test_an_english_prestashop_export_is_recognised_too():
    """PrestaShop in English: "Reference", "New client", "Delivery", "Customer", "Payment", "Status"."""
    columns = ["ID", "Reference", "New client", "Delivery", "Customer", "Total", "Payment", "Status", "Date"]
    rows = [["7", "ABCDEFGHI", "1", "France", "A. Martin", "€45.90", "Bank wire", "Payment accepted",
             "2026-10-02 09:58:00"],
            ["8", "ABCDEFGHI", "0", "France", "A. Martin", "€10.00", "Bank wire", "Canceled", "2026-10-02 09:58:00"]]
    assert detect_format(columns) == "prestashop"
    source, orders = read_orders_as(columns, rows, [2, 3])
    assert source == "prestashop"
    assert [(o.number, o.total_cents, o.currency, o.buyer_name, o.is_sale) for o in orders] == [
        ("7", 4590, "EUR", "A. Martin", True), ("8", 1000, "EUR", "A. Martin", False)]


def test_an_order_rebuilt_without_its_sale_flag_is_judged_by_its_status():
    """An order of WooCommerce, PrestaShop or a mapped file read back from the database (no ``sale`` set) keeps
    the meaning its status had when read; Shopify's keep their own rule (refunded and voided are no sale)."""
    from lib.conversions.orders import Order

    def order(source: str, status: str) -> Order:
        return Order(source=source, number="1", row=1, created_at=None, currency="EUR", total_cents=1000,
                     refunded_cents=0, financial_status=status, cancelled=False, email=None, phone=None,
                     discount_code=None, landing_site=None)

    assert not order("woocommerce", "pending").is_sale and order("woocommerce", "processing").is_sale
    assert not order("prestashop", "Erreur de paiement").is_sale and order("prestashop", "Livré").is_sale
    assert order("shopify", "pending").is_sale and not order("shopify", "voided").is_sale
