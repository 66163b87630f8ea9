"""Who a community's personal invitations may go to: the target segment, reachable on the community's channel.

Reachable already means a mobile (or email), consent for that channel, no opt-out, not suppressed, in the
delivery zone and adult where alcohol is sold (lib/segments/rules.py), so nobody else is ever listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from psycopg import sql

from lib.db import Database, Principal
from lib.segments.rules import (
    EVERYONE,
    SEGMENT_FROM,
    RuleSet,
    compile_rules,
    count_members,
    sample_members,
    validate_rules,
)

PAGE_SIZE = 25

# The channel a personal invitation to each kind of community travels on.
INVITATION_CHANNEL = {"whatsapp_group": "whatsapp", "whatsapp_community": "whatsapp", "telegram_group": "telegram",
                      "telegram_channel": "telegram", "sms_list": "sms"}


def recipient_rules(community_channel: str, segment: RuleSet | dict | None) -> dict | None:
    """The rule document of who may be invited, or None when the channel has no personal invitation."""
    channel = INVITATION_CHANNEL.get(community_channel)
    if channel is None:
        return None
    base = validate_rules(segment).to_document() if segment is not None else EVERYONE.to_document()
    return {"all": [base, {"field": "reachable", "op": "is", "value": channel}]}


def recipients(db: Database, principal: Principal, workspace_id: str, community_channel: str,
               segment: RuleSet | dict | None, limit: int = 50) -> tuple[int, list[dict]]:
    """How many may be invited, and the first ``limit`` of them (first name and E.164 phone among others)."""
    rules = recipient_rules(community_channel, segment)
    if rules is None:
        return 0, []
    return (count_members(db, principal, workspace_id, rules),
            sample_members(db, principal, workspace_id, rules, limit=limit))


@dataclass(frozen=True)
class Recipient:
    id: str
    first_name: str | None
    last_name: str | None
    phone_e164: str
    invited_at: dt.datetime | None  # the first opening of a personal invitation to this community, if any


@dataclass(frozen=True)
class RecipientPage:
    total: int  # everyone who may be invited (segment, channel), whatever the filter
    matching: int  # those the filter keeps (not yet invited only: the ones never invited)
    invited: int  # among ``total``, those already invited to this community
    page: int
    pages: int
    people: list[Recipient]


# The people of one page: alphabetical, then by number, then by id, so the order is the same on every run and every
# page (the id alone breaks ties: a contact id is unique). "Invited" is an opened personal invitation to one of the
# community's links (a page drawn is not an invitation).
_PAGE_SQL = """
with listed as (
  select c.id, c.first_name, c.last_name, c.phone_e164,
         (select min(i.opened_at) from public.invitations i join public.invite_links l on l.id = i.link_id
          where i.workspace_id = c.workspace_id and i.contact_id = c.id and l.community_id = {community}
            and i.opened_at is not null) as invited_at
  from {source} where {where}
), counted as (
  select *, count(*) over () as total, count(invited_at) over () as invited from listed
)
select id::text, first_name, last_name, phone_e164, invited_at, total, invited from counted
where not ({fresh} and invited_at is not null)
order by lower(coalesce(last_name, '')), lower(coalesce(first_name, '')), phone_e164, id
limit {limit} offset {offset}
"""


def recipient_page(db: Database, principal: Principal, workspace_id: str, community_id: str, community_channel: str,
                   segment: RuleSet | dict | None, *, page: int = 1, per_page: int = PAGE_SIZE,
                   not_invited_only: bool = False) -> RecipientPage:
    """One page of the people a community's personal invitations may go to, each with the day they were already
    invited (if so); ``not_invited_only`` keeps those never invited. Pages count from 1; a page past the last one
    gives the last one."""
    rules = recipient_rules(community_channel, segment)
    if rules is None:
        return RecipientPage(0, 0, 0, 1, 1, [])
    where, params = compile_rules(rules, workspace_id)
    query = sql.SQL(_PAGE_SQL).format(community=sql.Placeholder("inv_community"), source=SEGMENT_FROM, where=where,
                                      fresh=sql.Placeholder("inv_fresh"), limit=sql.Placeholder("inv_limit"),
                                      offset=sql.Placeholder("inv_offset"))
    per_page = max(1, int(per_page))
    page = max(1, int(page))
    values = {**params, "inv_community": community_id, "inv_fresh": bool(not_invited_only), "inv_limit": per_page}
    with db.tenant(principal) as conn:
        rows = conn.execute(query, {**values, "inv_offset": (page - 1) * per_page}).fetchall()
        if not rows and page > 1:  # past the end: the first page tells the counts, then the last page is read
            first = conn.execute(query, {**values, "inv_limit": 1, "inv_offset": 0}).fetchall()
            if first:
                total, invited = first[0][5], first[0][6]
                matching = total - invited if not_invited_only else total
                page = max(1, -(-matching // per_page))
                rows = conn.execute(query, {**values, "inv_offset": (page - 1) * per_page}).fetchall()
            else:
                page = 1
    if not rows:
        return RecipientPage(0, 0, 0, 1, 1, []) if not not_invited_only else _empty_fresh(
            db, principal, workspace_id, community_id, community_channel, segment)
    total, invited = rows[0][5], rows[0][6]
    matching = total - invited if not_invited_only else total
    return RecipientPage(total, matching, invited, page, max(1, -(-matching // per_page)),
                         [Recipient(*row[:5]) for row in rows])


def _empty_fresh(db: Database, principal: Principal, workspace_id: str, community_id: str, community_channel: str,
                 segment: RuleSet | dict | None) -> RecipientPage:
    """Everyone was invited already: the counts of the unfiltered list, no one to show."""
    every = recipient_page(db, principal, workspace_id, community_id, community_channel, segment, per_page=1)
    return RecipientPage(every.total, 0, every.invited, 1, 1, [])


def invitation_link(channel: str, e164: str, short_url: str, text: str) -> str:
    """The one-click link that opens ``text`` ready to send to one person on ``channel`` (nothing is sent)."""
    from lib.links.invitations import sms_link, telegram_share_link, whatsapp_link

    if channel == "whatsapp":
        return whatsapp_link(e164, text)
    if channel == "sms":
        return sms_link(e164, text)
    return telegram_share_link(short_url, text)
