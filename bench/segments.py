"""Counting a segment over 1,000,000 contacts: Cercle's SQL count against loading the contacts into pandas.

    .venv/bin/python bench/segments.py [--rows 1000000] [--runs 15]

Both run in this process against the same throwaway embedded PostgreSQL, loaded with synthetic contacts by
COPY (the import pipeline has its own benchmark, bench/import.py). 1% of the numbers are on the suppression
list, half of those without an opt-out on the contact, so the suppression check has work to do.

Cercle: ``lib.segments.rules.count_members`` under row level security, ``--runs`` times, median and p90.
pandas: the same contacts read (under the same RLS) into a DataFrame and filtered with vectorised pandas, the
suppression hashes computed with hashlib for the rows that pass the rules; timed load + filter, and filter alone.
The two counts must agree, or the run fails.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import throwaway_workspace  # noqa: E402

RULES = {"all": [
    {"field": "interest", "op": "any_of", "value": ["vin rouge", "bio"]},
    {"field": "budget_eur", "op": "gte", "value": 30},
    {"field": "country", "op": "in", "value": ["FR"]},
    {"field": "reachable", "op": "is", "value": "whatsapp"},
]}
OTHER_SHAPES = {
    "tous les contacts": {"all": []},
    "joignables sur WhatsApp": {"all": [{"field": "reachable", "op": "is", "value": "whatsapp"}]},
    "département 33, budget amateur": {"all": [{"field": "department", "op": "in", "value": ["33"]},
                                               {"field": "budget_tier", "op": "in", "value": ["amateur"]}]},
}
INTERESTS = ("vin rouge", "blanc sec", "rosé", "bulles", "Champagne", "bio", "nature", "Bordeaux", "Bourgogne",
             "liquoreux", "dégustation", "accords mets-vins")
FIRST_NAMES = ("Camille", "Léa", "Manon", "Hugo", "Lucas", "Thomas", "Sophie", "Julien", "Claire", "Antoine")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Durand", "Leroy", "Moreau", "Fournier", "Girard", "Roux", "Lambert")
PLACES = (("Bordeaux", "33000", "FR"), ("Libourne", "33500", "FR"), ("Paris", "75011", "FR"), ("Lyon", "69003", "FR"),
          ("Ajaccio", "20000", "FR"), ("Nantes", "44000", "FR"), ("Lille", "59000", "FR"), ("Nice", "06000", "FR"),
          ("Bruxelles", "1000", "BE"), ("Genève", "1201", "CH"), ("Pointe-à-Pitre", "97110", "GP"))
PLACE_WEIGHTS = (20, 8, 18, 12, 3, 8, 8, 7, 8, 5, 3)
BUDGETS = ((None, None, ""), (None, 15, "< 15 €"), (15, 30, "15-30 €"), (30, 60, "30-60 €"), (60, None, "60 € et plus"))
BUDGET_WEIGHTS = (30, 20, 25, 17, 8)
COLUMNS = ("workspace_id", "phone_e164", "phone_type", "first_name", "last_name", "email", "city", "postal_code",
           "country", "interests", "budget_raw", "budget_min_eur", "budget_max_eur", "declared_adult",
           "reach_whatsapp", "reach_telegram", "reach_sms", "consent_whatsapp", "consent_telegram", "consent_sms",
           "consent_email", "consent_proof", "opted_out_at")


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | tuple):
        return "{" + ",".join('"' + v + '"' for v in value) + "}"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def synthetic_contacts(workspace_id: str, rows: int, seed: int = 11):
    """Yields (copy line, phone or None) for ``rows`` plausible contacts of one wine estate."""
    rng = random.Random(seed)
    proof = json.dumps({"whatsapp": {"at": "2026-05-01", "method": "import", "source": "salon"}})
    for n in range(rows):
        mobile = rng.random() < 0.85
        city, postal, country = rng.choices(PLACES, PLACE_WEIGHTS)[0]
        low, high, raw = rng.choices(BUDGETS, BUDGET_WEIGHTS)[0]
        phone = f"+33{6 + n % 2}{n:08d}"
        row = (workspace_id, phone, "mobile" if mobile else "fixed_line", rng.choice(FIRST_NAMES),
               rng.choice(LAST_NAMES), f"client{n}@example.fr" if rng.random() < 0.6 else None, city, postal, country,
               rng.sample(INTERESTS, rng.choice((0, 1, 1, 2, 2, 3))), raw or None, low, high,
               rng.choice((True, True, True, None)), mobile, mobile and rng.random() < 0.5, mobile,
               rng.random() < 0.55, rng.random() < 0.2, rng.random() < 0.4, rng.random() < 0.5, proof,
               "2026-06-01 10:00:00+00" if rng.random() < 0.02 else None)
        yield "\t".join(_copy_value(v) for v in row) + "\n", phone


def load(db, workspace_id: str, rows: int) -> list[str]:
    """COPYs the contacts in (as the connecting role: synthetic bulk data); returns the numbers to suppress."""
    to_suppress = []
    rng = random.Random(5)
    with db.admin() as conn, conn.cursor().copy(f"copy public.contacts ({', '.join(COLUMNS)}) from stdin") as copy:
        buffer = io.StringIO()
        for n, (line, phone) in enumerate(synthetic_contacts(workspace_id, rows), start=1):
            buffer.write(line)
            if rng.random() < 0.01:
                to_suppress.append(phone)
            if n % 50_000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return to_suppress


def suppress(db, principal, workspace_id: str, phones: list[str]) -> None:
    """Suppresses the numbers (through cercle.suppress, as the app does); half of them also opt out on the contact."""
    with db.tenant(principal) as conn:
        conn.execute("select cercle.suppress(%s, 'phone', %s::text[], 'stop')", (workspace_id, phones))
        conn.execute("update public.contacts set opted_out_at = now() where workspace_id = %s "
                     "and phone_e164 = any(%s::text[])", (workspace_id, phones[::2]))


def time_runs(function, runs: int) -> tuple[list[float], object]:
    timings, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - start)
    return timings, result


_PANDAS_SQL = """
select c.phone_e164, c.email, c.country, c.department, c.interests, c.budget_min_eur, c.budget_max_eur,
       c.declared_adult, c.reach_whatsapp, c.consent_whatsapp, c.opted_out_at
from public.contacts c where c.workspace_id = %s
"""


def read_frame(db, principal, workspace_id: str):
    """Everything the filter needs, read under RLS into pandas (what a naive page would cache)."""
    import pandas as pd

    with db.tenant(principal) as conn:
        cursor = conn.execute(_PANDAS_SQL, (workspace_id,))
        frame = pd.DataFrame(cursor.fetchall(), columns=[d.name for d in cursor.description])
        workspace = conn.execute("select delivery_countries, delivery_departments, is_alcohol "
                                 "from public.workspaces where id = %s", (workspace_id,)).fetchone()
    # neither the key nor the hashes reach a member (migrations 20261130110300, 20261203100100): the baseline is
    # handed them to compute the same count
    with db.admin() as conn:
        hashes = {r[0] for r in conn.execute("select key_hash from public.suppressions where workspace_id = %s "
                                             "and kind = 'phone'", (workspace_id,))}
        email_hashes = {r[0] for r in conn.execute("select key_hash from public.suppressions where workspace_id = %s "
                                                   "and kind = 'email'", (workspace_id,))}
        key = conn.execute("select suppression_key from public.workspaces where id = %s", (workspace_id,)).fetchone()
    return frame, (*workspace, key[0]), hashes, email_hashes


def filter_frame(frame, workspace, hashes, email_hashes) -> int:
    """The benchmark's rules, vectorised in pandas, with the same semantics as lib.segments.rules."""
    import pandas as pd

    countries, departments, alcohol, key = workspace
    wanted = {"vin rouge", "bio"}
    top = pd.to_numeric(frame["budget_max_eur"], errors="coerce").astype(float)
    top = top.where(frame["budget_max_eur"].notna(), float("inf")).where(
        frame["budget_min_eur"].notna() | frame["budget_max_eur"].notna())
    in_zone = frame["country"].isin(countries)
    if departments:
        in_zone &= (frame["country"] != "FR") | frame["department"].isin(departments)
    adult = (frame["declared_adult"] == True) if alcohol else True  # noqa: E712 - a pandas mask, None stays False
    keep = (frame["opted_out_at"].isna() & (top >= 30) & (frame["country"] == "FR") & frame["reach_whatsapp"]
            & frame["consent_whatsapp"] & in_zone & adult)
    keep &= frame["interests"].map(lambda held: not wanted.isdisjoint(held))
    candidates = frame[keep]

    def digest(kind: str, value: str) -> str:
        return hashlib.sha256(f"{key}:{kind}:{value}".encode()).hexdigest()

    suppressed = candidates["phone_e164"].map(lambda p: isinstance(p, str) and digest("phone", p.strip()) in hashes)
    suppressed |= candidates["email"].map(lambda e: isinstance(e, str) and digest("email", e.strip().lower())
                                          in email_hashes)
    return int((~suppressed).sum())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pandas-runs", type=int, default=3)
    args = parser.parse_args()

    import psycopg

    from lib.segments.rules import count_members, describe, validate_rules

    with throwaway_workspace("bench-segments", "Bench") as (uri, db, owner, workspace_id):

        start = time.perf_counter()
        phones = load(db, workspace_id, args.rows)
        suppress(db, owner, workspace_id, phones)
        with psycopg.connect(uri, autocommit=True) as conn:
            conn.execute("vacuum analyze public.contacts")
            settings = conn.execute("select current_setting('server_version'), current_setting('shared_buffers'),"
                                    " pg_size_pretty(pg_table_size('public.contacts'))").fetchone()
        print(f"loaded {args.rows:,} contacts and {len(phones):,} suppressions in "
              f"{time.perf_counter() - start:.1f} s (PostgreSQL {settings[0]}, shared_buffers {settings[1]}, "
              f"contacts {settings[2]}, {os.cpu_count()} CPUs)")

        ruleset = validate_rules(RULES)
        print(f"segment: {describe(ruleset, 'fr')}")
        time_runs(lambda: count_members(db, owner, workspace_id, ruleset), 2)  # warm the cache and the plan
        sql_times, sql_count = time_runs(lambda: count_members(db, owner, workspace_id, ruleset), args.runs)

        load_times, filter_times, pandas_count = [], [], None
        for _ in range(args.pandas_runs):
            start = time.perf_counter()
            frame, workspace, hashes, email_hashes = read_frame(db, owner, workspace_id)
            loaded = time.perf_counter()
            pandas_count = filter_frame(frame, workspace, hashes, email_hashes)
            load_times.append(time.perf_counter() - start)
            filter_times.append(time.perf_counter() - loaded)
            del frame
        if sql_count != pandas_count:
            print(f"MISMATCH: SQL counted {sql_count}, pandas {pandas_count}", file=sys.stderr)
            return 1

        sql_median = statistics.median(sql_times)
        pandas_median = statistics.median(load_times)
        p90 = sorted(sql_times)[max(0, int(len(sql_times) * 0.9) - 1)]
        print(f"members: {sql_count:,} (SQL and pandas agree)")
        print(f"Cercle SQL count : median {sql_median * 1000:7.1f} ms, p90 {p90 * 1000:.1f} ms "
              f"over {args.runs} runs (target < 100 ms)")
        print(f"pandas load+filter: median {pandas_median * 1000:7.1f} ms over {args.pandas_runs} runs "
              f"(filter alone, frame already in memory: {statistics.median(filter_times) * 1000:.1f} ms)")
        print(f"ratio: SQL is {pandas_median / sql_median:.1f}x faster than load+filter, "
              f"{statistics.median(filter_times) / sql_median:.1f}x the in-memory filter")
        for label, document in OTHER_SHAPES.items():
            times, count = time_runs(lambda d=document: count_members(db, owner, workspace_id, d), 5)
            print(f"  also: {label}: {count:,} members, median {statistics.median(times) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
