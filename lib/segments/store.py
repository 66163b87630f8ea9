"""Saved segments and the snapshots frozen from them for campaigns.

A segment is a name and a rule document (``lib.segments.rules``); its members are always counted live. A
snapshot freezes who was in a segment at one moment (the rules as they were and the member ids), so a campaign
can later say exactly whom it went to, even after the segment or the contacts changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from lib.db import Database, Principal
from lib.i18n import TranslatedError, t
from lib.segments.rules import SEGMENT_FROM, RuleSet, compile_rules, count_members, validate_rules

MAX_NAME = 120
MAX_DESCRIPTION = 2000


class SegmentError(TranslatedError):
    """A segment operation Cercle refuses; ``message`` says why in the user's language."""

    prefix = "segments.store."


@dataclass(frozen=True)
class Segment:
    id: str
    name: str
    rules: RuleSet
    description: str | None
    created_at: datetime
    updated_at: datetime
    members: int | None = None  # the live count, when asked for


@dataclass(frozen=True)
class Snapshot:
    id: str
    segment_id: str | None
    name: str
    rules: dict
    member_count: int
    created_at: datetime


_SEGMENT_COLUMNS = "s.id::text, s.name, s.rules, s.description, s.created_at, s.updated_at"
_SNAPSHOT_COLUMNS = "p.id::text, p.segment_id::text, p.name, p.rules, p.member_count, p.created_at"
# Statements are assembled once from the column lists above; every value is bound.
_INSERT_SQL = (f"insert into public.segments as s (workspace_id, name, rules, description, created_by) "
               f"values (%s, %s, %s, %s, %s) returning {_SEGMENT_COLUMNS}")
_UPDATE_SQL = (f"update public.segments s set name = %s, rules = %s, description = %s, updated_at = now() "
               f"where s.id = %s and s.workspace_id = %s returning {_SEGMENT_COLUMNS}")
_RENAME_SQL = (f"update public.segments s set name = %s, updated_at = now() where s.id = %s and s.workspace_id = %s "
               f"returning {_SEGMENT_COLUMNS}")
_GET_SQL = f"select {_SEGMENT_COLUMNS} from public.segments s where s.id = %s and s.workspace_id = %s"
_SNAPSHOTS_SQL = (f"select {_SNAPSHOT_COLUMNS} from public.segment_snapshots p where p.workspace_id = %s "
                  "and (%s::uuid is null or p.segment_id = %s::uuid) order by p.created_at desc, p.id")
_LIST_SQL = f"select {_SEGMENT_COLUMNS} from public.segments s where s.workspace_id = %s order by lower(s.name)"


def _segment(row: tuple, members: int | None = None) -> Segment:
    segment_id, name, rules, description, created_at, updated_at = row
    return Segment(segment_id, name, validate_rules(rules), description, created_at, updated_at, members)


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not 1 <= len(cleaned) <= MAX_NAME:
        raise SegmentError("bad_name")
    return cleaned


def _clean_description(description: str | None) -> str | None:
    text = (description or "").strip()
    return text[:MAX_DESCRIPTION] or None


def _refusal(exc: psycopg.Error, name: str) -> SegmentError | None:
    if isinstance(exc, psycopg.errors.UniqueViolation):
        return SegmentError("duplicate_name", name=name)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return SegmentError("not_allowed")
    return None


def _missing(conn: psycopg.Connection, workspace_id: str) -> SegmentError:
    """Why a write found no segment row: the role may not write (a viewer), or the segment is not there."""
    writable = conn.execute("select cercle.can_write(%s)", (workspace_id,)).fetchone()[0]
    return SegmentError("not_found" if writable else "not_allowed")


def _write(db: Database, principal: Principal, workspace_id: str, name: str, query: str, params: tuple) -> Segment:
    """Runs an insert or update returning a segment row, turning refusals into ``SegmentError``."""
    try:
        with db.tenant(principal) as conn:
            row = conn.execute(query, params).fetchone()
            if row is None:
                raise _missing(conn, workspace_id)
    except psycopg.Error as exc:
        refusal = _refusal(exc, name)
        if refusal is None:
            raise
        raise refusal from exc
    return _segment(row)


def save_segment(db: Database, principal: Principal, workspace_id: str, name: str, rules: RuleSet | dict, *,
                 description: str | None = None, segment_id: str | None = None) -> Segment:
    """Creates the segment (``segment_id`` None) or replaces its name, rules and description.

    Raises ``RuleError`` for refused rules and ``SegmentError`` for a taken name, a missing segment or a viewer.
    """
    name, description = _clean_name(name), _clean_description(description)
    document = Jsonb(validate_rules(rules).to_document())
    if segment_id is None:
        return _write(db, principal, workspace_id, name,
                      _INSERT_SQL,
                      (workspace_id, name, document, description, principal.user_id))
    return _write(db, principal, workspace_id, name,
                  _UPDATE_SQL,
                  (name, document, description, segment_id, workspace_id))


def rename_segment(db: Database, principal: Principal, workspace_id: str, segment_id: str, name: str) -> Segment:
    """Gives the segment a new name (its rules unchanged)."""
    name = _clean_name(name)
    return _write(db, principal, workspace_id, name,
                  _RENAME_SQL, (name, segment_id, workspace_id))


def duplicate_segment(db: Database, principal: Principal, workspace_id: str, segment_id: str,
                      name: str | None = None) -> Segment:
    """A copy of the segment, named ``name`` or "<name> (copie)", "<name> (copie 2)"… whichever is free."""
    original = get_segment(db, principal, workspace_id, segment_id)
    if original is None:
        raise SegmentError("not_found")
    if name is not None:
        return save_segment(db, principal, workspace_id, name, original.rules, description=original.description)
    taken = {s.name.lower() for s in list_segments(db, principal, workspace_id, with_counts=False)}
    for n in range(1, 1000):
        candidate = (t("segments.store.copy_name", name=original.name) if n == 1
                     else t("segments.store.copy_name_n", name=original.name, n=n))[:MAX_NAME]
        if candidate.lower() not in taken:
            return save_segment(db, principal, workspace_id, candidate, original.rules,
                                description=original.description)
    raise SegmentError("duplicate_name", name=original.name)


def delete_segment(db: Database, principal: Principal, workspace_id: str, segment_id: str) -> None:
    """Deletes the segment; its snapshots stay (with no segment). Raises ``SegmentError`` when it cannot."""
    with db.tenant(principal) as conn:
        deleted = conn.execute("delete from public.segments where id = %s and workspace_id = %s",
                               (segment_id, workspace_id)).rowcount
        if not deleted:
            raise _missing(conn, workspace_id)


def get_segment(db: Database, principal: Principal, workspace_id: str, segment_id: str) -> Segment | None:
    with db.tenant(principal) as conn:
        row = conn.execute(_GET_SQL, (segment_id, workspace_id)).fetchone()
    return _segment(row) if row else None


def list_segments(db: Database, principal: Principal, workspace_id: str, with_counts: bool = True) -> list[Segment]:
    """The workspace's segments by name, each with its live member count unless ``with_counts`` is False."""
    with db.tenant(principal) as conn:
        rows = conn.execute(_LIST_SQL, (workspace_id,)).fetchall()
    segments = [_segment(row) for row in rows]
    if not with_counts:
        return segments
    return [_segment(row, count_members(db, principal, workspace_id, segment.rules))
            for row, segment in zip(rows, segments, strict=True)]


_FREEZE = """
with chosen as materialized (
  select c.id from {source} where {where}
), snapshot as (
  insert into public.segment_snapshots (workspace_id, segment_id, name, rules, member_count, created_by)
  select {ws}::uuid, {segment}::uuid, {name}, {rules}, (select count(*) from chosen), {user}::uuid
  returning id, workspace_id, segment_id, name, rules, member_count, created_at
), members as (
  insert into public.segment_snapshot_members (snapshot_id, workspace_id, contact_id)
  select snapshot.id, snapshot.workspace_id, chosen.id from snapshot, chosen
)
select id::text, segment_id::text, name, rules, member_count, created_at from snapshot
"""


def freeze_segment(db: Database, principal: Principal, workspace_id: str, segment_id: str, *,
                   name: str | None = None) -> Snapshot:
    """Records who is in the segment now (for a campaign): its rules and member ids, in one statement."""
    segment = get_segment(db, principal, workspace_id, segment_id)
    if segment is None:
        raise SegmentError("not_found")
    where, params = compile_rules(segment.rules, workspace_id)
    query = sql.SQL(_FREEZE).format(
        source=SEGMENT_FROM, where=where, ws=sql.Placeholder("ws"), segment=sql.Placeholder("segment"),
        name=sql.Placeholder("name"), rules=sql.Placeholder("rules"), user=sql.Placeholder("user"))
    params |= {"segment": segment.id, "name": _clean_name(name or segment.name),
               "rules": Jsonb(segment.rules.to_document()), "user": principal.user_id}
    try:
        with db.tenant(principal) as conn:
            row = conn.execute(query, params).fetchone()
    except psycopg.errors.InsufficientPrivilege as exc:
        raise SegmentError("not_allowed") from exc
    return Snapshot(*row)


def list_snapshots(db: Database, principal: Principal, workspace_id: str,
                   segment_id: str | None = None) -> list[Snapshot]:
    """The workspace's snapshots, newest first (only those of ``segment_id`` when given)."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            _SNAPSHOTS_SQL,
            (workspace_id, segment_id, segment_id)).fetchall()
    return [Snapshot(*row) for row in rows]


def snapshot_member_ids(db: Database, principal: Principal, workspace_id: str, snapshot_id: str) -> list[str]:
    """The ids of the contacts frozen in a snapshot (contacts erased since then are gone from it)."""
    with db.tenant(principal) as conn:
        rows = conn.execute("select contact_id::text from public.segment_snapshot_members "
                            "where snapshot_id = %s and workspace_id = %s order by contact_id",
                            (snapshot_id, workspace_id)).fetchall()
    return [row[0] for row in rows]
