"""Migrations: in order, once, recorded where the Supabase CLI records them, all or nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import pytest

from lib.db import DatabaseUnavailable
from lib.db.migrations import MIGRATIONS_DIR, available_migrations, migrate


def test_migration_files_are_named_for_the_supabase_cli():
    """Every file is YYYYMMDDHHMMSS_topic.sql and versions increase."""
    migrations = available_migrations()
    assert migrations
    versions = [m.version for m in migrations]
    assert versions == sorted(set(versions))


def test_migrate_twice_applies_nothing_the_second_time(fresh_database_url):
    """A second start finds everything applied and changes nothing."""
    with psycopg.connect(fresh_database_url) as conn:
        first = migrate(conn)
        second = migrate(conn)
        recorded = conn.execute("select version from supabase_migrations.schema_migrations order by 1").fetchall()
    assert first == [m.version for m in available_migrations()]
    assert second == []
    assert [r[0] for r in recorded] == first


def test_two_processes_starting_at_once_apply_each_migration_once(fresh_database_url):
    """Concurrent starts serialise on the advisory lock: no error, one record per migration."""
    results, errors = [], []

    def start():
        try:
            with psycopg.connect(fresh_database_url) as conn:
                results.append(migrate(conn))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(len(r) for r in results) == [0, 0, len(available_migrations())]


def test_a_failing_migration_leaves_the_database_as_it_was(fresh_database_url, tmp_path: Path):
    """A broken migration rolls back everything of that start, including the ones before it."""
    for migration in available_migrations():
        (tmp_path / migration.path.name).write_text(migration.sql())
    (tmp_path / "29991231235959_broken.sql").write_text("create table public.half (id int); select 1/0;")
    with psycopg.connect(fresh_database_url) as conn:
        with pytest.raises(DatabaseUnavailable) as raised:
            migrate(conn, tmp_path)
        assert raised.value.code == "migration_failed"
        conn.rollback()
        assert conn.execute("select to_regclass('public.contacts'), to_regclass('public.half')").fetchone() == (
            None, None)


def test_a_database_from_a_newer_cercle_is_refused(fresh_database_url):
    """Unknown applied versions mean newer code migrated this database: refuse, change nothing."""
    with psycopg.connect(fresh_database_url) as conn:
        migrate(conn)
        conn.execute("insert into supabase_migrations.schema_migrations (version, name) values ('29990101000000', 'x')")
        conn.commit()
        with pytest.raises(DatabaseUnavailable) as raised:
            migrate(conn)
    assert raised.value.code == "schema_newer"
    assert "29990101000000" in raised.value.message


def test_bootstrap_keeps_what_supabase_already_has(fresh_database_url):
    """Where auth.uid() exists (as on Supabase), the bootstrap does not replace it."""
    with psycopg.connect(fresh_database_url) as conn:
        conn.execute("create schema auth")
        conn.execute("create table auth.users (id uuid primary key, email text, "
                     "raw_user_meta_data jsonb not null default '{}', created_at timestamptz default now())")
        conn.execute("create function auth.uid() returns uuid language sql stable as "
                     "$$ select '00000000-0000-4000-8000-00000000abcd'::uuid $$")
        for role in ("anon", "authenticated", "service_role"):
            exists = conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone()
            if not exists:
                conn.execute(f"create role {role} nologin")
        conn.execute("grant usage on schema auth to anon, authenticated, service_role")
        conn.execute("grant execute on function auth.uid() to authenticated")
        conn.commit()
        migrate(conn)
        assert str(conn.execute("select auth.uid()").fetchone()[0]).endswith("abcd")


def test_migrations_dir_holds_only_sql():
    """The schema's single source is the migrations folder."""
    assert all(p.suffix == ".sql" for p in MIGRATIONS_DIR.iterdir())
