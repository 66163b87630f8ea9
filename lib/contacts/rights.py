"""People's rights (docs/promises.md 20–22): find a person, show and export all Cercle holds on them, record their
objection, erase them, purge inactive prospects.

**Suppression.** An opt-out (STOP, objection) and an erasure put keyed hashes (``cercle.suppress`` hashes with the
workspace's secret key inside the database) of *every* phone of the person — main and other numbers — and of their
email on the suppression list; every contact holding one of them is then ``suppressed``.
The list never holds the number or address itself, is never deletable (not even by an owner),
and blocks re-import (lib/contacts/store.py), segments and invitations (lib/segments/rules.py) and exports
(lib/contacts/queries.py).

**Erasure** removes the person everywhere, in one transaction, as the signed-in member (row level security
applies: a viewer erases nothing): the contact row and, with it (on delete cascade), its consent events, import
undo data, community memberships, invitations and segment snapshot memberships; import undo data of other contacts
that mention their phone or email; their numbers in other contacts' "other phones"; the import reports' lines
of the rows that became them, and those that quote their phone, email or name, with every other line of those
rows; the buyer's phone, email, name, note and contact link on orders, also a sale typed by hand whose buyer name
or note names them (the anonymous sale amount stays, so the figures do not change); the Telegram joins of a
Telegram user id their card held; files named after them (import, order import) become a neutral label
« import du 03/12 (fichier n°3) » wherever the name was kept (consent proofs and events of other contacts, undo
data). The activity log never names anyone nor any file (the database refuses it). Only the suppression key
remains, on purpose: without it the next import of an old file would bring the person back.

**Purge of inactive prospects.** A *prospect* is a contact with no sale (no order counted as a sale, linked to
them or bearing one of their phones or their email). A prospect is *inactive* when none of these happened since
the cutoff (the clock's instant minus the workspace's
 ``prospect_retention_months``, 36 by default — CNIL: three years after the last
contact): the contact created or changed (an import touching them updates ``updated_at``), a consent event, an
order of any kind, an invitation prepared or opened, a community membership starting. The purge erases them
*without* suppression: they did not object, and a suppression key would forbid them from ever subscribing again;
the purge is data minimisation, not an objection.

The activity log gets counts only: ``opt_out``, ``person_export``, ``erasure`` and ``purge`` entries never name
the person.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import psycopg
from psycopg.types.json import Jsonb

from lib import audit, clock
from lib.contacts.consent import CHANNELS, ConsentError, consent_history, make_proof, require_writer
from lib.contacts.export import to_csv, to_xlsx
from lib.db import Database, Principal
from lib.i18n import t

MAX_SEARCH = 100
OPT_OUT_REASONS = ("stop", "objection", "opt_out")
DEFAULT_RETENTION_MONTHS = 36
RETENTION_RANGE = (6, 120)

# The contact's own fields, in the order the contact page and the export show them.
PERSON_FIELDS = ("first_name", "last_name", "phone_e164", "phone_type", "phone_region", "other_phones", "email",
                 "city", "postal_code", "country", "interests", "budget_raw", "birth_date", "declared_adult",
                 "reach_whatsapp", "reach_telegram", "reach_sms", "consent_whatsapp", "consent_sms", "consent_telegram",
                 "consent_email", "opted_out_at", "opt_out_reason", "attributes", "created_at", "updated_at")


@dataclass(frozen=True)
class Found:
    id: str
    first_name: str | None
    last_name: str | None
    phone_e164: str | None
    email: str | None
    city: str | None


@dataclass
class Person:
    """Everything Cercle holds on one person."""

    id: str
    fields: dict
    consent_proof: dict
    consent_history: list
    communities: list[dict] = field(default_factory=list)
    invitations: list[dict] = field(default_factory=list)
    orders: list[dict] = field(default_factory=list)
    source_import: dict | None = None
    imports_that_changed: list[dict] = field(default_factory=list)
    snapshots: list[dict] = field(default_factory=list)
    suppressed: dict = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        name = " ".join(p for p in (self.fields.get("first_name"), self.fields.get("last_name")) if p)
        return name or self.fields.get("email") or self.fields.get("phone_e164") or "?"


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_contacts(db: Database, principal: Principal, workspace_id: str, text: str, limit: int = 20) -> list[Found]:
    """Contacts whose name, email or phone contains ``text`` (at most ``MAX_SEARCH`` characters are used; ``%`` and
    ``_`` are literal). Digits also match the phone written nationally: "06 12" finds +33612…"""
    text = " ".join(str(text or "").replace("\x00", " ").split())[:MAX_SEARCH]
    if not text:
        return []
    digits = "".join(ch for ch in text if ch.isdigit())
    national = digits[1:] if digits.startswith("0") else digits
    params = {"ws": workspace_id, "pattern": _like_pattern(text), "digits": national if len(national) >= 3 else None,
              "limit": max(1, min(limit, 200))}
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "select id::text, first_name, last_name, phone_e164, email, city from public.contacts"
            " where workspace_id = %(ws)s and ("
            "   concat_ws(' ', first_name, last_name) ilike %(pattern)s or concat_ws(' ', last_name, first_name)"
            "   ilike %(pattern)s or email ilike %(pattern)s or phone_e164 like %(pattern)s"
            "   or (%(digits)s::text is not null and (phone_e164 like '%%' || %(digits)s || '%%'"
            "       or array_to_string(other_phones, ' ') like '%%' || %(digits)s || '%%')))"
            " order by last_name nulls last, first_name nulls last, id limit %(limit)s", params).fetchall()
    return [Found(*row) for row in rows]


def _dicts(cursor: psycopg.Cursor) -> list[dict]:
    names = [d.name for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def load_person(db: Database, principal: Principal, workspace_id: str, contact_id: str) -> Person | None:
    """All Cercle holds on the contact, or None when there is none (or it is not this workspace's)."""
    with db.tenant(principal) as conn:
        cursor = conn.execute("select id::text, consent_proof, source_import_id, "
                              + ", ".join(PERSON_FIELDS) +
                              " from public.contacts where id = %s and workspace_id = %s", (contact_id, workspace_id))
        found = _dicts(cursor)
        if not found:
            return None
        row = found[0]
        person = Person(id=row.pop("id"), consent_proof=row.pop("consent_proof") or {},
                        consent_history=consent_history(conn, workspace_id, contact_id), fields={})
        source_import = row.pop("source_import_id")
        person.fields = row
        params = {"ws": workspace_id, "id": contact_id}
        person.communities = _dicts(conn.execute(
            "select c.name as community, c.channel, m.joined_at, m.source from public.community_members m"
            " join public.communities c on c.id = m.community_id"
            " where m.workspace_id = %(ws)s and m.contact_id = %(id)s order by m.joined_at", params))
        person.invitations = _dicts(conn.execute(
            "select c.name as community, i.channel, l.source as link_source, i.prepared_at, i.opened_at,"
            " i.opened_count from public.invitations i join public.invite_links l on l.id = i.link_id"
            " join public.communities c on c.id = l.community_id"
            " where i.workspace_id = %(ws)s and i.contact_id = %(id)s order by i.prepared_at", params))
        person.orders = _dicts(conn.execute(
            "select o.source, o.number, o.created_at, o.currency, o.amount_cents, o.is_sale, o.financial_status,"
            " o.discount_code, o.buyer_name, o.note from public.orders o"
            " where o.workspace_id = %(ws)s and (o.contact_id = %(id)s"
            "  or (o.phone_e164 is not null and o.phone_e164 in (select p from public.contacts c,"
            "      unnest(array[c.phone_e164] || c.other_phones) p where c.id = %(id)s))"
            "  or (o.email is not null and o.email = (select lower(email) from public.contacts where id = %(id)s)))"
            " order by o.created_at nulls last, o.number", params))
        if source_import:
            imported = _dicts(conn.execute("select file_name, created_at, created_by_email from public.imports"
                                           " where id = %s", (source_import,)))
            person.source_import = imported[0] if imported else None
        person.imports_that_changed = _dicts(conn.execute(
            "select i.file_name, i.created_at, i.created_by_email from public.import_changes ch"
            " join public.imports i on i.id = ch.import_id"
            " where ch.workspace_id = %(ws)s and ch.contact_id = %(id)s order by i.created_at", params))
        person.snapshots = _dicts(conn.execute(
            "select s.name, s.created_at from public.segment_snapshot_members m"
            " join public.segment_snapshots s on s.id = m.snapshot_id"
            " where m.workspace_id = %(ws)s and m.contact_id = %(id)s order by s.created_at", params))
        listed = conn.execute("select phone, email from cercle.contact_listed(%s, %s)",
                              (workspace_id, contact_id)).fetchone() or (False, False)
        person.suppressed = {"phone": bool(listed[0]), "email": bool(listed[1])}
    return person


# --- the access request: one person's data as JSON, CSV, XLSX -------------------------------------------------


def _jsonable(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def person_document(person: Person) -> dict:
    """The access request's content: every section the contact page shows."""
    return _jsonable({
        "contact": person.fields,
        "consent_proof": person.consent_proof,
        "consent_history": [vars(event) for event in person.consent_history],
        "communities": person.communities,
        "invitations": person.invitations,
        "orders": person.orders,
        "source_import": person.source_import,
        "imports_that_changed": person.imports_that_changed,
        "campaign_snapshots": person.snapshots,
        "suppressed": person.suppressed,
    })


def person_json(person: Person) -> bytes:
    return json.dumps(person_document(person), ensure_ascii=False, indent=2).encode("utf-8")


EXPORT_HEADER = ("section", "item", "field", "value")


def person_rows(person: Person) -> list[tuple]:
    """The document flattened to (section, item number, field, value) rows for a spreadsheet."""
    rows: list[tuple] = []
    for section, content in person_document(person).items():
        items = content if isinstance(content, list) else [content]
        for number, item in enumerate(items, start=1):
            if isinstance(item, dict):
                for key, value in item.items():
                    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
                    rows.append((section, number, key, text))
            elif item is not None:
                rows.append((section, number, "", item))
    return rows


def person_csv(person: Person) -> bytes:
    return to_csv(EXPORT_HEADER, person_rows(person))


def person_xlsx(person: Person) -> bytes:
    return to_xlsx(EXPORT_HEADER, person_rows(person), sheet="Données")


def record_person_export(db: Database, principal: Principal, workspace_id: str, file_format: str) -> None:
    """Logs that one person's data left Cercle (an access request), in which format; never who."""
    with db.tenant(principal) as conn:
        audit.record(conn, workspace_id, "person_export", count=1, format=file_format)


# --- objection, erasure, purge ------------------------------------------------------------------------------

# The people being erased (ids of this workspace's contacts), locked, and their keys: every phone, the email,
# names. Temporary tables of this transaction only.
_TARGETS_DDL = """
create temporary table rights_targets (id uuid primary key) on commit drop;
create temporary table rights_keys (kind text not null, value text not null) on commit drop
"""
_TARGETS_SQL = """
insert into rights_targets (id)
select c.id from public.contacts c where c.workspace_id = %(ws)s and c.id = any(%(ids)s::uuid[]) for update of c
"""
_KEYS_SQL = """
insert into rights_keys (kind, value)
select distinct kind, value from public.contacts c join rights_targets t on t.id = c.id,
  lateral (select 'phone', p from unnest(array[c.phone_e164] || c.other_phones) p
           union all select 'email', lower(btrim(c.email))
           union all select 'name', n from unnest(array[btrim(c.first_name), btrim(c.last_name),
                                                        btrim(concat_ws(' ', c.first_name, c.last_name))]) n
           union all select 'surname', btrim(c.last_name)
           union all select 'telegram', a.value from jsonb_each_text(c.attributes) a
                     where a.key ilike '%%telegram%%' and a.value ~ '^[0-9]{5,15}$'
           ) k (kind, value)
where value is not null and value <> ''
"""
# The last 9 digits of a phone find it in a report line written nationally ("06 12 34 56 78").
_MENTIONS = """(
  exists (select 1 from rights_keys k where k.kind = 'phone'
          and regexp_replace({v}, '[^0-9]', '', 'g')
              like '%%' || right(regexp_replace(k.value, '[^0-9]', '', 'g'), 9) || '%%')
  or exists (select 1 from rights_keys k where k.kind = 'email' and position(k.value in lower({v})) > 0)
  or exists (select 1 from rights_keys k where k.kind = 'name' and lower(btrim({v})) = lower(k.value)))"""
# Free text naming them: their phone's last 9 digits, their e-mail, or their surname (3 letters or more) anywhere in
# it (a file name "devis-quetzalmarker.xlsx", a manual sale's note "rappeler au 06 98 76 54 32").
_NAMED = """(
  exists (select 1 from rights_keys k where k.kind = 'phone'
          and regexp_replace({v}, '[^0-9]', '', 'g')
              like '%%' || right(regexp_replace(k.value, '[^0-9]', '', 'g'), 9) || '%%')
  or exists (select 1 from rights_keys k where k.kind = 'email' and position(k.value in lower({v})) > 0)
  or exists (select 1 from rights_keys k where k.kind = 'surname' and length(k.value) >= 3
             and position(lower(k.value) in lower({v})) > 0))"""
_ERASE_STEPS = (
    # orders keep the anonymous sale (amount, date, attribution); the buyer's coordinates, name, note and link go,
    # also on a sale typed by hand that only names them (buyer name, note)
    """update public.orders o set phone_e164 = null, email = null, contact_id = null, buyer_name = null, note = null
       where o.workspace_id = %(ws)s and (o.contact_id in (select id from rights_targets)
         or o.phone_e164 in (select value from rights_keys where kind = 'phone')
         or o.email in (select value from rights_keys where kind = 'email')
         or (o.buyer_name is not null and """ + _NAMED.format(v="o.buyer_name") + """)
         or (o.note is not null and """ + _NAMED.format(v="o.note") + "))",
    # import reports: every line of the rows that became them (the report names the contact of each row)
    """update public.imports i set issues = coalesce((
         select jsonb_agg(e order by n) from jsonb_array_elements(i.issues) with ordinality x (e, n)
         where coalesce(e ->> 'contact', '') not in (select id::text from rights_targets)), '[]'::jsonb)
       where i.workspace_id = %(ws)s and exists (
         select 1 from jsonb_array_elements(i.issues) e
         where e ->> 'contact' in (select id::text from rights_targets))""",
    # the Telegram user ids their contact card held: the joins recorded under them
    """delete from public.telegram_joins j where j.workspace_id = %(ws)s
         and j.telegram_user_id::text in (select value from rights_keys where kind = 'telegram')""",
    # their numbers listed as someone else's other phone
    """update public.contacts c set other_phones = array(select p from unnest(c.other_phones) p
         where p not in (select value from rights_keys where kind = 'phone'))
       where c.workspace_id = %(ws)s and c.id not in (select id from rights_targets)
         and c.other_phones && array(select value from rights_keys where kind = 'phone')""",
    # import undo data: theirs, and other contacts' old values that held their phone or email
    """delete from public.import_changes ch where ch.workspace_id = %(ws)s and (
         ch.contact_id in (select id from rights_targets)
         or ch.before ->> 'phone_e164' in (select value from rights_keys where kind = 'phone')
         or lower(ch.before ->> 'email') in (select value from rights_keys where kind = 'email')
         or (ch.before -> 'other_phones') ?| array(select value from rights_keys where kind = 'phone'))""",
    # import reports: the lines quoting them (a repaired phone, a refused email...), and every other line of the
    # same row of that file (their unreadable birth date or budget names no phone, but is theirs all the same)
    """update public.imports i set issues = coalesce((
         select jsonb_agg(e order by n) from jsonb_array_elements(i.issues) with ordinality x (e, n)
         where not """ + _MENTIONS.format(v="coalesce(e ->> 'value', '')") + """
           and not exists (select 1 from jsonb_array_elements(i.issues) m
                           where m ->> 'row' is not null and m ->> 'row' = e ->> 'row'
                             and """ + _MENTIONS.format(v="coalesce(m ->> 'value', '')") + """)), '[]'::jsonb)
       where i.workspace_id = %(ws)s and exists (
         select 1 from jsonb_array_elements(i.issues) e where """ + _MENTIONS.format(v="coalesce(e ->> 'value', '')")
    + ")",
    """delete from public.community_members
       where workspace_id = %(ws)s and contact_id in (select id from rights_targets)""",
    "delete from public.invitations where workspace_id = %(ws)s and contact_id in (select id from rights_targets)",
    """delete from public.segment_snapshot_members
       where workspace_id = %(ws)s and contact_id in (select id from rights_targets)""",
    # the contact itself; its consent events go with it (on delete cascade: nobody may delete them otherwise)
    "delete from public.contacts where workspace_id = %(ws)s and id in (select id from rights_targets)",
)


def _suppress(conn: psycopg.Connection, workspace_id: str, reason: str, proof: dict | None = None) -> int:
    """Puts the people's phones and e-mail (rights_keys) on the suppression list; returns how many entries are new.
    The database hashes them (cercle.suppress): no hash ever comes back to the app."""
    added = 0
    for kind in ("phone", "email"):
        added += conn.execute(
            "select cercle.suppress(%s, %s, array(select value from rights_keys where kind = %s), %s, %s)",
            (workspace_id, kind, kind, reason, Jsonb(proof) if proof else None)).fetchone()[0]
    return added


def _wait_for_imports(conn: psycopg.Connection, workspace_id: str) -> None:
    """Takes the workspace's import lock (lib/contacts/store.py) until commit: an import that already checked the
    suppression list cannot bring back someone being erased or suppressed, and the next one sees the new keys."""
    conn.execute("select pg_advisory_xact_lock(hashtextextended('cercle-import:' || %s, 0))", (workspace_id,))


def _erase(conn: psycopg.Connection, workspace_id: str, user_id: str | None, contact_ids: list[str],
           suppress_reason: str | None) -> int:
    """Erases the contacts (this workspace's, as the signed-in member) in the caller's transaction."""
    params = {"ws": workspace_id, "ids": contact_ids, "user": user_id, "reason": suppress_reason}
    _wait_for_imports(conn, workspace_id)
    for statement in _TARGETS_DDL.split(";"):
        conn.execute(statement)
    count = conn.execute(_TARGETS_SQL, params).rowcount
    if count == 0:
        return 0
    conn.execute(_KEYS_SQL, params)
    if suppress_reason:
        _suppress(conn, workspace_id, suppress_reason)
    for statement in _ERASE_STEPS:
        conn.execute(statement, params)
    _neutralise_file_names(conn, params)
    return count


def _neutralise_file_names(conn: psycopg.Connection, params: dict) -> None:
    """Files named after them become « import du 03/12 (fichier n°3) », wherever the name was kept: the import,
    the consent proofs and events that cite it, the undo data (cercle.neutralise_file_name)."""
    for import_id, created_at, number in conn.execute(
            "select i.id::text, i.created_at, i.number from public.imports i where i.workspace_id = %(ws)s and "
            + _NAMED.format(v="i.file_name"), params).fetchall():
        label = t("trust.import_label", date=f"{created_at:%d/%m}", number=number)
        conn.execute("select cercle.neutralise_file_name(%s, %s, %s)", (params["ws"], import_id, label))
    for import_id, created_at, number in conn.execute(
            "select o.id, o.created_at, o.number from (select i.id, i.created_at, i.file_name, row_number() over"
            " (order by i.created_at, i.id) as number from public.order_imports i where i.workspace_id = %(ws)s) o"
            " where " + _NAMED.format(v="o.file_name"), params).fetchall():
        conn.execute("update public.order_imports set file_name = %s where id = %s",
                     (t("trust.import_label", date=f"{created_at:%d/%m}", number=number), import_id))


def erase_contact(db: Database, principal: Principal, workspace_id: str, contact_id: str) -> bool:
    """Erases one person everywhere but the suppression list; True when someone was erased. Raises ConsentError
    ("read_only") for a viewer."""
    with db.tenant(principal) as conn:
        require_writer(conn, workspace_id)
        erased = _erase(conn, workspace_id, principal.user_id, [contact_id], "erasure")
        if erased:
            audit.record(conn, workspace_id, "erasure", count=erased, scope="person")
    return bool(erased)


def opt_out(db: Database, principal: Principal, workspace_id: str, contact_id: str, reason: str = "objection") -> bool:
    """Records a STOP or an objection: every consent withdrawn (with its proof), the opt-out marked, every phone and
    the email suppressed. True when it changed something. Raises ConsentError."""
    if reason not in OPT_OUT_REASONS:
        raise ConsentError("bad_method")
    with db.tenant(principal) as conn:
        require_writer(conn, workspace_id)
        _wait_for_imports(conn, workspace_id)
        row = conn.execute("select opted_out_at, consent_proof, " + ", ".join(f"consent_{c}" for c in CHANNELS) +
                           " from public.contacts where id = %s and workspace_id = %s for update",
                           (contact_id, workspace_id)).fetchone()
        if row is None:
            raise ConsentError("not_found")
        opted_out_at, proofs, *flags = row
        method = "stop" if reason == "stop" else "request"
        proof = make_proof(granted=False, method=method, source="opt_out", wording=reason,
                           by=principal.email or principal.user_id)
        proofs = dict(proofs or {})
        for channel, on in zip(CHANNELS, flags, strict=True):
            if on:
                proofs[channel] = proof
        conn.execute("update public.contacts set opted_out_at = coalesce(opted_out_at, now()), opt_out_reason = %s,"
                     " consent_whatsapp = false, consent_sms = false, consent_telegram = false, consent_email = false,"
                     " consent_proof = %s, updated_at = now() where id = %s and workspace_id = %s",
                     (reason, Jsonb(proofs), contact_id, workspace_id))
        for statement in _TARGETS_DDL.split(";"):
            conn.execute(statement)
        params = {"ws": workspace_id, "ids": [contact_id], "user": principal.user_id, "reason": reason}
        conn.execute(_TARGETS_SQL, params)
        conn.execute(_KEYS_SQL, params)
        added = _suppress(conn, workspace_id, reason)
        changed = opted_out_at is None or any(flags) or added > 0
        if changed:
            audit.record(conn, workspace_id, "opt_out", count=1, reason=reason, withdrawn=sum(map(bool, flags)),
                         keys=added)
    return changed


@dataclass(frozen=True)
class SuppressedList:
    """What a file of STOP replies did: new entries on the list, and the contacts no longer reachable."""

    added: int
    contacts: int


def suppress_values(db: Database, principal: Principal, workspace_id: str, phones: list[str], emails: list[str],
                    reason: str = "stop", proof: dict | None = None) -> SuppressedList:
    """Puts E.164 phones and e-mail addresses on the suppression list (an opt-out for each), with ``proof`` (the
    file's SHA-256, never its name or lines); the contacts holding any of them stop being reachable. Raises
    ConsentError ("read_only" for a viewer, "bad_method" for an unknown reason)."""
    if reason not in OPT_OUT_REASONS:
        raise ConsentError("bad_method")
    with db.tenant(principal) as conn:
        require_writer(conn, workspace_id)
        _wait_for_imports(conn, workspace_id)
        before = conn.execute("select count(*) from public.contacts where workspace_id = %s and suppressed",
                              (workspace_id,)).fetchone()[0]
        added = 0
        for kind, values in (("phone", phones), ("email", emails)):
            if values:
                added += conn.execute("select cercle.suppress(%s, %s, %s, %s, %s)",
                                      (workspace_id, kind, list(values), reason,
                                       Jsonb(proof) if proof else None)).fetchone()[0]
        after = conn.execute("select count(*) from public.contacts where workspace_id = %s and suppressed",
                             (workspace_id,)).fetchone()[0]
        if added:
            audit.record(conn, workspace_id, "opt_out", count=added, reason=reason, source="file")
    return SuppressedList(added=added, contacts=after - before)


# --- purge of inactive prospects -------------------------------------------------------------------------------

_INACTIVE_PROSPECTS = """
with cutoff as (select %(as_of)s::timestamptz - make_interval(months => %(months)s) as at)
select c.id from public.contacts c, cutoff
where c.workspace_id = %(ws)s and c.created_at < cutoff.at and c.updated_at < cutoff.at
  and not exists (select 1 from public.orders o where o.workspace_id = c.workspace_id
                  and (o.contact_id = c.id or o.phone_e164 = c.phone_e164 or o.phone_e164 = any(c.other_phones)
                       or o.email = lower(c.email))
                  and (o.is_sale or coalesce(o.created_at, o.imported_at) >= cutoff.at))
  and not exists (select 1 from public.consent_events e where e.contact_id = c.id
                  and (e.recorded_at >= cutoff.at or e.given_at >= cutoff.at))
  and not exists (select 1 from public.invitations i where i.contact_id = c.id
                  and (i.prepared_at >= cutoff.at or i.opened_at >= cutoff.at))
  and not exists (select 1 from public.community_members m where m.contact_id = c.id and m.joined_at >= cutoff.at)
  and not exists (select 1 from public.import_changes ch join public.imports im on im.id = ch.import_id
                  where ch.contact_id = c.id and im.created_at >= cutoff.at)
"""


@dataclass(frozen=True)
class PurgePreview:
    months: int
    count: int
    sample: list[Found]
    workspace_id: str = ""  # whose prospects: a preview kept in a browser session is shown only in its workspace


def retention_months(db: Database, principal: Principal, workspace_id: str) -> int:
    with db.tenant(principal) as conn:
        row = conn.execute("select prospect_retention_months from public.workspaces where id = %s",
                           (workspace_id,)).fetchone()
    return row[0] if row else DEFAULT_RETENTION_MONTHS


def set_retention_months(db: Database, principal: Principal, workspace_id: str, months: int) -> bool:
    """Saves the workspace's retention period (owners only); True when it changed. Raises ConsentError."""
    _checked_months(months)
    with db.tenant(principal) as conn:
        if not conn.execute("select cercle.is_owner(%s)", (workspace_id,)).fetchone()[0]:
            raise ConsentError("owner_only")
        changed = conn.execute("update public.workspaces set prospect_retention_months = %s, updated_at = now()"
                               " where id = %s and prospect_retention_months <> %s",
                               (months, workspace_id, months)).rowcount
        if changed:
            audit.record(conn, workspace_id, "settings_changed", settings=["prospect_retention_months"])
    return bool(changed)


def _checked_months(months: object) -> int:
    """A retention period within the allowed range, or ConsentError("bad_retention"): a period of zero or less
    would make every prospect "inactive"."""
    low, high = RETENTION_RANGE
    if isinstance(months, bool) or not isinstance(months, int) or not low <= months <= high:
        raise ConsentError("bad_retention", low=RETENTION_RANGE[0], high=RETENTION_RANGE[1])
    return months


def preview_purge(db: Database, principal: Principal, workspace_id: str, months: int | None = None,
                  sample: int = 10, as_of: dt.datetime | None = None) -> PurgePreview:
    """How many prospects the purge would erase at ``as_of`` (the clock's instant by default), and a few of them.
    Raises ConsentError("bad_retention")."""
    months = _checked_months(retention_months(db, principal, workspace_id) if months is None else months)
    with db.tenant(principal) as conn:
        params = {"ws": workspace_id, "months": months, "limit": sample, "as_of": as_of or clock.now()}
        count = conn.execute("select count(*) from (" + _INACTIVE_PROSPECTS + ") p", params).fetchone()[0]
        rows = conn.execute(
            "select c.id::text, c.first_name, c.last_name, c.phone_e164, c.email, c.city from public.contacts c"
            " where c.id in (" + _INACTIVE_PROSPECTS + ") order by c.updated_at, c.id limit %(limit)s",
            params).fetchall()
    return PurgePreview(months, count, [Found(*row) for row in rows], workspace_id)


def purge_prospects(db: Database, principal: Principal, workspace_id: str, months: int | None = None,
                    expected: int | None = None, as_of: dt.datetime | None = None) -> int:
    """Erases the inactive prospects (no suppression, see the module's docstring); returns how many.

    ``expected`` is the count the marketer confirmed: when the list grew since the preview, nothing is erased and
    ConsentError("purge_changed") asks for a new look. A period outside RETENTION_RANGE: ConsentError("bad_retention").
    """
    months = _checked_months(retention_months(db, principal, workspace_id) if months is None else months)
    with db.tenant(principal) as conn:
        require_writer(conn, workspace_id)
        ids = [row[0] for row in conn.execute(_INACTIVE_PROSPECTS, {"ws": workspace_id, "months": months,
                                                                "as_of": as_of or clock.now()})]
        if expected is not None and len(ids) > expected:
            raise ConsentError("purge_changed")
        erased = _erase(conn, workspace_id, principal.user_id, [str(i) for i in ids], None) if ids else 0
        if erased:
            audit.record(conn, workspace_id, "purge", count=erased, months=months)
    return erased
