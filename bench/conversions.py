"""The conversions page's figures over 1,000,000 contacts and 200,000 orders: Cercle's SQL against pandas.

    .venv/bin/python bench/conversions.py [--contacts 1000000] [--orders 200000] [--runs 7]

A throwaway embedded PostgreSQL is loaded with synthetic contacts (COPY, as bench/segments.py), four communities
on three channels with tracked links, 60,000 memberships, 20,000 opened invitations, 150,000 anonymous link
visits, three saved segments and the orders (about 10% refunded or cancelled, 40% attributed to a community).

Cercle: ``lib.conversions.metrics.conversion_metrics`` — every query the page runs (headline figures, funnel per
community and channel, sources, revenue over time, cohorts, the latest orders) under row level security,
``--runs`` times: median and p90. Above 100,000 contacts the page computes the saved segments' detail only when
asked; that case is timed too (``segment_detail=True``). pandas: the same tables read in full (under the same RLS) into
DataFrames, then the same sales figures, per-community funnel, timeline and cohorts computed with pandas; timed
load + compute. Revenue, buyers and per-community figures must agree, or the run fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import throwaway_workspace  # noqa: E402
from bench.segments import load  # noqa: E402

SEGMENTS = {
    "Amateurs de rouge": {"all": [{"field": "interest", "op": "any_of", "value": ["vin rouge", "Bordeaux"]}]},
    "Budget 30 € et plus": {"all": [{"field": "budget_eur", "op": "gte", "value": 30}]},
    "Girondins joignables": {"all": [{"field": "department", "op": "in", "value": ["33"]},
                                     {"field": "reachable", "op": "is", "value": "whatsapp"}]},
}
COMMUNITIES = (("Le Cercle", "whatsapp_group", "CERCLE10"), ("Les Amis du Chai", "telegram_channel", "AMIS15"),
               ("Club Bulles", "whatsapp_community", "BULLES"), ("Liste Primeurs", "sms_list", "PRIMEURS"))

_ORDERS_SQL = """
with ids as (select array_agg(id order by id) as a, count(*) as n from (
  select id from public.contacts where workspace_id = %(ws)s order by random() limit 400000) x),
comms as (select array_agg(id order by name) as a from public.communities where workspace_id = %(ws)s),
raw as (
  select g, (1500 + floor(random() * 20000))::bigint as total, random() as r_status, random() as r_attr,
         random() as r_buyer, timestamptz '2025-01-01 00:00+01' + random() * interval '690 days' as at
  from generate_series(1, %(orders)s) g
)
insert into public.orders (workspace_id, source, number, created_at, currency, total_cents, refunded_cents,
  financial_status, cancelled, is_sale, amount_cents, email, contact_id, community_id, method, confidence, reason)
select %(ws)s, 'shopify', '#' || g, at, 'EUR', total,
       case when r_status < 0.05 then total when r_status < 0.08 then total / 3 else 0 end,
       case when r_status < 0.05 then 'refunded' when r_status < 0.08 then 'partially_refunded'
            when r_status < 0.10 then 'voided' else 'paid' end,
       r_status between 0.10 and 0.12,
       r_status >= 0.05 and not (r_status between 0.08 and 0.12),
       case when r_status < 0.05 or r_status between 0.08 and 0.12 then 0
            when r_status < 0.08 then total - total / 3 else total end,
       'acheteur' || (g %% 90000) || '@example.fr',
       case when r_buyer < 0.7 then ids.a[1 + (g * 7919 %% least(ids.n, 120000))::int] end,
       case when r_attr < 0.4 then comms.a[1 + (g %% 4)] end,
       case when r_attr < 0.15 then 'promo_code' when r_attr < 0.25 then 'link' when r_attr < 0.4 then 'contact'
            else 'none' end,
       case when r_attr < 0.15 then 'certain' when r_attr < 0.25 then 'strong' when r_attr < 0.4 then 'probable'
            else 'none' end,
       'bench'
from raw, ids, comms
"""


def build(db, owner, workspace_id: str, contacts: int, orders: int) -> None:
    from lib.links.communities import create_community, create_link
    from lib.segments.store import save_segment

    load(db, workspace_id, contacts)
    made = []
    for name, channel, promo in COMMUNITIES:
        community = create_community(db, owner, workspace_id, name=name, channel=channel, promo_code=promo)
        made.append((community, [create_link(db, owner, workspace_id, community.id, source=f"{name} {s}",
                                             destination="https://domaine.example/boutique")
                                 for s in ("salon", "étiquette", "statut")]))
    for name, rules in SEGMENTS.items():
        save_segment(db, owner, workspace_id, name, rules)
    with db.admin() as conn:
        params = {"ws": workspace_id, "orders": orders}
        for index, (community, links) in enumerate(made):
            conn.execute(
                "insert into public.community_members (workspace_id, community_id, contact_id, joined_at) "
                "select %s, %s, id, timestamptz '2024-12-01' from public.contacts where workspace_id = %s "
                "order by id offset %s limit 15000", (workspace_id, community.id, workspace_id, index * 9000))
            conn.execute(
                "insert into public.invitations (workspace_id, link_id, contact_id, channel, token, open_url, "
                "opened_at, opened_count) select %s, %s, id, 'whatsapp', replace(gen_random_uuid()::text, '-', ''), "
                "'https://wa.me/33600000000?text=Bonjour', now(), 1 from public.contacts where workspace_id = %s "
                "order by id offset %s limit 5000", (workspace_id, links[0].id, workspace_id, 200000 + index * 5000))
            for link in links:
                conn.execute(
                    "insert into public.link_clicks (workspace_id, link_id, clicked_at, visitor_hash) "
                    "select %s, %s, timestamptz '2025-01-01' + random() * interval '690 days', "
                    "md5(g::text || %s) || md5(g::text) from generate_series(1, 12500) g",
                    (workspace_id, link.id, link.id))
        conn.execute(_ORDERS_SQL, params)
        conn.execute("update public.orders o set link_id = l.id from public.invite_links l "
                     "where o.workspace_id = %s and o.method = 'link' and l.community_id = o.community_id "
                     "and l.source like '%% salon'", (workspace_id,))
        for table in ("contacts", "orders", "community_members", "invitations", "link_clicks"):
            conn.execute(f"analyze public.{table}")


def pandas_figures(db, owner, workspace_id: str) -> dict:
    """Reads the tables in full under RLS and computes the page's sales figures and community funnel."""
    import pandas as pd

    def frame(conn, query):
        cursor = conn.execute(query, (workspace_id,))
        return pd.DataFrame(cursor.fetchall(), columns=[d.name for d in cursor.description])

    with db.tenant(owner) as conn:
        orders = frame(conn, "select id, created_at, amount_cents, is_sale, cancelled, community_id, contact_id, "
                             "email, phone_e164, link_id, method from public.orders where workspace_id = %s")
        contacts = frame(conn, "select id, reach_whatsapp, consent_whatsapp, opted_out_at from public.contacts "
                               "where workspace_id = %s")
        members = frame(conn, "select community_id, contact_id from public.community_members where workspace_id = %s")
        invitations = frame(conn, "select i.contact_id, l.community_id from public.invitations i join "
                                  "public.invite_links l on l.id = i.link_id where i.workspace_id = %s "
                                  "and i.opened_at is not null")
        clicks = frame(conn, "select k.link_id, l.community_id from public.link_clicks k join public.invite_links l "
                             "on l.id = k.link_id where k.workspace_id = %s")
        communities = frame(conn, "select id, name, channel from public.communities where workspace_id = %s")
    sales = orders[orders["is_sale"] & ~orders["cancelled"]].copy()
    sales["buyer"] = (sales["contact_id"].astype("string").fillna(sales["email"]).fillna(sales["phone_e164"])
                      .fillna(sales["id"].astype("string")))
    per_buyer = sales.groupby("buyer")["amount_cents"].agg(["count", "sum"])
    figures = {"revenue": int(sales["amount_cents"].sum()), "orders": len(sales), "buyers": len(per_buyer),
               "repeat": int((per_buyer["count"] >= 2).sum())}
    in_community = sales[sales["community_id"].notna()]
    figures["community_revenue"] = int(in_community["amount_cents"].sum())
    pairs = in_community.merge(members, on=["community_id", "contact_id"], how="inner")
    per = {}
    for row in communities.itertuples():
        mine = in_community[in_community["community_id"] == row.id]
        per[str(row.id)] = {
            "revenue": int(mine["amount_cents"].sum()), "buyers": mine["buyer"].nunique(),
            "joined": int((members["community_id"] == row.id).sum()),
            "invited": invitations[invitations["community_id"] == row.id]["contact_id"].nunique(),
            "clicked": int((clicks["community_id"] == row.id).sum()),
            "member_buyers": pairs[pairs["community_id"] == row.id]["contact_id"].nunique()}
    figures["communities"] = per
    figures["reachable_whatsapp_raw"] = int((contacts["reach_whatsapp"] & contacts["consent_whatsapp"]
                                             & contacts["opted_out_at"].isna()).sum())
    dated = sales[sales["created_at"].notna()].copy()
    dated["month"] = dated["created_at"].dt.tz_convert("Europe/Paris").dt.strftime("%Y-%m")
    dated["channel"] = dated["community_id"].map(dict(zip(communities["id"], communities["channel"],
                                                          strict=True))).fillna("public")
    figures["timeline"] = dated.groupby(["month", "channel"])["amount_cents"].sum().to_dict()
    first = dated.groupby("buyer")["month"].min().rename("cohort")
    dated = dated.join(first, on="buyer")
    figures["cohorts"] = dated.groupby(["cohort", "month"])["buyer"].nunique().to_dict()
    return figures


class _Timed:
    """A connection that notes how long each statement takes (first words of the query as its name)."""

    def __init__(self, conn) -> None:
        self.conn, self.times = conn, []

    def execute(self, query, params=None):
        text = query.as_string(self.conn) if hasattr(query, "as_string") else query
        begin = time.perf_counter()
        cursor = self.conn.execute(query, params)
        rows = cursor.fetchall() if cursor.description else []
        self.times.append((" ".join(text.split()[:8])[:60], (time.perf_counter() - begin) * 1000))
        return _Rows(cursor, rows)


class _Rows:
    def __init__(self, cursor, rows) -> None:
        self.description, self._rows = cursor.description, rows

    def fetchall(self):
        return self._rows

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def __iter__(self):
        return iter(self._rows)


def time_each_query(db, owner, workspace_id: str) -> list[tuple[str, float]]:
    from lib.conversions.metrics import Filters, read_metrics

    with db.tenant(owner) as conn:
        timed = _Timed(conn)
        read_metrics(timed, workspace_id, Filters())
    return timed.times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pandas-runs", type=int, default=3)
    args = parser.parse_args()

    import psycopg

    from lib.conversions.metrics import Filters, conversion_metrics

    with throwaway_workspace("bench-conversions", "Bench") as (uri, db, owner, workspace_id):
        start = time.perf_counter()
        build(db, owner, workspace_id, args.contacts, args.orders)
        with psycopg.connect(uri, autocommit=True) as conn:
            # as autovacuum would in a while: the visibility map lets the people counts stay in the indexes
            conn.execute("vacuum analyze public.contacts, public.orders, public.link_clicks")
            calibration = []
            for _ in range(3):
                begin = time.perf_counter()
                conn.execute("select count(*) from generate_series(1, 1000000)")
                calibration.append(time.perf_counter() - begin)
        print(f"machine check: counting 1,000,000 generated rows takes "
              f"{statistics.median(calibration) * 1000:.0f} ms "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
        print(f"loaded {args.contacts:,} contacts, {args.orders:,} orders, memberships, invitations and "
              f"clicks in {time.perf_counter() - start:.1f} s")

        def page() -> object:
            return conversion_metrics(db, owner, workspace_id, Filters())

        page()
        page()  # warm the cache and the plans
        sql_times = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            metrics = page()
            sql_times.append(time.perf_counter() - begin)
        detail_times = []
        for _ in range(max(1, args.runs // 2)):
            begin = time.perf_counter()
            detailed = conversion_metrics(db, owner, workspace_id, Filters(), segment_detail=True)
            detail_times.append(time.perf_counter() - begin)
        # the same queries one by one, to say where the time goes
        breakdown = time_each_query(db, owner, workspace_id)
        pandas_times, figures = [], None
        for _ in range(args.pandas_runs):
            begin = time.perf_counter()
            figures = pandas_figures(db, owner, workspace_id)
            pandas_times.append(time.perf_counter() - begin)

        problems = []
        if figures["revenue"] != metrics.all.revenue_cents or figures["buyers"] != metrics.all.buyers:
            problems.append(f"totals: pandas {figures['revenue']}/{figures['buyers']}, "
                            f"SQL {metrics.all.revenue_cents}/{metrics.all.buyers}")
        if figures["repeat"] != metrics.all.repeat_buyers:
            problems.append(f"repeat buyers: pandas {figures['repeat']}, SQL {metrics.all.repeat_buyers}")
        for c in metrics.communities:
            mine = figures["communities"][c.id]
            ours = {"revenue": c.figures.revenue_cents, "buyers": c.bought, "joined": c.joined,
                    "invited": c.invited, "clicked": c.clicked, "member_buyers": c.member_buyers}
            if mine != ours:
                problems.append(f"{c.name}: pandas {mine}, SQL {ours}")
        cohort_buyers = sum(r["buyers"] for r in metrics.cohorts)
        if cohort_buyers != sum(figures["cohorts"].values()):
            problems.append(f"cohorts: pandas {sum(figures['cohorts'].values())}, SQL {cohort_buyers}")
        if problems:
            print("MISMATCH:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1

        median = statistics.median(sql_times)
        p90 = sorted(sql_times)[max(0, int(len(sql_times) * 0.9) - 1)]
        pandas_median = statistics.median(pandas_times)
        print(f"figures: revenue {metrics.all.revenue_cents / 100:,.2f} EUR, {metrics.all.orders:,} sales, "
              f"{metrics.all.buyers:,} buyers, {len(metrics.communities)} communities, "
              f"{len(metrics.timeline)} timeline points, {len(metrics.cohorts)} cohort cells "
              "(SQL and pandas agree)")
        print(f"Cercle SQL, all the page's queries: median {median * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms over "
              f"{args.runs} runs (target < 1000 ms)")
        print(f"pandas full reads + compute: median {pandas_median * 1000:.0f} ms over {args.pandas_runs} runs "
              f"(and it computes less: no segments, no suppression check)")
        print(f"ratio: SQL is {pandas_median / median:.1f}x faster")
        print(f"with the saved segments' detail asked for ({len(detailed.segments)} segments: funnel, segment x "
              f"channel, sizes over all contacts): median {statistics.median(detail_times) * 1000:.0f} ms over "
              f"{len(detail_times)} runs")
        print("where the SQL time goes (one run): " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in breakdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
