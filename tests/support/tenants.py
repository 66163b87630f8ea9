"""Helpers several database tests share: workspaces, members and rows in them, written the way the app does."""

from __future__ import annotations

from lib.contacts.importer import import_rows
from lib.db import Database, Principal
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug


def add_member(db: Database, workspace_id: str, role: str = "viewer", person: Principal | None = None) -> Principal:
    """A member added as an accepted invitation would add them (members never insert memberships themselves)."""
    person = person or make_user(db)
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, %s)",
                     (workspace_id, person.user_id, role))
    return person


def workspace_with_contact(db: Database, prefix: str = "ws", phone: str = "06 12 34 56 78",
                           email: str = "a@b.fr") -> tuple[Principal, str, str]:
    """An owner, a new workspace of theirs and the id of one contact in it."""
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug(prefix), "Espace")
    import_rows(db, owner, workspace.id, ["Prénom", "Téléphone", "E-mail"], [["Marker", phone, email]],
                file_name="a.csv")
    with db.tenant(owner) as conn:
        contact_id = conn.execute("select id::text from public.contacts where workspace_id = %s",
                                  (workspace.id,)).fetchone()[0]
    return owner, workspace.id, contact_id
