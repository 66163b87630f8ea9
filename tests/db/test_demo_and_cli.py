"""The demo loads once and only once; the CLI and the app share one database and one embedded server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lib.db import LOCAL_USER, Database
from lib.demo import DEMO_SIZE, load_demo
from tests.support.db import PROJECT_ROOT, unique_slug


def _count(db: Database, workspace_id: str) -> int:
    with db.tenant(LOCAL_USER) as conn:
        return conn.execute("select count(*) from public.contacts where workspace_id = %s",
                            (workspace_id,)).fetchone()[0]


def test_demo_loads_realistic_contacts_and_reloading_duplicates_nothing(db):
    """About 2,000 contacts with cleaned phones; the second load imports nothing new."""
    slug = unique_slug("demo")
    workspace, report = load_demo(db, LOCAL_USER, slug)
    first = report.counts()
    assert first["imported"] > 1800
    assert first["rows"] == DEMO_SIZE
    assert first["refused"] > 0  # scientific notation and empty cells are refused, never guessed
    total = _count(db, workspace.id)
    second = load_demo(db, LOCAL_USER, slug)[1].counts()
    assert second["imported"] == 0
    assert second["updated"] == 0
    assert _count(db, workspace.id) == total
    with db.tenant(LOCAL_USER) as conn:
        phones = [r[0] for r in conn.execute(
            "select phone_e164 from public.contacts where workspace_id = %s and phone_e164 is not null",
            (workspace.id,))]
        mobiles = conn.execute("select count(*) from public.contacts where workspace_id = %s and reach_whatsapp",
                               (workspace.id,)).fetchone()[0]
    assert all(p.startswith("+") and p[1:].isdigit() for p in phones)
    assert len(phones) == len(set(phones))
    assert mobiles > total * 0.6
    assert any(p.startswith("+590") for p in phones)  # Guadeloupe written nationally
    assert any(p.startswith("+32") for p in phones)


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def test_cli_demo_prints_json_and_is_idempotent(database_url):
    """`python -m lib.cli demo --workspace SLUG --json` creates the workspace and reports counts."""
    env = dict(os.environ, DATABASE_URL=database_url)
    slug = unique_slug("cli")
    first = _cli("demo", "--workspace", slug, "--json", env=env)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["workspace"] == slug and report["imported"] > 1800
    second = json.loads(_cli("demo", "--workspace", slug, "--json", env=env).stdout)
    assert second["imported"] == 0


def test_cli_with_unreachable_database_says_so_in_one_french_line():
    """A wrong DATABASE_URL: exit 2, a sentence on stderr, no traceback."""
    env = dict(os.environ, DATABASE_URL="postgresql://x:y@127.0.0.1:1/none?connect_timeout=2")
    result = _cli("demo", "--workspace", "demo", env=env)
    assert result.returncode == 2
    assert "Impossible de joindre la base de données" in result.stderr
    assert "Traceback" not in result.stderr


def test_second_process_reuses_the_running_embedded_server():
    """With the app's embedded server up, the CLI attaches to it and leaves it running."""
    # Outside pytest's own temporary tree (mode 0700, pruned by other pytest runs): the server runs as another user.
    tmp_path = Path(tempfile.mkdtemp(prefix="cercle-reuse-"))
    tmp_path.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CERCLE_DATA_DIR"] = str(tmp_path / "data")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from lib.db import get_database; db = get_database(); print(db.server.get_pid(), flush=True);"
         " sys.stdin.readline(); from lib.db import close_database; close_database()"],
        cwd=PROJECT_ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        server_pid = int(holder.stdout.readline())
        result = _cli("demo", "--workspace", "demo", "--json", env=env)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["imported"] > 1800
        os.kill(server_pid, 0)  # still running after the CLI left
        pid_file = (tmp_path / "data" / "pg" / "postmaster.pid").read_text().split()[0]
        assert int(pid_file) == server_pid
    finally:
        holder.communicate("\n", timeout=60)
        shutil.rmtree(tmp_path, ignore_errors=True)
    assert holder.returncode == 0
