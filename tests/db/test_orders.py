"""Orders import against a real PostgreSQL: golden figures, idempotent re-import, later refunds, contact
matching, attribution precedence in SQL, row level security and the CLI contract."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from lib.contacts.readers import read_contacts_file
from lib.conversions.orders import OrderReadError
from lib.conversions.store import import_orders, reattribute_orders, sales_by_community
from lib.links.communities import create_community, create_link
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, make_user, owner_and_workspace, unique_slug

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "orders" / "shopify_orders.csv"
HEADER = ("Name,Email,Financial Status,Currency,Total,Discount Code,Created at,Lineitem quantity,Lineitem name,"
          "Lineitem price,Refunded Amount,Cancelled at,Phone,Landing Site,How did you hear about us?")


def _table(data: bytes, name: str = "orders.csv"):
    return read_contacts_file(data, name)


def _import(db, principal, workspace_id, data: bytes, name: str = "orders.csv"):
    table = _table(data, name)
    return import_orders(db, principal, workspace_id, table.columns, table.rows, table.row_numbers, file_name=name)


def _stored(db, principal, workspace_id) -> dict[str, dict]:
    with db.tenant(principal) as conn:
        cursor = conn.execute(
            "select number, is_sale, amount_cents, financial_status, method, confidence, community_id::text, "
            "link_id::text, contact_id::text, reason, import_id::text, imported_at, phone_e164, email "
            "from public.orders where workspace_id = %s order by number", (workspace_id,))
        names = [column.name for column in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor}


def test_golden_import_of_the_shopify_export(db, owner_space):
    """Five orders, two sales (#1001 and the partially refunded #1003) worth 189.90 EUR; lines kept."""
    owner, workspace = owner_space
    report = _import(db, owner, workspace.id, FIXTURE.read_bytes())
    assert (report.orders, report.sales, report.revenue_cents, report.currency, report.matched_contacts) == (
        5, 2, 18990, "EUR", 0)
    assert report.as_dict()["revenue"] == 189.9
    assert report.issues == []
    stored = _stored(db, owner, workspace.id)
    assert list(stored) == ["#1001", "#1002", "#1003", "#1004", "#1005"]
    assert stored["#1001"]["phone_e164"] == "+33612345678" and stored["#1001"]["email"] == "camille@example.fr"
    assert [number for number, row in stored.items() if row["is_sale"]] == ["#1001", "#1003"]
    assert all(row["method"] == "none" and row["reason"] for row in stored.values())
    with db.tenant(owner) as conn:
        lines = conn.execute("select l.position, l.name, l.quantity, l.unit_price_cents from public.order_lines l "
                             "join public.orders o on o.id = l.order_id where o.number = '#1001' "
                             "and o.workspace_id = %s order by l.position", (workspace.id,)).fetchall()
    assert lines == [(1, "Château des Coteaux 2019", 2, 4500), (2, "Rosé de Provence 2025", 1, 1000)]


def test_reimport_changes_nothing_and_a_later_refund_updates_the_figures(db, owner_space):
    """The same export twice: not one row rewritten. A later export where #1001 was refunded: no longer a sale."""
    owner, workspace = owner_space
    data = FIXTURE.read_bytes()
    _import(db, owner, workspace.id, data)
    before = _stored(db, owner, workspace.id)
    again = _import(db, owner, workspace.id, data)
    assert (again.orders, again.sales, again.revenue_cents) == (5, 2, 18990)
    assert _stored(db, owner, workspace.id) == before  # same import id, same imported_at: nothing rewritten
    later = data.decode("utf-8").replace("#1001,camille@example.fr,paid,", "#1001,camille@example.fr,refunded,")
    later = later.replace("CERCLE10,10.00,2026-10-02 09:58:00 +0200,2,Château des Coteaux 2019,45.00,0.00,",
                          "CERCLE10,10.00,2026-10-02 09:58:00 +0200,2,Château des Coteaux 2019,45.00,99.90,")
    refunded = _import(db, owner, workspace.id, later.encode("utf-8"))
    assert (refunded.orders, refunded.sales, refunded.revenue_cents) == (5, 1, 9000)
    after = _stored(db, owner, workspace.id)
    assert not after["#1001"]["is_sale"] and after["#1001"]["amount_cents"] == 0
    assert after["#1001"]["import_id"] != before["#1001"]["import_id"]
    assert after["#1003"] == before["#1003"]  # untouched
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.order_lines where workspace_id = %s",
                            (workspace.id,)).fetchone()[0] == 6
        assert conn.execute("select count(*) from public.orders where workspace_id = %s",
                            (workspace.id,)).fetchone()[0] == 5


def _orders_csv(*rows: str) -> bytes:
    return ("\n".join((HEADER, *rows)) + "\n").encode("utf-8")


def test_attribution_precedence_in_sql(db, owner_space):
    """Promo code beats link beats membership beats declared; contacts matched by phone, then email."""
    owner, workspace = owner_space
    cercle = create_community(db, owner, workspace.id, name="Le Cercle", channel="sms_list", promo_code="CERCLE10")
    amis = create_community(db, owner, workspace.id, name="Les Amis", channel="sms_list")
    salon = create_community(db, owner, workspace.id, name="Salon d'Angers", channel="sms_list")
    link = create_link(db, owner, workspace.id, salon.id, source="Salon", destination="https://shop.example/",
                       base_url="https://c.example")
    shop_link = create_link(db, owner, workspace.id, amis.id, source="Statut WhatsApp",
                            destination="https://shop.example/cave", base_url="https://c.example")
    placed = dt.datetime(2026, 10, 2, 9, 58, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with db.tenant(owner) as conn:
        ana, bea, cle = (conn.execute(
            "insert into public.contacts (workspace_id, phone_e164, email) values (%s, %s, %s) returning id::text",
            (workspace.id, phone, email)).fetchone()[0] for phone, email in (
                ("+33611111111", None), (None, "bea@example.fr"), ("+33633333333", None)))
        for contact, community, joined in ((ana, amis.id, placed - dt.timedelta(days=5)),
                                           (bea, amis.id, placed - dt.timedelta(days=9)),
                                           (bea, cercle.id, placed - dt.timedelta(days=2)),
                                           (cle, amis.id, placed + dt.timedelta(days=1))):
            conn.execute("insert into public.community_members (workspace_id, community_id, contact_id, joined_at) "
                         "values (%s, %s, %s, %s)", (workspace.id, community, contact, joined))
    when = "2026-10-02 09:58:00 +0200"
    data = _orders_csv(
        f"#1,x@example.fr,paid,EUR,50.00,cercle10,{when},1,Vin,50.00,0,,06 11 11 11 11,/r/{link.code},Les Amis",
        f"#2,x@example.fr,paid,EUR,40.00,NOPE,{when},1,Vin,40.00,0,,06 11 11 11 11,/?utm_content={link.code},",
        f"#3,x@example.fr,paid,EUR,30.00,,{when},1,Vin,30.00,0,,06 11 11 11 11,/?utm_campaign=cercle,Le Cercle",
        f"#4,BEA@example.fr,paid,EUR,20.00,,{when},1,Vin,20.00,0,,,,",
        f"#5,,paid,EUR,10.00,,{when},1,Vin,10.00,0,,+33 6 33 33 33 33,,le cercle",
        f"#6,,paid,EUR,10.00,,{when},1,Vin,10.00,0,,,/?utm_source=whatsapp,",
        f"#7,,paid,EUR,10.00,,{when},1,Vin,10.00,0,,6,,",
        f"#8,,paid,EUR,10.00,,{when},1,Vin,10.00,0,,,/cave?utm_source=statut-whatsapp&utm_campaign=les-amis,",
    )
    report = _import(db, owner, workspace.id, data)
    assert report.matched_contacts == 3
    assert [(i.row, i.code) for i in report.issues] == [(8, "phone_invalid")]
    stored = _stored(db, owner, workspace.id)
    got = {number: (row["method"], row["confidence"], row["community_id"]) for number, row in stored.items()}
    assert got == {
        "#1": ("promo_code", "certain", cercle.id),
        "#2": ("link", "strong", salon.id),
        "#3": ("contact", "probable", amis.id),   # Ana joined Les Amis before buying
        "#4": ("contact", "probable", cercle.id),  # Béa (by email): the most recent membership wins
        "#5": ("declared", "declared", cercle.id),  # Clé joined after buying; she named Le Cercle
        "#6": ("none", "none", None),
        "#7": ("none", "none", None),
        "#8": ("link", "strong", amis.id),  # the UTM tags Cercle put on the shop link's destination
    }
    assert stored["#8"]["link_id"] == shop_link.id
    assert stored["#1"]["reason"] == "code promo cercle10 de la communauté Le Cercle"
    assert stored["#2"]["link_id"] == link.id and link.code in stored["#2"]["reason"]
    assert (stored["#1"]["contact_id"], stored["#4"]["contact_id"], stored["#5"]["contact_id"]) == (ana, bea, cle)
    # an invitation opened before the order is evidence too, and more recent than Ana's membership
    with db.tenant(owner) as conn:
        conn.execute(
            "insert into public.invitations (workspace_id, link_id, contact_id, channel, token, open_url, opened_at) "
            "values (%s, %s, %s, 'sms', %s, 'sms:+33611111111?body=x', %s)",
            (workspace.id, link.id, ana, "t" * 24, placed - dt.timedelta(days=1)))
    _import(db, owner, workspace.id, data)
    assert _stored(db, owner, workspace.id)["#3"]["community_id"] == salon.id


def test_sales_by_community_feeds_the_charts(db, owner_space):
    """The golden export with a community owning CERCLE10 and Camille as its member: one certain sale there,
    the rest public or unknown; a membership added later is taken into account by reattribute_orders."""
    owner, workspace = owner_space
    cercle = create_community(db, owner, workspace.id, name="Le Cercle", channel="sms_list", promo_code="CERCLE10")
    amis = create_community(db, owner, workspace.id, name="Les Amis", channel="sms_list")
    with db.tenant(owner) as conn:
        camille = conn.execute("insert into public.contacts (workspace_id, phone_e164) values (%s, '+33612345678') "
                               "returning id::text", (workspace.id,)).fetchone()[0]
        lea = conn.execute("insert into public.contacts (workspace_id, email) values (%s, 'lea@example.fr') "
                           "returning id::text", (workspace.id,)).fetchone()[0]
        conn.execute("insert into public.community_members (workspace_id, community_id, contact_id, joined_at) "
                     "values (%s, %s, %s, '2026-09-01')", (workspace.id, cercle.id, camille))
    report = _import(db, owner, workspace.id, FIXTURE.read_bytes())
    assert report.matched_contacts == 2
    feed = {row.name: row for row in sales_by_community(db, owner, workspace.id)}
    assert list(feed) == ["Le Cercle", None, "Les Amis"]
    assert (feed["Le Cercle"].sales, feed["Le Cercle"].revenue_cents, feed["Le Cercle"].members,
            feed["Le Cercle"].member_buyers, feed["Le Cercle"].by_confidence["certain"]) == (1, 9990, 1, 1, 1)
    assert (feed[None].orders, feed[None].sales, feed[None].revenue_cents) == (4, 1, 9000)
    assert feed["Les Amis"].orders == 0 and feed["Les Amis"].conversion == (0.0, 1.0)
    low, high = feed["Le Cercle"].conversion
    assert 0 < low < high == 1.0
    with db.tenant(owner) as conn:
        conn.execute("insert into public.community_members (workspace_id, community_id, contact_id, joined_at) "
                     "values (%s, %s, %s, '2026-09-01')", (workspace.id, amis.id, lea))
    assert reattribute_orders(db, owner, workspace.id) == 1  # Léa's #1003
    assert reattribute_orders(db, owner, workspace.id) == 0
    feed = {row.name: row for row in sales_by_community(db, owner, workspace.id)}
    assert (feed["Les Amis"].sales, feed["Les Amis"].revenue_cents, feed["Les Amis"].by_confidence["probable"]) == (
        1, 9000, 1)
    assert feed[None].sales == 0


def test_another_workspace_sees_none_of_the_orders(db, owner_space):
    """Row level security: a stranger reads no order or line, and cannot attach orders to the workspace."""
    owner, workspace = owner_space
    _import(db, owner, workspace.id, FIXTURE.read_bytes())
    stranger = make_user(db)
    other = ensure_workspace(db, stranger, unique_slug("other"))
    with db.tenant(stranger) as conn:
        for table in ("orders", "order_lines", "order_imports"):
            assert conn.execute(f"select count(*) from public.{table}").fetchone()[0] == 0
        assert conn.execute("update public.orders set total_cents = 1 where workspace_id = %s",
                            (workspace.id,)).rowcount == 0
    report = _import(db, stranger, other.id, FIXTURE.read_bytes())
    assert report.orders == 5  # same numbers in another workspace are other orders
    assert len(_stored(db, owner, workspace.id)) == 5


def test_a_contacts_file_is_refused_before_anything_is_stored(db, owner_space):
    """Not an orders export: a translated refusal, no import recorded."""
    owner, workspace = owner_space
    with pytest.raises(OrderReadError) as raised:
        _import(db, owner, workspace.id, "Prénom;Téléphone\nAna;0612345678\n".encode())
    assert "Shopify" in raised.value.message
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.order_imports where workspace_id = %s",
                            (workspace.id,)).fetchone()[0] == 0


@pytest.fixture
def cli(database_url):
    env = dict(os.environ, DATABASE_URL=database_url)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=180)

    return run


def test_import_orders_cli_contract(cli):
    """--json prints orders, sales, revenue (decimal units), matched_contacts and issues; twice the same."""
    slug = unique_slug("cli")
    result = cli("import-orders", str(FIXTURE), "--workspace", slug, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {k: report[k] for k in ("orders", "sales", "revenue", "matched_contacts", "issues")} == {
        "orders": 5, "sales": 2, "revenue": 189.9, "matched_contacts": 0, "issues": []}
    again = json.loads(cli("import-orders", str(FIXTURE), "--workspace", slug, "--json").stdout)
    assert again == report
    plain = cli("import-orders", str(FIXTURE), "--workspace", slug)
    assert plain.returncode == 0 and "189.90" in plain.stdout


@pytest.mark.parametrize(("content", "name"), [
    ("Prénom;Téléphone\nAna;0612345678\n".encode(), "contacts.csv"),
    (b"%PDF-1.7\n1 0 obj\n", "orders.csv"),
    (b"", "vide.csv"),
])
def test_import_orders_cli_refuses_with_exit_2(cli, tmp_path, content, name, database_url):
    """A file that is not an orders export: exit 2, one line on stderr, no workspace created."""
    path = tmp_path / name
    path.write_bytes(content)
    slug = unique_slug("cli")
    result = cli("import-orders", str(path), "--workspace", slug, "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    import psycopg

    with psycopg.connect(database_url) as conn:
        assert conn.execute("select count(*) from public.workspaces where slug = %s", (slug,)).fetchone()[0] == 0
    missing = cli("import-orders", str(tmp_path / "absent.csv"), "--workspace", slug)
    assert missing.returncode == 2 and "Impossible d'ouvrir" in missing.stderr


def test_an_order_landing_on_a_shop_link_names_that_very_link(db, owner_space):
    """A shop destination carries the link's code in utm_content, so its orders are attributed to it (strong)."""
    owner, workspace = owner_space
    community = create_community(db, owner, workspace.id, name="Le Cercle", channel="sms_list")
    create_link(db, owner, workspace.id, community.id, source="Salon", destination="https://shop.example/cave",
                base_url="https://c.example")
    statut = create_link(db, owner, workspace.id, community.id, source="Statut",
                         destination="https://shop.example/cave", base_url="https://c.example")
    landing = statut.destination.removeprefix("https://shop.example")
    _import(db, owner, workspace.id, _orders_csv(
        f"#9,z@example.fr,paid,EUR,30.00,,2026-10-02 09:58:00 +0200,1,Vin,30.00,0,,,{landing},"))
    order = _stored(db, owner, workspace.id)["#9"]
    assert (order["confidence"], order["link_id"]) == ("strong", statut.id)


def test_a_file_that_would_replace_different_orders_under_the_same_numbers_is_announced(db, owner_space):
    """The same orders again replace nothing; another shop's export reusing the numbers (another amount or buyer)
    is counted before the import, so the page can warn instead of overwriting sales without a word."""
    from lib.conversions.orders import read_orders_as
    from lib.conversions.store import orders_replaced

    owner, workspace = owner_space
    table = _table(FIXTURE.read_bytes())
    _, orders = read_orders_as(table.columns, table.rows, table.row_numbers, None)
    assert orders_replaced(db, owner, workspace.id, orders) == 0  # nothing stored yet
    _import(db, owner, workspace.id, FIXTURE.read_bytes())
    assert orders_replaced(db, owner, workspace.id, orders) == 0  # the same file again
    with db.tenant(owner) as conn:
        conn.execute("update public.orders set total_cents = total_cents + 100 where workspace_id = %s"
                     " and number = '#1001'", (workspace.id,))
        conn.execute("update public.orders set email = 'quelqu.un@autre.fr' where workspace_id = %s"
                     " and number = '#1002'", (workspace.id,))
    assert orders_replaced(db, owner, workspace.id, orders) == 2
    stranger, other = owner_and_workspace(db)
    assert orders_replaced(db, stranger, other.id, orders) == 0  # another workspace's orders are not seen
