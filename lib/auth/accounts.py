"""A verified user's footprint in the database: their auth.users row when the database is not Supabase's."""

from __future__ import annotations

import logging
import weakref

from lib.auth.tokens import VerifiedUser
from lib.db import Database

log = logging.getLogger(__name__)

# Per database object: is auth.users the bootstrap stand-in (True) or Supabase's own table (False)?
_standin: weakref.WeakKeyDictionary[Database, bool] = weakref.WeakKeyDictionary()


def users_table_is_standin(db: Database) -> bool:
    """Whether auth.users is lib/db/bootstrap.sql's stand-in rather than the one Supabase Auth manages.

    Supabase's table has GoTrue's columns (``encrypted_password``, ``instance_id``…); the stand-in has not.
    """
    if db not in _standin:
        with db.admin() as conn:
            row = conn.execute(
                "select count(*) from pg_attribute where attrelid = 'auth.users'::regclass"
                " and attname in ('encrypted_password', 'instance_id') and not attisdropped").fetchone()
        _standin[db] = row[0] == 0
    return _standin[db]


def ensure_account(db: Database, user: VerifiedUser) -> bool:
    """Off Supabase (embedded or plain PostgreSQL with a Supabase Auth project): makes sure the verified user
    has an auth.users row, so memberships can refer to it. On Supabase, Auth owns that table: nothing is done.

    Returns whether a row was written or updated.
    """
    if not users_table_is_standin(db):
        return False
    with db.admin() as conn:
        cursor = conn.execute(
            "insert into auth.users (id, email) values (%s, %s) on conflict (id) do update"
            " set email = excluded.email where auth.users.email is distinct from excluded.email",
            (user.user_id, user.email),
        )
        return cursor.rowcount > 0
