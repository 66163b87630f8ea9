"""Consent per channel, with its proof and its history (docs/promises.md 19).

A contact's ``consent_<channel>`` flags are what segments read; ``consent_proof[channel]`` holds the proof of the
current state: ``{"at", "method", "source", "wording", "by"}`` and ``"withdrawn": true`` once withdrawn. Every
change of a flag — from this module, an import or an opt-out — is appended to ``public.consent_events`` by the
contacts' triggers (migration 20261130100600_rights.sql), in the same statement: the history cannot drift from
the flags, and nobody can edit it.

A file's consent column per channel ("Opt-in WhatsApp", "Accepts SMS Marketing", "Newsletter"…, see
lib/contacts/mapping.py) gives that channel's consent on import; its proof is the import itself — the file's name as
source, the column's header as wording, the day as date, method "import" (lib/contacts/intake.py) — and the event
written by the trigger names the import and who ran it (lib/contacts/store.py sets ``cercle.import_id``).

Rules enforced by the database, whoever writes:

- a withdrawn consent is not given back by an import re-reading an old file (the merge keeps the withdrawal's
  proof, and the trigger refuses a grant whose proof says "withdrawn"); giving it again takes a new proof, here;
- nobody who opted out holds any consent.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from lib import audit
from lib.db import Database, Principal

CHANNELS = ("whatsapp", "sms", "telegram", "email")
# How a consent was collected, or how it was withdrawn.
GRANT_METHODS = ("form", "paper", "in_person", "message", "phone_call", "other")
WITHDRAW_METHODS = ("request", "stop", "unsubscribe", "other")
MAX_TEXT = 200


class ConsentError(ValueError):
    """Something the marketer can fix; ``code`` names the French message ``rights.error.<code>``."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class ConsentEvent:
    channel: str
    granted: bool
    given_at: dt.datetime
    recorded_at: dt.datetime
    method: str | None
    source: str | None
    wording: str | None
    by_email: str | None
    import_file: str | None


def clean_text(value: object, *, limit: int = MAX_TEXT) -> str:
    """One line of printable text: control characters dropped, spaces collapsed, at most ``limit`` characters."""
    text = "" if value is None else str(value)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)
    return " ".join(text.split())[:limit]


def make_proof(*, granted: bool, method: str, source: str, wording: str, by: str | None,
               at: dt.datetime | None = None) -> dict:
    """The proof written with a change: validated, cleaned. Raises ConsentError."""
    methods = GRANT_METHODS if granted else WITHDRAW_METHODS
    if method not in methods:
        raise ConsentError("bad_method")
    source, wording = clean_text(source), clean_text(wording)
    if granted and not wording:
        raise ConsentError("wording_required")
    if granted and not source:
        raise ConsentError("source_required")
    proof = {"at": (at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"), "method": method,
             "source": source or None, "wording": wording or None, "by": clean_text(by, limit=320) or None}
    if not granted:
        proof["withdrawn"] = True
    return {key: value for key, value in proof.items() if value is not None}


def _check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        raise ConsentError("bad_channel")
    return channel


def require_writer(conn: psycopg.Connection, workspace_id: str) -> None:
    """Raises ConsentError("read_only") unless the signed-in member may change this workspace (owner, editor)."""
    if not conn.execute("select cercle.can_write(%s)", (workspace_id,)).fetchone()[0]:
        raise ConsentError("read_only")


def set_consent(db: Database, principal: Principal, workspace_id: str, contact_id: str, channel: str, granted: bool,
                *, method: str, source: str = "", wording: str = "") -> bool:
    """Gives or withdraws one channel's consent with its proof; returns False when it was already so.

    The event is written by the database trigger in the same transaction, the activity log records the change
    (channel and direction, nothing about the person)."""
    _check_channel(channel)
    proof = make_proof(granted=granted, method=method, source=source, wording=wording,
                       by=principal.email or principal.user_id)
    column = sql.Identifier(f"consent_{channel}")  # from CHANNELS, never from input
    with db.tenant(principal) as conn:
        require_writer(conn, workspace_id)
        row = conn.execute(sql.SQL("select {}, opted_out_at from public.contacts where id = %s and workspace_id = %s "
                                   "for update").format(column), (contact_id, workspace_id)).fetchone()
        if row is None:
            raise ConsentError("not_found")
        current, opted_out_at = row
        if granted and opted_out_at is not None:
            raise ConsentError("opted_out")
        if current == granted:
            return False
        conn.execute(sql.SQL("update public.contacts set {} = %s, consent_proof = jsonb_set(consent_proof, %s, %s),"
                             " updated_at = now() where id = %s and workspace_id = %s").format(column),
                     (granted, [channel], Jsonb(proof), contact_id, workspace_id))
        audit.record(conn, workspace_id, "consent_changed", count=1, channel=channel,
                     change="granted" if granted else "withdrawn")
    return True


def consent_history(conn: psycopg.Connection, workspace_id: str, contact_id: str) -> list[ConsentEvent]:
    """Every consent event of the contact, newest first."""
    rows = conn.execute(
        "select e.channel, e.granted, e.given_at, e.recorded_at, e.method, e.source, e.wording, e.by_email,"
        " i.file_name from public.consent_events e left join public.imports i on i.id = e.import_id"
        " where e.workspace_id = %s and e.contact_id = %s order by e.recorded_at desc, e.id desc",
        (workspace_id, contact_id)).fetchall()
    return [ConsentEvent(*row) for row in rows]
