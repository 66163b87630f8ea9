"""Writing cleaned contacts into a workspace: COPY into staging, then one set-based merge.

Rules (docs/promises.md 11–13, 20): within the batch and against existing contacts, people are the same when their
E.164 phone matches, else their lower-cased email. A merge fills blanks, unions interests and phones, and
may add a consent newly given (with its proof); it never withdraws a consent, never touches an opt-out, gives
an opted-out person no consent, and a suppressed phone or email never (re)enters.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import psycopg

CONTACT_FIELDS = (
    "phone_e164", "phone_type", "phone_region", "other_phones", "first_name", "last_name", "email", "city",
    "postal_code", "country", "interests", "budget_raw", "budget_min_eur", "budget_max_eur", "birth_date",
    "declared_adult", "reach_whatsapp", "reach_telegram", "reach_sms", "consent_whatsapp", "consent_telegram",
    "consent_sms", "consent_email", "consent_proof", "attributes",
)
# Consent a later file may add (with its proof) but never withdraw; an opted-out person gains none.
CONSENTS = ("consent_whatsapp", "consent_telegram", "consent_sms", "consent_email")
REACH = ("reach_whatsapp", "reach_telegram", "reach_sms")  # they go with the primary phone
# Fields a later file may fill when they are blank, never overwrite.
FILLABLE = (
    "phone_type", "phone_region", "first_name", "last_name", "email", "city", "postal_code", "country",
    "budget_raw", "budget_min_eur", "budget_max_eur", "birth_date", "declared_adult",
)


@dataclass
class ContactRecord:
    """One cleaned person, ready to store. ``row`` is where it came from in the file."""

    row: int
    phone_e164: str | None = None
    phone_type: str | None = None
    phone_region: str | None = None
    other_phones: list[str] = field(default_factory=list)
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None
    interests: list[str] = field(default_factory=list)
    budget_raw: str | None = None
    budget_min_eur: float | None = None
    budget_max_eur: float | None = None
    birth_date: str | None = None
    declared_adult: bool | None = None
    reach_whatsapp: bool = False
    reach_telegram: bool = False
    reach_sms: bool = False
    consent_whatsapp: bool = False
    consent_telegram: bool = False
    consent_sms: bool = False
    consent_email: bool = False
    consent_proof: dict = field(default_factory=dict)
    attributes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class MergeCounts:
    imported: int
    updated: int
    unchanged: int
    suppressed: int
    merged_in_file: int = 0  # rows folded into a person met higher up in the same file
    # file rows of which something was left out because it is on the suppression list (their report lines go)
    suppressed_rows: frozenset[int] = frozenset()
    # the contact each asked-for row became (its report lines carry the id, so an erasure finds them by row)
    row_contacts: dict = field(default_factory=dict)


def fold_duplicates(records: list[ContactRecord]) -> tuple[list[ContactRecord], int]:
    """One person per phone (else, for a row without one, per email) within a file: a later row completes the
    first the way a later file completes an existing contact (blanks filled, interests and phones united,
    consents added with their proof, never withdrawn); nothing it brings is lost. Returns the people, in file
    order, and how many rows were folded. Two people with different phones who share an email stay two."""
    people: list[ContactRecord] = []
    by_phone: dict[str, ContactRecord] = {}
    by_email: dict[str, ContactRecord] = {}
    folded = 0
    for record in records:
        email = record.email.lower() if record.email else None
        target = by_phone.get(record.phone_e164) if record.phone_e164 else None
        if target is None and email is not None:
            known = by_email.get(email)
            # a phone-less person met by email takes this row's phone; one with another phone is someone else
            if known is not None and (record.phone_e164 is None or known.phone_e164 is None):
                target = known
        if target is None:
            people.append(record)
            if record.phone_e164:
                by_phone[record.phone_e164] = record
            if email is not None:
                by_email.setdefault(email, record)
            continue
        _fold(target, record, by_email)
        folded += 1
        if target.phone_e164:
            by_phone.setdefault(target.phone_e164, target)
    return people, folded


_PHONE_FIELDS = ("phone_e164", "phone_type", "phone_region", "reach_whatsapp", "reach_telegram", "reach_sms")


def _fold(target: ContactRecord, record: ContactRecord, by_email: dict[str, ContactRecord]) -> None:
    if target.phone_e164 is None and record.phone_e164:
        for name in _PHONE_FIELDS:
            setattr(target, name, getattr(record, name))
    for name in FILLABLE:
        if getattr(target, name) is None and getattr(record, name) is not None:
            if name == "email":
                owner = by_email.get(record.email.lower())
                if owner is not None and owner is not target:
                    continue  # that address is someone else's in this file: the key stays unique
                by_email[record.email.lower()] = target
            setattr(target, name, getattr(record, name))
    phones = [p for p in (*record.other_phones, record.phone_e164) if p and p != target.phone_e164]
    target.other_phones = list(dict.fromkeys([p for p in target.other_phones if p != target.phone_e164] + phones))
    target.interests = list(dict.fromkeys(target.interests + record.interests))
    for name in CONSENTS:
        if getattr(record, name) and not getattr(target, name):
            setattr(target, name, True)
    for channel, proof in record.consent_proof.items():
        target.consent_proof.setdefault(channel, proof)
    for key, value in record.attributes.items():
        target.attributes.setdefault(key, value)


_STAGING_COLUMNS = ("row_no",) + CONTACT_FIELDS
_COPY_SQL = f"copy contact_staging ({', '.join(_STAGING_COLUMNS)}) from stdin with (format csv)"
_COPY_CHUNK = 20_000  # records per CSV block sent to COPY
_STAGING_DDL = """
create temporary table contact_staging (
  row_no integer not null,
  phone_e164 text, phone_type text, phone_region text, other_phones text[], first_name text, last_name text,
  email text, city text, postal_code text, country text, interests text[], budget_raw text,
  budget_min_eur numeric(10, 2), budget_max_eur numeric(10, 2), birth_date date, declared_adult boolean,
  reach_whatsapp boolean, reach_telegram boolean, reach_sms boolean, consent_whatsapp boolean,
  consent_telegram boolean, consent_sms boolean, consent_email boolean, consent_proof jsonb, attributes jsonb,
  match_id uuid
) on commit drop
"""

# The suppression list is matched by the database itself, as contacts are written (trigger
# cercle.contact_suppression, migration 20261203100100_suppression_inside.sql): a new person whose phone or e-mail
# is listed is not created, a listed number is never added to anyone, and no member ever sees a hash. Here, only
# what the database already says of stored contacts is read: a row matching someone suppressed (an opted-out
# person) leaves them as they are...
_MATCHED_SUPPRESSED_SQL = """
delete from contact_staging s using public.contacts c
where c.id = s.match_id and c.workspace_id = %(ws)s and c.suppressed
"""

# ...and after the merge, the file's rows (duplicates included) of which something was not kept: the whole row
# (its person is suppressed already, or was not created: their phone or e-mail is listed), or one of its values.
# The database's trigger tells which of the values written here it left out (cercle.suppressed_values, this
# transaction only). Their lines in the import report go too: a line may quote the listed number.
_KEEP_ROWS_SQL = """
create temporary table contact_staging_rows on commit drop as
select row_no, phone_e164, other_phones, email from contact_staging
"""
_DROPPED_SQL = """
with listed (value) as (
  select lower(v) from jsonb_array_elements_text(
    coalesce(nullif(current_setting('cercle.suppressed_values', true), ''), '[]')::jsonb) v
), judged as (
  select a.row_no,
         exists (select 1 from public.contacts c where c.workspace_id = %(ws)s and c.phone_e164 = a.phone_e164
                 and c.suppressed)
         or (a.phone_e164 is null and exists (select 1 from public.contacts c where c.workspace_id = %(ws)s
                                              and lower(c.email) = lower(a.email) and c.suppressed))
         or lower(a.phone_e164) in (select value from listed)
         or (a.phone_e164 is null and lower(a.email) in (select value from listed)) as whole_row,
         lower(a.email) in (select value from listed)
         or exists (select 1 from unnest(a.other_phones) p where p in (select value from listed)) as a_value
  from contact_staging_rows a
)
select row_no, whole_row from judged where whole_row or a_value
"""

# The contact a file row became (by its phone, else its e-mail), for the rows that have lines in the report.
_ROW_CONTACTS_SQL = """
select a.row_no, coalesce(p.id, e.id)::text
from contact_staging_rows a
left join public.contacts p on p.workspace_id = %(ws)s and p.phone_e164 = a.phone_e164
left join public.contacts e on e.workspace_id = %(ws)s and a.email is not null and lower(e.email) = lower(a.email)
where a.row_no = any (%(rows)s::integer[])
"""

_BATCH_DUPLICATES_SQL = """
delete from contact_staging s using (
  select row_no from (
    select row_no, row_number() over (partition by phone_e164 order by row_no) as rank
    from contact_staging where phone_e164 is not null) by_phone where rank > 1
  union all
  select row_no from (
    select row_no, phone_e164, row_number() over (partition by lower(email) order by row_no) as rank
    from contact_staging where email is not null) by_email where rank > 1 and phone_e164 is null
) later where later.row_no = s.row_no
"""

_SHARED_EMAIL_SQL = """
update contact_staging s set email = null from (
  select row_no, row_number() over (partition by lower(email) order by row_no) as rank
  from contact_staging where email is not null) ranked
where ranked.row_no = s.row_no and ranked.rank > 1 and s.phone_e164 is not null
"""

# Matching is two hash joins, phone first, then email for the rows the phone did not place.
_MATCH_BY_PHONE_SQL = """
update contact_staging s set match_id = c.id from public.contacts c
where c.workspace_id = %(ws)s and c.phone_e164 = s.phone_e164
"""
_MATCH_BY_EMAIL_SQL = """
update contact_staging s set match_id = c.id from public.contacts c
where s.match_id is null and s.email is not null and c.workspace_id = %(ws)s and c.email is not null
  and lower(c.email) = lower(s.email)
"""


def _insert_value(name: str) -> str:
    if name in ("other_phones", "interests"):
        return f"coalesce(s.{name}, '{{}}')"
    if name in ("consent_proof", "attributes"):
        return f"coalesce(s.{name}, '{{}}'::jsonb)"
    if name.startswith(("reach_", "consent_")):
        return f"coalesce(s.{name}, false)"
    return f"s.{name}"


# A contact met by email without a phone takes the file's phone as its own (with whether it can be reached),
# never as an "other" number: the same as two rows of one file (fold_duplicates).
_PRIMARY = "coalesce(c.phone_e164, s.phone_e164)"

# A matched contact changes when the batch fills one of its blanks or brings new interests or phones.
_CHANGED = f"""(
  {" or ".join(f"(c.{n} is null and s.{n} is not null)" for n in ("phone_e164",) + FILLABLE)}
  or not (coalesce(s.interests, '{{}}') <@ c.interests)
  or not (array(select p from unnest(coalesce(s.other_phones, '{{}}') || array[s.phone_e164]) p
                where p is not null and p is distinct from {_PRIMARY}) <@ c.other_phones)
  or (c.opted_out_at is null and ({" or ".join(f"(s.{n} and not c.{n})" for n in CONSENTS)})))"""

# Statement texts are assembled once from the column constants above; values are always bound.
_UPDATE_SQL = f"""
update public.contacts c set {", ".join(f"{n} = coalesce(c.{n}, s.{n})" for n in FILLABLE if n != "email")},
  phone_e164 = {_PRIMARY},
  {", ".join(f"{n} = case when c.phone_e164 is null and s.phone_e164 is not null then coalesce(s.{n}, false) "
             f"else c.{n} end" for n in REACH)},
  email = coalesce(c.email, case when not exists (
    select 1 from public.contacts o where o.workspace_id = c.workspace_id and lower(o.email) = lower(s.email))
    then s.email end),
  interests = array(select distinct unnest(c.interests || coalesce(s.interests, '{{}}')) order by 1),
  other_phones = array(select distinct p from unnest(c.other_phones || coalesce(s.other_phones, '{{}}')
                                                    || array[s.phone_e164]) p
                       where p is not null and p is distinct from {_PRIMARY} order by 1),
  {", ".join(f"{n} = c.{n} or (s.{n} and c.opted_out_at is null)" for n in CONSENTS)},
  consent_proof = case when c.opted_out_at is null
                       then coalesce(s.consent_proof, '{{}}'::jsonb) || c.consent_proof else c.consent_proof end,
  updated_at = now()
from contact_staging s
where s.match_id = c.id and c.workspace_id = %(ws)s and {_CHANGED}
"""

# Before an import changes a contact, its fields are kept so that undoing the import can put them back.
_REMEMBER_SQL = f"""
insert into public.import_changes (workspace_id, import_id, contact_id, before)
select c.workspace_id, %(import)s, c.id, to_jsonb(c) - 'workspace_id' - 'id'
from public.contacts c join contact_staging s on s.match_id = c.id
where c.workspace_id = %(ws)s and {_CHANGED}
on conflict (import_id, contact_id) do nothing
"""

_INSERT_SQL = f"""
insert into public.contacts (workspace_id, source_import_id, {", ".join(CONTACT_FIELDS)})
select %(ws)s, %(import)s, {", ".join(_insert_value(n) for n in CONTACT_FIELDS)}
from contact_staging s where s.match_id is null
"""


def _array_literal(items: list[str]) -> str | None:
    """A PostgreSQL text[] literal (``{"a","b"}``), every element quoted and escaped."""
    if not items:
        return None
    return "{" + ",".join('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items) + "}"


def _csv_value(name: str, value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "t" if value else "f"
    if name in ("other_phones", "interests"):
        return _array_literal(value)
    if name in ("consent_proof", "attributes"):
        return json.dumps(value, ensure_ascii=False) if value else None
    return value


def _copy_records(conn: psycopg.Connection, records: list[ContactRecord],
                  checkpoint: Callable[[], None] | None = None) -> None:
    """COPY the records into staging as CSV blocks: one C-level write per block, not one call per row;
    ``checkpoint`` is called before each block (it raises to stop an import nobody waits for any more)."""
    with conn.cursor().copy(_COPY_SQL) as copy:
        for start in range(0, len(records), _COPY_CHUNK):
            if checkpoint:
                checkpoint()
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerows([record.row, *(_csv_value(name, getattr(record, name)) for name in CONTACT_FIELDS)]
                             for record in records[start:start + _COPY_CHUNK])
            copy.write(buffer.getvalue())


def merge_contacts(conn: psycopg.Connection, workspace_id: str, records: list[ContactRecord],
                   import_id: str | None = None, rows_to_name: Collection[int] = (),
                   checkpoint: Callable[[], None] | None = None) -> MergeCounts:
    """Merges ``records`` into the workspace inside the caller's transaction; returns what happened.

    ``checkpoint`` is called between the steps: when it raises (the browser that started the import is gone),
    the transaction rolls back and the workspace's import lock is released at once, instead of an orphaned import
    holding it to the end."""
    check = checkpoint or (lambda: None)
    # Imports into one workspace take turns: two at once end with the union, never a duplicate or a deadlock.
    conn.execute("select pg_advisory_xact_lock(hashtextextended('cercle-import:' || %s, 0))", (workspace_id,))
    # consent events written by the contacts' triggers name this import (migration 20261130100600_rights.sql)
    conn.execute("select set_config('cercle.import_id', %s, true), set_config('cercle.suppressed_values', '', true)",
                 (import_id or "",))
    # Within the file: the first row for a phone (else an email) is the person; later duplicates fold in.
    records, merged_in_file = fold_duplicates(records)
    conn.execute(_STAGING_DDL)
    _copy_records(conn, records, checkpoint)
    check()
    conn.execute(_KEEP_ROWS_SQL)
    params = {"ws": workspace_id, "import": import_id}
    # Folded above already; kept so that staging can never hold one key twice.
    conn.execute(_BATCH_DUPLICATES_SQL)
    # Two people with different phones sharing one email: the first keeps the email (the key stays unique).
    conn.execute(_SHARED_EMAIL_SQL)
    conn.execute("analyze contact_staging")
    conn.execute(_MATCH_BY_PHONE_SQL, params)
    conn.execute(_MATCH_BY_EMAIL_SQL, params)
    # Someone already suppressed (an opted-out person) is left as they are.
    conn.execute(_MATCHED_SUPPRESSED_SQL, params)
    check()
    if import_id is not None:
        conn.execute(_REMEMBER_SQL, params)
    updated = conn.execute(_UPDATE_SQL, params).rowcount
    check()
    matched = conn.execute("select count(*) from contact_staging where match_id is not null").fetchone()[0]
    imported = conn.execute(_INSERT_SQL, params).rowcount
    dropped = conn.execute(_DROPPED_SQL, params).fetchall()
    row_contacts = {row: contact for row, contact in conn.execute(
        _ROW_CONTACTS_SQL, {**params, "rows": sorted(set(rows_to_name))}) if contact} if rows_to_name else {}
    return MergeCounts(row_contacts=row_contacts, imported=imported, updated=updated, unchanged=matched - updated,
                       suppressed=sum(1 for _, whole_row in dropped if whole_row),
                       suppressed_rows=frozenset(row for row, _ in dropped),
                       merged_in_file=merged_in_file)
