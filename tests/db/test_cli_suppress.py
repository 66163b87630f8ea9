"""`python -m lib.cli suppress`: a file of STOP replies onto the suppression list (issue #13, the CLI)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from lib.contacts.importer import import_rows
from lib.contacts.queries import exportable_contacts
from lib.db import LOCAL_USER
from lib.segments.rules import EVERYONE, count_members
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, unique_slug

STOP_FILE = "06 12 00 00 02\r\nceci n'est pas un numéro\n\nStop@Example.test\n+33 6 12 00 00 09\n"


@pytest.fixture
def cli(database_url):
    env = dict(os.environ, DATABASE_URL=database_url)

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=PROJECT_ROOT, env=env, input=stdin,
                              capture_output=True, text=True, timeout=180)

    return run


def test_a_file_of_stop_replies_suppresses_every_line_it_can_read(db, cli, tmp_path):
    slug = unique_slug("stop")
    workspace = ensure_workspace(db, LOCAL_USER, slug)
    import_rows(db, LOCAL_USER, workspace.id, ["Prénom", "Téléphone", "Autre téléphone", "E-mail"],
                [["Deux", "06 12 00 00 01", "06 12 00 00 02", ""], ["Mail", "06 12 00 00 03", "", "stop@example.test"],
                 ["Reste", "06 12 00 00 04", "", ""]], file_name="a.csv")
    assert count_members(db, LOCAL_USER, workspace.id, EVERYONE.to_document()) == 3
    path = tmp_path / "stop.txt"
    path.write_text(STOP_FILE, encoding="utf-8", newline="")

    done = cli("suppress", "--workspace", slug, str(path))
    assert done.returncode == 0, done.stderr
    assert "3 ajout(s)" in done.stdout and "2 contact(s)" in done.stdout and "1 ligne(s) illisible(s)" in done.stdout
    assert "ligne 2" in done.stderr
    assert count_members(db, LOCAL_USER, workspace.id, EVERYONE.to_document()) == 1
    assert {r[0] for r in exportable_contacts(db, LOCAL_USER, workspace.id, ("phone_e164",))} == {"+33612000004"}
    with db.tenant(LOCAL_USER) as conn:
        entries = conn.execute("select kind, reason, proof ->> 'sha256' from public.suppressions"
                               " where workspace_id = %s order by kind", (workspace.id,)).fetchall()
    digest = hashlib.sha256(STOP_FILE.encode()).hexdigest()
    assert entries == [("email", "stop", digest), ("phone", "stop", digest), ("phone", "stop", digest)]

    again = cli("suppress", "--workspace", slug, "-", stdin="06 12 00 00 02\n")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("0 ajout(s)")
