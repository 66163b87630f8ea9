"""Sales typed in at the cellar door: numbered, matched and attributed like imported orders; hostile input refused
in French with nothing stored; only manual sales can be deleted, and only by their workspace."""

from __future__ import annotations

import datetime as dt

import pytest

from lib import audit
from lib.contacts.readers import read_contacts_file
from lib.conversions.manual_orders import (
    ManualSale,
    ManualSaleError,
    delete_manual_sale,
    manual_sales,
    record_manual_sale,
)
from lib.conversions.store import import_orders, sales_by_community
from lib.links.communities import create_community
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, make_user, unique_slug

TODAY = dt.date(2026, 11, 29)


def _count(db, principal, workspace_id) -> int:
    with db.tenant(principal) as conn:
        return conn.execute("select count(*) from public.orders where workspace_id = %s",
                            (workspace_id,)).fetchone()[0]


def test_manual_sales_are_numbered_matched_and_attributed(db, owner_space):
    """CAVE-<year>-0001, 0002…; the buyer's phone finds the contact; the declared answer names a community; a
    sale from another year starts that year's count."""
    owner, workspace = owner_space
    cercle = create_community(db, owner, workspace.id, name="Le Cercle", channel="whatsapp_group",
                              promo_code="CAVE5")
    with db.tenant(owner) as conn:
        camille = conn.execute("insert into public.contacts (workspace_id, phone_e164) values (%s, '+33612345678') "
                               "returning id::text", (workspace.id,)).fetchone()[0]
    first = record_manual_sale(db, owner, workspace.id, ManualSale(
        sold_on=dt.date(2026, 11, 28), amount="127,50", phone="06 12 34 56 78", declared=" le cercle "),
        today=TODAY)
    assert (first.number, first.amount_cents, first.currency, first.contact_matched) == (
        "CAVE-2026-0001", 12750, "EUR", True)
    assert (first.community, first.confidence) == ("Le Cercle", "declared")
    with db.tenant(owner) as conn:
        assert conn.execute("select community_id::text from public.orders where id = %s",
                            (first.id,)).fetchone()[0] == cercle.id
    second = record_manual_sale(db, owner, workspace.id, ManualSale(
        sold_on=TODAY, amount="1 234,50 €", name="Jean <b>Dupont</b>", promo_code="cave5", note="Salon\nde Lyon"),
        today=TODAY)
    assert (second.number, second.amount_cents, second.contact_matched) == ("CAVE-2026-0002", 123450, False)
    assert (second.community, second.confidence) == ("Le Cercle", "certain")
    older = record_manual_sale(db, owner, workspace.id, ManualSale(sold_on=dt.date(2025, 6, 1), amount="30",
                                                                  email="Lea@Example.fr"), today=TODAY)
    assert older.number == "CAVE-2025-0001" and older.community is None and older.confidence == "none"
    listed = {row["number"]: row for row in manual_sales(db, owner, workspace.id)}
    assert list(listed) == ["CAVE-2026-0002", "CAVE-2026-0001", "CAVE-2025-0001"]
    assert listed["CAVE-2026-0002"]["buyer_name"] == "Jean <b>Dupont</b>"  # kept as text
    assert listed["CAVE-2026-0002"]["note"] == "Salon\nde Lyon"
    assert listed["CAVE-2025-0001"]["email"] == "lea@example.fr"
    with db.tenant(owner) as conn:
        row = conn.execute("select contact_id::text, created_at, is_sale, source from public.orders "
                           "where workspace_id = %s and number = 'CAVE-2026-0001'", (workspace.id,)).fetchone()
    assert row[0] == camille and row[2] and row[3] == "manual"
    assert row[1] == dt.datetime(2026, 11, 28, 11, 0, tzinfo=dt.UTC)  # noon in Paris
    feed = {s.name: s for s in sales_by_community(db, owner, workspace.id)}
    assert (feed["Le Cercle"].sales, feed["Le Cercle"].revenue_cents) == (2, 12750 + 123450)


@pytest.mark.parametrize(("sale", "code"), [
    (ManualSale(sold_on=TODAY, amount="99999999999999"), "huge_amount"),
    (ManualSale(sold_on=TODAY, amount="1000000,01"), "huge_amount"),
    (ManualSale(sold_on=TODAY, amount="1e9"), "bad_amount"),
    (ManualSale(sold_on=TODAY, amount="-45"), "negative_amount"),
    (ManualSale(sold_on=TODAY, amount="0"), "negative_amount"),
    (ManualSale(sold_on=TODAY, amount="quarante-cinq"), "bad_amount"),
    (ManualSale(sold_on=TODAY, amount="12abc"), "bad_amount"),
    (ManualSale(sold_on=TODAY, amount="<script>alert(1)</script>"), "bad_amount"),
    (ManualSale(sold_on=TODAY, amount="   "), "no_amount"),
    (ManualSale(sold_on=None, amount="45"), "no_date"),
    (ManualSale(sold_on=dt.date(2999, 1, 1), amount="45"), "bad_date"),
    (ManualSale(sold_on=TODAY + dt.timedelta(days=2), amount="45"), "bad_date"),
    (ManualSale(sold_on=dt.date(1900, 1, 1), amount="45"), "bad_date"),
    (ManualSale(sold_on=TODAY, amount="45", currency="€€€"), "bad_currency"),
    (ManualSale(sold_on=TODAY, amount="45", currency="EURO"), "bad_currency"),
    (ManualSale(sold_on=TODAY, amount="45", phone="6,12346E+08"), "bad_phone"),
    (ManualSale(sold_on=TODAY, amount="45", phone="<script>"), "bad_phone"),
    (ManualSale(sold_on=TODAY, amount="45", email="pas-un-mail"), "bad_email"),
    (ManualSale(sold_on=TODAY, amount="45", name="x" * 201), "too_long_name"),
    (ManualSale(sold_on=TODAY, amount="45", declared="y" * 201), "too_long_declared"),
    (ManualSale(sold_on=TODAY, amount="45", note="z" * 1001), "too_long_note"),
])
def test_hostile_input_is_refused_in_french_and_nothing_is_stored(db, owner_space, sale, code):
    owner, workspace = owner_space
    with pytest.raises(ManualSaleError) as raised:
        record_manual_sale(db, owner, workspace.id, sale, today=TODAY)
    assert raised.value.code == code
    message = raised.value.message
    assert message and not message.startswith("ordersin.") and "\n" not in message
    assert _count(db, owner, workspace.id) == 0


def test_control_characters_are_dropped_and_markup_is_kept_as_text(db, owner_space):
    """A NUL (which PostgreSQL text refuses) or a bidi override does not reach the database; tags stay text."""
    owner, workspace = owner_space
    recorded = record_manual_sale(db, owner, workspace.id, ManualSale(
        sold_on=TODAY, amount="20", name="Zoé\x00 <script>alert('x')</script>\u202e", declared="Salon\x07 d'Angers",
        note="ligne 1\nligne 2\x1b[31m"), today=TODAY)
    [row] = manual_sales(db, owner, workspace.id)
    assert row["id"] == recorded.id
    assert row["buyer_name"] == "Zoé <script>alert('x')</script>"
    assert row["declared_source"] == "Salon d'Angers"
    assert row["note"] == "ligne 1\nligne 2[31m"


def test_only_manual_sales_can_be_deleted_and_only_in_their_workspace(db, owner_space):
    """Deleting an imported order's id does nothing; a stranger cannot delete; the owner can, once."""
    owner, workspace = owner_space
    fixture = PROJECT_ROOT / "tests" / "fixtures" / "orders" / "shopify_orders.csv"
    table = read_contacts_file(fixture.read_bytes(), "shopify.csv")
    import_orders(db, owner, workspace.id, table.columns, table.rows, table.row_numbers, file_name="shopify.csv")
    sale = record_manual_sale(db, owner, workspace.id, ManualSale(sold_on=TODAY, amount="45"), today=TODAY)
    with db.tenant(owner) as conn:
        imported = conn.execute("select id::text from public.orders where workspace_id = %s and number = '#1001'",
                                (workspace.id,)).fetchone()[0]
    assert delete_manual_sale(db, owner, workspace.id, imported) is None
    assert delete_manual_sale(db, owner, workspace.id, "'; drop table public.orders; --") is None
    stranger = make_user(db)
    other = ensure_workspace(db, stranger, unique_slug("other"))
    assert delete_manual_sale(db, stranger, other.id, sale.id) is None
    assert delete_manual_sale(db, stranger, workspace.id, sale.id) is None
    assert _count(db, owner, workspace.id) == 6
    assert delete_manual_sale(db, owner, workspace.id, sale.id) == "CAVE-2026-0001"
    assert delete_manual_sale(db, owner, workspace.id, sale.id) is None
    assert _count(db, owner, workspace.id) == 5
    deleted = [e for e in audit.entries(db, owner, workspace.id) if e.action == "order_deleted"]
    assert [e.describe() for e in deleted] == ["Vente saisie à la main CAVE-2026-0001 (45,00 €) supprimée."]
    # re-importing the shop's export leaves manual sales alone
    kept = record_manual_sale(db, owner, workspace.id, ManualSale(sold_on=TODAY, amount="12"), today=TODAY)
    import_orders(db, owner, workspace.id, table.columns, table.rows, table.row_numbers, file_name="shopify.csv")
    assert [row["id"] for row in manual_sales(db, owner, workspace.id)] == [kept.id]


def test_a_viewer_cannot_record_a_manual_sale(db, owner_space):
    """Row level security refuses the write for a member who may only read; nothing is stored."""
    owner, workspace = owner_space
    viewer = make_user(db)
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace.id, viewer.user_id))
    import psycopg

    with pytest.raises(psycopg.Error):
        record_manual_sale(db, viewer, workspace.id, ManualSale(sold_on=TODAY, amount="45"), today=TODAY)
    assert _count(db, owner, workspace.id) == 0
