"""WooCommerce, PrestaShop and mapped order files against a real PostgreSQL: golden stored figures, re-imports
that change nothing, refunds arriving in a later export, attribution from WooCommerce's UTM columns, row level
security and the CLI contract for the new formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from lib.contacts.readers import read_contacts_file
from lib.conversions.orders import OrderReadError
from lib.conversions.orders_mapping import guess_order_mapping
from lib.conversions.store import import_orders
from lib.links.communities import create_community, create_link
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, make_user, unique_slug

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "orders"


def _import(db, principal, workspace_id, data: bytes, name: str, mapping: dict[str, str] | None = None):
    table = read_contacts_file(data, name)
    return import_orders(db, principal, workspace_id, table.columns, table.rows, table.row_numbers, file_name=name,
                         mapping=mapping)


def _generic_mapping(data: bytes) -> dict[str, str]:
    return guess_order_mapping(read_contacts_file(data, "generic.csv").columns)


def _stored(db, principal, workspace_id) -> dict[str, dict]:
    with db.tenant(principal) as conn:
        cursor = conn.execute(
            "select number, source, is_sale, amount_cents, total_cents, refunded_cents, currency, financial_status, "
            "buyer_name, phone_e164, email, discount_code, landing_site, declared_source, method, confidence, "
            "community_id::text, contact_id::text, import_id::text, imported_at "
            "from public.orders where workspace_id = %s order by number", (workspace_id,))
        names = [column.name for column in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor}


# (fixture, mapping needed, orders, sales, revenue cents, currency, source)
GOLDEN = [
    ("woocommerce_orders.csv", False, 7, 3, 142440, "EUR", "woocommerce"),
    ("woocommerce_orders_fr.csv", False, 5, 2, 132450, "EUR", "woocommerce"),
    ("prestashop_orders.csv", False, 8, 4, 139940, "EUR", "prestashop"),
    ("generic_orders.csv", True, 3, 3, 129800, None, "csv"),
]


@pytest.mark.parametrize(("name", "mapped", "orders", "sales", "revenue", "currency", "source"), GOLDEN)
def test_golden_figures_per_format_and_reimport_changes_nothing(db, owner_space, name, mapped, orders, sales,
                                                                 revenue, currency, source):
    """Each format's figures as the golden unit tests read them; the same file again rewrites no row."""
    owner, workspace = owner_space
    data = (FIXTURES / name).read_bytes()
    mapping = _generic_mapping(data) if mapped else None
    report = _import(db, owner, workspace.id, data, name, mapping)
    assert (report.orders, report.sales, report.revenue_cents, report.currency, report.changed) == (
        orders, sales, revenue, currency, orders)
    assert report.issues == []
    stored = _stored(db, owner, workspace.id)
    assert len(stored) == orders and {row["source"] for row in stored.values()} == {source}
    assert sum(row["amount_cents"] for row in stored.values()) == revenue
    with db.tenant(owner) as conn:
        assert conn.execute("select source from public.order_imports where id = %s",
                            (report.import_id,)).fetchone()[0] == source
    again = _import(db, owner, workspace.id, data, name, mapping)
    assert (again.orders, again.sales, again.revenue_cents, again.changed) == (orders, sales, revenue, 0)
    assert _stored(db, owner, workspace.id) == stored


def test_stored_woocommerce_orders_keep_buyer_lines_and_french_amounts(db, owner_space):
    owner, workspace = owner_space
    _import(db, owner, workspace.id, (FIXTURES / "woocommerce_orders_fr.csv").read_bytes(), "woo.csv")
    stored = _stored(db, owner, workspace.id)
    first = stored["2001"]
    assert (first["total_cents"], first["amount_cents"], first["buyer_name"], first["phone_e164"], first["email"],
            first["discount_code"]) == (123450, 123450, "Camille Martin", "+33612345678", "camille@example.fr",
                                        "CERCLE10")
    assert (stored["2003"]["refunded_cents"], stored["2003"]["amount_cents"]) == (3000, 9000)
    with db.tenant(owner) as conn:
        lines = conn.execute("select l.position, l.name, l.quantity, l.unit_price_cents from public.order_lines l "
                             "join public.orders o on o.id = l.order_id where o.workspace_id = %s "
                             "and o.number = '2001' order by l.position", (workspace.id,)).fetchall()
    assert lines == [(1, "Château des Coteaux 2019", 2, 4500), (2, "Rosé de Provence 2025", 1, 990)]


# (fixture, the order, text before, text after) — the later export where that order was refunded or cancelled
LATER = [
    ("woocommerce_orders.csv", "1001", "1001,wc-completed,", "1001,wc-refunded,"),
    ("woocommerce_orders_fr.csv", "2001", "2001;02/10/2026 09:58;Terminée;", "2001;02/10/2026 09:58;Remboursée;"),
    ("prestashop_orders.csv", "12", ";Carte bancaire;Livré;2026-10-02", ";Carte bancaire;Annulé;2026-10-02"),
]


@pytest.mark.parametrize(("name", "number", "before", "after"), LATER)
def test_a_later_export_with_a_refund_removes_the_sale(db, owner_space, name, number, before, after):
    """The order stops counting as a sale, is rewritten alone, and keeps its lines."""
    owner, workspace = owner_space
    text = (FIXTURES / name).read_bytes().decode("utf-8-sig")
    first = _import(db, owner, workspace.id, text.encode("utf-8"), name)
    before_rows = _stored(db, owner, workspace.id)
    assert before_rows[number]["is_sale"] and before in text
    later = _import(db, owner, workspace.id, text.replace(before, after).encode("utf-8"), name)
    assert later.changed == 1
    assert later.sales == first.sales - 1
    assert later.revenue_cents == first.revenue_cents - before_rows[number]["amount_cents"]
    after_rows = _stored(db, owner, workspace.id)
    assert not after_rows[number]["is_sale"] and after_rows[number]["amount_cents"] == 0
    assert {k: v for k, v in after_rows.items() if k != number} == {
        k: v for k, v in before_rows.items() if k != number}


def test_a_mapped_file_with_a_status_column_follows_refunds_too(db, owner_space):
    owner, workspace = owner_space
    header = "Vente;Date;Montant;Statut;Mail\n"
    data = header + "V1;01/10/2026;45,00;payée;a@example.fr\nV2;02/10/2026;30,00;payée;b@example.fr\n"
    mapping = _generic_mapping(data.encode())
    assert mapping == {"Vente": "ignore", "Date": "date", "Montant": "total", "Statut": "status", "Mail": "email"}
    with pytest.raises(OrderReadError):
        _import(db, owner, workspace.id, data.encode(), "ventes.csv", mapping)
    mapping["Vente"] = "number"  # what the user picks in the wizard
    report = _import(db, owner, workspace.id, data.encode(), "ventes.csv", mapping)
    assert (report.orders, report.sales, report.revenue_cents) == (2, 2, 7500)
    later = _import(db, owner, workspace.id, data.replace("30,00;payée", "30,00;Remboursée").encode(), "ventes.csv",
                    mapping)
    assert (later.orders, later.sales, later.revenue_cents, later.changed) == (2, 1, 4500, 1)
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.order_imports where workspace_id = %s",
                            (workspace.id,)).fetchone()[0] == 2  # the refused mapping stored nothing


def test_woocommerce_attribution_from_coupon_utm_columns_and_declared_answer(db, owner_space):
    """CERCLE10 is the community's code (certain); a tracked link's code in the attribution's utm_content column
    (strong); "Comment nous avez-vous connus ? Le Cercle" (declared); the buyer matched by phone."""
    owner, workspace = owner_space
    cercle = create_community(db, owner, workspace.id, name="Le Cercle", channel="whatsapp_group",
                              promo_code="CERCLE10")
    salon = create_community(db, owner, workspace.id, name="Salon de Lyon", channel="sms_list")
    link = create_link(db, owner, workspace.id, salon.id, source="Salon", destination="https://shop.example/",
                       base_url="https://c.example")
    with db.tenant(owner) as conn:
        camille = conn.execute("insert into public.contacts (workspace_id, phone_e164) values (%s, '+33612345678') "
                               "returning id::text", (workspace.id,)).fetchone()[0]
    data = (FIXTURES / "woocommerce_orders_fr.csv").read_bytes().decode("utf-8-sig")
    data = data.replace("Comment nous avez-vous connus ?", "Comment nous avez-vous connus ?;Contenu UTM")
    data = "\n".join(line + (f";{link.code}" if line.startswith("2003;") else ";") if i else line
                     for i, line in enumerate(data.splitlines())) + "\n"
    data = data.replace("Contenu UTM", "utm_content")
    report = _import(db, owner, workspace.id, data.encode("utf-8"), "woo.csv")
    assert report.matched_contacts == 1
    stored = _stored(db, owner, workspace.id)
    got = {number: (row["method"], row["community_id"]) for number, row in stored.items()}
    assert got["2001"] == ("promo_code", cercle.id) and stored["2001"]["contact_id"] == camille
    assert got["2002"] == ("declared", cercle.id)
    assert got["2003"] == ("link", salon.id)
    assert got["2004"] == ("none", None)


def test_another_workspace_sees_none_of_the_new_formats(db, owner_space):
    owner, workspace = owner_space
    _import(db, owner, workspace.id, (FIXTURES / "prestashop_orders.csv").read_bytes(), "ps.csv")
    stranger = make_user(db)
    ensure_workspace(db, stranger, unique_slug("other"))
    with db.tenant(stranger) as conn:
        assert conn.execute("select count(*) from public.orders where source = 'prestashop'").fetchone()[0] == 0
        assert conn.execute("update public.orders set buyer_name = 'x' where workspace_id = %s",
                            (workspace.id,)).rowcount == 0
    assert all(row["buyer_name"] != "x" for row in _stored(db, owner, workspace.id).values())


@pytest.fixture
def cli(database_url):
    env = dict(os.environ, DATABASE_URL=database_url)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=180)

    return run


@pytest.mark.parametrize(("name", "expected"), [
    ("woocommerce_orders.csv", {"orders": 7, "sales": 3, "revenue": 1424.4, "matched_contacts": 0, "issues": []}),
    ("prestashop_orders.csv", {"orders": 8, "sales": 4, "revenue": 1399.4, "matched_contacts": 0, "issues": []}),
])
def test_cli_imports_recognised_exports(cli, name, expected):
    slug = unique_slug("cli")
    result = cli("import-orders", str(FIXTURES / name), "--workspace", slug, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {k: report[k] for k in expected} == expected
    assert json.loads(cli("import-orders", str(FIXTURES / name), "--workspace", slug, "--json").stdout) == report


def test_cli_sends_a_file_needing_a_mapping_to_the_app(cli, database_url):
    slug = unique_slug("cli")
    result = cli("import-orders", str(FIXTURES / "generic_orders.csv"), "--workspace", slug, "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "application" in result.stderr and "WooCommerce" in result.stderr
    import psycopg

    with psycopg.connect(database_url) as conn:
        assert conn.execute("select count(*) from public.workspaces where slug = %s", (slug,)).fetchone()[0] == 0
