"""PostgreSQL for Cercle: embedded launcher, migrations, pool and the tenant unit of work."""

from lib.db.database import (
    LOCAL_USER,
    LOCAL_USER_ID,
    Database,
    Principal,
    close_database,
    get_database,
    open_database,
)
from lib.db.errors import DatabaseUnavailable

__all__ = [
    "LOCAL_USER",
    "LOCAL_USER_ID",
    "Database",
    "DatabaseUnavailable",
    "Principal",
    "close_database",
    "get_database",
    "open_database",
]
