"""The workspace's activity log (docs/promises.md 23): who imported, exported, erased, changed what, and when.

Entries are written with ``record`` inside the caller's transaction, through the database function
``cercle.audit`` (which takes the actor from the session's JWT: nobody can write in someone else's name), and
read back with ``entries``. The log is append-only; the database refuses any change or removal.

Details hold counts and the names of segments, communities and settings, never a contact's phone, email or
name, nor a file's name (files are named after people: imports are logged by their number): ``record`` refuses
keys that look like personal data, and masks anything in a value that looks like an email address or a phone
number. The database refuses the rest (migration 20261203100300_erasure_sweep.sql).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import psycopg
from psycopg.types.json import Jsonb

from lib.db import Database, Principal
from lib.i18n import t

ACTIONS = ("import", "import_undone", "export", "erasure", "consent_changed", "link_created", "settings_changed",
           "sign_in", "sign_out", "member_invited", "role_changed",
           # the team's (lib/team.py; their sentences are in lib/i18n/messages/team.py)
           "workspace_created", "invitation_accepted", "invitation_revoked", "member_removed", "member_left",
           "ownership_transferred",
           # people's rights (lib/contacts/rights.py; sentences in lib/i18n/messages/rights.py)
           "opt_out", "person_export", "purge",
           # a manual sale deleted (lib/conversions/manual_orders.py; sentences in lib/i18n/messages/orders_in.py)
           "order_deleted")

# Keys that name a person or their coordinates, as a whole key or a part of one.
_PERSONAL_KEYS = frozenset({"name", "nom", "tel", "phone", "email", "mail", "contact", "person", "customer",
                            "client"})
_PERSONAL_FRAGMENTS = ("phone", "mail", "e164", "first_name", "last_name", "firstname", "lastname", "full_name",
                       "fullname", "prenom", "name_of", "contact_name", "customer_name", "client_name", "telephone",
                       "mobile", "birth", "address", "adresse", "postal", "city", "ville", "file_name", "filename",
                       "fichier")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_EMAIL = re.compile(r"[^\s@<>\"'(),;]+@[^\s@<>\"'(),;]+\.[^\s@<>\"'(),;]+")
# 9 to 14 digits, optionally separated by single spaces, dots or dashes, starting with + or 0 (06…, +33…, 0033…)
_PHONE = re.compile(r"(?<![0-9])(?:\+[0-9]|0)(?:[ .\-]?[0-9]){8,13}(?![0-9])")
_MASK = "…"
_MAX_TEXT = 200
_MAX_ITEMS = 50

# The workspace settings whose changes are logged (by name, never by value), in the order shown.
SETTINGS = ("name", "default_region", "is_alcohol", "delivery_countries", "delivery_departments")
DISPLAY_TIME_ZONE = ZoneInfo("Europe/Paris")


class AuditError(ValueError):
    """A programming error: details that would put personal data (or junk) into the log."""


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor_email: str | None
    action: str
    details: dict

    def describe(self) -> str:
        return describe(self.action, self.details)


def looks_personal(key: str) -> bool:
    """Whether a details key would name a contact or their coordinates."""
    lowered = key.lower()
    return lowered in _PERSONAL_KEYS or any(fragment in lowered for fragment in _PERSONAL_FRAGMENTS)


def mask(text: str) -> str:
    """``text`` with anything shaped like an email address or a phone number replaced by an ellipsis."""
    return _PHONE.sub(_MASK, _EMAIL.sub(_MASK, text))[:_MAX_TEXT]


def _clean_value(key: str, value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else list(value)
        if len(items) > _MAX_ITEMS:
            raise AuditError(f"audit detail {key!r}: more than {_MAX_ITEMS} items")
        return [_clean_value(key, item) for item in items]
    if isinstance(value, dict):
        return clean_details(value)
    raise AuditError(f"audit detail {key!r}: {type(value).__name__} is not a count, a name or a list of them")


def clean_details(details: dict) -> dict:
    """The details as stored: checked keys, masked texts, no ``None``. Raises AuditError."""
    cleaned = {}
    for key, value in details.items():
        if not isinstance(key, str) or not _KEY.match(key):
            raise AuditError(f"audit detail key {key!r}: lower-case letters, digits and _ only")
        if looks_personal(key):
            raise AuditError(f"audit detail key {key!r} looks like a contact's personal data")
        if value is not None:
            cleaned[key] = _clean_value(key, value)
    return cleaned


def record(conn: psycopg.Connection, workspace_id: str, action: str, **details: object) -> int:
    """Writes one entry in the caller's transaction (it is kept only if the work it describes is)."""
    if action not in ACTIONS:
        raise AuditError(f"unknown audit action {action!r}")
    cleaned = clean_details(details)
    return conn.execute("select cercle.audit(%s, %s, %s)", (workspace_id, action, Jsonb(cleaned))).fetchone()[0]


def record_import_undone(conn: psycopg.Connection, workspace_id: str, import_id: str, **counts: object) -> int:
    """Records an undone import by its number in the workspace (never its file's name: it may name a person)."""
    row = conn.execute("select number from public.imports where id = %s and workspace_id = %s",
                       (import_id, workspace_id)).fetchone()
    return record(conn, workspace_id, "import_undone", import_id=import_id, file_number=row[0] if row else None,
                  **counts)


def record_export(db: Database, principal: Principal, workspace_id: str, *, rows: int, segment: str | None = None,
                  via: str = "app") -> int:
    """Records an export of ``rows`` contacts: a segment's members, or all contacts when ``segment`` is None."""
    with db.tenant(principal) as conn:
        return record(conn, workspace_id, "export", rows=rows, segment=segment, scope="segment" if segment else "all",
                      via=via)


def record_settings_change(conn: psycopg.Connection, workspace_id: str, **new_values: object) -> int | None:
    """Before an update of the workspace's settings: records the names of those that will change.

    The row is read ``for update``, which locks it until the caller's update and returns nothing to a member
    whose update row level security would refuse: then nothing is recorded. ``None`` values mean "unchanged".
    """
    unknown = set(new_values) - set(SETTINGS)
    if unknown:
        raise AuditError(f"unknown settings {sorted(unknown)}")
    row = conn.execute("select " + ", ".join(SETTINGS) + " from public.workspaces where id = %s for update",
                       (workspace_id,)).fetchone()
    if row is None:
        return None
    current = dict(zip(SETTINGS, row, strict=True))
    changed = [name for name in SETTINGS
               if new_values.get(name) is not None and _comparable(new_values[name]) != _comparable(current[name])]
    if not changed:
        return None
    return record(conn, workspace_id, "settings_changed", settings=changed)


def _comparable(value: object) -> object:
    return sorted(value) if isinstance(value, list | tuple) else value


def entries(db: Database, principal: Principal, workspace_id: str, *, action: str | None = None,
            since: dt.datetime | None = None, limit: int = 200) -> list[AuditEntry]:
    """The workspace's entries, newest first, that row level security lets ``principal`` read."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "select id, at, actor_email, action, details from public.audit_log where workspace_id = %s"
            " and (%s::text is null or action = %s) and (%s::timestamptz is null or at >= %s)"
            " order by at desc, id desc limit %s",
            (workspace_id, action, action, since, since, max(1, min(limit, 5000))),
        ).fetchall()
    return [AuditEntry(*row) for row in rows]


class _Filled(dict):
    """Format parameters where a missing one shows as a question mark instead of failing."""

    def __missing__(self, key: str) -> str:
        return "?"


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "?" if value is None else str(value)


def describe(action: str, details: dict) -> str:
    """The entry as a sentence in the current language."""
    params = _Filled({key: _text(value) for key, value in (details or {}).items()})
    if details and details.get("role") in ("owner", "editor", "viewer"):
        params["role"] = t(f"team.role.{details['role']}")
    if details and isinstance(details.get("amount_cents"), int):
        from lib.ui.text import money

        params["amount"] = money(details["amount_cents"], details.get("currency"))
    if action in ("import", "import_undone") and "file_number" in (details or {}):
        params["file_name"] = t("trust.file_number", number=details["file_number"])
    if action == "export":
        key = "audit.say.export_segment" if details.get("segment") else "audit.say.export_all"
        sentence = t(key).format_map(params)
        return sentence.rstrip(".") + t("audit.say.via_cli") + "." if details.get("via") == "cli" else sentence
    if action == "settings_changed":
        names = [t(f"audit.setting.{name}") for name in details.get("settings") or []]
        return t("audit.say.settings_changed").format_map(_Filled(settings=", ".join(names) or "?"))
    known = f"audit.say.{action}"
    if action in ACTIONS:
        return t(known).format_map(params)
    return action


def action_label(action: str | None) -> str:
    """The action's name in the current language (``None``: every action)."""
    return t("audit.action.all") if action is None else t(f"audit.action.{action}")


def local_time(at: dt.datetime) -> str:
    return f"{at.astimezone(DISPLAY_TIME_ZONE):%d/%m/%Y %H:%M}"
