"""Bad configuration gets a clear French sentence and touches no data."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.db import Database, DatabaseUnavailable, open_database
from lib.db.embedded import check_data_dir
from lib.settings import Settings


def _settings(**overrides) -> Settings:
    values = {"database_url": None, "data_dir": Path("/nonexistent"), "public_base_url": "http://localhost:8501",
              "supabase_url": None, "supabase_key": None}
    values.update(overrides)
    return Settings(**values)


def test_unreachable_database_url_is_said_in_french_without_the_password():
    """A wrong DATABASE_URL yields a French sentence naming the host, never the password."""
    url = "postgresql://cercle:s3cret-password@127.0.0.1:1/cercle?connect_timeout=2"
    with pytest.raises(DatabaseUnavailable) as raised:
        open_database(_settings(database_url=url))
    assert raised.value.code == "unreachable"
    message = raised.value.message
    assert "Impossible de joindre la base de données" in message
    assert "s3cret" not in message and "s3cret" not in str(raised.value)


def test_malformed_database_url_is_refused_plainly():
    """A URL that is not a connection string at all is named as such."""
    with pytest.raises(DatabaseUnavailable) as raised:
        Database("postgresql://[broken")
    assert raised.value.code in ("bad_url", "unreachable")
    assert "DATABASE_URL" in raised.value.message or "joindre" in raised.value.message


def test_data_folder_from_another_postgres_version_is_left_untouched(tmp_path: Path):
    """A data folder made by PostgreSQL 16 is refused before anything runs in it."""
    pgdata = tmp_path / "pg"
    pgdata.mkdir()
    (pgdata / "PG_VERSION").write_text("16\n")
    (pgdata / "base").mkdir()
    before = sorted(p.name for p in pgdata.iterdir())
    with pytest.raises(DatabaseUnavailable) as raised:
        open_database(_settings(data_dir=tmp_path))
    assert raised.value.code == "data_dir_version"
    assert "PostgreSQL 16" in raised.value.message
    assert sorted(p.name for p in pgdata.iterdir()) == before
    assert (pgdata / "PG_VERSION").read_text() == "16\n"


def test_data_folder_holding_something_else_is_refused(tmp_path: Path):
    """A non-empty folder that is not a PostgreSQL data folder is not initialised over."""
    (tmp_path / "pg").mkdir()
    (tmp_path / "pg" / "my-notes.txt").write_text("précieux")
    with pytest.raises(DatabaseUnavailable) as raised:
        check_data_dir(tmp_path)
    assert raised.value.code == "data_dir_unusable"
    assert (tmp_path / "pg" / "my-notes.txt").read_text() == "précieux"
