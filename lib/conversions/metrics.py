"""What the communities sell: the conversions page's figures, computed in SQL under the user's row level security.

Small-number statistics first (a producer has tens of buyers, not thousands), then the figures. Every figure is
read by ``conversion_metrics`` in one transaction opened with ``db.tenant(principal)`` (it writes nothing but
temporary tables dropped at commit): another workspace's orders, contacts or clicks can never enter a sum.

Definitions (the page and the partner summary say the same in French)
--------------------------------------------------------------------
**sale**         an order with ``is_sale`` (lib.conversions.orders: not refunded in full, not voided, not cancelled);
                 its amount is ``amount_cents`` (total less partial refunds). Refunded or cancelled orders never
                 count in any figure below; they stay visible in the orders table.
**buyer**        the person behind a sale: the matched contact, else the order's e-mail, else its phone, else the
                 order itself (an anonymous sale is one buyer).
**period**       sales and link visits whose date falls in [start, end] (days in Paris time, both included);
                 without bounds, everything. People steps of the funnel (reachable, invited, joined) are counted
                 as they are today.
**community / public**  a sale attributed to a community (any method: promo code, tracked link, member, declared)
                 is "dark social"; a sale attributed to none is "public / unknown". Community and channel filters
                 narrow the communities; public sales are never filtered away, they are the yardstick.
**channel**      a community's channel (groupe WhatsApp, chaîne Telegram...); public sales form the channel
                 ``public``.
**source**       for a sale through a tracked link, the link's source (a salon, a bottle tag...); else the
                 ``utm_source`` of its landing page; else how it was attributed (promo code, member, declared) or
                 ``none``.

The funnel, per workspace, community, channel and saved segment:

1. **contacts**   the workspace's contacts who did not opt out.
2. **reachable**  of those, the ones whose number can take the community's channel and who consented to it:
                  WhatsApp for WhatsApp groups and communities, Telegram for Telegram, SMS for SMS lists; any
                  channel (WhatsApp, Telegram, SMS, or an e-mail address with e-mail consent) for the other channels
                  and for the workspace as a whole. Counted through the partial indexes of the reach flags, so the
                  delivery zone, age and suppression checks of a *segment* are not applied here; for a saved segment
                  contacts and reachable are exactly the segment's own definition (members; members reachable on
                  some channel).
3. **invited**    distinct contacts with a personal invitation to one of the community's links that was actually
                  opened to be sent (``invitations.opened_at`` set); a prepared but unsent invitation is not counted.
4. **joined**     distinct contacts in the community's member list (``community_members``).
5. **clicked**    visits of the community's tracked links in the period. Clicks are anonymous (a keyed hash of IP,
                  browser and hour, never a person): this step counts distinct visitors per link and per hour, not
                  contacts, and cannot be split by segment (segments have no such step). It may exceed "joined".
6. **bought**     distinct buyers with at least one sale attributed to the community in the period (for a segment:
                  its contacts with such a sale). A shared promo code can bring buyers who are not members.

The **nested funnel** the chart draws (``ConversionMetrics.nested``, ``NESTED_STEPS``) counts people so that each
step is inside the one before, by construction: contacts ⊇ reachable ⊇ reachable people invited or members ⊇
reachable members ⊇ reachable members with a sale through a community. What it leaves out is counted apart
(``outside``): members with no consent recorded, and community buyers who are not reachable members (a shared promo
code, a tracked link, a buyer unknown to the contacts). Link visits are not people: they stay beside the funnel.

For a saved segment the invited, joined and bought steps are the segment's members (rules, opt-out and
suppression as ``lib.segments.rules`` applies them) among the invited, members and buyers.

**conversion rate** of a community: its members (step 4) who made at least one sale attributed to it in the
period, divided by its members, with a 95% Wilson interval. **repeat buyer**: a buyer with two sales or more in
the period. **average basket**: revenue / sales. **revenue per contact**: revenue / contacts (step 1).
**cohorts**: buyers grouped by the month (Paris time) of their first sale in the period; for each later month,
how many of them bought again and for how much (month 0 is the first month itself).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import psycopg
from psycopg import sql

from lib.db import Database, Principal

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
PARIS = ZoneInfo("Europe/Paris")
PUBLIC = "public"
GRAINS = ("week", "month")
FUNNEL_STEPS = ("contacts", "reachable", "invited", "joined", "clicked", "bought")
# contacts ⊇ reachable ⊇ invited or members ⊇ members ⊇ members who bought through a community
NESTED_STEPS = ("contacts", "reachable", "touched", "joined", "bought")
# The contact channel people are reached on for each kind of community (None: any channel).
REACH_CHANNEL = {"whatsapp_group": "whatsapp", "whatsapp_community": "whatsapp", "telegram_group": "telegram",
                 "telegram_channel": "telegram", "sms_list": "sms"}
ORDERS_SHOWN = 200
# Up to this many contacts, the saved segments' detail is part of every page view (well under a second).
SEGMENT_DETAIL_CONTACTS = 100_000


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95% by default), as (low, high) in [0, 1].

    Unlike the plain ± interval it stays inside [0, 1] and stays honest for small groups: 2 buyers out of 3
    invited is "between 21% and 94%", not "67%". ``trials == 0`` gives (0, 1): nothing is known.
    """
    if trials < 0 or successes < 0 or successes > trials:
        raise ValueError(f"need 0 <= successes <= trials, got {successes}/{trials}")
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Filters:
    """What the page narrows to: a period (days, both included, Paris time), communities, one channel, and the
    time grain of the revenue curve (``week`` or ``month``)."""

    start: date | None = None
    end: date | None = None
    community_ids: tuple[str, ...] = ()
    channel: str | None = None
    grain: str = "month"

    def params(self, workspace_id: str) -> dict:
        if self.grain not in GRAINS:
            raise ValueError(f"grain must be one of {GRAINS}")
        start = datetime.combine(self.start, time(), PARIS) if self.start else None
        end = datetime.combine(self.end + timedelta(days=1), time(), PARIS) if self.end else None
        return {"ws": workspace_id, "start": start, "end": end,
                "communities": list(self.community_ids) or None, "channel": self.channel, "grain": self.grain}


@dataclass(frozen=True)
class Figures:
    """Sales figures of one group of sales (all, communities, public, one community...)."""

    revenue_cents: int = 0
    orders: int = 0
    buyers: int = 0
    repeat_buyers: int = 0

    @property
    def average_basket_cents(self) -> int | None:
        return round(self.revenue_cents / self.orders) if self.orders else None


@dataclass(frozen=True)
class CommunityFunnel:
    """One community's funnel and sales (see the module's definitions)."""

    id: str
    name: str
    channel: str
    contacts: int
    reachable: int
    invited: int
    joined: int
    clicked: int
    bought: int
    member_buyers: int
    figures: Figures

    @property
    def rate(self) -> float | None:
        return self.member_buyers / self.joined if self.joined else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(min(self.member_buyers, self.joined), self.joined)


@dataclass(frozen=True)
class SegmentFunnel:
    """A saved segment's funnel and what its members bought per channel (``revenue_by_channel`` includes the public
    channel: their public purchases). No "clicked" step: clicks are anonymous."""

    id: str
    name: str
    contacts: int
    reachable: int
    invited: int
    joined: int
    bought: int
    revenue_by_channel: dict[str, int]
    buyers_by_channel: dict[str, int]
    buyers: int = 0  # distinct members with a sale on any channel, public included (the heatmap's people)

    @property
    def community_revenue_cents(self) -> int:
        return sum(v for k, v in self.revenue_by_channel.items() if k != PUBLIC)


@dataclass
class ConversionMetrics:
    """Everything the conversions page shows, for one workspace and one set of filters."""

    filters: Filters
    currency: str | None = None
    all: Figures = field(default_factory=Figures)
    communities_total: Figures = field(default_factory=Figures)
    public: Figures = field(default_factory=Figures)
    not_counted: int = 0  # orders of the period that are not sales (refunded, voided, cancelled)
    # orders of the period in another currency than ``currency`` (the one of most sales): left out of every sum,
    # as euros and Swiss francs do not add up
    other_currency: int = 0
    first_sale: datetime | None = None
    last_sale: datetime | None = None
    funnel: dict[str, int] = field(default_factory=dict)
    member_buyers: int = 0
    communities: list[CommunityFunnel] = field(default_factory=list)
    segments: list[SegmentFunnel] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    cohorts: list[dict] = field(default_factory=list)
    orders: list[dict] = field(default_factory=list)
    segments_deferred: bool = False  # saved segments exist but their detail was not computed (see read_metrics)
    # The funnel nested by construction (NESTED_STEPS): each step counts contacts of the step before who also did
    # the step's thing, so a buyer counted is in every step above; ``outside`` what the nesting leaves out.
    nested: dict[str, int] = field(default_factory=dict)
    outside: dict[str, int] = field(default_factory=dict)
    returned_later: int = 0  # repeat buyers with a dated sale in a later month than their first (the cohorts)

    @property
    def has_orders(self) -> bool:
        return bool(self.all.orders or self.not_counted or self.orders)

    @property
    def revenue_per_contact_cents(self) -> int | None:
        contacts = self.funnel.get("contacts", 0)
        return round(self.all.revenue_cents / contacts) if contacts else None

    @property
    def community_share(self) -> float | None:
        return self.communities_total.revenue_cents / self.all.revenue_cents if self.all.revenue_cents else None

    @property
    def conversion(self) -> tuple[int, int, float, float]:
        """(members who bought, memberships, low, high) over the communities shown: each member of each community
        counts once per community, as each community's own rate does."""
        joined = self.funnel.get("memberships", 0)
        buyers = min(self.member_buyers, joined)
        return (buyers, joined, *wilson_interval(buyers, joined))

    def channels(self) -> list[dict]:
        """The funnel and sales per community channel (communities of one channel added up; public apart)."""
        by: dict[str, dict] = {}
        for c in self.communities:
            row = by.setdefault(c.channel, {"channel": c.channel, "communities": 0, "joined": 0, "invited": 0,
                                            "clicked": 0, "bought": 0, "member_buyers": 0, "revenue_cents": 0,
                                            "orders": 0})
            row["communities"] += 1
            for key in ("joined", "invited", "clicked", "bought", "member_buyers"):
                row[key] += getattr(c, key)
            row["revenue_cents"] += c.figures.revenue_cents
            row["orders"] += c.figures.orders
        return sorted(by.values(), key=lambda r: -r["revenue_cents"])


# --- SQL ------------------------------------------------------------------------------------------------------
#
# One scan of the workspace's orders fills a temporary table with the period's orders in scope (read under the
# user's RLS, dropped at commit); every sales figure is then an aggregate over that narrow table. The buyer key is
# a uuid (the contact, else a hash of the e-mail or phone, else the order) so grouping by buyer stays in memory.
# People are counted through partial indexes (migrations 20261130100200 and 20261130110200) and the small member,
# invitation and buyer sets, never by a pass over every contact.

_SCOPE = """
create temporary table conv_scope on commit drop as
select c.id, c.name, c.channel, c.target_segment_id from public.communities c
where c.workspace_id = %(ws)s
  and (%(communities)s::uuid[] is null or c.id = any(%(communities)s::uuid[]))
  and (%(channel)s::text is null or c.channel = %(channel)s::text)
"""
# Run with the session time zone set to Europe/Paris (read_metrics): ``created_at::date`` is then the Paris day,
# three times cheaper per row than ``at time zone 'Europe/Paris'``. Only the columns the figures read.
_ORDERS = """
create temporary table conv_orders on commit drop as
select o.created_at, o.amount_cents, o.community_id, o.link_id, o.method, o.contact_id,
       case when o.landing_site like '%%utm_source=%%' then substring(o.landing_site from %(utm)s) end as utm_source,
       o.currency, o.is_sale and not o.cancelled as is_sale,
       coalesce(o.contact_id, md5(coalesce(o.email, o.phone_e164))::uuid, o.id) as buyer,
       case when o.community_id is null then 'public' else s.channel end as channel,
       o.created_at::date as day
from public.orders o left join conv_scope s on s.id = o.community_id
where o.workspace_id = %(ws)s
  and (o.community_id is null or s.id is not null)
  and (%(start)s::timestamptz is null or o.created_at >= %(start)s::timestamptz)
  and (%(end)s::timestamptz is null or o.created_at < %(end)s::timestamptz)
"""
# Visits per tracked link in the period (index-only scans of link_clicks (link_id, clicked_at)).
_VISITS = """
create temporary table conv_visits on commit drop as
select l.id as link_id, l.community_id, l.source,
       (select count(*) from public.link_clicks k where k.link_id = l.id
          and (%(start)s::timestamptz is null or k.clicked_at >= %(start)s::timestamptz)
          and (%(end)s::timestamptz is null or k.clicked_at < %(end)s::timestamptz)) as n
from public.invite_links l join conv_scope s on s.id = l.community_id
where l.workspace_id = %(ws)s
"""
_DROP = ("drop table if exists pg_temp.conv_orders, pg_temp.conv_scope, pg_temp.conv_visits, "
         "pg_temp.conv_buyer_months")

# Each buyer's sales per month (undated sales: month null), all and through communities, with the buyer's totals
# and first month alongside: the base of the headline figures and of the cohorts, aggregated once. One sort by
# buyer serves the grouping and the window (read_metrics turns hash aggregation off for this statement: hashing
# then sorting again costs more); ``nth = 1`` marks one row per buyer.
_BUYER_MONTHS = """
create temporary table conv_buyer_months on commit drop as
select buyer, month_no, n, revenue, n_dark, revenue_dark, min(month_no) over w as cohort,
       sum(n) over w as buyer_n, sum(n_dark) over w as buyer_n_dark, row_number() over w as nth
from (select buyer, (date_part('year', day) * 12 + date_part('month', day) - 1)::int as month_no,
             count(*)::int as n, sum(amount_cents::float8) as revenue,
             (count(*) filter (where community_id is not null))::int as n_dark,
             coalesce(sum(amount_cents::float8) filter (where community_id is not null), 0) as revenue_dark
      from conv_orders where is_sale group by 1, 2) months
window w as (partition by buyer)
"""

_FIGURES_SQL = """
select coalesce(sum(revenue), 0)::bigint, coalesce(sum(n), 0), count(*) filter (where nth = 1),
       count(*) filter (where nth = 1 and buyer_n >= 2),
       coalesce(sum(revenue_dark), 0)::bigint, coalesce(sum(n_dark), 0),
       count(*) filter (where nth = 1 and buyer_n_dark > 0), count(*) filter (where nth = 1 and buyer_n_dark >= 2),
       coalesce(sum(revenue - revenue_dark), 0)::bigint, coalesce(sum(n - n_dark), 0),
       count(*) filter (where nth = 1 and buyer_n > buyer_n_dark),
       count(*) filter (where nth = 1 and buyer_n - buyer_n_dark >= 2)
from conv_buyer_months
"""

# The main currency is the one of most sales (then most orders); an order without a currency is taken to be in it.
_CURRENCIES_SQL = """
select currency, count(*) filter (where is_sale), count(*), min(created_at) filter (where is_sale),
       max(created_at) filter (where is_sale)
from conv_orders group by 1
"""

# Repeat buyers who came back in a later month than their first dated one: the ones the cohort table shows.
_RETURNED_SQL = """
select count(distinct buyer) from conv_buyer_months where month_no is not null and month_no > cohort and buyer_n >= 2
"""

# The nested funnel: only the small sets (members, opened invitations, community buyers) meet the contacts table.
_NESTED_SQL = """
with people as (
  select m.contact_id, true as member from public.community_members m join conv_scope s on s.id = m.community_id
  where m.workspace_id = %(ws)s
  union all
  select i.contact_id, false from public.invitations i join public.invite_links l on l.id = i.link_id
    join conv_scope s on s.id = l.community_id where i.workspace_id = %(ws)s and i.opened_at is not null
), flags as (
  select contact_id, bool_or(member) as member from people group by contact_id
), buyers as (
  select distinct contact_id from conv_orders where is_sale and community_id is not null and contact_id is not null
), touched as (
  select f.member, b.contact_id is not null as bought,
         case %(reach)s::text
           when 'whatsapp' then c.reach_whatsapp and c.consent_whatsapp
           when 'telegram' then c.reach_telegram and c.consent_telegram
           when 'sms' then c.reach_sms and c.consent_sms
           else (c.reach_whatsapp and c.consent_whatsapp) or (c.reach_telegram and c.consent_telegram)
                or (c.reach_sms and c.consent_sms) or (c.email is not null and c.consent_email)
         end as reachable
  from flags f join public.contacts c on c.id = f.contact_id and c.workspace_id = %(ws)s and c.opted_out_at is null
  left join buyers b on b.contact_id = f.contact_id
)
select count(*) filter (where reachable), count(*) filter (where reachable and member),
       count(*) filter (where reachable and member and bought), count(*) filter (where not reachable and member)
from touched
"""

# contacts and reachable through partial indexes; invited / joined / bought through their small sets
_PEOPLE_SQL = """
with phones as (
  select count(*) as contacts,
         count(*) filter (where c.reach_whatsapp and c.consent_whatsapp) as whatsapp,
         count(*) filter (where c.reach_telegram and c.consent_telegram) as telegram,
         count(*) filter (where c.reach_sms and c.consent_sms) as sms,
         count(*) filter (where (c.reach_whatsapp and c.consent_whatsapp) or (c.reach_telegram and c.consent_telegram)
                                or (c.reach_sms and c.consent_sms)) as phone
  from public.contacts c where c.workspace_id = %(ws)s and c.opted_out_at is null
)
select
  (select contacts from phones),
  -- reachable on some channel: by phone, plus by e-mail only (migration 20261130110200; reach flags are not null)
  (select phone from phones) + (select count(*) from public.contacts c
     where c.workspace_id = %(ws)s and c.opted_out_at is null and c.email is not null and c.consent_email
       and not ((c.reach_whatsapp and c.consent_whatsapp) or (c.reach_telegram and c.consent_telegram)
                or (c.reach_sms and c.consent_sms))),
  (select whatsapp from phones), (select telegram from phones), (select sms from phones),
  (select count(distinct i.contact_id) from public.invitations i join public.invite_links l on l.id = i.link_id
     join conv_scope s on s.id = l.community_id where i.workspace_id = %(ws)s and i.opened_at is not null),
  (select count(distinct m.contact_id) from public.community_members m join conv_scope s on s.id = m.community_id
     where m.workspace_id = %(ws)s)
"""

_COMMUNITIES_SQL = """
with per_buyer as (
  select community_id, buyer, contact_id, count(*)::int as n, sum(amount_cents::float8) as revenue
  from conv_orders where is_sale and community_id is not null group by community_id, buyer, contact_id
), bought as (
  select p.community_id, sum(p.revenue)::bigint as revenue, sum(p.n) as orders, count(*) as buyers,
         count(*) filter (where p.n >= 2) as repeat_buyers,
         count(*) filter (where m.contact_id is not null) as member_buyers
  from per_buyer p left join public.community_members m
    on m.community_id = p.community_id and m.contact_id = p.contact_id
  group by p.community_id
), joined as (
  select m.community_id, count(*) as n from public.community_members m join conv_scope s on s.id = m.community_id
  where m.workspace_id = %(ws)s group by m.community_id
), invited as (
  select l.community_id, count(distinct i.contact_id) as n
  from public.invitations i join public.invite_links l on l.id = i.link_id join conv_scope s on s.id = l.community_id
  where i.workspace_id = %(ws)s and i.opened_at is not null group by l.community_id
), clicked as (
  select community_id, sum(n) as n from conv_visits group by community_id
)
select s.id::text, s.name, s.channel, coalesce(j.n, 0), coalesce(i.n, 0), coalesce(k.n, 0)::bigint,
       coalesce(b.buyers, 0), coalesce(b.member_buyers, 0), coalesce(b.revenue, 0), coalesce(b.orders, 0),
       coalesce(b.repeat_buyers, 0)
from conv_scope s left join joined j on j.community_id = s.id left join invited i on i.community_id = s.id
left join clicked k on k.community_id = s.id left join bought b on b.community_id = s.id
order by coalesce(b.revenue, 0) desc, lower(s.name)
"""

_SOURCES_SQL = """
with labelled as (
  select case when s.link_id is not null and l.id is not null then 'link'
              when nullif(s.utm_source, '') is not null then 'utm' else s.method end as kind,
         coalesce(l.source, nullif(s.utm_source, ''), s.method) as label, s.amount_cents
  from conv_orders s left join public.invite_links l on l.id = s.link_id
  where s.is_sale
), visits as (
  select source as label, sum(n) as n from conv_visits group by source
), sold as (
  select kind, label, count(*) as orders, sum(amount_cents::float8)::bigint as revenue from labelled group by 1, 2
)
select coalesce(s.kind, 'link'), coalesce(s.label, v.label), coalesce(v.n, 0)::bigint, coalesce(s.orders, 0),
       coalesce(s.revenue, 0)
from sold s full join visits v on s.kind = 'link' and v.label = s.label
order by 5 desc, 3 desc, 2
"""

_TIMELINE_SQL = """
with days as (
  select day, channel, sum(amount_cents::float8) as revenue, count(*) as n
  from conv_orders where is_sale and day is not null group by day, channel
)
select date_trunc(%(grain)s, day)::date as period, channel, sum(revenue)::bigint, sum(n)::bigint
from days group by 1, 2 order by 1, 2
"""

# one row per buyer and month: count(*) counts buyers; cohort is the buyer's first dated month (min skips nulls)
_COHORTS_SQL = """
with cells as (
  select cohort, month_no - cohort as months_after, count(*) as buyers, sum(revenue)::bigint as revenue,
         sum(n) as orders
  from conv_buyer_months where month_no is not null group by 1, 2
)
select make_date(cohort / 12, cohort %% 12 + 1, 1), months_after, buyers, revenue, orders from cells order by 1, 2
"""

_ORDERS_COLUMNS = """
select o.number, o.created_at, o.currency, o.total_cents, o.amount_cents, o.is_sale and not o.cancelled as is_sale,
       o.financial_status, o.cancelled, o.method, o.confidence, o.reason, s.name as community, s.channel,
       o.discount_code
from public.orders o left join conv_scope s on s.id = o.community_id
where o.workspace_id = %(ws)s and (o.community_id is null or s.id is not null)"""
# the latest dated orders (read backwards along orders_workspace_idx), then the undated ones
_ORDERS_SQL = f"""
(
{_ORDERS_COLUMNS}
  and o.created_at is not null
  and (%(start)s::timestamptz is null or o.created_at >= %(start)s::timestamptz)
  and (%(end)s::timestamptz is null or o.created_at < %(end)s::timestamptz)
order by o.created_at desc, o.number desc limit %(limit)s
) union all (
{_ORDERS_COLUMNS}
  and o.created_at is null and %(start)s::timestamptz is null and %(end)s::timestamptz is null
order by o.number desc limit %(limit)s
)
"""


def _rules_expression(document: dict, bind) -> sql.Composable:
    from lib.segments.rules import rules_sql, validate_rules

    return sql.SQL("({})").format(rules_sql(validate_rules(document), bind))


def _segment_sales_sql(segments: list[tuple[str, str, dict]]) -> tuple[sql.Composed, dict]:
    """Per channel (public included), each segment's revenue and buyers among the buyers matched to contacts, and
    (channel null) each segment's invited, members and community buyers: the rules run on those people only."""
    from lib.segments.rules import SEGMENT_FROM, _Binder, _members_where

    bind = _Binder("g")
    parts = []
    for _id, _name, rules in segments:
        member = _rules_expression(rules, bind)
        parts += [sql.SQL("coalesce(sum(p.revenue) filter (where {}), 0)").format(member),
                  sql.SQL("count(distinct p.contact_id) filter (where {} and p.channel is not null)").format(member),
                  sql.SQL("count(distinct p.contact_id) filter (where {} and p.bought)").format(member),
                  sql.SQL("count(distinct p.contact_id) filter (where {} and p.invited)").format(member),
                  sql.SQL("count(distinct p.contact_id) filter (where {} and p.joined)").format(member)]
    query = sql.SQL("""
with people as (
  select contact_id, channel, sum(amount_cents) as revenue, bool_or(channel <> 'public') as bought,
         false as invited, false as joined
  from conv_orders where is_sale and contact_id is not null group by contact_id, channel
  union all
  select i.contact_id, null, 0, false, true, false from public.invitations i join public.invite_links l
    on l.id = i.link_id join conv_scope s on s.id = l.community_id
  where i.workspace_id = {ws} and i.opened_at is not null
  union all
  select m.contact_id, null, 0, false, false, true from public.community_members m
    join conv_scope s on s.id = m.community_id where m.workspace_id = {ws}
)
select p.channel, grouping(p.channel), {parts} from people p join {source} on c.id = p.contact_id where {members}
group by grouping sets ((p.channel), ())""").format(
        ws=sql.Placeholder("ws"), parts=sql.SQL(", ").join(parts), source=SEGMENT_FROM,
        members=_members_where(sql.SQL("true")))
    return query, bind.params


def _saved_segments(conn: psycopg.Connection, workspace_id: str, limit: int) -> list[tuple[str, str, dict]]:
    from lib.segments.rules import RuleError, validate_rules

    found = []
    for segment_id, name, rules in conn.execute(
            "select s.id::text, s.name, s.rules from public.segments s where s.workspace_id = %s "
            "order by lower(s.name) limit %s", (workspace_id, limit)):
        try:
            validate_rules(rules)
        except RuleError:
            continue  # a segment whose rules no longer read is left out, not fatal to the page
        found.append((segment_id, name, rules))
    return found


def read_metrics(conn: psycopg.Connection, workspace_id: str, filters: Filters = Filters(), *,
                 max_segments: int = 12, orders_limit: int = ORDERS_SHOWN,
                 segment_detail: bool | None = None) -> ConversionMetrics:
    """All the figures, read on ``conn`` (opened by ``db.tenant``: under the user's row level security).

    ``segment_detail``: the saved segments' funnel and segment × channel figures run the segments' rules over
    the buyers, members and invited people, and count each segment's contacts and reachable people in a pass
    over all the contacts. ``None`` (the page's default) does it up to ``SEGMENT_DETAIL_CONTACTS`` contacts —
    every producer's list — and above that leaves it for the user to ask (``segments_deferred``); ``True``
    always, ``False`` never."""
    from lib.conversions.attribution import UTM_SOURCE_PATTERN

    params = {**filters.params(workspace_id), "utm": UTM_SOURCE_PATTERN}
    metrics = ConversionMetrics(filters)
    # aggregates over a few hundred thousand rows: in memory, without JIT compilation (slower than it saves here)
    conn.execute("set local work_mem = '64MB'")
    conn.execute("set local jit = off")
    conn.execute(_DROP)
    conn.execute(_SCOPE, params)
    conn.execute("analyze conv_scope")  # a handful of rows: the planner then hashes it instead of sorting orders
    zone = conn.execute("select current_setting('TimeZone'), set_config('TimeZone', 'Europe/Paris', true)"
                        ).fetchone()[0]
    conn.execute(_ORDERS, params)
    conn.execute("select set_config('TimeZone', %s, true)", (zone,))  # dates come back as before
    # a handful of rows, one pass: (currency, sales, orders, first sale, last sale)
    counted = conn.execute(_CURRENCIES_SQL).fetchall()
    known = [row for row in counted if row[0] is not None]
    metrics.currency = min(known, key=lambda row: (-row[1], -row[2], row[0]))[0] if known else None
    if len(known) > 1:
        metrics.other_currency = conn.execute("delete from conv_orders where currency <> %s",
                                              (metrics.currency,)).rowcount
    kept = [row for row in counted if row[0] in (None, metrics.currency)]
    metrics.first_sale = min((row[3] for row in kept if row[3] is not None), default=None)
    metrics.last_sale = max((row[4] for row in kept if row[4] is not None), default=None)
    conn.execute(_VISITS, params)

    conn.execute("set local enable_hashagg = off")
    conn.execute(_BUYER_MONTHS)
    conn.execute("set local enable_hashagg = on")
    row = [int(value) for value in conn.execute(_FIGURES_SQL).fetchone()]
    metrics.all, metrics.communities_total, metrics.public = (Figures(*row[0:4]), Figures(*row[4:8]),
                                                             Figures(*row[8:12]))
    metrics.not_counted = sum(orders - sales for _c, sales, orders, *_ in kept)  # is_sale is never null

    contacts, reach_any, reach_wa, reach_tg, reach_sms, invited, joined = conn.execute(_PEOPLE_SQL, params).fetchone()
    reach_by = {None: reach_any, "whatsapp": reach_wa, "telegram": reach_tg, "sms": reach_sms}
    for row in conn.execute(_COMMUNITIES_SQL, params):
        (cid, name, channel, c_joined, c_invited, c_clicked, c_buyers, c_member_buyers, revenue, orders,
         repeat) = row
        metrics.communities.append(CommunityFunnel(
            cid, name, channel, contacts, reach_by[REACH_CHANNEL.get(channel)], c_invited, c_joined, c_clicked,
            c_buyers, c_member_buyers, Figures(int(revenue), int(orders), int(c_buyers), int(repeat))))
    metrics.member_buyers = sum(c.member_buyers for c in metrics.communities)
    channel_filter = REACH_CHANNEL.get(filters.channel) if filters.channel else None
    metrics.funnel = {"contacts": contacts, "reachable": reach_by[channel_filter], "invited": invited,
                      "joined": joined, "clicked": sum(c.clicked for c in metrics.communities),
                      "bought": metrics.communities_total.buyers,
                      # "joined" counts people once; the conversion rate needs member-community pairs
                      "memberships": sum(c.joined for c in metrics.communities)}
    touched, members, member_buyers, unreachable = conn.execute(
        _NESTED_SQL, {**params, "reach": channel_filter}).fetchone()
    metrics.nested = {"contacts": contacts, "reachable": reach_by[channel_filter], "touched": touched,
                      "joined": members, "bought": member_buyers}
    metrics.outside = {"members_unreachable": unreachable,
                       "buyers": max(0, metrics.communities_total.buyers - member_buyers)}
    metrics.returned_later = conn.execute(_RETURNED_SQL).fetchone()[0]

    segments = _saved_segments(conn, workspace_id, max_segments)
    detail = segment_detail if segment_detail is not None else contacts <= SEGMENT_DETAIL_CONTACTS
    if detail:
        aimed = _aimed_reach(conn, workspace_id)
        metrics.communities = [replace(c, contacts=aimed[c.id][0], reachable=aimed[c.id][1]) if c.id in aimed else c
                               for c in metrics.communities]
    metrics.segments_deferred = bool(segments) and not detail
    if segments and detail:
        query, extra = _segment_sales_sql(segments)
        rows = conn.execute(query, {**params, **extra}).fetchall()
        sizes = _segment_sizes(conn, workspace_id, segments)
        for index, (segment_id, name, _rules) in enumerate(segments):
            at = 2 + 5 * index
            per_channel = [row for row in rows if row[1] == 0 and row[0] is not None]
            total = next((row for row in rows if row[1] == 1), None)
            contacts_in, reachable_in = sizes[segment_id]
            metrics.segments.append(SegmentFunnel(
                segment_id, name, contacts_in, reachable_in,
                invited=int(total[at + 3]) if total else 0, joined=int(total[at + 4]) if total else 0,
                bought=int(total[at + 2]) if total else 0,
                revenue_by_channel={row[0]: int(row[at]) for row in per_channel if row[at]},
                buyers_by_channel={row[0]: int(row[at + 1]) for row in per_channel if row[at + 1]},
                buyers=int(total[at + 1]) if total else 0))

    metrics.sources = [{"kind": kind, "label": label, "clicked": clicks, "orders": orders,
                        "revenue_cents": int(revenue)}
                       for kind, label, clicks, orders, revenue in conn.execute(_SOURCES_SQL, params)]
    metrics.timeline = [{"period": period, "channel": channel, "revenue_cents": int(revenue), "orders": orders}
                        for period, channel, revenue, orders in conn.execute(_TIMELINE_SQL, params)]
    metrics.cohorts = [{"cohort": cohort, "months_after": after, "buyers": buyers, "revenue_cents": int(revenue),
                        "orders": int(orders)}
                       for cohort, after, buyers, revenue, orders in conn.execute(_COHORTS_SQL, params)]
    cursor = conn.execute(_ORDERS_SQL, {**params, "limit": orders_limit})
    names = [d.name for d in cursor.description]
    metrics.orders = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()][:orders_limit]
    conn.execute(_DROP)
    return metrics


def _segment_sizes(conn: psycopg.Connection, workspace_id: str,
                   segments: list[tuple[str, str, dict]]) -> dict[str, tuple[int, int]]:
    """Each segment's members and, among them, those reachable on some channel (the segments' own definition:
    consent, delivery zone, adult, not suppressed) in one pass over the contacts."""
    from lib.segments.rules import SEGMENT_FROM, _Binder, _members_where

    bind = _Binder("z")
    reach = _rules_expression(_reach(None), bind)
    counts = []
    for _id, _name, rules in segments:
        member = _rules_expression(rules, bind)
        counts += [sql.SQL("count(*) filter (where {})").format(member),
                   sql.SQL("count(*) filter (where {} and {})").format(member, reach)]
    query = sql.SQL("select {} from {} where {}").format(sql.SQL(", ").join(counts), SEGMENT_FROM,
                                                        _members_where(sql.SQL("true")))
    row = conn.execute(query, {"ws": workspace_id, **bind.params}).fetchone()
    return {segment[0]: (row[2 * i], row[2 * i + 1]) for i, segment in enumerate(segments)}


def _aimed_reach(conn: psycopg.Connection, workspace_id: str) -> dict[str, tuple[int, int]]:
    """For each community in scope aimed at a saved segment: (the segment's members, those of them reachable on the
    community's channel), in one pass over the contacts. A community's « Joignables » is then counted in the
    segment it targets, not in the whole workspace."""
    from lib.segments.rules import SEGMENT_FROM, RuleError, _Binder, _members_where, validate_rules

    aimed = []
    for community_id, channel, rules in conn.execute(
            "select s.id::text, s.channel, g.rules from conv_scope s join public.segments g"
            " on g.id = s.target_segment_id and g.workspace_id = %s order by s.id", (workspace_id,)):
        try:
            validate_rules(rules)
        except RuleError:
            continue
        aimed.append((community_id, channel, rules))
    if not aimed:
        return {}
    bind = _Binder("a")
    counts = []
    for _id, channel, rules in aimed:
        member = _rules_expression(rules, bind)
        reach = _rules_expression(_reach(REACH_CHANNEL.get(channel)), bind)
        counts += [sql.SQL("count(*) filter (where {})").format(member),
                   sql.SQL("count(*) filter (where {} and {})").format(member, reach)]
    query = sql.SQL("select {} from {} where {}").format(sql.SQL(", ").join(counts), SEGMENT_FROM,
                                                        _members_where(sql.SQL("true")))
    row = conn.execute(query, {"ws": workspace_id, **bind.params}).fetchone()
    return {community_id: (row[2 * i], row[2 * i + 1]) for i, (community_id, _c, _r) in enumerate(aimed)}


def _reach(channel: str | None) -> dict:
    from lib.segments.rules import CHANNELS

    channels = [channel] if channel else list(CHANNELS)
    return {"any": [{"field": "reachable", "op": "is", "value": ch} for ch in channels]}


def conversion_metrics(db: Database, principal: Principal, workspace_id: str,
                       filters: Filters = Filters(), **options) -> ConversionMetrics:
    """The conversions page's figures for ``workspace_id``, read under ``principal``'s row level security."""
    with db.tenant(principal) as conn:
        return read_metrics(conn, workspace_id, filters, **options)


def order_span(db: Database, principal: Principal, workspace_id: str) -> tuple[int, datetime | None, datetime | None]:
    """(orders of any kind, first sale, last sale) of the workspace: enough to know whether there is a story."""
    with db.tenant(principal) as conn:
        return conn.execute(
            "select count(*), min(o.created_at) filter (where o.is_sale), max(o.created_at) filter (where o.is_sale) "
            "from public.orders o where o.workspace_id = %s", (workspace_id,)).fetchone()
