"""Observed RFM against a real PostgreSQL: hand-computed orders, refunds left out, tiers for tiny and large bases
agreeing with the Python evaluation, tenants kept apart."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest

from lib.clock import today
from lib.segments.composition import by_rfm_tier
from lib.segments.rfm import (
    NO_PURCHASE,
    QUINTILE_MIN_BUYERS,
    RFM_TIER_NAMES,
    rfm_context,
    rfm_summary,
)
from lib.segments.rules import count_members, matches, overlap_counts, sample_members
from tests.support.db import make_user
from tests.support.segments import add_contacts, new_workspace, person, stored_contacts, suppress

ORDER_COLUMNS = ("contact_id", "created_at", "is_sale", "amount_cents")


def cond(field, op, value):
    return {"field": field, "op": op, "value": value}


def add_orders(db, owner, workspace_id, orders: list[dict]) -> None:
    with db.tenant(owner) as conn, conn.cursor() as cursor:
        start = conn.execute("select count(*) from public.orders where workspace_id = %s",
                             (workspace_id,)).fetchone()[0]
        cursor.executemany(
            "insert into public.orders (workspace_id, source, number, contact_id, created_at, is_sale, amount_cents,"
            " total_cents, refunded_cents, financial_status) values (%s, 'shopify', %s, %s, %s, %s, %s, %s, %s, %s)",
            [(workspace_id, f"#{start + n + 1}", o["contact_id"], o["created_at"], o["is_sale"], o["amount_cents"],
              o.get("total_cents", o["amount_cents"]), 0 if o["is_sale"] else o.get("total_cents", 0),
              "paid" if o["is_sale"] else "refunded") for n, o in enumerate(orders)])


def sale(contact_id, day: date, euros: float, *, is_sale: bool = True, hour: int = 10) -> dict:
    cents = round(euros * 100)
    return {"contact_id": contact_id, "created_at": datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
            "is_sale": is_sale, "amount_cents": cents if is_sale else 0, "total_cents": cents}


def ago(days: int) -> date:
    return today() - timedelta(days=days)


@pytest.fixture
def shop(db):
    """Five people: a regular, a refunder, a newcomer, a sleeper, one who never bought; orders by hand."""
    owner = make_user(db)
    workspace_id = new_workspace(db, owner)
    add_contacts(db, owner, workspace_id, [person(n) for n in range(1, 6)])
    ids = {row["phone_e164"][-1]: row["id"] for row in stored_contacts(db, owner, workspace_id)}
    orders = [
        sale(ids["1"], ago(10), 120), sale(ids["1"], ago(40), 90.5), sale(ids["1"], ago(200), 150),  # 3 sales, 360.5 €
        sale(ids["2"], ago(5), 500, is_sale=False), sale(ids["2"], ago(60), 45),  # refund left out: 1 sale, 45 €
        sale(ids["3"], ago(3), 60),  # a newcomer
        sale(ids["4"], ago(400), 80), sale(ids["4"], ago(500), 70),  # asleep
        sale(None, ago(1), 999),  # a stranger's sale counts for nobody
    ]
    add_orders(db, owner, workspace_id, orders)
    return owner, workspace_id, ids, orders


def phones(db, owner, workspace_id, document) -> set[str]:
    members = sample_members(db, owner, workspace_id, document, limit=100, today=today())
    return {row["phone_e164"][-1] for row in members}


@pytest.mark.parametrize(("condition", "expected"), [
    (cond("rfm_orders", "gte", 1), {"1", "2", "3", "4"}),
    (cond("rfm_orders", "gte", 3), {"1"}),
    (cond("rfm_orders", "lte", 1), {"2", "3", "5"}),  # 0 sales is at most 1: the one who never bought is in
    (cond("rfm_orders", "lte", 0), {"5"}),
    (cond("rfm_orders", "between", [2, 3]), {"1", "4"}),
    (cond("rfm_spent_eur", "gte", 360.5), {"1"}),
    (cond("rfm_spent_eur", "gte", 360.51), set()),
    (cond("rfm_spent_eur", "lte", 60), {"2", "3", "5"}),  # the refunded 500 € is not spent
    (cond("rfm_spent_eur", "between", [45, 150]), {"2", "3", "4"}),
    (cond("rfm_recency_days", "lte", 10), {"1", "3"}),
    (cond("rfm_recency_days", "lte", 5), {"3"}),  # the refund 5 days ago is not a purchase
    (cond("rfm_recency_days", "gte", 60), {"2", "4"}),
    (cond("rfm_recency_days", "between", [3, 10]), {"1", "3"}),
    (cond("rfm_tier", "in", ["grand_client"]), {"1"}),  # 360.5 € >= 300 € comes before 3 sales (fidèle)
    (cond("rfm_tier", "in", ["fidele", "occasionnel"]), set()),
    (cond("rfm_tier", "in", ["a_reveiller"]), {"4"}),
    (cond("rfm_tier", "in", ["nouveau"]), {"2", "3"}),
    (cond("rfm_tier", "in", ["jamais_achete"]), {"5"}),
    (cond("rfm_tier", "in", ["jamais_achete", "a_reveiller"]), {"4", "5"}),
])
def test_rfm_fields_count_hand_computed_orders(db, shop, condition, expected):
    """Each RFM condition keeps exactly the people the hand-computed sales say, refunds and strangers left out."""
    owner, workspace_id, _, orders = shop
    document = {"all": [condition]}
    assert phones(db, owner, workspace_id, document) == expected
    context = rfm_context(orders, today())
    workspace = {"delivery_countries": ["FR"], "delivery_departments": [], "is_alcohol": True, **context}
    rows = stored_contacts(db, owner, workspace_id)
    assert count_members(db, owner, workspace_id, document, today=today()) == len(expected) == sum(
        matches(document, row, workspace, False) for row in rows)


def test_tiny_base_uses_fixed_thresholds_with_precedence(db, shop):
    """Under 50 buyers: 360.5 € is a big client before being a loyal one (3 sales); the summary says so."""
    owner, workspace_id, _, _ = shop
    summary = rfm_summary(db, owner, workspace_id, today=today())
    assert (summary.orders, summary.sales, summary.buyers, summary.quintiles) == (9, 8, 4, False)
    # 1 has 3 sales *and* 360.5 € >= 300 €: grand client wins over fidèle
    assert summary.tiers == {"nouveau": 2, "fidele": 0, "grand_client": 1, "occasionnel": 0, "a_reveiller": 1,
                             NO_PURCHASE: 1}
    chart = by_rfm_tier(db, owner, workspace_id, {"all": []}, today=today())
    assert dict(zip(chart["tier"], chart["contacts"], strict=True)) == summary.tiers
    reachable = by_rfm_tier(db, owner, workspace_id, {"all": [cond("rfm_orders", "gte", 2)]}, today=today())
    assert dict(zip(reachable["tier"], reachable["contacts"], strict=True)) == {
        "nouveau": 0, "fidele": 0, "grand_client": 1, "occasionnel": 0, "a_reveiller": 1, NO_PURCHASE: 0}


def test_recency_follows_today(db, shop):
    """A year later everybody is asleep; the count follows the day it is asked for."""
    owner, workspace_id, _, _ = shop
    later = today() + timedelta(days=400)
    assert count_members(db, owner, workspace_id, {"all": [cond("rfm_tier", "in", ["a_reveiller"])]}, today=later) == 4
    assert count_members(db, owner, workspace_id, {"all": [cond("rfm_recency_days", "lte", 30)]}, today=later) == 0


def test_a_later_refund_removes_the_sale_from_the_figures(db, shop):
    """Turning a sale into a refund changes the counts at once: nothing to refresh."""
    owner, workspace_id, ids, _ = shop
    rules = {"all": [cond("rfm_orders", "gte", 1)]}
    assert count_members(db, owner, workspace_id, rules, today=today()) == 4
    with db.tenant(owner) as conn:
        conn.execute("update public.orders set is_sale = false, amount_cents = 0 where contact_id = %s", (ids["3"],))
    assert count_members(db, owner, workspace_id, rules, today=today()) == 3
    assert count_members(db, owner, workspace_id, {"all": [cond("rfm_tier", "in", ["jamais_achete"])]},
                         today=today()) == 2


def test_suppressed_and_opted_out_buyers_stay_out(db, shop):
    """Buying does not bring back a suppressed person: the never-bought condition and tiers still exclude them."""
    owner, workspace_id, _, _ = shop
    suppress(db, owner, workspace_id, "phone", "+33612340001")
    suppress(db, owner, workspace_id, "phone", "+33612340005")
    assert count_members(db, owner, workspace_id, {"all": [cond("rfm_orders", "gte", 1)]}, today=today()) == 3
    assert count_members(db, owner, workspace_id, {"all": [cond("rfm_orders", "lte", 0)]}, today=today()) == 0


def test_rfm_never_reads_another_workspaces_orders(db, shop):
    """Bob sees none of Alice's buyers; Alice's orders do not count for Bob's contacts with the same numbers."""
    alice, a_id, _, _ = shop
    bob = make_user(db)
    b_id = new_workspace(db, bob)
    add_contacts(db, bob, b_id, [person(n) for n in range(1, 6)])
    bought = {"all": [cond("rfm_orders", "gte", 1)]}
    assert count_members(db, bob, b_id, bought, today=today()) == 0
    assert count_members(db, bob, b_id, {"all": [cond("rfm_tier", "in", ["jamais_achete"])]}, today=today()) == 5
    assert count_members(db, bob, a_id, bought, today=today()) == 0
    assert set(overlap_counts(db, bob, a_id, [bought, {"all": []}], today=today()).values()) == {0}
    stranger_view = rfm_summary(db, bob, a_id, today=today())
    assert (stranger_view.orders, stranger_view.buyers) == (0, 0)
    bobs_contact = stored_contacts(db, bob, b_id)[0]["id"]
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(bob) as conn:
        conn.execute("insert into public.orders (workspace_id, source, number, contact_id, is_sale, amount_cents) "
                     "values (%s, 'shopify', '#x', %s, true, 100)", (a_id, bobs_contact))
    assert count_members(db, alice, a_id, bought, today=today()) == 4


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_large_base_tiers_by_fifths_agree_with_python(db, seed):
    """From 50 buyers, tiers come from scores by fifths with ties sharing a score: SQL and Python agree on every
    tier, and the mix is plausible (each named tier holds somebody, à réveiller stays a minority)."""
    rng = random.Random(seed)
    owner = make_user(db)
    workspace_id = new_workspace(db, owner)
    add_contacts(db, owner, workspace_id, [person(n) for n in range(90)])
    rows = stored_contacts(db, owner, workspace_id)
    orders = []
    for row in rows[:75]:  # 75 buyers, 15 never bought
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 5))):
            orders.append(sale(row["id"], ago(rng.randint(0, 400)), rng.choice((15, 30, 45.5, 90, 180, 400)),
                               is_sale=rng.random() < 0.92, hour=rng.choice((0, 10, 23))))
        if rng.random() < 0.05:
            orders.append({**sale(row["id"], ago(0), 20), "created_at": None})  # an undated sale
    add_orders(db, owner, workspace_id, orders)
    context = rfm_context(orders, today())
    assert len(context["buyers"]) >= QUINTILE_MIN_BUYERS
    workspace = {"delivery_countries": ["FR"], "delivery_departments": [], "is_alcohol": True, **context}
    summary = rfm_summary(db, owner, workspace_id, today=today())
    assert summary.quintiles and summary.buyers == len(context["buyers"])
    for tier in RFM_TIER_NAMES:
        document = {"all": [cond("rfm_tier", "in", [tier])]}
        expected = sum(matches(document, row, workspace, False) for row in rows)
        assert count_members(db, owner, workspace_id, document, today=today()) == expected == summary.tiers[tier], tier
    assert all(summary.tiers[t] > 0 for t in ("fidele", "grand_client", "a_reveiller", NO_PURCHASE))
    assert summary.tiers["a_reveiller"] < summary.buyers / 2
