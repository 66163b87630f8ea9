"""Workspaces: the producer (or client) a set of contacts belongs to."""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import psycopg

from lib import audit
from lib.db import Database, Principal
from lib.i18n import TranslatedError

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
    public_base_url: str | None = None


class WorkspaceError(TranslatedError, ValueError):
    """A refusal whose ``message`` is the catalog sentence ``team.error.<code>`` (lib/i18n/messages/team.py)."""

    prefix = "team.error."


_COLUMNS = ("w.id::text, w.slug, w.name, w.default_region, w.is_alcohol, cercle.member_role(w.id), "
            "w.delivery_countries, w.delivery_departments, w.public_base_url")
# Statements assembled once from the column list; values are always bound.
_LIST_SQL = f"select {_COLUMNS} from public.workspaces w order by w.created_at, w.slug"
_FIND_SQL = f"select {_COLUMNS} from public.workspaces w where w.slug = %s"


def _workspace(row: tuple) -> Workspace:
    *head, countries, departments, base_url = row
    return Workspace(*head, tuple(countries or ()), tuple(departments or ()), base_url)


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


_UNCHANGED = object()
# The settings whose changes the audit log names: lib/audit's list and the public address.
_LOGGED_SETTINGS = (*audit.SETTINGS, "public_base_url")
_MAX_BASE_URL = 300


def check_public_base_url(value: str | None) -> str | None:
    """The public address as stored (``None`` when empty), or WorkspaceError("bad_base_url").

    An http(s) address of this instance as the public reaches it — ``https://cercle.mon-domaine.fr`` or with a
    path prefix — used in tracked links, QR codes and team invitations. No query, fragment or credentials.
    """
    text = (value or "").strip()
    if not text:
        return None
    text = text.rstrip("/")
    try:
        parts = urlsplit(text)
        port = parts.port  # raises on a port that is not a number
    except ValueError as exc:
        raise WorkspaceError("bad_base_url") from exc
    host = parts.hostname or ""
    if (parts.scheme not in ("http", "https") or not host or parts.query or parts.fragment or "@" in parts.netloc
            or any(c.isspace() for c in text) or len(text) > _MAX_BASE_URL or "?" in text or "#" in text
            or (port is not None and not 0 < port < 65536)
            or not re.fullmatch(r"[a-z0-9.\-]+|\[[0-9a-f:.]+\]", host, re.IGNORECASE)):
        raise WorkspaceError("bad_base_url")
    return text


def public_base_url(workspace: Workspace | None) -> str:
    """The address links, QR codes and invitations start with: the workspace's own when set, else the
    instance's ``PUBLIC_BASE_URL``. Pass it as ``base_url`` to lib/links (create_link, list_links...)."""
    from lib.settings import base_url_or_default

    return base_url_or_default(workspace.public_base_url if workspace is not None and workspace.public_base_url
                               else None)


def is_loopback_address(url: str) -> bool:
    """True for an address only this machine can open: localhost, 127.0.0.0/8, ::1, 0.0.0.0 (and *.localhost)."""
    import ipaddress

    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _shared_instance() -> bool:
    from lib.settings import load_settings

    return load_settings().sign_in_required


def needs_public_address(workspace: Workspace | None) -> bool:
    """True when links, QR codes and posters made now would print an address nobody else can open: a shared
    instance (sign-in configured) whose public address, the workspace's or PUBLIC_BASE_URL, is still loopback.
    A local instance (one user, on this machine) may use loopback."""
    return _shared_instance() and is_loopback_address(public_base_url(workspace))


def slug_for(name: str) -> str:
    """A slug in the workspaces table's shape, from a name: « Château d'Yquem » → ``chateau-d-yquem``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:50].strip("-")
    if len(slug) < 2:
        slug = f"espace-{slug}".strip("-") if slug else "espace"
    return slug


def create_workspace(db: Database, principal: Principal, name: str, default_region: str = "FR") -> Workspace:
    """A new workspace owned by ``principal``, its slug made from the name (with a suffix when taken).

    Any signed-in user may create one. Raises WorkspaceError("name_required"/"name_too_long").
    """
    name = " ".join((name or "").split())
    if not name:
        raise WorkspaceError("name_required")
    if len(name) > 120:
        raise WorkspaceError("name_too_long")
    base = slug_for(name)
    for attempt in range(8):
        slug = base if attempt == 0 else f"{base}-{uuid.uuid4().hex[:6]}"
        try:
            with db.tenant(principal) as conn:
                workspace_id = conn.execute("select cercle.create_workspace(%s, %s, %s)",
                                            (slug, name, default_region)).fetchone()[0]
                audit.record(conn, str(workspace_id), "workspace_created", workspace=name)
        except psycopg.errors.UniqueViolation:
            continue  # the slug is taken (by a workspace we may not even see): another one
        created = find_workspace(db, principal, slug)
        assert created is not None
        return created
    raise AssertionError("no free slug after 8 attempts")


def update_workspace(db: Database, principal: Principal, workspace_id: str, *, name: str, default_region: str,
                     is_alcohol: bool, delivery_countries: list[str] | None = None,
                     delivery_departments: list[str] | None = None,
                     public_base_url: str | None | object = _UNCHANGED) -> bool:
    """Saves the workspace's settings; False when nothing could be saved (owners only: row level security
    refuses anyone else's update, and nothing is recorded). ``public_base_url``: an address, ``None``/"" to use the
    instance's, left out to keep it. Raises WorkspaceError("bad_base_url") for anything but an http(s) URL."""
    base_url = _UNCHANGED if public_base_url is _UNCHANGED else check_public_base_url(public_base_url)
    new_values = {"name": name, "default_region": default_region, "is_alcohol": is_alcohol,
                  "delivery_countries": delivery_countries, "delivery_departments": delivery_departments}
    with db.tenant(principal) as conn:
        # locks the row; returns nothing to a member whose update row level security would refuse
        row = conn.execute("select " + ", ".join(_LOGGED_SETTINGS) + " from public.workspaces where id = %s"
                           " and cercle.is_owner(id) for update", (workspace_id,)).fetchone()
        if row is None:
            return False
        current = dict(zip(_LOGGED_SETTINGS, row, strict=True))
        changed = [key for key, value in new_values.items()
                   if value is not None and _comparable(value) != _comparable(current[key])]
        if base_url is not _UNCHANGED and base_url != current["public_base_url"]:
            changed.append("public_base_url")
        if changed:
            audit.record(conn, workspace_id, "settings_changed", settings=changed)
        updated = conn.execute(
            "update public.workspaces set name = %s, default_region = %s, is_alcohol = %s, "
            "delivery_countries = coalesce(%s, delivery_countries), "
            "delivery_departments = coalesce(%s, delivery_departments), "
            "public_base_url = case when %s then %s else public_base_url end, updated_at = now() where id = %s",
            (name, default_region, is_alcohol, delivery_countries, delivery_departments,
             base_url is not _UNCHANGED, None if base_url is _UNCHANGED else base_url, workspace_id),
        ).rowcount
        return updated == 1


def _comparable(value: object) -> object:
    return sorted(value) if isinstance(value, list | tuple) else value
