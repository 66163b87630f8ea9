"""Who is in a segment, broken down for charts: interests × budget tier, departments, reachable channels,
observed buyer groups (RFM).

Every figure is one aggregate query over the segment's members (never rows pulled into pandas).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from psycopg import sql

from lib import clock
from lib.db import Database, Principal
from lib.segments.rfm import NO_PURCHASE, RFM_TIER_NAMES, tiers_sql
from lib.segments.rules import SEGMENT_FROM, RuleSet, budget_tier_sql, compile_rules, overlap_counts, validate_rules

CHANNELS = ("whatsapp", "telegram", "sms", "email")


def _frame(db: Database, principal: Principal, query: sql.Composable, params: dict, columns: list[str]) -> pd.DataFrame:
    with db.tenant(principal) as conn:
        return pd.DataFrame(conn.execute(query, params).fetchall(), columns=columns)


def interests_by_tier(db: Database, principal: Principal, workspace_id: str, rules: RuleSet | dict,
                      top: int = 12) -> pd.DataFrame:
    """Members per (interest, budget tier), for the ``top`` interests of the segment."""
    where, params = compile_rules(rules, workspace_id)
    query = sql.SQL("""
        with members as (select c.interests, {tier} as tier from {source} where {where}),
        cited as (select i as interest, tier from members, unnest(members.interests) i),
        best as (select interest from cited group by interest order by count(*) desc, interest limit {top})
        select interest, tier, count(*)::int from cited where interest in (select interest from best)
        group by interest, tier
    """).format(tier=budget_tier_sql("c"), source=SEGMENT_FROM, where=where, top=sql.Placeholder("top"))
    return _frame(db, principal, query, {**params, "top": top}, ["interest", "tier", "contacts"])


def by_department(db: Database, principal: Principal, workspace_id: str, rules: RuleSet | dict,
                  top: int = 20) -> pd.DataFrame:
    """Members per French department (the ``top`` largest)."""
    where, params = compile_rules(rules, workspace_id)
    query = sql.SQL("select c.department, count(*)::int from {} where {} and c.department is not null "
                    "group by 1 order by 2 desc, 1 limit {}").format(SEGMENT_FROM, where, sql.Placeholder("top"))
    return _frame(db, principal, query, {**params, "top": top}, ["department", "contacts"])


def by_channel(db: Database, principal: Principal, workspace_id: str, rules: RuleSet | dict) -> pd.DataFrame:
    """How many members are reachable on each channel (two aggregate queries)."""
    base = validate_rules(rules).to_document()
    per_channel = [{"all": [base, {"field": "reachable", "op": "is", "value": channel}]} for channel in CHANNELS]
    first = overlap_counts(db, principal, workspace_id, per_channel[:3])
    last = overlap_counts(db, principal, workspace_id, per_channel[3:])
    counts = [first[(0,)], first[(1,)], first[(2,)], last[(0,)]]
    return pd.DataFrame({"channel": list(CHANNELS), "contacts": counts})


def by_rfm_tier(db: Database, principal: Principal, workspace_id: str, rules: RuleSet | dict,
                today: date | None = None) -> pd.DataFrame:
    """Members per observed buyer group (every group listed, in reading order, 0 when empty): one query."""
    today = today or clock.today()
    where, params = compile_rules(rules, workspace_id, today)
    tiers = tiers_sql(sql.Placeholder("ws"), sql.SQL("{}::date").format(sql.Placeholder("rfm_today")))
    query = sql.SQL("select coalesce(t.tier, {none}), count(*)::int from {source} left join {tiers} t"
                    " on t.contact_id = c.id where {where} group by 1").format(
        none=sql.Literal(NO_PURCHASE), source=SEGMENT_FROM, tiers=tiers, where=where)
    with db.tenant(principal) as conn:
        counted = dict(conn.execute(query, {**params, "rfm_today": today}).fetchall())
    return pd.DataFrame({"tier": list(RFM_TIER_NAMES), "contacts": [counted.get(n, 0) for n in RFM_TIER_NAMES]})
