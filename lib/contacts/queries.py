"""Read-side questions about a workspace's contacts, answered in SQL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import psycopg

from lib.db import Database, Principal


@dataclass(frozen=True)
class Overview:
    contacts: int
    with_phone: int
    mobiles: int
    reachable_whatsapp: int
    reachable_sms: int
    with_email: int
    opted_out: int
    imports: int


# "Reachable" here is the phone half of the rule (a mobile, consent, not opted out); segments add the zone.
_OVERVIEW_SQL = """
select count(*),
       count(*) filter (where phone_e164 is not null),
       count(*) filter (where reach_sms),
       count(*) filter (where reach_whatsapp and consent_whatsapp and opted_out_at is null),
       count(*) filter (where reach_sms and consent_sms and opted_out_at is null),
       count(*) filter (where email is not null),
       count(*) filter (where opted_out_at is not null),
       (select count(*) from public.imports i where i.workspace_id = %(ws)s)
from public.contacts where workspace_id = %(ws)s
"""


def overview(db: Database, principal: Principal, workspace_id: str) -> Overview:
    with db.tenant(principal) as conn:
        return Overview(*conn.execute(_OVERVIEW_SQL, {"ws": workspace_id}).fetchone())


def _frame(conn: psycopg.Connection, sql: str, params: dict) -> pd.DataFrame:
    cursor = conn.execute(sql, params)
    return pd.DataFrame(cursor.fetchall(), columns=[d.name for d in cursor.description])


def contacts_by_country(db: Database, principal: Principal, workspace_id: str) -> pd.DataFrame:
    """Contacts per country, named in the session's language (« France », « Mayotte », « inconnu »), most first."""
    from lib.contacts.countries import country_name
    from lib.i18n import get_language

    with db.tenant(principal) as conn:
        frame = _frame(conn, "select coalesce(country, '?') as country, count(*)::int as contacts "
                             "from public.contacts where workspace_id = %(ws)s group by 1 order by 2 desc, 1",
                       {"ws": workspace_id})
    language = get_language()
    frame["country"] = [country_name(code, language) for code in frame["country"]]
    return frame


def top_interests(db: Database, principal: Principal, workspace_id: str, limit: int = 12) -> pd.DataFrame:
    with db.tenant(principal) as conn:
        return _frame(conn, "select i as interest, count(*)::int as contacts "
                            "from public.contacts, unnest(interests) i where workspace_id = %(ws)s "
                            "group by 1 order by 2 desc, 1 limit %(limit)s",
                      {"ws": workspace_id, "limit": limit})


def list_contacts(db: Database, principal: Principal, workspace_id: str, search: str = "",
                  limit: int = 200, offset: int = 0) -> tuple[pd.DataFrame, int]:
    """One page of contacts matching ``search`` (name, phone, email or city) and how many match in all."""
    pattern = f"%{search.strip()}%" if search.strip() else None
    params = {"ws": workspace_id, "pattern": pattern, "digits": "".join(ch for ch in search if ch.isdigit()) or None,
              "limit": limit, "offset": offset}
    where = """workspace_id = %(ws)s and (%(pattern)s::text is null
               or concat_ws(' ', first_name, last_name, email, city, postal_code) ilike %(pattern)s
               or (%(digits)s::text is not null and phone_e164 like '%%' || %(digits)s || '%%'))"""
    with db.tenant(principal) as conn:
        total = conn.execute("select count(*) from public.contacts where " + where, params).fetchone()[0]
        frame = _frame(conn, "select first_name, last_name, phone_e164, phone_type, email, city, postal_code, country,"
                             " array_to_string(interests, ', ') as interests, budget_raw, reach_whatsapp,"
                             " consent_whatsapp, consent_sms, consent_email, created_at"
                             " from public.contacts where " + where +
                             " order by last_name nulls last, first_name nulls last, id"
                             " limit %(limit)s offset %(offset)s", params)
    return frame, total


# Opted-out and suppressed people never leave in an export (docs/promises.md 20).
_EXPORTABLE = """
c.workspace_id = %(ws)s and c.opted_out_at is null and not c.suppressed
"""


def exportable_contacts(db: Database, principal: Principal, workspace_id: str,
                        columns: tuple[str, ...]) -> list[tuple]:
    """Rows of ``columns`` (names from lib.contacts.export.EXPORT_COLUMNS) for everyone who may be exported."""
    from lib.contacts.export import EXPORT_COLUMNS

    unknown = set(columns) - set(EXPORT_COLUMNS)
    if unknown:
        raise ValueError(f"not exportable: {sorted(unknown)}")
    lists = {"interests": "array_to_string(c.interests, ', ')", "other_phones": "array_to_string(c.other_phones, ' ')"}
    select = ", ".join(lists.get(name, f"c.{name}") for name in columns)
    with db.tenant(principal) as conn:
        return conn.execute("select " + select + " from public.contacts c where " + _EXPORTABLE +
                            " order by c.created_at, c.id", {"ws": workspace_id}).fetchall()
