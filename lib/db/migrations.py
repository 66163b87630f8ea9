"""Applies `supabase/migrations/*.sql` in order, each once, recorded where the Supabase CLI records them.

The record table is the Supabase CLI's own (`supabase_migrations.schema_migrations`), so a hosted project
migrated with `supabase db push` and a Postgres migrated by Cercle agree on what has been applied. All of
it runs in one transaction under an advisory lock: two processes starting at once apply nothing twice, and
a failing migration leaves the database as it was.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

from lib.db.errors import DatabaseUnavailable
from lib.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

MIGRATIONS_DIR = PROJECT_ROOT / "supabase" / "migrations"
BOOTSTRAP_SQL = Path(__file__).with_name("bootstrap.sql")
# pg_advisory_xact_lock key: "cercle" spelled in hex, any constant unlikely to collide will do
MIGRATION_LOCK = 0x636572636C65
_NAME = re.compile(r"^(\d{14})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name must be YYYYMMDDHHMMSS_topic.sql: {path.name}")
        found.append(Migration(match.group(1), match.group(2), path))
    return found


def _bootstrap(conn: psycopg.Connection) -> None:
    missing = conn.execute("select to_regprocedure('auth.uid()') is null").fetchone()[0]
    if missing:
        log.info("plain PostgreSQL: creating the roles and auth schema Supabase would provide")
        conn.execute(BOOTSTRAP_SQL.read_text(encoding="utf-8"))


def migrate(conn: psycopg.Connection, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Brings the schema up to date; returns the versions applied now (empty when already current)."""
    migrations = available_migrations(directory)
    applied_now: list[str] = []
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        _bootstrap(conn)
        conn.execute("create schema if not exists supabase_migrations")
        conn.execute(
            "create table if not exists supabase_migrations.schema_migrations "
            "(version text not null primary key, statements text[], name text)"
        )
        applied = {row[0] for row in conn.execute("select version from supabase_migrations.schema_migrations")}
        unknown = sorted(applied - {m.version for m in migrations})
        if unknown:
            raise DatabaseUnavailable("schema_newer", versions=", ".join(unknown))
        for migration in migrations:
            if migration.version in applied:
                continue
            sql = migration.sql()
            try:
                with conn.transaction():
                    conn.execute(sql)
            except psycopg.Error as exc:
                log.error("migration %s failed: %s", migration.path.name, exc)
                raise DatabaseUnavailable("migration_failed", name=migration.path.name) from exc
            conn.execute(
                "insert into supabase_migrations.schema_migrations (version, statements, name) "
                "values (%s, %s, %s)",
                (migration.version, [sql], migration.name),
            )
            applied_now.append(migration.version)
    if applied_now:
        log.info("applied migrations %s", ", ".join(applied_now))
    return applied_now
