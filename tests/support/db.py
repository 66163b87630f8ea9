"""The database-side helpers every layer shares: throwaway databases, users, workspaces."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
from psycopg import conninfo, sql

from lib.db import Database, Principal
from lib.workspaces import Workspace, ensure_workspace

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


def fresh_database(admin_url: str) -> str:
    """A new empty database on the server behind ``admin_url``; returns its URL."""
    name = f"cercle_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    return conninfo.make_conninfo(admin_url, dbname=name)


def make_user(db: Database, email: str | None = None) -> Principal:
    """A new auth.users row (what Supabase Auth would create at sign-up)."""
    user_id = str(uuid.uuid4())
    email = email or f"{user_id[:8]}@example.test"
    with db.admin() as conn:
        conn.execute("insert into auth.users (id, email) values (%s, %s)", (user_id, email))
    return Principal(user_id, email)


def unique_slug(prefix: str = "ws") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def owner_and_workspace(db: Database, prefix: str = "ws", name: str | None = None) -> tuple[Principal, Workspace]:
    """A new user who owns a new workspace (the smallest tenant a test needs)."""
    owner = make_user(db)
    return owner, ensure_workspace(db, owner, unique_slug(prefix), name)
