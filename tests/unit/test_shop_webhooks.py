"""Shop webhooks without a database: signatures, the WooCommerce ping, shop addresses and how Shopify's and
WooCommerce's order JSON become orders (lib/conversions/webhooks.py)."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lib.conversions.webhooks import (
    MAX_BODY,
    PayloadError,
    check_signature,
    is_ping,
    normalise_shop,
    parse_event,
    parse_shopify,
    parse_woocommerce,
    sign,
    woocommerce_landing_site,
)
from lib.routes import ROUTES
from tests.support.shops import body_of, shopify_order, shopify_refund, woo_order

SECRET = "shpss_0123456789abcdef0123456789abcdef"
OTHER_SECRET = "an-other-workspace-secret-42"


# --- signatures --------------------------------------------------------------------------------------------


def test_signature_is_base64_hmac_sha256_of_the_raw_body():
    """The header value is what Shopify and WooCommerce compute: base64(HMAC-SHA256(secret, raw body))."""
    body = body_of(shopify_order())
    expected = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    assert sign(body, SECRET) == expected
    assert check_signature(body, expected, SECRET)


@pytest.mark.parametrize("case", ["tampered_body", "tampered_signature", "missing", "empty", "wrong_secret",
                                  "hex_instead_of_base64", "non_ascii", "no_secret"])
def test_anything_but_the_exact_signature_is_refused(case):
    """A changed body, a changed or missing signature, another workspace's secret: all refused."""
    body = body_of(shopify_order())
    good = sign(body, SECRET)
    given, secret, checked = {
        "tampered_body": (good, SECRET, body.replace(b"89.80", b"8.98")),
        "tampered_signature": (good[:-3] + ("A" if good[-3] != "A" else "B") + good[-2:], SECRET, body),
        "missing": (None, SECRET, body),
        "empty": ("", SECRET, body),
        "wrong_secret": (sign(body, OTHER_SECRET), SECRET, body),
        "hex_instead_of_base64": (hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest(), SECRET, body),
        "non_ascii": ("é" * 44, SECRET, body),
        "no_secret": (good, None, body),
    }[case]
    assert not check_signature(checked, given, secret)


def test_woocommerce_ping_is_only_the_unsigned_form_body():
    """``webhook_id=N`` without a signature is WooCommerce's ping; nothing else is."""
    assert is_ping("woocommerce", b"webhook_id=12", None)
    assert not is_ping("woocommerce", b"webhook_id=12", "c2lnbmF0dXJl")
    assert not is_ping("shopify", b"webhook_id=12", None)
    assert not is_ping("woocommerce", b"webhook_id=12&total=1", None)
    assert not is_ping("woocommerce", b'{"id": 12}', None)


def test_ping_and_refusals_that_need_no_database():
    """The ping gets 200, a body over the cap 413 and an unnamed shop 401 without touching any database."""
    with TestClient(Starlette(routes=ROUTES)) as client:
        ping = client.post("/hooks/woocommerce", content=b"webhook_id=3",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert ping.status_code == 200 and ping.json()["description"] == "ping"
        assert client.post("/hooks/shopify", content=b"webhook_id=3").status_code == 401
        too_big = client.post("/hooks/shopify", content=b"x" * (MAX_BODY + 1),
                              headers={"X-Shopify-Hmac-Sha256": "x"})
        assert too_big.status_code == 413
        assert client.post("/hooks/shopify/short", content=b"{}").status_code == 401
        assert client.get("/hooks/shopify").status_code == 405


@pytest.mark.parametrize(("typed", "normalised"), [
    ("Ma-Boutique.myshopify.com", "ma-boutique.myshopify.com"),
    ("https://www.Domaine.fr/", "domaine.fr"),
    ("http://domaine.fr/boutique/", "domaine.fr/boutique"),
    ("domaine.fr:8443", "domaine.fr:8443"),
    ("  ", None),
    ("pas une adresse", None),
    ("javascript:alert(1)", None),
    ("https://user:pw@domaine.fr", None),
    ("localhost", None),
])
def test_shop_addresses_are_compared_normalised(typed, normalised):
    """What an owner types and what the shop's header says meet on one normalised form."""
    assert normalise_shop(typed) == normalised


# --- payloads ----------------------------------------------------------------------------------------------


def test_shopify_order_becomes_the_same_order_as_in_the_csv_export():
    """The order number is Shopify's ``name`` (#1001), as in the orders export; money in cents."""
    event = parse_shopify("orders/create", shopify_order(refunds=[shopify_refund(5, "10.00")]))
    order = event.order
    assert event.kind == "order" and event.external_id == "820982911946154508"
    assert (order.source, order.number, order.currency) == ("shopify", "#1001", "EUR")
    assert (order.total_cents, order.refunded_cents, order.amount_cents) == (8980, 1000, 7980)
    assert order.is_sale and not order.cancelled
    assert order.created_at == "2026-10-02 09:58:00 +0200"
    assert (order.email, order.phone, order.discount_code) == ("Ana@Example.fr", "+33612345678", "CHENIN10")
    assert order.landing_site == "/products/chenin?utm_source=whatsapp"
    assert [(line.name, line.quantity, line.unit_price_cents) for line in order.lines] == [
        ("Chenin 2022 - 75 cl", 2, 4490)]
    assert event.refunds == [("5", 1000)]  # the failed transaction is not a refund
    assert event.updated_at.isoformat() == "2026-10-02T10:00:00+02:00"


def test_shopify_cancelled_and_refunded_orders_are_not_sales():
    cancelled = parse_shopify("orders/cancelled", shopify_order(cancelled_at="2026-10-04T09:00:00+02:00",
                                                                 financial_status="voided")).order
    refunded = parse_shopify("orders/updated", shopify_order(financial_status="refunded")).order
    assert not cancelled.is_sale and cancelled.amount_cents == 0
    assert not refunded.is_sale and refunded.amount_cents == 0


def test_shopify_refund_names_its_order_by_the_shops_id():
    event = parse_shopify("refunds/create", shopify_refund(77, "41.94"))
    assert (event.kind, event.external_id, event.refunds) == ("refund", "820982911946154508", [("77", 4194)])


def test_shopify_phone_falls_back_to_the_customer_then_the_billing_address():
    data = shopify_order(phone=None)
    data["billing_address"]["phone"] = "06 11 22 33 44"
    assert parse_shopify("orders/create", data).order.phone == "06 11 22 33 44"


def test_shopify_declared_source_from_a_note_attribute():
    data = shopify_order(note_attributes=[{"name": "How did you hear about us?", "value": "Les Amis du Chenin"}])
    assert parse_shopify("orders/create", data).order.declared_source == "Les Amis du Chenin"


def test_woocommerce_order_with_its_attribution_as_a_landing_site():
    """WooCommerce's order attribution meta data becomes a URL with the UTM parameters attribution reads."""
    event = parse_woocommerce("order.created", woo_order(refunds=[{"id": 9, "reason": "", "total": "-6.00"}]))
    order = event.order
    assert (order.source, order.number, event.external_id) == ("woocommerce", "4750", "4750")
    assert (order.total_cents, order.refunded_cents, order.amount_cents) == (5400, 600, 4800)
    assert order.created_at == "2026-10-03 07:30:00 +0000"  # date_created_gmt is UTC
    assert event.updated_at.isoformat() == "2026-10-03T08:00:00+00:00"
    assert order.landing_site == "https://domaine.fr/boutique/?utm_source=whatsapp&utm_campaign=AbCdEf12"
    assert (order.discount_code, order.email, order.phone) == ("cercle-amis", "lea@example.fr", "06 12 34 56 78")
    lines = [(line.name, line.quantity, line.unit_price_cents) for line in order.lines]
    assert lines == [("Crémant de Loire", 3, 1800)]


@pytest.mark.parametrize(("status", "sale"), [("processing", True), ("completed", True), ("on-hold", False),
                                              ("pending", False),
                                              ("cancelled", False), ("failed", False), ("refunded", False),
                                              ("trash", False)])
def test_woocommerce_statuses(status, sale):
    """As WooCommerce's exports are read: only paid orders (processing, completed) are sales."""
    assert parse_woocommerce("order.updated", woo_order(status=status)).order.is_sale is sale


def test_woocommerce_landing_site_without_entry_or_utm():
    assert woocommerce_landing_site([]) is None
    assert woocommerce_landing_site([{"key": "_wc_order_attribution_utm_source", "value": "(none)"}]) is None
    assert woocommerce_landing_site([{"key": "_wc_order_attribution_utm_content", "value": "AbCdEf12"}]) == (
        "/?utm_content=AbCdEf12")
    assert woocommerce_landing_site([{"key": "_wc_order_attribution_session_entry",
                                      "value": "javascript:alert(1)"}]) is None


def test_woocommerce_deletion_names_the_order():
    assert parse_woocommerce("order.deleted", {"id": 4750}).kind == "delete"


def test_unknown_topics_are_ignored_without_reading_the_body():
    assert parse_event("shopify", "products/update", b"not even json").kind == "ignored"
    assert parse_event("woocommerce", "coupon.created", b"\xff").kind == "ignored"


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe", b"", b"[" * 100_000,
                                 b'{"name": "#1"}', b'{"id": 1}', b'{"id": {"x": 1}, "name": "#1"}'])
def test_unreadable_order_bodies_are_payload_errors(raw):
    with pytest.raises(PayloadError):
        parse_event("shopify", "orders/create", raw)


def test_hostile_values_are_kept_as_plain_bounded_text():
    """Strings where numbers are expected, numbers where strings are, huge and markup strings: no crash."""
    data = shopify_order(total="<script>alert(1)</script>", email="=HYPERLINK(\"x\")", code="x" * 10_000,
                         landing_site="/" + "é" * 10_000)
    data["line_items"] = [{"name": ["a"], "quantity": "lots"}, {"title": "<b>Vin</b>", "quantity": -3, "price": True},
                          "not a line"]
    data["refunds"] = [{"id": None}, "x", {"id": 3, "transactions": "none"}]
    data["financial_status"] = {"a": 1}
    order = parse_shopify("orders/create", data).order
    assert order.total_cents is None and order.financial_status is None
    assert len(order.discount_code) == 200 and len(order.landing_site) == 4096
    assert [(line.name, line.quantity, line.unit_price_cents) for line in order.lines] == [("<b>Vin</b>", 1, None)]
