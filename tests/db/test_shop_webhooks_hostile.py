"""Review of issue 6's webhooks against the database: replays under another topic or without a version change
nothing; counting refused signatures never waits for the connection's row lock; order files with hostile order
numbers are imported, not refused by PostgreSQL."""

from __future__ import annotations

import psycopg
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lib.conversions.store import import_orders
from lib.routes import ROUTES
from tests.support.db import make_user
from tests.support.shop_hooks import Space, shopify, woocommerce
from tests.support.shops import shopify_order, shopify_refund, woo_order


@pytest.fixture
def space(db) -> Space:
    return Space(db)


@pytest.fixture
def client(app_environment):
    with TestClient(Starlette(routes=ROUTES)) as test_client:
        yield test_client


def test_a_signed_order_replayed_as_a_deletion_does_not_cancel_it(db, space, client):
    """Whoever saw one signed order body (a proxy's log, say) could POST it again with X-WC-Webhook-Topic set to
    order.deleted and a new delivery id: the order was cancelled and left the figures."""
    assert woocommerce(client, space, woo_order()).json()["description"] == "stored"
    replay = woocommerce(client, space, woo_order(), topic="order.deleted")
    assert replay.status_code == 400
    order = space.orders()["4750"]
    assert order["is_sale"] and not order["cancelled"] and order["amount_cents"] == 5400


def test_a_signed_deletion_replayed_as_an_update_does_not_blank_the_order(db, space, client):
    assert woocommerce(client, space, woo_order()).json()["description"] == "stored"
    assert woocommerce(client, space, {"id": 4750}, topic="order.updated").status_code == 400
    assert space.orders()["4750"]["total_cents"] == 5400


def test_an_order_body_without_its_version_does_not_overwrite_a_known_order(db, space, client):
    """Stale updates were recognised only when the body carried ``updated_at``."""
    assert shopify(client, space, shopify_order(updated_at="2026-10-06T12:00:00+02:00",
                                                financial_status="refunded")).status_code == 200
    body = shopify_order(financial_status="paid")
    del body["updated_at"]
    assert shopify(client, space, body, topic="orders/updated").json()["description"] == "stale"
    assert not space.orders()["#1001"]["is_sale"]


def test_counting_a_refused_signature_never_waits_for_the_connections_lock(db, space):
    """The owner saving the settings (or another refusal being counted) holds the row: the count is skipped."""
    with db.admin() as holder:
        holder.execute("select 1 from public.shop_webhooks where workspace_id = %s and platform = 'shopify'"
                       " for update", (space.workspace.id,))
        with db.admin() as conn:
            conn.execute("set local role service_role")
            conn.execute("set local lock_timeout = '100ms'")  # the old function waited here, then failed
            conn.execute("select cercle_shop_hooks.note_rejected(%s, 'shopify')", (space.workspace.id,))
    with db.admin() as conn:
        conn.execute("set local role service_role")
        conn.execute("select cercle_shop_hooks.note_rejected(%s, 'shopify')", (space.workspace.id,))
        assert conn.execute("select rejected from public.shop_webhooks where workspace_id = %s"
                            " and platform = 'shopify'", (space.workspace.id,)).fetchone()[0] == 1


def test_order_numbers_alike_in_their_first_100_characters_import_as_one(db, space):
    """PostgreSQL refused the whole file ("ON CONFLICT DO UPDATE command cannot affect row a second time")."""
    columns = ["Numéro", "Total", "Produit"]
    rows = [["A" * 100 + "1", "10", "Vin"], ["A" * 100 + "2", "20", "Rosé"], ["B", "30", "Blanc"]]
    mapping = {"Numéro": "number", "Total": "total", "Produit": "product"}
    try:
        report = import_orders(db, space.owner, space.workspace.id, columns, rows, [2, 3, 4], file_name="x.csv",
                               mapping=mapping)
    except psycopg.Error as exc:  # pragma: no cover - the failure this test guards against
        pytest.fail(f"the import was refused by PostgreSQL: {exc}")
    assert (report.orders, report.revenue_cents) == (2, 4000)
    assert [issue.code for issue in report.issues] == ["duplicate_number"]
    assert sorted(space.orders()) == ["A" * 100, "B"]


def test_every_role_on_the_order_and_webhook_tables(db, space, client):
    """Viewers read orders but write none; editors write orders but see nothing of the shop connections (their
    secrets, deliveries, shop ids or refunds); a stranger sees nothing at all."""
    assert shopify(client, space, shopify_order()).status_code == 200
    editor, viewer, stranger = space.add_member("editor"), space.add_member("viewer"), make_user(db)
    hook_tables = ("shop_webhooks", "shop_webhook_deliveries", "shop_webhook_orders", "shop_webhook_refunds")
    ws = space.workspace.id
    for person, sees_orders, sees_hooks in ((editor, True, False), (viewer, True, False), (stranger, False, False),
                                            (space.owner, True, True)):
        with db.tenant(person) as conn:
            assert (conn.execute("select count(*) from public.orders where workspace_id = %s",
                                 (ws,)).fetchone()[0] == 1) is sees_orders
            for table in hook_tables[1:]:
                seen = conn.execute(f"select count(*) from public.{table} where workspace_id = %s",
                                    (ws,)).fetchone()[0]
                assert (seen > 0) is sees_hooks or table == "shop_webhook_refunds", (person, table)
            assert (conn.execute("select count(hook_key) from public.shop_webhooks where workspace_id = %s",
                                 (ws,)).fetchone()[0] > 0) is sees_hooks
    for person in (editor, viewer, space.owner):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(person) as conn:
            conn.execute("select secret from public.shop_webhooks where workspace_id = %s", (ws,))
    for person in (viewer, stranger):
        with db.tenant(person) as conn:
            assert conn.execute("update public.orders set total_cents = 1 where workspace_id = %s",
                                (ws,)).rowcount == 0
            assert conn.execute("delete from public.orders where workspace_id = %s", (ws,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(person) as conn:
            conn.execute("insert into public.orders (workspace_id, source, number) values (%s, 'manual', 'X-1')",
                         (ws,))
    for person in (editor, viewer):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(person) as conn:
            conn.execute("insert into public.shop_webhook_orders (workspace_id, platform, external_id, number)"
                         " values (%s, 'shopify', '1', '#1')", (ws,))
    assert space.orders()["#1001"]["total_cents"] == 8980


def test_a_file_giving_one_order_number_twice_with_different_contents_imports_the_same_way_twice(db, space):
    """The first non-empty value of each field wins, whatever the row order within the order: a second import of
    the same file changes nothing."""
    columns = ["Numéro", "Total", "Statut", "Produit"]
    rows = [["C-1", "10", "Terminée", "Vin"], ["C-2", "5", "Terminée", "Rosé"], ["C-1", "99", "Annulée", "Blanc"]]
    mapping = {"Numéro": "number", "Total": "total", "Statut": "status", "Produit": "product"}
    first = import_orders(db, space.owner, space.workspace.id, columns, rows, [2, 3, 4], file_name="a.csv",
                          mapping=mapping)
    again = import_orders(db, space.owner, space.workspace.id, columns, rows, [2, 3, 4], file_name="a.csv",
                          mapping=mapping)
    assert (first.orders, first.sales, first.revenue_cents, first.changed) == (2, 2, 1500, 2)
    assert (again.revenue_cents, again.changed) == (1500, 0)
    assert space.count("order_lines") == 3


def test_an_order_body_replayed_under_a_new_delivery_id_never_takes_a_refund_back(db, space, client):
    """Issue 13, finding 14: the first signed body of an order, POSTed again with a new X-Shopify-Webhook-Id after a
    refund, was applied again and the order was « paid » once more."""
    created = shopify_order(financial_status="paid")
    assert shopify(client, space, created).json()["description"] == "stored"
    assert shopify(client, space, shopify_refund(31, "19.80"), topic="refunds/create").status_code == 200
    assert space.orders()["#1001"]["financial_status"] == "partially_refunded"
    for topic in ("orders/create", "orders/updated", "orders/paid"):
        assert shopify(client, space, created, topic=topic).json()["description"] == "stale"
    order = space.orders()["#1001"]
    assert (order["financial_status"], order["refunded_cents"], order["is_sale"]) == ("partially_refunded", 1980, True)
    assert shopify(client, space, shopify_refund(32, "70.00"), topic="refunds/create").status_code == 200
    assert shopify(client, space, created, topic="orders/updated").json()["description"] == "stale"
    order = space.orders()["#1001"]
    assert (order["financial_status"], order["is_sale"], order["amount_cents"]) == ("refunded", False, 0)


def test_a_newer_order_body_that_forgets_its_refunds_keeps_the_refunded_status(db, space, client):
    assert shopify(client, space, shopify_order()).json()["description"] == "stored"
    assert shopify(client, space, shopify_refund(41, "89.80"), topic="refunds/create").status_code == 200
    later = shopify_order(financial_status="paid", updated_at="2026-10-07T10:00:00+02:00")
    assert shopify(client, space, later, topic="orders/updated").json()["description"] == "stored"
    order = space.orders()["#1001"]
    assert (order["financial_status"], order["is_sale"]) == ("refunded", False)


def test_a_woocommerce_body_replayed_under_a_new_delivery_id_changes_nothing(db, space, client):
    refunded = woo_order(status="refunded", modified="2026-10-05T08:00:00", refunds=[{"id": 9, "total": "-54.00"}])
    assert woocommerce(client, space, woo_order()).json()["description"] == "stored"
    assert woocommerce(client, space, refunded, topic="order.updated").json()["description"] == "stored"
    assert woocommerce(client, space, refunded, topic="order.updated").json()["description"] == "stale"
    assert woocommerce(client, space, woo_order(), topic="order.updated").json()["description"] == "stale"
    order = space.orders()["4750"]
    assert (order["financial_status"], order["is_sale"]) == ("refunded", False)
