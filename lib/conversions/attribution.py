"""Which community brought each order, and how sure Cercle is of it.

Rules, in order of precedence (the first that applies wins):

a. **promo_code / certain** — the order's discount code equals a community's promo code (trimmed,
   case-insensitive). The code was only given inside that community.
b. **link / strong** — the order's landing site carries a tracked link's code: ``/r/CODE`` (the redirect's own
   path), ``utm_content=CODE`` or ``utm_campaign=CODE`` (``LINK_CODE_PATTERN``; codes compare exactly, they are
   case-sensitive). The order goes to that link's community; with several codes, the first in the URL wins.
   Failing a code, a landing site whose ``utm_source`` and ``utm_campaign`` both equal those Cercle put on a
   tracked link's shop destination (``lib.links.with_utm``; compared case-insensitively) counts as that link.
c. **contact / probable** — the buyer was matched to a contact (E.164 phone, else lower-cased email) who, before
   the order was placed, joined a community (``community_members.joined_at``) or opened a personal invitation
   to one (``invitations.opened_at``). The most recent such event wins; an order without a date accepts any.
d. **declared / declared** — the buyer said how they heard of the producer ("how did you hear of us?") and the
   answer is a community's name (trimmed, case-insensitive). Shopify's default export has no such column:
   ``lib.conversions.orders.DECLARED_COLUMNS`` is the hook.
e. **none / none** — public or unknown.

Ties within one rule (two communities with the same promo code or name, two events at the same instant) go to
the community whose name sorts first, then the smaller id, so the answer is stable.

``attribute_orders`` applies these rules in one set-based UPDATE; ``attribute`` is the same rules in Python
over one order, for tests and explanations. Each order's ``reason`` is a short sentence from the catalog.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import psycopg

from lib.i18n import t

# A tracked link's code in a landing site: the same pattern runs in Python (re) and PostgreSQL (ARE).
LINK_CODE_PATTERN = r"(?:/r/|[?&]utm_content=|[?&]utm_campaign=)([A-Za-z0-9]{8,32})(?=[/?#&]|$)"
_LINK_CODE = re.compile(LINK_CODE_PATTERN)
# utm_source / utm_campaign values in a URL (the first of each), in Python and in PostgreSQL alike.
UTM_SOURCE_PATTERN = r"[?&]utm_source=([^&#]*)"
UTM_CAMPAIGN_PATTERN = r"[?&]utm_campaign=([^&#]*)"

# method -> (confidence, precedence rank)
METHODS = {"promo_code": ("certain", 1), "link": ("strong", 2), "contact": ("probable", 3),
           "declared": ("declared", 4), "none": ("none", 5)}


@dataclass(frozen=True)
class CommunityRef:
    id: str
    name: str
    promo_code: str | None = None


@dataclass
class AttributionContext:
    """What the rules may look at for one order: the workspace's communities, its links (``links``: code ->
    community id; ``link_utms``: (utm_source, utm_campaign) of a link's shop destination -> community id) and,
    for a buyer matched to a contact, their memberships and opened invitations as (community id, when)."""

    communities: list[CommunityRef] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    link_utms: dict[tuple[str, str], str] = field(default_factory=dict)
    contact_events: list[tuple[str, dt.datetime]] = field(default_factory=list)


def link_codes(landing_site: str | None) -> list[str]:
    """The tracked-link codes a landing site carries, in the order they appear."""
    return _LINK_CODE.findall(landing_site or "")


def utm_pair(url: str | None) -> tuple[str, str] | None:
    """(utm_source, utm_campaign) of a URL, lower-cased, when it carries both; else None."""
    source = re.search(UTM_SOURCE_PATTERN, url or "")
    campaign = re.search(UTM_CAMPAIGN_PATTERN, url or "")
    if not source or not campaign or not source.group(1) or not campaign.group(1):
        return None
    return source.group(1).lower(), campaign.group(1).lower()


def _key(text: str | None) -> str:
    return (text or "").strip().lower()


def attribute(order, context: AttributionContext) -> tuple[str, str, CommunityRef | None]:
    """(method, confidence, community) for ``order`` (anything with discount_code, landing_site, created_at as a
    datetime or None, declared_source), by the module's rules."""
    by_id = {community.id: community for community in context.communities}
    ordered = sorted(context.communities, key=lambda c: (c.name, c.id))

    def result(method: str, community: CommunityRef | None) -> tuple[str, str, CommunityRef | None]:
        return method, METHODS[method][0], community

    code = _key(order.discount_code)
    if code:
        for community in ordered:
            if community.promo_code and _key(community.promo_code) == code:
                return result("promo_code", community)
    for found in link_codes(order.landing_site):
        if found in context.links and context.links[found] in by_id:
            return result("link", by_id[context.links[found]])
    pair = utm_pair(order.landing_site)
    if pair is not None:
        tagged = sorted((by_id[cid] for key, cid in context.link_utms.items() if key == pair and cid in by_id),
                        key=lambda c: (c.name, c.id))
        if tagged:
            return result("link", tagged[0])
    placed = getattr(order, "created_at", None)
    events = [(when, by_id[cid]) for cid, when in context.contact_events
              if cid in by_id and (placed is None or when <= placed)]
    if events:
        latest = max(when for when, _ in events)
        return result("contact", min((c for when, c in events if when == latest), key=lambda c: (c.name, c.id)))
    declared = _key(getattr(order, "declared_source", None))
    if declared:
        for community in ordered:
            if _key(community.name) == declared:
                return result("declared", community)
    return result("none", None)


def reason(method: str, community: str | None = None, detail: str | None = None) -> str:
    """The sentence stored with an order, e.g. « code promo CERCLE10 de la communauté Le Cercle »."""
    return t(f"conversions.reason.{method}", community=community or "", detail=detail or "")


# Candidates per rule; the best per order (rank, then the most recent event, then the first link in the URL, then
# the community's name and id) is written in one UPDATE, only where something changes.
_ATTRIBUTE_SQL = """
with scope as (
  select o.* from public.orders o
  where o.workspace_id = %(ws)s and (%(ids)s::uuid[] is null or o.id = any(%(ids)s::uuid[]))
), candidates as (
  select s.id as order_id, 1 as rank, 'promo_code' as method, c.id as community_id, null::uuid as link_id,
         c.name as community_name, s.discount_code as detail, null::timestamptz as event_at, 0::bigint as position
  from scope s join public.communities c
    on c.workspace_id = s.workspace_id and c.promo_code is not null
       and lower(btrim(c.promo_code)) = lower(btrim(s.discount_code)) and btrim(s.discount_code) <> ''
  union all
  select s.id, 2, 'link', l.community_id, l.id, c.name, l.code, null, m.position
  from scope s
  cross join lateral regexp_matches(coalesce(s.landing_site, ''), %(pattern)s, 'g') with ordinality as m(code, position)
  join public.invite_links l on l.workspace_id = s.workspace_id and l.code = m.code[1]
  join public.communities c on c.id = l.community_id
  union all
  select s.id, 2, 'link', l.community_id, l.id, c.name, l.code, null, 1000000
  from scope s
  join public.invite_links l on l.workspace_id = s.workspace_id
   and lower(substring(l.destination from %(utm_source)s)) = lower(substring(s.landing_site from %(utm_source)s))
   and lower(substring(l.destination from %(utm_campaign)s)) = lower(substring(s.landing_site from %(utm_campaign)s))
   and substring(s.landing_site from %(utm_source)s) <> '' and substring(s.landing_site from %(utm_campaign)s) <> ''
  join public.communities c on c.id = l.community_id
  union all
  select s.id, 3, 'contact', cm.community_id, null, c.name, null, cm.joined_at, 0
  from scope s join public.community_members cm on cm.workspace_id = s.workspace_id and cm.contact_id = s.contact_id
  join public.communities c on c.id = cm.community_id
  where s.created_at is null or cm.joined_at <= s.created_at
  union all
  select s.id, 3, 'contact', l.community_id, null, c.name, null, i.opened_at, 0
  from scope s join public.invitations i on i.workspace_id = s.workspace_id and i.contact_id = s.contact_id
  join public.invite_links l on l.id = i.link_id
  join public.communities c on c.id = l.community_id
  where i.opened_at is not null and (s.created_at is null or i.opened_at <= s.created_at)
  union all
  select s.id, 4, 'declared', c.id, null, c.name, s.declared_source, null, 0
  from scope s join public.communities c
    on c.workspace_id = s.workspace_id and lower(btrim(c.name)) = lower(btrim(s.declared_source))
), best as (
  select distinct on (order_id) * from candidates
  order by order_id, rank, event_at desc nulls last, position, community_name, community_id, detail
), decided as (
  select s.id, coalesce(b.method, 'none') as method, b.community_id, b.link_id,
         case coalesce(b.method, 'none') when 'promo_code' then 'certain' when 'link' then 'strong'
              when 'contact' then 'probable' when 'declared' then 'declared' else 'none' end as confidence,
         replace(replace(case coalesce(b.method, 'none')
                           when 'promo_code' then %(r_promo)s when 'link' then %(r_link)s
                           when 'contact' then %(r_contact)s when 'declared' then %(r_declared)s
                           else %(r_none)s end,
                         '{community}', coalesce(b.community_name, '')), '{detail}', coalesce(b.detail, '')) as reason
  from scope s left join best b on b.order_id = s.id
)
update public.orders o
set method = d.method, confidence = d.confidence, community_id = d.community_id, link_id = d.link_id,
    reason = d.reason
from decided d
where o.id = d.id and o.workspace_id = %(ws)s
  and (o.method, o.confidence, o.community_id, o.link_id, o.reason)
      is distinct from (d.method, d.confidence, d.community_id, d.link_id, d.reason)
"""


def attribute_orders(conn: psycopg.Connection, workspace_id: str, order_ids: list[str] | None = None) -> int:
    """Attributes the workspace's orders (or only ``order_ids``) in the caller's transaction; returns how many
    orders changed attribution."""
    templates = {f"r_{short}": t(f"conversions.reason.{method}")
                 for short, method in (("promo", "promo_code"), ("link", "link"), ("contact", "contact"),
                                       ("declared", "declared"), ("none", "none"))}
    return conn.execute(_ATTRIBUTE_SQL, {"ws": workspace_id, "ids": order_ids, "pattern": LINK_CODE_PATTERN,
                                         "utm_source": UTM_SOURCE_PATTERN, "utm_campaign": UTM_CAMPAIGN_PATTERN,
                                         **templates}).rowcount
