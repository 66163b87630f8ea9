"""The process's connection pool and the one way tenant data is read or written.

``Database.tenant(principal)`` runs a unit of work in a transaction as role ``authenticated`` with the
signed-in user's JWT claims, so row level security decides what the work may see and change. Only
migrations, health checks and the local-user setup use ``Database.admin()``.

Two pools: the admin one logs in as DATABASE_URL's user (``postgres``); the tenant one logs in as
``cercle_tenant`` (migration 20261203100200_tenant_login.sql), a role that is no superuser, has no privilege of its
own and may only become ``anon`` or ``authenticated``: a ``RESET ROLE`` inside a tenant transaction gets nothing
back. ``TENANT_DATABASE_URL`` gives that connection string explicitly (Supabase's pooler); otherwise it is
DATABASE_URL with the tenant role's user and the password the migration stored.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from psycopg import conninfo
from psycopg_pool import ConnectionPool

from lib.db import embedded
from lib.db.errors import DatabaseUnavailable
from lib.db.migrations import migrate
from lib.settings import Settings, load_settings, setting

log = logging.getLogger(__name__)

# The single user of a local (no sign-in) instance. Its id is fixed so the CLI and the app agree.
LOCAL_USER_ID = "00000000-0000-4000-8000-000000000001"
LOCAL_USER_EMAIL = "local@cercle.localhost"


@dataclass(frozen=True)
class Principal:
    """Who a unit of work runs for: a signed-in (or the local) user."""

    user_id: str
    email: str | None = None

    def claims(self) -> dict:
        return {"sub": self.user_id, "email": self.email, "role": "authenticated", "aud": "authenticated"}


LOCAL_USER = Principal(LOCAL_USER_ID, LOCAL_USER_EMAIL)


def describe_target(url: str) -> str:
    """Host and database of a connection string, never its password (for messages and logs)."""
    try:
        parts = conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "?"
    host = parts.get("host") or "localhost"
    if str(host).startswith("/"):
        host = "socket"
    return f"{host}:{parts.get('port') or 5432}/{parts.get('dbname') or ''}"


class Database:
    """A pool on one PostgreSQL, migrated, with the local user present."""

    def __init__(self, url: str, *, server=None, max_size: int = 8, tenant_url: str | None = None) -> None:
        self.url = url
        self.server = server
        self.max_size = max_size
        self.tenant_url = tenant_url
        self.tenant_pool: ConnectionPool | None = None
        self._tenant_lock = threading.Lock()
        self.target = describe_target(url)
        try:
            parts = conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise DatabaseUnavailable("bad_url") from exc
        kwargs: dict = {"autocommit": False}
        self._kwargs = kwargs
        # Supabase's transaction pooler (port 6543) cannot keep prepared statements between transactions.
        if str(parts.get("port")) == "6543":
            kwargs["prepare_threshold"] = None
        try:
            # One direct attempt first: a wrong address or password fails in seconds, not after pool retries.
            psycopg.connect(url, connect_timeout=10, **kwargs).close()
        except psycopg.Error as exc:
            log.error("cannot connect to %s: %s", self.target, type(exc).__name__)
            raise DatabaseUnavailable("unreachable", target=self.target) from exc
        self.pool = ConnectionPool(
            url, min_size=1, max_size=max_size, kwargs=kwargs, open=False, name="cercle", timeout=15
        )
        try:
            self.pool.open(wait=True, timeout=15)
        except Exception as exc:  # PoolTimeout, OperationalError: the server is not there or refuses us
            self.pool.close()
            log.error("cannot connect to %s: %s", self.target, type(exc).__name__)
            raise DatabaseUnavailable("unreachable", target=self.target) from exc

    def prepare(self) -> None:
        """Applies migrations, makes sure the local user exists and opens the tenant pool."""
        with self.pool.connection() as conn:
            migrate(conn)
        with self.admin() as conn:
            conn.execute(
                "insert into auth.users (id, email) values (%s, %s) on conflict (id) do nothing",
                (LOCAL_USER_ID, LOCAL_USER_EMAIL),
            )
        self._ensure_tenant_pool()

    def _ensure_tenant_pool(self) -> None:
        """Opens the tenant pool once (prepare() does it; a Database on an already migrated server, on first use)."""
        with self._tenant_lock:
            if self.tenant_pool is not None:
                return
            if self.tenant_url:
                url = self.tenant_url
            else:
                with self.admin() as conn:
                    url = self._tenant_login(conn)
            self._open_tenant_pool(url)

    def _tenant_login(self, conn: psycopg.Connection) -> str:
        """DATABASE_URL with the tenant role's user and password (stored by the migration, read by the owner)."""
        try:
            with conn.transaction():
                conn.execute("select cercle_private.ensure_tenant_login()")
        except psycopg.Error:
            # not allowed to manage roles here (a managed server): TENANT_DATABASE_URL must say how to log in
            log.error("cannot create or update the role cercle_tenant: set TENANT_DATABASE_URL")
            raise DatabaseUnavailable("unreachable", target=f"{self.target} (cercle_tenant)") from None
        role, password = conn.execute("select role_name, password from cercle_private.tenant_login").fetchone()
        # Supabase's pooler names users "<role>.<project ref>": the tenant role goes through it the same way
        admin_user = str(conninfo.conninfo_to_dict(self.url).get("user") or "")
        if "." in admin_user:
            role = f"{role}.{admin_user.split('.', 1)[1]}"
        return conninfo.make_conninfo(self.url, user=role, password=password)

    def _open_tenant_pool(self, url: str) -> None:
        pool = ConnectionPool(url, min_size=1, max_size=self.max_size, kwargs=self._kwargs, open=False,
                              name="cercle-tenant", timeout=15)
        try:
            pool.open(wait=True, timeout=15)
        except Exception as exc:
            pool.close()
            log.error("cannot connect to %s as the tenant role: %s", self.target, type(exc).__name__)
            raise DatabaseUnavailable("unreachable", target=self.target) from exc
        with pool.connection() as conn:
            superuser = conn.execute("select rolsuper or rolbypassrls from pg_roles where rolname = current_user"
                                     ).fetchone()
            conn.rollback()
        if superuser is None or superuser[0]:
            pool.close()
            log.error("the tenant connection logs in as a superuser or a BYPASSRLS role: refused")
            raise DatabaseUnavailable("unreachable", target=self.target)
        self.tenant_pool = pool

    @contextmanager
    def admin(self) -> Iterator[psycopg.Connection]:
        """A transaction as the connecting role: schema work and health checks only, never tenant data."""
        with self.pool.connection() as conn:
            with conn.transaction():
                yield conn

    @contextmanager
    def tenant(self, principal: Principal | None) -> Iterator[psycopg.Connection]:
        """A transaction as role ``authenticated`` for ``principal`` (``None``: as ``anon``, sees nothing), on a
        connection logged in as the tenant role (never the admin one)."""
        if self.tenant_pool is None:
            self._ensure_tenant_pool()
        with self.tenant_pool.connection() as conn:
            with conn.transaction():
                if principal is None:
                    conn.execute("set local role anon")
                    conn.execute("select set_config('request.jwt.claims', %s, true)", (json.dumps({"role": "anon"}),))
                else:
                    conn.execute("set local role authenticated")
                    conn.execute(
                        "select set_config('request.jwt.claims', %s, true),"
                        " set_config('request.jwt.claim.sub', %s, true)",
                        (json.dumps(principal.claims()), principal.user_id),
                    )
                yield conn

    def healthy(self) -> bool:
        try:
            with self.admin() as conn:
                conn.execute("select 1")
            return True
        except Exception:
            log.exception("health check failed")
            return False

    def close(self) -> None:
        if self.tenant_pool is not None:
            self.tenant_pool.close()
            self.tenant_pool = None
        self.pool.close()
        if self.server is not None:
            embedded.stop_embedded(self.server)
            self.server = None


_lock = threading.Lock()
_database: Database | None = None


def open_database(settings: Settings | None = None) -> Database:
    """Connects to DATABASE_URL, or starts the embedded server, then migrates. Raises DatabaseUnavailable."""
    settings = settings or load_settings()
    server = None
    if settings.embedded:
        server = embedded.start_embedded(settings.data_dir)
        url = server.get_uri()
    else:
        url = settings.database_url
    try:
        database = Database(url, server=server, tenant_url=setting("TENANT_DATABASE_URL"))
    except DatabaseUnavailable:
        if server is not None:
            embedded.stop_embedded(server)
        raise
    try:
        database.prepare()
    except BaseException:
        database.close()
        raise
    return database


def get_database() -> Database:
    """The process's database, opened on first use (by the app's lifespan hook, a page, or the CLI)."""
    global _database
    with _lock:
        if _database is None:
            _database = open_database()
        return _database


def close_database() -> None:
    global _database
    with _lock:
        if _database is not None:
            _database.close()
            _database = None
