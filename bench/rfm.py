"""Segment counts with observed RFM conditions against the same counts without them.

    .venv/bin/python bench/rfm.py [--rows 300000] [--orders 60000] [--runs 11]

Loads ``--rows`` synthetic contacts (bench/segments.py's generator and suppressions) and ``--orders`` orders
(about one in twelve contacts buys, some many times; 8 % refunded, a few undated, a fifth from strangers) into a
throwaway embedded PostgreSQL, then times ``count_members`` under row level security, median of ``--runs``, for
pairs of segments: a shape without RFM and the same shape with RFM conditions. Each RFM condition is one
uncorrelated aggregate over the workspace's sales (hashed once per count, never a subquery per contact); the
plan of the heaviest count is printed to show it. The counts are also checked against a Python evaluation
(``lib.segments.rfm``) of the same orders for the tier shapes.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import throwaway_workspace  # noqa: E402
from bench.segments import RULES, load, suppress, time_runs  # noqa: E402

BASE = RULES["all"]
PAIRS = {
    "tous les contacts": ({"all": []}, {"all": [{"field": "rfm_orders", "op": "gte", "value": 2}]}),
    "joignables WhatsApp": (
        {"all": [{"field": "reachable", "op": "is", "value": "whatsapp"}]},
        {"all": [{"field": "reachable", "op": "is", "value": "whatsapp"},
                 {"field": "rfm_recency_days", "op": "lte", "value": 90}]}),
    "4 conditions (bench/segments.py)": (
        RULES, {"all": [*BASE, {"field": "rfm_tier", "op": "in", "value": ["fidele", "grand_client"]}]}),
    "4 conditions + 3 RFM": (
        RULES, {"all": [*BASE, {"field": "rfm_recency_days", "op": "between", "value": [30, 365]},
                        {"field": "rfm_orders", "op": "gte", "value": 2},
                        {"field": "rfm_spent_eur", "op": "gte", "value": 150}]}),
    "jamais acheté, joignables WhatsApp": (
        {"all": [{"field": "reachable", "op": "is", "value": "whatsapp"}]},
        {"all": [{"field": "reachable", "op": "is", "value": "whatsapp"},
                 {"field": "rfm_tier", "op": "in", "value": ["jamais_achete"]}]}),
    "au plus 1 commande (contacts sans achat inclus)": (
        {"all": []}, {"all": [{"field": "rfm_orders", "op": "lte", "value": 1}]}),
}


def load_orders(db, workspace_id: str, count: int, seed: int = 7) -> list[dict]:
    """COPYs ``count`` orders in; returns them as dicts (for the Python check)."""
    rng = random.Random(seed)
    with db.admin() as conn:
        ids = [row[0] for row in conn.execute("select id from public.contacts where workspace_id = %s",
                                              (workspace_id,))]
    buyers = rng.sample(ids, max(1, len(ids) // 12))
    now = datetime(2026, 11, 29, 12, tzinfo=UTC)
    orders, buffer = [], io.StringIO()
    for n in range(count):
        contact = rng.choice(buyers[: max(1, len(buyers) // 5)] if rng.random() < 0.3 else buyers)
        contact = None if rng.random() < 0.2 else contact
        created = None if rng.random() < 0.01 else now - timedelta(days=rng.randint(0, 700), hours=rng.randint(0, 23))
        is_sale = rng.random() > 0.08
        amount = rng.choice((1500, 2900, 4500, 9000, 18000, 36000)) if is_sale else 0
        orders.append({"contact_id": contact, "created_at": created, "is_sale": is_sale, "amount_cents": amount})
        buffer.write("\t".join((workspace_id, "shopify", f"#{n + 1}", str(contact) if contact else r"\N",
                                created.isoformat() if created else r"\N", "t" if is_sale else "f", str(amount),
                                str(amount))) + "\n")
    with db.admin() as conn, conn.cursor().copy(
            "copy public.orders (workspace_id, source, number, contact_id, created_at, is_sale, amount_cents,"
            " total_cents) from stdin") as copy:
        copy.write(buffer.getvalue())
    return orders


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--orders", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()

    import psycopg
    from psycopg import sql

    from lib.segments.rfm import RFM_TIER_NAMES, paris_today, rfm_context, rfm_summary
    from lib.segments.rules import SEGMENT_FROM, compile_rules, count_members

    with throwaway_workspace("bench-rfm", "Bench RFM") as (uri, db, owner, workspace_id):
        start = time.perf_counter()
        suppress(db, owner, workspace_id, load(db, workspace_id, args.rows))
        orders = load_orders(db, workspace_id, args.orders)
        with psycopg.connect(uri, autocommit=True) as conn:
            conn.execute("vacuum analyze public.contacts")
            conn.execute("vacuum analyze public.orders")
        today = paris_today()
        summary = rfm_summary(db, owner, workspace_id, today)
        print(f"loaded {args.rows:,} contacts and {args.orders:,} orders in {time.perf_counter() - start:.1f} s "
              f"({os.cpu_count()} CPUs); {summary.sales:,} sales, {summary.buyers:,} buyers, tiers "
              + ", ".join(f"{k} {v:,}" for k, v in summary.tiers.items()))

        kept = list(rfm_context(orders, today)["rfm_tiers"].values())
        for tier in RFM_TIER_NAMES[:-1]:
            if summary.tiers[tier] != kept.count(tier):
                print(f"MISMATCH in {tier}: SQL {summary.tiers[tier]}, Python {kept.count(tier)}", file=sys.stderr)
                return 1
        print("tiers: SQL and Python agree")

        times, _ = time_runs(lambda: rfm_summary(db, owner, workspace_id, today), args.runs)
        print(f"rfm_summary (the builder's tier sizes, once per page run): median "
              f"{statistics.median(times) * 1000:.1f} ms")
        print(f"{'segment':48} {'without RFM':>22} {'with RFM':>22}")
        for label, (plain, with_rfm) in PAIRS.items():
            results = []
            for document in (plain, with_rfm):
                time_runs(lambda d=document: count_members(db, owner, workspace_id, d, today), 2)
                times, count = time_runs(lambda d=document: count_members(db, owner, workspace_id, d, today),
                                         args.runs)
                results.append(f"{count:>8,} {statistics.median(times) * 1000:8.1f} ms")
            print(f"{label:48} {results[0]:>22} {results[1]:>22}")

        where, params = compile_rules(PAIRS["4 conditions + 3 RFM"][1], workspace_id, today)
        with db.tenant(owner) as conn:
            plan = conn.execute(sql.SQL("explain (analyze, costs off, timing off, summary off) "
                                        "select count(*) from {} where {}").format(SEGMENT_FROM, where),
                                params).fetchall()
        print("plan of '4 conditions + 3 RFM':")
        print("\n".join("   " + row[0] for row in plan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
