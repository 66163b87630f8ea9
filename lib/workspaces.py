"""Workspaces: the producer (or client) a set of contacts belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib import audit
from lib.db import Database, Principal

LOCAL_WORKSPACE_SLUG = "mon-domaine"
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")  # the same rule as the workspaces table
DEMO_WORKSPACE_SLUG = "demo"


@dataclass(frozen=True)
class Workspace:
    id: str
    slug: str
    name: str
    default_region: str
    is_alcohol: bool
    role: str
    delivery_countries: tuple[str, ...] = ("FR",)
    delivery_departments: tuple[str, ...] = ()


_COLUMNS = ("w.id::text, w.slug, w.name, w.default_region, w.is_alcohol, cercle.member_role(w.id), "
            "w.delivery_countries, w.delivery_departments")
# Statements assembled once from the column list; values are always bound.
_LIST_SQL = f"select {_COLUMNS} from public.workspaces w order by w.created_at, w.slug"
_FIND_SQL = f"select {_COLUMNS} from public.workspaces w where w.slug = %s"


def _workspace(row: tuple) -> Workspace:
    *head, countries, departments = row
    return Workspace(*head, tuple(countries or ()), tuple(departments or ()))


def list_workspaces(db: Database, principal: Principal) -> list[Workspace]:
    with db.tenant(principal) as conn:
        rows = conn.execute(_LIST_SQL).fetchall()
    return [_workspace(row) for row in rows]


def find_workspace(db: Database, principal: Principal, slug: str) -> Workspace | None:
    with db.tenant(principal) as conn:
        row = conn.execute(_FIND_SQL, (slug,)).fetchone()
    return _workspace(row) if row else None


def ensure_workspace(db: Database, principal: Principal, slug: str, name: str | None = None) -> Workspace:
    """The workspace ``slug``, created with ``principal`` as owner when it does not exist yet."""
    found = find_workspace(db, principal, slug)
    if found:
        return found
    with db.tenant(principal) as conn:
        conn.execute("select cercle.create_workspace(%s, %s)", (slug, name or slug))
    created = find_workspace(db, principal, slug)
    assert created is not None
    return created


def update_workspace(db: Database, principal: Principal, workspace_id: str, *, name: str, default_region: str,
                     is_alcohol: bool, delivery_countries: list[str] | None = None,
                     delivery_departments: list[str] | None = None) -> None:
    """Saves the workspace's settings (owners only: RLS refuses anyone else's update)."""
    with db.tenant(principal) as conn:
        audit.record_settings_change(conn, workspace_id, name=name, default_region=default_region,
                                     is_alcohol=is_alcohol, delivery_countries=delivery_countries,
                                     delivery_departments=delivery_departments)
        conn.execute(
            "update public.workspaces set name = %s, default_region = %s, is_alcohol = %s, "
            "delivery_countries = coalesce(%s, delivery_countries), "
            "delivery_departments = coalesce(%s, delivery_departments), updated_at = now() where id = %s",
            (name, default_region, is_alcohol, delivery_countries, delivery_departments, workspace_id),
        )
