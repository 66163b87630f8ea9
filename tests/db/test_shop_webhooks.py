"""Shopify and WooCommerce webhooks against a real PostgreSQL, through the app's routes: settings for owners only
with a secret nobody reads back, signed deliveries stored once, refunds, cancellations, stale updates, size and
body limits, and two workspaces that never cross (lib/conversions/webhooks.py)."""

from __future__ import annotations

import json

import psycopg
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lib.audit import entries
from lib.conversions.orders import Order, OrderLine
from lib.conversions.store import store_orders
from lib.conversions.webhooks import (
    MAX_BODY,
    WebhookError,
    connect_shop,
    disconnect_shop,
    shop_hook_status,
    sign,
)
from lib.links.communities import create_community
from lib.routes import ROUTES
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug
from tests.support.shop_hooks import BASE, Space, shopify, woocommerce
from tests.support.shops import body_of, shopify_order, shopify_refund, woo_order


@pytest.fixture
def space(db) -> Space:
    return Space(db)


@pytest.fixture
def client(app_environment):
    with TestClient(Starlette(routes=ROUTES)) as test_client:
        yield test_client


# --- settings ---------------------------------------------------------------------------------------------


def test_the_secret_is_written_but_never_read_back(db, space):
    """Owners see the connection (shop, URL, dates) but not even they can select the secret column."""
    status = space.status["shopify"]
    assert status.shop_domain == space.shop and status.url.startswith(f"{BASE}/hooks/shopify/")
    assert status.bare_url == f"{BASE}/hooks/shopify"
    assert all(space.secrets["shopify"] not in str(value) for value in vars(status).values())
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.tenant(space.owner) as conn:
            conn.execute("select secret from public.shop_webhooks where workspace_id = %s", (space.workspace.id,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.tenant(space.owner) as conn:
            conn.execute("select * from public.shop_webhooks where workspace_id = %s", (space.workspace.id,))
    logged = entries(db, space.owner, space.workspace.id, action="settings_changed")
    assert logged and all(space.secrets["shopify"] not in json.dumps(e.details) for e in logged)
    assert [e.details["settings"] for e in logged] == [["shop_webhook_woocommerce"], ["shop_webhook_shopify"]]
    connect_shop(db, space.owner, space.workspace.id, "shopify", secret="a-replaced-secret-0000", shop=space.shop)
    latest = entries(db, space.owner, space.workspace.id, action="settings_changed")[0]
    assert latest.details["settings"] == ["shop_webhook_shopify", "shop_webhook_shopify_secret"]
    assert "a-replaced-secret-0000" not in json.dumps(latest.details)


def test_only_owners_see_or_change_the_connection(db, space):
    for role in ("editor", "viewer"):
        person = space.add_member(role)
        assert shop_hook_status(db, person, space.workspace.id, base_url=BASE) == {}
        with pytest.raises(WebhookError) as refused:
            connect_shop(db, person, space.workspace.id, "shopify", secret="x" * 40, shop="evil.myshopify.com")
        assert refused.value.code == "owner_only"
        with pytest.raises(WebhookError):
            disconnect_shop(db, person, space.workspace.id, "shopify")
    stranger = make_user(db)
    assert shop_hook_status(db, stranger, space.workspace.id, base_url=BASE) == {}
    with db.tenant(stranger) as conn:
        assert conn.execute("select count(*) from public.shop_webhooks").fetchone()[0] == 0
    assert shop_hook_status(db, space.owner, space.workspace.id, base_url=BASE)["shopify"].shop_domain == space.shop


@pytest.mark.parametrize(("secret", "shop", "code"), [
    ("short", None, "bad_secret"),
    ("line\nbreak-in-the-secret", None, "bad_secret"),
    ("x" * 600, None, "bad_secret"),
    ("a-good-long-enough-secret", "pas une adresse", "bad_shop"),
    (None, "ok.myshopify.com", "secret_required"),
])
def test_refused_settings_save_nothing(db, secret, shop, code):
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("hooks"))
    with pytest.raises(WebhookError) as refused:
        connect_shop(db, owner, workspace.id, "shopify", secret=secret, shop=shop)
    assert refused.value.code == code and refused.value.message
    assert shop_hook_status(db, owner, workspace.id, base_url=BASE) == {}


def test_a_shop_is_connected_to_one_workspace_only(db, space):
    other = make_user(db)
    workspace = ensure_workspace(db, other, unique_slug("hooks"))
    with pytest.raises(WebhookError) as refused:
        connect_shop(db, other, workspace.id, "shopify", secret="another-secret-of-40-chars", shop=space.shop.upper())
    assert refused.value.code == "shop_taken"
    connect_shop(db, other, workspace.id, "shopify", secret="another-secret-of-40-chars", shop=None)
    assert shop_hook_status(db, other, workspace.id, base_url=BASE)["shopify"].shop_domain is None


def test_the_webhook_functions_are_closed_to_anon_and_authenticated(db):
    with db.admin() as conn:
        for role in ("anon", "authenticated"):
            for function in ("cercle_shop_hooks.signing_key(text, text, text)",
                             "cercle_shop_hooks.note_rejected(uuid, text)"):
                allowed = conn.execute("select has_function_privilege(%s, %s, 'execute')",
                                       (role, function)).fetchone()[0]
                assert not allowed, (role, function)


# --- Shopify deliveries -----------------------------------------------------------------------------------


def test_a_signed_order_is_stored_with_its_amounts_and_attributed(db, space, client):
    """orders/create on the bare path, named by the shop's domain: one order, money in cents, promo code."""
    community = create_community(db, space.owner, space.workspace.id, name="Les Amis du Chenin",
                                 channel="whatsapp_group", promo_code="CHENIN10")
    answer = shopify(client, space, shopify_order())
    assert answer.status_code == 200 and answer.json()["description"] == "stored"
    order = space.orders()["#1001"]
    assert (order["source"], order["total_cents"], order["refunded_cents"], order["amount_cents"]) == (
        "shopify", 8980, 0, 8980)
    assert order["is_sale"] and order["currency"] == "EUR" and order["email"] == "ana@example.fr"
    assert order["phone_e164"] == "+33612345678"
    assert (order["community_id"], order["method"]) == (community.id, "promo_code")
    assert space.count("order_lines") == 1
    status = shop_hook_status(db, space.owner, space.workspace.id, base_url=BASE)["shopify"]
    assert (status.deliveries, status.stored) == (1, 1) and status.last_delivery_at is not None


def test_a_replayed_delivery_changes_nothing(db, space, client):
    first = shopify(client, space, shopify_order(), delivery="same-delivery")
    with db.admin() as conn:  # someone corrects the order by hand meanwhile: the replay must not undo it
        conn.execute("update public.orders set total_cents = 1 where workspace_id = %s", (space.workspace.id,))
    again = shopify(client, space, shopify_order(), delivery="same-delivery")
    assert first.json()["description"] == "stored" and again.status_code == 200
    assert again.json()["description"] == "duplicate"
    assert space.orders()["#1001"]["total_cents"] == 1 and space.count("shop_webhook_deliveries") == 1


def test_the_same_order_twice_and_after_a_csv_import_is_one_order(db, space, client):
    """The export's "Name" and the webhook's ``name`` are the same key: one order, updated."""
    with db.tenant(space.owner) as conn:
        store_orders(conn, space.workspace.id, [Order(
            source="shopify", number="#1001", row=2, created_at="2026-10-02 09:58:00 +0200", currency="EUR",
            total_cents=8980, refunded_cents=0, financial_status="pending", cancelled=False, email=None, phone=None,
            discount_code=None, landing_site=None, lines=[OrderLine("Chenin 2022 - 75 cl", 2, 4490)])])
    assert shopify(client, space, shopify_order(), topic="orders/create").status_code == 200
    assert shopify(client, space, shopify_order(updated_at="2026-10-02T10:05:00+02:00"),
                   topic="orders/paid").status_code == 200
    orders = space.orders()
    assert list(orders) == ["#1001"] and orders["#1001"]["financial_status"] == "paid"
    assert space.count("order_lines") == 1


def test_a_webhook_update_keeps_what_the_file_import_knew(db, space, client):
    """Undo of the import still finds the order, and the buyer's name from the file stays."""
    with db.tenant(space.owner) as conn:
        import_id = conn.execute(
            "insert into public.order_imports (workspace_id, file_name, source, orders) "
            "values (%s, 'export.csv', 'shopify', 1) returning id::text", (space.workspace.id,)).fetchone()[0]
        store_orders(conn, space.workspace.id, [Order(
            source="shopify", number="#1001", row=2, created_at="2026-10-02 09:58:00 +0200", currency="EUR",
            total_cents=8980, refunded_cents=0, financial_status="pending", cancelled=False, email=None, phone=None,
            discount_code=None, landing_site=None, buyer_name="Zoé\x00 Dupont")], import_id=import_id)
    assert shopify(client, space, shopify_order(), topic="orders/paid").status_code == 200
    with db.tenant(space.owner) as conn:
        row = conn.execute("select import_id::text, buyer_name, financial_status from public.orders "
                           "where workspace_id = %s and number = '#1001'", (space.workspace.id,)).fetchone()
    assert row == (import_id, "Zoé Dupont", "paid")


def test_an_older_update_arriving_late_does_not_overwrite_a_newer_one(db, space, client):
    newer = shopify_order(financial_status="refunded", updated_at="2026-10-06T12:00:00+02:00",
                          refunds=[shopify_refund(11, "89.80")])
    older = shopify_order(financial_status="paid", updated_at="2026-10-02T10:00:00+02:00")
    assert shopify(client, space, newer, topic="orders/updated").json()["description"] == "stored"
    assert shopify(client, space, older, topic="orders/paid").json()["description"] == "stale"
    order = space.orders()["#1001"]
    assert order["financial_status"] == "refunded" and not order["is_sale"] and order["amount_cents"] == 0


def test_a_refund_arriving_later_lowers_then_removes_the_sale(db, space, client):
    assert shopify(client, space, shopify_order()).status_code == 200
    partial = shopify_refund(21, "19.80")
    assert shopify(client, space, partial, topic="refunds/create").json()["description"] == "stored"
    order = space.orders()["#1001"]
    assert (order["refunded_cents"], order["amount_cents"], order["is_sale"]) == (1980, 7000, True)
    assert order["financial_status"] == "partially_refunded"
    # the order's own update then tells the same refund: it counts once
    update = shopify_order(financial_status="partially_refunded", updated_at="2026-10-05T11:00:01+02:00",
                           refunds=[partial])
    assert shopify(client, space, update, topic="orders/updated").json()["description"] == "stored"
    assert space.orders()["#1001"]["refunded_cents"] == 1980
    assert shopify(client, space, shopify_refund(22, "70.00"), topic="refunds/create").status_code == 200
    order = space.orders()["#1001"]
    assert (order["refunded_cents"], order["amount_cents"], order["is_sale"]) == (8980, 0, False)


def test_a_refund_of_an_unknown_order_stores_nothing(db, space, client):
    answer = shopify(client, space, shopify_refund(31, "5.00", order_id=42), topic="refunds/create")
    assert answer.status_code == 200 and answer.json()["description"] == "unknown_order"
    assert space.count("orders") == 0 and space.count("shop_webhook_refunds") == 0


def test_a_cancelled_order_is_not_a_sale(db, space, client):
    assert shopify(client, space, shopify_order()).status_code == 200
    cancelled = shopify_order(financial_status="voided", cancelled_at="2026-10-03T09:00:00+02:00",
                              updated_at="2026-10-03T09:00:00+02:00")
    assert shopify(client, space, cancelled, topic="orders/cancelled").status_code == 200
    order = space.orders()["#1001"]
    assert order["cancelled"] and not order["is_sale"] and order["amount_cents"] == 0


def test_unknown_topics_are_answered_and_ignored(db, space, client):
    answer = shopify(client, space, {"id": 1, "title": "Chenin"}, topic="products/update")
    assert answer.status_code == 200 and answer.json()["description"] == "ignored"
    assert space.count("orders") == 0


def test_wrong_or_missing_signature_is_401_and_stores_nothing(db, space, client):
    for secret in (None, "not-the-shops-secret-at-all"):
        assert shopify(client, space, shopify_order(), secret=secret).status_code == 401
    tampered = body_of(shopify_order())
    signature = sign(tampered, space.secrets["shopify"])
    answer = client.post("/hooks/shopify", content=tampered.replace(b"89.80", b"0.01"), headers={
        "X-Shopify-Hmac-Sha256": signature, "X-Shopify-Topic": "orders/create", "X-Shopify-Shop-Domain": space.shop})
    assert answer.status_code == 401
    assert shopify(client, space, shopify_order(), shop="unknown-shop.myshopify.com").status_code == 401
    assert space.count("orders") == 0 and space.count("shop_webhook_deliveries") == 0
    status = shop_hook_status(db, space.owner, space.workspace.id, base_url=BASE)["shopify"]
    assert status.rejected == 3 and status.last_rejected_at is not None


def test_oversized_bodies_are_413_and_store_nothing(db, space, client):
    big = body_of(shopify_order(note="x" * MAX_BODY))
    assert shopify(client, space, None, raw=big).status_code == 413

    def chunks():  # no Content-Length: the cap holds while reading
        yield b'{"id": 1, "name": "#1", "note": "'
        for _ in range(MAX_BODY // 4096 + 1):
            yield b"x" * 4096
        yield b'"}'

    streamed = client.post("/hooks/shopify", content=chunks(), headers={
        "X-Shopify-Hmac-Sha256": "x", "X-Shopify-Topic": "orders/create", "X-Shopify-Shop-Domain": space.shop})
    assert streamed.status_code == 413
    assert space.count("orders") == 0 and space.count("shop_webhook_deliveries") == 0


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"\xff\xfe", b"", b"[" * 50_000,
                                 b'{"id": 5, "name": null}'])
def test_a_signed_but_malformed_body_is_400_and_stores_nothing(db, space, client, raw):
    assert shopify(client, space, None, raw=raw).status_code == 400
    assert space.count("orders") == 0 and space.count("shop_webhook_deliveries") == 0


def test_hostile_strings_are_stored_as_plain_bounded_text(db, space, client):
    payload = shopify_order(code="<img src=x onerror=alert(1)>'; drop table orders; --",
                            landing_site="/?utm_campaign=" + "%00" * 3000, email="=cmd|' /C calc'!A0@x.fr")
    payload["name"] = "#1001\u202e<b>"
    payload["line_items"] = [{"name": "\x00" * 10 + "Vin", "quantity": 1, "price": "1.00"}]
    answer = shopify(client, space, payload)
    assert answer.status_code == 200, answer.text
    order = space.orders()["#1001\u202e<b>"]
    assert order["discount_code"].startswith("<img") and len(order["landing_site"]) <= 4096
    with db.tenant(space.owner) as conn:
        assert conn.execute("select name from public.order_lines where workspace_id = %s",
                            (space.workspace.id,)).fetchone()[0] == "Vin"


# --- WooCommerce deliveries --------------------------------------------------------------------------------


def test_woocommerce_ping_is_answered_and_stores_nothing(db, space, client):
    for path in ("/hooks/woocommerce", f"/hooks/woocommerce/{space.key('woocommerce')}"):
        answer = client.post(path, content=b"webhook_id=3",
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert answer.status_code == 200
    assert space.count("shop_webhook_deliveries") == 0 and space.count("orders") == 0


def test_woocommerce_order_its_utm_attribution_refund_and_deletion(db, space, client):
    community = create_community(db, space.owner, space.workspace.id, name="Cercle des Crémants",
                                 channel="whatsapp_group", promo_code="CERCLE-AMIS")
    assert woocommerce(client, space, woo_order(), by_key=True).json()["description"] == "stored"
    order = space.orders()["4750"]
    assert (order["source"], order["amount_cents"], order["is_sale"]) == ("woocommerce", 5400, True)
    assert order["landing_site"] == "https://domaine.fr/boutique/?utm_source=whatsapp&utm_campaign=AbCdEf12"
    assert order["phone_e164"] == "+33612345678"
    assert (order["community_id"], order["method"]) == (community.id, "promo_code")
    refunded = woo_order(modified="2026-10-04T08:00:00", refunds=[{"id": 90, "reason": "", "total": "-18.00"}])
    assert woocommerce(client, space, refunded, topic="order.updated").json()["description"] == "stored"
    assert space.orders()["4750"]["amount_cents"] == 3600
    assert woocommerce(client, space, {"id": 4750}, topic="order.deleted").json()["description"] == "stored"
    order = space.orders()["4750"]
    assert order["cancelled"] and not order["is_sale"]


def test_woocommerce_signature_is_checked_like_shopifys(db, space, client):
    assert woocommerce(client, space, woo_order(), secret=None).status_code == 401
    assert woocommerce(client, space, woo_order(), secret=space.secrets["shopify"]).status_code == 401
    assert space.count("orders") == 0


# --- two workspaces ----------------------------------------------------------------------------------------


def test_two_workspaces_with_different_secrets_never_cross(db, client):
    a, b = Space(db), Space(db)
    # A's secret on B's shop, on B's key, then B's own delivery
    assert shopify(client, b, shopify_order(), secret=a.secrets["shopify"]).status_code == 401
    assert shopify(client, b, shopify_order(), secret=a.secrets["shopify"], by_key=True).status_code == 401
    assert shopify(client, a, shopify_order(), shop=b.shop).status_code == 401
    assert shopify(client, a, shopify_order(2002)).status_code == 200
    assert shopify(client, b, shopify_order(3003), by_key=True).status_code == 200
    assert list(a.orders()) == ["#2002"] and list(b.orders()) == ["#3003"]
    with db.tenant(a.owner) as conn:
        for table in ("orders", "shop_webhook_deliveries", "shop_webhook_orders", "shop_webhooks"):
            assert conn.execute(f"select count(*) from public.{table} where workspace_id = %s",
                                (b.workspace.id,)).fetchone()[0] == 0, table


def test_a_disconnected_shop_is_refused_and_its_orders_stay(db, space, client):
    assert shopify(client, space, shopify_order()).status_code == 200
    assert disconnect_shop(db, space.owner, space.workspace.id, "shopify")
    assert shopify(client, space, shopify_order(1002)).status_code == 401
    assert list(space.orders()) == ["#1001"]


def test_the_same_delivery_twice_at_once_is_applied_once(db, space):
    """Two workers receiving one delivery at the same moment: one stores it, the other sees a duplicate."""
    import threading

    from lib.conversions.webhooks import parse_event, process_delivery, signing_key

    key = signing_key(db, "shopify", None, space.shop)
    event = parse_event("shopify", "orders/create", body_of(shopify_order()))
    barrier, outcomes = threading.Barrier(2), []

    def deliver():
        barrier.wait()
        outcomes.append(process_delivery(db, key, "shopify", "one-delivery", "orders/create", event))

    workers = [threading.Thread(target=deliver) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(outcomes) == ["duplicate", "stored"]
    assert space.count("orders") == 1 and space.count("shop_webhook_deliveries") == 1

