"""Contacts written straight into a workspace (the segment and RFM tests), suppression entries, and reading back."""

from __future__ import annotations

from datetime import UTC, datetime

from lib.workspaces import ensure_workspace
from tests.support.db import unique_slug

CONTACT_COLUMNS = ("phone_e164", "email", "country", "postal_code", "city", "interests", "budget_min_eur",
                   "budget_max_eur", "declared_adult", "reach_whatsapp", "reach_telegram", "reach_sms",
                   "consent_whatsapp", "consent_telegram", "consent_sms", "consent_email", "opted_out_at",
                   "source_import_id", "created_at")


def cond(field, op, value):
    return {"field": field, "op": op, "value": value}


def new_workspace(db, owner, *, countries=("FR",), departments=(), alcohol=True):
    workspace = ensure_workspace(db, owner, unique_slug("seg"), "Segments")
    with db.tenant(owner) as conn:
        conn.execute("update public.workspaces set delivery_countries = %s, delivery_departments = %s, "
                     "is_alcohol = %s where id = %s", (list(countries), list(departments), alcohol, workspace.id))
    return workspace.id


def add_imports(db, owner, workspace_id, count: int) -> list[str]:
    with db.tenant(owner) as conn:
        return [conn.execute("insert into public.imports (workspace_id, file_name) values (%s, %s) returning id::text",
                             (workspace_id, f"import-{n}.csv")).fetchone()[0] for n in range(count)]


def _value(contact: dict, name: str):
    if name.startswith(("reach_", "consent_")):
        return bool(contact.get(name))
    if name == "interests":
        return contact.get(name) or []
    if name == "created_at":
        return contact.get(name) or datetime.now(UTC)
    return contact.get(name)


def add_contacts(db, owner, workspace_id, contacts: list[dict]) -> None:
    names = ", ".join(CONTACT_COLUMNS)
    marks = ", ".join(["%s"] * (len(CONTACT_COLUMNS) + 1))
    with db.tenant(owner) as conn, conn.cursor() as cursor:
        cursor.executemany(f"insert into public.contacts (workspace_id, {names}) values ({marks})",
                           [(workspace_id, *(_value(c, n) for n in CONTACT_COLUMNS)) for c in contacts])


def suppress(db, owner, workspace_id, kind: str, value: str) -> None:
    with db.tenant(owner) as conn:
        conn.execute("select cercle.suppress(%s, %s, array[%s], 'stop')", (workspace_id, kind, value))


def stored_contacts(db, owner, workspace_id) -> list[dict]:
    with db.tenant(owner) as conn:
        cursor = conn.execute("select * from public.contacts where workspace_id = %s", (workspace_id,))
        names = [d.name for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def person(n: int, **fields) -> dict:
    base = {"phone_e164": f"+3361234{n:04d}", "email": f"p{n}@example.fr", "country": "FR", "postal_code": "33000",
            "city": "Bordeaux", "interests": ["bio"], "declared_adult": True, "reach_whatsapp": True,
            "consent_whatsapp": True, "created_at": datetime(2026, 3, 1, tzinfo=UTC)}
    return base | fields
