"""Recording personal invitations: each one-click link goes through /i/{token}, which notes the opening.

The page prepares one invitation per (link, person, channel) — the same token again on every view — and its
button points at ``/i/{token}``. The route marks it opened (who was invited, when, through which link and
channel) and redirects the browser to the prefilled wa.me / sms: / Telegram share link. Nothing is sent by
Cercle: the marketer presses send in their own app.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from dataclasses import dataclass

import psycopg
from psycopg.types.json import Jsonb
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lib.db import Database, DatabaseUnavailable, Principal, get_database
from lib.links.redirects import not_found_page

log = logging.getLogger(__name__)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")

_PREPARE_SQL = """
insert into public.invitations (workspace_id, link_id, contact_id, channel, token, open_url, prepared_by)
select %(ws)s, %(link)s, (item->>'contact')::uuid, %(channel)s, item->>'token', item->>'url', %(user)s
from jsonb_array_elements(%(items)s) item
on conflict (link_id, contact_id, channel)
  do update set open_url = excluded.open_url, prepared_by = excluded.prepared_by
returning contact_id::text, token
"""


def prepare_invitations(db: Database, principal: Principal, workspace_id: str, link_id: str, channel: str,
                        open_urls: dict[str, str]) -> dict[str, str]:
    """Tokens for ``{contact_id: open_url}`` (created once, kept across views); one statement."""
    if not open_urls:
        return {}
    items = [{"contact": contact, "url": url, "token": secrets.token_urlsafe(18)} for contact, url in open_urls.items()]
    with db.tenant(principal) as conn:
        rows = conn.execute(_PREPARE_SQL, {"ws": workspace_id, "link": link_id, "channel": channel,
                                           "user": principal.user_id, "items": Jsonb(items)}).fetchall()
    return dict(rows)


@dataclass(frozen=True)
class InvitationStat:
    community: str
    channel: str
    prepared: int  # ready on screen: not an invitation until opened (kept for the record, never shown as sent)
    opened: int  # invitations opened to be sent (the person's button was pressed)
    people: int = 0  # distinct people invited (at least one invitation opened)


def invitation_stats(db: Database, principal: Principal, workspace_id: str) -> list[InvitationStat]:
    """Per community and channel with at least one invitation opened: invitations opened (sent) by the marketer
    and the people they went to. A page drawn prepares invitations but counts none."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "select c.name, i.channel, count(*)::int, count(i.opened_at)::int,"
            " count(distinct i.contact_id) filter (where i.opened_at is not null)::int from public.invitations i"
            " join public.invite_links l on l.id = i.link_id join public.communities c on c.id = l.community_id"
            " where i.workspace_id = %s group by 1, 2 having count(i.opened_at) > 0 order by 4 desc, 1",
            (workspace_id,)).fetchall()
    return [InvitationStat(*row) for row in rows]


def open_invitation(db: Database, token: str) -> str | None:
    """Marks the invitation opened and returns where to send the browser (blocking: call in a thread)."""
    if not _TOKEN.match(token):
        return None
    with db.admin() as conn:
        conn.execute("set local role service_role")  # never anon: 20261203100400_anon_calls_nothing.sql
        row = conn.execute("select cercle_redirect.open_invitation(%s)", (token,)).fetchone()
    return row[0] if row else None


async def invitation_redirect(request: Request) -> Response:
    token = request.path_params.get("token", "")
    try:
        database = await asyncio.to_thread(get_database)
        target = await asyncio.to_thread(open_invitation, database, token)
    except (DatabaseUnavailable, psycopg.Error):
        log.exception("invitation %s failed", token[:8])
        return not_found_page()
    if not target:
        return not_found_page()
    return Response(status_code=302, headers={"Location": target, "Cache-Control": "no-store",
                                              "Referrer-Policy": "no-referrer"})


INVITATION_ROUTE = Route("/i/{token:path}", invitation_redirect, methods=["GET"])
