"""Communities, their tracked invite links, member lists and click statistics, always through ``db.tenant``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import psycopg

from lib import audit, clock
from lib.db import Database, Principal
from lib.links import (
    CHANNELS,
    LinkError,
    check_destination,
    check_invite_url,
    guess_channel,
    new_code,
    short_url,
    with_utm,
)
from lib.settings import base_url_or_default

# Days of the click chart are French days, whatever the server's clock.
STATS_TIME_ZONE = "Europe/Paris"
_CODE_ATTEMPTS = 5


@dataclass(frozen=True)
class Community:
    id: str
    name: str
    channel: str
    invite_url: str | None
    target_segment_id: str | None
    promo_code: str | None
    notes: str | None
    created_at: dt.datetime
    # orders attached to another community (or none) by the change that returned this community
    reattributed: int = 0


@dataclass(frozen=True)
class InviteLink:
    id: str
    community_id: str
    source: str
    code: str
    destination: str
    enabled: bool
    expires_at: dt.datetime | None
    short_url: str
    reattributed: int = 0  # orders attached to another community once this link existed


@dataclass(frozen=True)
class LinkStat:
    link_id: str
    code: str
    community: str
    source: str
    destination: str
    enabled: bool
    expires_at: dt.datetime | None
    clicks: int

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "community": self.community, "source": self.source, "clicks": self.clicks}


@dataclass(frozen=True)
class CommunityStat:
    community_id: str
    name: str
    channel: str
    members: int
    links: int
    clicks: int


@dataclass
class MemberImport:
    """What importing a member list did: numbers read, members added, already there, unknown, unreadable."""

    read: int = 0
    added: int = 0
    already: int = 0
    unknown: list[str] = field(default_factory=list)  # valid numbers (E.164) of no contact of the workspace
    invalid: list[str] = field(default_factory=list)  # cells that are not a phone number, as given
    reattributed: int = 0  # orders attached to another community now that these people are members

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "added": self.added, "already": self.already, "unknown": len(self.unknown),
                "invalid": len(self.invalid)}


_COMMUNITY_COLUMNS = ("id::text, name, channel, invite_url, target_segment_id::text, promo_code, notes, "
                      "created_at")
_LINK_COLUMNS = "id::text, community_id::text, source, code, destination, enabled, expires_at"
# Statements assembled once from the column lists; values are always bound.
_INSERT_COMMUNITY_SQL = (f"insert into public.communities (workspace_id, name, channel, invite_url, target_segment_id,"
                         f" promo_code, notes, created_by) values (%s, %s, %s, %s, %s, %s, %s, %s)"
                         f" returning {_COMMUNITY_COLUMNS}")
_UPDATE_COMMUNITY_SQL = (f"update public.communities set name = %s, channel = %s, invite_url = %s,"
                         f" target_segment_id = %s, promo_code = %s, notes = %s where workspace_id = %s and id = %s"
                         f" returning {_COMMUNITY_COLUMNS}")
_LIST_COMMUNITIES_SQL = (f"select {_COMMUNITY_COLUMNS} from public.communities where workspace_id = %s"
                         " order by lower(name)")
_FIND_COMMUNITY_SQL = (f"select {_COMMUNITY_COLUMNS} from public.communities"
                       " where workspace_id = %s and lower(name) = lower(%s)")
_INSERT_LINK_SQL = (f"insert into public.invite_links (workspace_id, community_id, source, code, destination,"
                    f" expires_at, created_by) values (%s, %s, %s, %s, %s, %s, %s) returning {_LINK_COLUMNS}")
_LIST_LINKS_SQL = (f"select {_LINK_COLUMNS} from public.invite_links where workspace_id = %s"
                   " and (%s::uuid is null or community_id = %s::uuid) order by created_at, code")


def _refusal(exc: psycopg.Error, name: str = "") -> psycopg.Error | LinkError:
    """The translated refusal for a duplicate name or a read-only member; any other error as it was."""
    if isinstance(exc, psycopg.errors.UniqueViolation):
        return LinkError("duplicate_name", name=name)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return LinkError("read_only")
    return exc


def _reattribute(conn: psycopg.Connection, workspace_id: str) -> int:
    """Attribution follows the change just written (a promo code, an invite link, a member...): the workspace's
    orders are attributed again in the same transaction, one set-based UPDATE; how many orders moved."""
    from lib.conversions.store import reattribute_in

    return reattribute_in(conn, workspace_id)


def _clean_name(name: str) -> str:
    text = " ".join((name or "").split())
    if not 1 <= len(text) <= 120:
        raise LinkError("bad_name")
    return text


def _optional(text: str | None, limit: int) -> str | None:
    value = (text or "").strip()
    return value[:limit] or None


def create_community(db: Database, principal: Principal, workspace_id: str, *, name: str, channel: str,
                     invite_url: str | None = None, target_segment_id: str | None = None,
                     promo_code: str | None = None, notes: str | None = None) -> Community:
    """A new community; its invite link must have its channel's shape. Raises LinkError."""
    name = _clean_name(name)
    if channel not in CHANNELS:
        raise LinkError("bad_channel", channel=channel)
    invite_url = check_invite_url(channel, invite_url)
    try:
        with db.tenant(principal) as conn:
            row = conn.execute(
                _INSERT_COMMUNITY_SQL,
                (workspace_id, name, channel, invite_url, target_segment_id, _optional(promo_code, 60),
                 _optional(notes, 2000), principal.user_id),
            ).fetchone()
            moved = _reattribute(conn, workspace_id)
    except psycopg.Error as exc:
        refusal = _refusal(exc, name)
        if refusal is exc:
            raise
        raise refusal from exc
    return Community(*row, reattributed=moved)


def list_communities(db: Database, principal: Principal, workspace_id: str) -> list[Community]:
    with db.tenant(principal) as conn:
        rows = conn.execute(_LIST_COMMUNITIES_SQL, (workspace_id,)).fetchall()
    return [Community(*row) for row in rows]


def find_community(db: Database, principal: Principal, workspace_id: str, name: str) -> Community | None:
    with db.tenant(principal) as conn:
        row = conn.execute(_FIND_COMMUNITY_SQL, (workspace_id, " ".join(name.split()))).fetchone()
    return Community(*row) if row else None


def update_community(db: Database, principal: Principal, workspace_id: str, community_id: str, *, name: str,
                     channel: str, invite_url: str | None = None, target_segment_id: str | None = None,
                     promo_code: str | None = None, notes: str | None = None) -> Community:
    """Replaces a community's fields (links already made keep their destination). Raises LinkError."""
    name = _clean_name(name)
    invite_url = check_invite_url(channel, invite_url)
    try:
        with db.tenant(principal) as conn:
            row = conn.execute(
                _UPDATE_COMMUNITY_SQL,
                (name, channel, invite_url, target_segment_id, _optional(promo_code, 60), _optional(notes, 2000),
                 workspace_id, community_id),
            ).fetchone()
            moved = _reattribute(conn, workspace_id) if row is not None else 0
            # row level security hides the row from a viewer's update: say they may not, not that it is gone
            seen = row is not None or conn.execute("select 1 from public.communities where workspace_id = %s"
                                                   " and id = %s", (workspace_id, community_id)).fetchone()
    except psycopg.Error as exc:
        refusal = _refusal(exc, name)
        if refusal is exc:
            raise
        raise refusal from exc
    if row is None and seen:
        raise LinkError("read_only")
    if row is None:
        raise LinkError("unknown_community")
    return Community(*row, reattributed=moved)


def _link(row: Sequence, base: str) -> InviteLink:
    return InviteLink(*row, short_url=short_url(base, row[3]))


def create_link(db: Database, principal: Principal, workspace_id: str, community_id: str, *, source: str,
                destination: str | None = None, expires_at: dt.datetime | None = None,
                base_url: str | None = None) -> InviteLink:
    """A tracked link to the community's invite link, or to ``destination`` (a shop page, tagged with UTM
    parameters) when given. The destination is fixed here: nothing can change it afterwards. Raises LinkError."""
    source = " ".join((source or "").split())
    if not 1 <= len(source) <= 120:
        raise LinkError("bad_source")
    if destination is not None:
        check_destination(destination)
    with db.tenant(principal) as conn:
        found = conn.execute("select name, channel, invite_url from public.communities"
                             " where workspace_id = %s and id = %s", (workspace_id, community_id)).fetchone()
    if found is None:
        raise LinkError("unknown_community")
    name, channel, invite_url = found
    if destination is None or destination.strip() == invite_url:
        if not invite_url:
            raise LinkError("no_destination", name=name)
        target = invite_url
    elif guess_channel(destination.strip()) is not None:
        target = destination.strip()  # another group's invite link: WhatsApp or Telegram would not read UTM tags
    else:
        target = None  # a shop page: tagged below with UTM, utm_content being the link's own code
    base = base_url_or_default(base_url)
    for attempt in range(_CODE_ATTEMPTS):
        code = new_code()
        # the code in utm_content lets an order be attributed to this very link (lib/conversions/attribution.py)
        final = target or with_utm(destination, source=source, medium=channel, campaign=name, content=code)
        try:
            with db.tenant(principal) as conn:
                row = conn.execute(
                    _INSERT_LINK_SQL,
                    (workspace_id, community_id, source, code, final, expires_at, principal.user_id),
                ).fetchone()
                audit.record(conn, workspace_id, "link_created", community=name, source=source, code=row[3])
                moved = _reattribute(conn, workspace_id)
            return InviteLink(*row, short_url=short_url(base, row[3]), reattributed=moved)
        except psycopg.errors.UniqueViolation:
            # a code already taken (about 1 in 10**17 per link): draw another
            if attempt == _CODE_ATTEMPTS - 1:
                raise
        except psycopg.errors.InsufficientPrivilege as exc:
            raise LinkError("read_only") from exc
    raise AssertionError("unreachable")


# The tracked source each personal invitation goes through, one per channel, made on first use: WhatsApp
# invitations are then counted as such, never as visits of a salon's poster.
INVITATION_SOURCES = {"whatsapp": "Invitation WhatsApp", "sms": "Invitation SMS", "telegram": "Invitation Telegram"}


def invitation_source_link(db: Database, principal: Principal, workspace_id: str, community_id: str, channel: str,
                           base_url: str | None = None) -> InviteLink:
    """The community's tracked link for personal invitations on ``channel`` (« Invitation WhatsApp »...), leading
    to its invite link; created the first time it is needed. Raises LinkError (no invite link, a viewer...)."""
    source = INVITATION_SOURCES[channel]
    base = base_url_or_default(base_url)
    with db.tenant(principal) as conn:
        row = conn.execute(
            f"select {_LINK_COLUMNS} from public.invite_links l where l.workspace_id = %s and l.community_id = %s"
            " and l.source = %s and l.enabled and l.destination = (select c.invite_url from public.communities c"
            " where c.id = l.community_id) order by l.created_at, l.code limit 1",
            (workspace_id, community_id, source)).fetchone()
    if row is not None:
        return _link(row, base)
    return create_link(db, principal, workspace_id, community_id, source=source, base_url=base_url)


def list_links(db: Database, principal: Principal, workspace_id: str, community_id: str | None = None,
               base_url: str | None = None) -> list[InviteLink]:
    base = base_url_or_default(base_url)
    with db.tenant(principal) as conn:
        rows = conn.execute(_LIST_LINKS_SQL, (workspace_id, community_id, community_id)).fetchall()
    return [_link(row, base) for row in rows]


def disable_link(db: Database, principal: Principal, workspace_id: str, link_id: str) -> None:
    """Stops a link: /r/{code} answers 404 from now on. Raises LinkError when it is not there to disable."""
    try:
        with db.tenant(principal) as conn:
            row = conn.execute("update public.invite_links set enabled = false where workspace_id = %s and id = %s"
                               " returning id", (workspace_id, link_id)).fetchone()
    except psycopg.errors.InsufficientPrivilege as exc:
        raise LinkError("read_only") from exc
    if row is None:
        raise LinkError("unknown_link")


def import_members(db: Database, principal: Principal, workspace_id: str, community_id: str,
                   phones: Sequence[object], *, region: str = "FR", source: str | None = None) -> MemberImport:
    """Records a group's member list (phone numbers as exported from the group) against the workspace's
    contacts: each number is read as E.164, matched to a contact's main or other numbers; numbers of nobody
    known are reported, not created (a group member has not given their details to the producer)."""
    from lib.contacts.phones import clean_phone_cells

    report = MemberImport()
    numbers: dict[str, None] = {}
    for value, cell in zip(phones, clean_phone_cells(list(phones), region), strict=True):
        if cell.code == "empty":
            continue
        report.read += 1
        if cell.code != "ok" or cell.primary is None or not cell.primary.e164:
            report.invalid.append(str(value))
            continue
        numbers[cell.primary.e164] = None
    if not numbers:
        return report
    wanted = list(numbers)
    try:
        with db.tenant(principal) as conn:
            if conn.execute("select 1 from public.communities where workspace_id = %s and id = %s",
                            (workspace_id, community_id)).fetchone() is None:
                raise LinkError("unknown_community")
            matches = conn.execute(
                "select n.number, (select c.id from public.contacts c where c.workspace_id = %s"
                "   and (c.phone_e164 = n.number or n.number = any (c.other_phones))"
                "   order by (c.phone_e164 = n.number) desc, c.created_at limit 1)"
                " from unnest(%s::text[]) as n(number)",
                (workspace_id, wanted),
            ).fetchall()
            contact_ids = sorted({contact for _, contact in matches if contact is not None})
            report.unknown = [number for number, contact in matches if contact is None]
            if contact_ids:
                added = conn.execute(
                    "insert into public.community_members (workspace_id, community_id, contact_id, source)"
                    " select %s, %s, unnest(%s::uuid[]), %s on conflict (community_id, contact_id) do nothing"
                    " returning contact_id",
                    (workspace_id, community_id, contact_ids, _optional(source, 120)),
                ).fetchall()
                report.added = len(added)
                report.already = len(contact_ids) - report.added
                if added:
                    report.reattributed = _reattribute(conn, workspace_id)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise LinkError("read_only") from exc
    return report


def link_stats(db: Database, principal: Principal, workspace_id: str) -> list[LinkStat]:
    """Every link of the workspace with its counted clicks, most clicked first."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "select l.id::text, l.code, c.name, l.source, l.destination, l.enabled, l.expires_at,"
            " (select count(*) from public.link_clicks k where k.link_id = l.id)::int as clicks"
            " from public.invite_links l join public.communities c on c.id = l.community_id"
            " where l.workspace_id = %s order by clicks desc, l.created_at, l.code",
            (workspace_id,),
        ).fetchall()
    return [LinkStat(*row) for row in rows]


def clicks_by_source(db: Database, principal: Principal, workspace_id: str) -> list[tuple[str, int]]:
    """Counted clicks per source (salon, neck-tag...), most first."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "select l.source, count(k.link_id)::int from public.invite_links l"
            " left join public.link_clicks k on k.link_id = l.id"
            " where l.workspace_id = %s group by l.source order by 2 desc, 1",
            (workspace_id,),
        ).fetchall()
    return [(source, clicks) for source, clicks in rows]


def clicks_by_day(db: Database, principal: Principal, workspace_id: str, *, link_id: str | None = None,
                  days: int = 30, today: dt.date | None = None) -> list[tuple[dt.date, int]]:
    """Counted clicks per French calendar day over the ``days`` days up to ``today`` (the clock's day by
    default), days without clicks included. Clicks are stamped with the clock's instant by the route."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "with days as (select generate_series(%(today)s::date - (%(days)s - 1), %(today)s::date,"
            "                                     interval '1 day')::date as day)"
            " select d.day, count(k.link_id)::int from days d"
            " left join public.link_clicks k on k.workspace_id = %(ws)s"
            "   and (%(link)s::uuid is null or k.link_id = %(link)s::uuid)"
            "   and (k.clicked_at at time zone %(tz)s)::date = d.day"
            " group by d.day order by d.day",
            {"tz": STATS_TIME_ZONE, "days": max(1, int(days)), "ws": workspace_id, "link": link_id,
             "today": today or clock.today()},
        ).fetchall()
    return [(day, clicks) for day, clicks in rows]


def community_stats(db: Database, principal: Principal, workspace_id: str) -> list[CommunityStat]:
    """Joins per community (members recorded) beside its links and their counted clicks."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "select c.id::text, c.name, c.channel,"
            " (select count(*) from public.community_members m where m.community_id = c.id)::int,"
            " (select count(*) from public.invite_links l where l.community_id = c.id)::int,"
            " (select count(*) from public.link_clicks k join public.invite_links l on l.id = k.link_id"
            "   where l.community_id = c.id)::int"
            " from public.communities c where c.workspace_id = %s order by lower(c.name)",
            (workspace_id,),
        ).fetchall()
    return [CommunityStat(*row) for row in rows]
