"""Observed purchasing ability: recency, frequency and monetary value (RFM) of each contact, from their orders.

What is counted
---------------
Only sales (``orders.is_sale``: a refunded, voided or cancelled order is not one; a partial refund lowers
``amount_cents``) whose buyer was matched to a contact (``orders.contact_id``). Per contact:

- recency: days between today (Paris time) and the day of the last sale (Paris time); unknown when no sale
  carries a date;
- frequency: number of sales;
- monetary: sum of the sales' ``amount_cents``.

A contact without a sale has 0 sales, 0 € spent and no recency (a recency condition never holds for them).
Nothing is stored: every figure is aggregated in SQL from ``public.orders`` by one uncorrelated subquery per
condition (hashed once per count, never one subquery per contact), on the partial index ``orders_rfm_idx``.
A new, refunded or re-attributed order counts at the next count; there is no summary to refresh.

Observed tiers
--------------
Every buyer gets exactly one tier; the first rule that holds wins, in this order:

1. ``a_reveiller`` (à réveiller): has not bought for a long time;
2. ``grand_client``: spends the most;
3. ``fidele``: buys often;
4. ``nouveau``: exactly one sale, within the last ``NEW_WITHIN_DAYS`` days;
5. ``occasionnel``: every other buyer.

and ``jamais_achete`` is every contact without a sale. "A long time", "the most" and "often" depend on the size
of the base, because fifths of 30 people are noise:

- fewer than ``QUINTILE_MIN_BUYERS`` buyers in the workspace: fixed, stated thresholds — no sale for more than
  ``ASLEEP_AFTER_DAYS`` days (or no dated sale), at least ``BIG_SPENDER_CENTS`` spent in all, at least
  ``LOYAL_SALES`` sales;
- from ``QUINTILE_MIN_BUYERS`` buyers: each buyer gets a score from 1 to 5 for recency, frequency and monetary
  value by fifths of the workspace's buyers; à réveiller = recency score 1 or 2 *and* no sale for more than
  ``NEW_WITHIN_DAYS`` days (a base where everyone bought last month has nobody to wake up); grand client =
  monetary score 5; fidèle = frequency score 4 or 5.

Scores: ``score = min(5, 1 + 5 * (rank - 1) // (buyers - 1))`` where ``rank`` is the SQL ``rank()`` of the
buyer's value (1 = lowest; an undated last sale ranks lowest in recency). Ties share the rank of the first of
them, so equal values always get the same score (never split arbitrarily as ``ntile`` would): when 70 % of
buyers bought once, they all score 1 in frequency and two sales already scores 4.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from psycopg import sql

from lib import clock
from lib.db import Database, Principal

PARIS = ZoneInfo("Europe/Paris")
QUINTILE_MIN_BUYERS = 50
ASLEEP_AFTER_DAYS = 365
NEW_WITHIN_DAYS = 90
BIG_SPENDER_CENTS = 30_000
LOYAL_SALES = 3
NO_PURCHASE = "jamais_achete"
# in the order a marketer reads them (the precedence is in ``tier_of``)
RFM_TIERS = ("nouveau", "fidele", "grand_client", "occasionnel", "a_reveiller")
RFM_TIER_NAMES = RFM_TIERS + (NO_PURCHASE,)


@dataclass(frozen=True)
class Buyer:
    """What a contact's sales add up to."""

    last_day: date | None  # Paris day of the last dated sale
    sales: int
    spent_cents: int

    def recency(self, today: date) -> int | None:
        return None if self.last_day is None else (today - self.last_day).days


NOBODY = Buyer(None, 0, 0)


# --- Python: the same figures from order dicts (for checks and tests) --------------------------------------


def buyers_from_orders(orders: Iterable[dict]) -> dict[str, Buyer]:
    """``{contact id: Buyer}`` from orders as dicts (``contact_id``, ``is_sale``, ``created_at``, ``amount_cents``),
    with the SQL's rules: sales with a contact only, Paris days."""
    found: dict[str, Buyer] = {}
    for order in orders:
        if not order.get("is_sale") or order.get("contact_id") is None:
            continue
        key = str(order["contact_id"])
        created = order.get("created_at")
        day = created.astimezone(PARIS).date() if created is not None else None
        before = found.get(key, NOBODY)
        last = max((d for d in (before.last_day, day) if d is not None), default=None)
        found[key] = Buyer(last, before.sales + 1, before.spent_cents + int(order.get("amount_cents") or 0))
    return found


def _scores(values: dict[str, object]) -> dict[str, int]:
    """Score 1-5 of each key's value, by SQL ``rank()`` (ties share the first rank), ``None`` lowest."""
    def order(value: object) -> tuple:
        return (0, 0) if value is None else (1, value)

    n = len(values)
    first_rank: dict[tuple, int] = {}
    for position, value in enumerate(sorted(values.values(), key=order), start=1):
        first_rank.setdefault(order(value), position)
    return {key: min(5, 1 + 5 * (first_rank[order(value)] - 1) // max(n - 1, 1)) for key, value in values.items()}


def tiers_of(buyers: dict[str, Buyer], today: date) -> dict[str, str]:
    """The observed tier of every buyer (contacts absent from ``buyers`` are ``jamais_achete``)."""
    quintiles = len(buyers) >= QUINTILE_MIN_BUYERS
    if quintiles:
        r = _scores({k: b.last_day for k, b in buyers.items()})
        f = _scores({k: b.sales for k, b in buyers.items()})
        m = _scores({k: b.spent_cents for k, b in buyers.items()})
    tiers = {}
    for key, buyer in buyers.items():
        days = buyer.recency(today)
        if quintiles:
            asleep = r[key] <= 2 and (days is None or days > NEW_WITHIN_DAYS)
            big, loyal = m[key] == 5, f[key] >= 4
        else:
            asleep = days is None or days > ASLEEP_AFTER_DAYS
            big, loyal = buyer.spent_cents >= BIG_SPENDER_CENTS, buyer.sales >= LOYAL_SALES
        if asleep:
            tiers[key] = "a_reveiller"
        elif big:
            tiers[key] = "grand_client"
        elif loyal:
            tiers[key] = "fidele"
        elif buyer.sales == 1 and days is not None and days <= NEW_WITHIN_DAYS:
            tiers[key] = "nouveau"
        else:
            tiers[key] = "occasionnel"
    return tiers


def rfm_context(orders: Iterable[dict], today: date | None = None) -> dict:
    """What ``lib.segments.rules.matches`` needs in its ``workspace`` dict to evaluate RFM conditions in Python:
    ``{"today", "buyers", "rfm_tiers"}``."""
    today = today or clock.today()
    buyers = buyers_from_orders(orders)
    return {"today": today, "buyers": buyers, "rfm_tiers": tiers_of(buyers, today)}


# --- SQL: one aggregate per workspace, scored with window functions -----------------------------------------


def buyers_sql(workspace: sql.Composable) -> sql.Composed:
    """``(contact_id, last_day, sales, spent_cents)`` of every buyer of the workspace (a derived table). The last
    sale's Paris day is the Paris day of the latest sale: one time zone conversion per buyer, not per order."""
    return sql.SQL(
        "(select o.contact_id, (max(o.created_at) at time zone 'Europe/Paris')::date as last_day,"
        " count(*)::integer as sales, sum(o.amount_cents)::bigint as spent_cents"
        " from public.orders o where o.workspace_id = {ws} and o.is_sale and o.contact_id is not null"
        " group by o.contact_id)").format(ws=workspace)


def _score_sql(order: str) -> sql.Composed:
    return sql.SQL("least(5, 1 + 5 * (rank() over (order by {}) - 1) / greatest(count(*) over () - 1, 1))").format(
        sql.SQL(order))


def tiers_sql(workspace: sql.Composable, today: sql.Composable) -> sql.Composed:
    """``(contact_id, tier)`` of every buyer (a derived table); ``today`` is a bound date."""
    asleep_small = sql.SQL("(s.last_day is null or s.last_day < {today} - {days})").format(
        today=today, days=sql.Literal(ASLEEP_AFTER_DAYS))
    asleep_large = sql.SQL("(s.r <= 2 and (s.last_day is null or s.last_day < {today} - {days}))").format(
        today=today, days=sql.Literal(NEW_WITHIN_DAYS))
    return sql.SQL("""(select s.contact_id, case
          when (case when s.n < {min_buyers} then {asleep_small} else {asleep_large} end) then 'a_reveiller'
          when (case when s.n < {min_buyers} then s.spent_cents >= {big} else s.m = 5 end) then 'grand_client'
          when (case when s.n < {min_buyers} then s.sales >= {loyal} else s.f >= 4 end) then 'fidele'
          when s.sales = 1 and s.last_day >= {today} - {new_days} then 'nouveau'
          else 'occasionnel' end as tier
        from (select b.*, count(*) over () as n, {r} as r, {f} as f, {m} as m from {buyers} b) s)""").format(
        min_buyers=sql.Literal(QUINTILE_MIN_BUYERS), asleep_small=asleep_small, asleep_large=asleep_large,
        big=sql.Literal(BIG_SPENDER_CENTS), loyal=sql.Literal(LOYAL_SALES), today=today,
        new_days=sql.Literal(NEW_WITHIN_DAYS), r=_score_sql("b.last_day asc nulls first"),
        f=_score_sql("b.sales"), m=_score_sql("b.spent_cents"), buyers=buyers_sql(workspace))


# --- the workspace's picture ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RfmSummary:
    orders: int  # every order stored, sale or not
    sales: int
    buyers: int  # contacts with at least one sale
    tiers: dict[str, int]  # buyers per tier, and jamais_achete = the other contacts (opted-out people included)

    @property
    def quintiles(self) -> bool:
        return self.buyers >= QUINTILE_MIN_BUYERS


def rfm_summary(db: Database, principal: Principal, workspace_id: str, today: date | None = None,
                contacts: int | None = None) -> RfmSummary:
    """Orders, sales and buyers of the workspace and the size of each observed tier, read from the orders alone
    (``contacts``, the workspace's number of contacts, is counted when not given). The tier query runs only when
    there are sales."""
    today = today or clock.today()
    tiers = tiers_sql(sql.Placeholder("ws"), sql.SQL("{}::date").format(sql.Placeholder("today")))
    query = sql.SQL("select t.tier, count(*)::int from {} t group by 1").format(tiers)
    with db.tenant(principal) as conn:
        orders, sales = conn.execute(
            "select count(*)::int, (count(*) filter (where is_sale))::int from public.orders where workspace_id = %s",
            (workspace_id,)).fetchone()
        counted = dict(conn.execute(query, {"ws": workspace_id, "today": today}).fetchall()) if sales else {}
        if contacts is None:
            contacts = conn.execute("select count(*)::int from public.contacts where workspace_id = %s",
                                    (workspace_id,)).fetchone()[0]
    buyers = sum(counted.values())
    sizes = {name: counted.get(name, 0) for name in RFM_TIERS}
    sizes[NO_PURCHASE] = max(0, contacts - buyers)
    return RfmSummary(orders, sales, buyers, sizes)


def days_before(today: date, days: int) -> date:
    """``today`` minus ``days`` (what a recency bound compares the last sale day with)."""
    return today - timedelta(days=days)
