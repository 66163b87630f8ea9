"""The conversions figures in SQL against numbers computed by hand on a small workspace, and row level security.

The fixture (every figure below is counted from it by hand):

contacts  c1..c4 reachable on WhatsApp; c5 not reachable; c6 opted out (never counted)
K1        WhatsApp group, members c1 c2 c3, invitations opened for c1 c2 (c3's prepared, not sent), 5 link visits
K2        Telegram channel, member c4, 2 link visits
orders    o1 c1 K1 promo 100 € (5 March)        o2 c1 K1 member 50 € (10 April)      o3 c2 K1 link 30 € REFUNDED
          o4 c4 K2 promo 80 € (15 March)        o5 stranger public 40 € (1 March)    o6 c5 public 20 € (2 May)
          o7 c5 public 10 € CANCELLED           o8 stranger public 60 € less 20 € refunded = 40 € (1 April)
"""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

import pytest

from lib.conversions.metrics import Filters, conversion_metrics, order_span, wilson_interval
from lib.links.communities import create_community, create_link
from lib.segments.store import save_segment
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug

PARIS = ZoneInfo("Europe/Paris")


def _at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 12, tzinfo=PARIS)


@pytest.fixture(scope="module")
def shop(db):
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("metrics"), "Domaine du Test")
    k1 = create_community(db, owner, workspace.id, name="Le Cercle", channel="whatsapp_group", promo_code="K1CODE")
    k2 = create_community(db, owner, workspace.id, name="Les Amis", channel="telegram_channel")
    l1 = create_link(db, owner, workspace.id, k1.id, source="Salon", destination="https://domaine.example/")
    l2 = create_link(db, owner, workspace.id, k2.id, source="Caveau", destination="https://domaine.example/")
    ids = {}
    with db.tenant(owner) as conn:
        for n in range(1, 7):
            reachable = n <= 4
            ids[f"c{n}"] = conn.execute(
                "insert into public.contacts (workspace_id, phone_e164, phone_type, first_name, country, postal_code,"
                " declared_adult, reach_whatsapp, consent_whatsapp, opted_out_at) values (%s, %s, 'mobile', %s, 'FR',"
                " '33000', true, %s, %s, %s) returning id::text",
                (workspace.id, f"+3361234560{n}", f"C{n}", reachable, reachable,
                 _at(1, 1) if n == 6 else None)).fetchone()[0]
        for community, contacts in ((k1, ("c1", "c2", "c3")), (k2, ("c4",))):
            for contact in contacts:
                conn.execute("insert into public.community_members (workspace_id, community_id, contact_id, joined_at)"
                             " values (%s, %s, %s, %s)", (workspace.id, community.id, ids[contact], _at(2, 1)))
        for contact, opened in (("c1", _at(2, 2)), ("c2", _at(2, 3)), ("c3", None)):
            conn.execute("insert into public.invitations (workspace_id, link_id, contact_id, channel, token, open_url,"
                         " opened_at) values (%s, %s, %s, 'whatsapp', %s, 'https://wa.me/33612345601?text=x', %s)",
                         (workspace.id, l1.id, ids[contact], secrets.token_urlsafe(18), opened))
        orders = [
            ("o1", "c1", None, k1.id, None, "promo_code", "certain", 10000, 0, True, False, _at(3, 5)),
            ("o2", "c1", None, k1.id, None, "contact", "probable", 5000, 0, True, False, _at(4, 10)),
            ("o3", "c2", None, k1.id, l1.id, "link", "strong", 3000, 3000, False, False, _at(3, 20)),
            ("o4", "c4", None, k2.id, None, "promo_code", "certain", 8000, 0, True, False, _at(3, 15)),
            ("o5", None, "x@exemple.fr", None, None, "none", "none", 4000, 0, True, False, _at(3, 1)),
            ("o6", "c5", None, None, None, "none", "none", 2000, 0, True, False, _at(5, 2)),
            ("o7", "c5", None, None, None, "none", "none", 1000, 0, False, True, _at(3, 3)),
            ("o8", None, "z@exemple.fr", None, None, "none", "none", 6000, 2000, True, False, _at(4, 1)),
        ]
        for number, contact, email, community, link, method, confidence, total, refunded, sale, cancelled, at \
                in orders:
            conn.execute(
                "insert into public.orders (workspace_id, source, number, created_at, currency, total_cents,"
                " refunded_cents, cancelled, is_sale, amount_cents, email, contact_id, community_id, link_id, method,"
                " confidence, reason) values (%s, 'shopify', %s, %s, 'EUR', %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                " %s, 'test')",
                (workspace.id, number, at, total, refunded, cancelled, sale, total - refunded if sale else 0, email,
                 ids[contact] if contact else None, community, link, method, confidence))
    with db.admin() as conn:  # visits are written by the redirect, as the connecting role
        for link, count in ((l1, 5), (l2, 2)):
            conn.execute("insert into public.link_clicks (workspace_id, link_id, clicked_at, visitor_hash)"
                         " select %s, %s, %s, md5(g::text) || md5(g::text || 'x') from generate_series(1, %s) g",
                         (workspace.id, link.id, _at(3, 10), count))
    save_segment(db, owner, workspace.id, "Joignables WhatsApp",
                 {"all": [{"field": "reachable", "op": "is", "value": "whatsapp"}]})
    return {"owner": owner, "workspace": workspace, "k1": k1, "k2": k2, "ids": ids}


def test_sales_figures_exclude_refunds_and_cancellations(db, shop):
    """330 € over 6 sales and 5 buyers (c1 twice); o3 refunded and o7 cancelled are counted nowhere."""
    m = conversion_metrics(db, shop["owner"], shop["workspace"].id)
    assert (m.all.revenue_cents, m.all.orders, m.all.buyers, m.all.repeat_buyers) == (33000, 6, 5, 1)
    assert (m.communities_total.revenue_cents, m.communities_total.orders, m.communities_total.buyers,
            m.communities_total.repeat_buyers) == (23000, 3, 2, 1)
    assert (m.public.revenue_cents, m.public.orders, m.public.buyers, m.public.repeat_buyers) == (10000, 3, 3, 0)
    assert m.not_counted == 2
    assert m.all.average_basket_cents == 5500
    assert m.revenue_per_contact_cents == 6600  # 330 € over 5 contacts (c6 opted out)
    assert m.community_share == pytest.approx(23000 / 33000)
    assert m.currency == "EUR"


def test_funnel_counts_people_and_visits_apart(db, shop):
    """5 contacts, 4 reachable, 2 invited (c3's unsent invitation is not), 4 members, 7 visits, 2 buyers."""
    m = conversion_metrics(db, shop["owner"], shop["workspace"].id)
    assert {k: m.funnel[k] for k in ("contacts", "reachable", "invited", "joined", "clicked", "bought")} == {
        "contacts": 5, "reachable": 4, "invited": 2, "joined": 4, "clicked": 7, "bought": 2}
    k1, k2 = (next(c for c in m.communities if c.name == name) for name in ("Le Cercle", "Les Amis"))
    assert (k1.reachable, k1.invited, k1.joined, k1.clicked, k1.bought, k1.member_buyers) == (4, 2, 3, 5, 1, 1)
    assert (k1.figures.revenue_cents, k1.figures.orders, k1.figures.repeat_buyers) == (15000, 2, 1)
    assert (k2.reachable, k2.invited, k2.joined, k2.clicked, k2.bought, k2.member_buyers) == (0, 0, 1, 2, 1, 1)
    assert k1.rate == pytest.approx(1 / 3)
    assert k1.interval == pytest.approx((0.0615, 0.7923), abs=1e-4)  # Wilson, 1 of 3, by hand
    assert k2.interval == pytest.approx((0.2065, 1.0), abs=1e-4)  # Wilson, 1 of 1
    buyers, members, low, high = m.conversion
    assert (buyers, members) == (2, 4)
    assert (low, high) == pytest.approx(wilson_interval(2, 4))
    assert (low, high) == pytest.approx((0.1500, 0.8500), abs=1e-4)
    channels = {row["channel"]: row for row in m.channels()}
    assert channels["whatsapp_group"]["revenue_cents"] == 15000
    assert channels["telegram_channel"]["member_buyers"] == 1


def test_nested_funnel_each_step_within_the_one_before(db, shop):
    """Reachable c1..c4; invited or members among them c1..c4; members c1..c4; members who bought through a
    community c1 (o1, o2) and c4 (o4). Only c1 came back in a later month (March, then April)."""
    m = conversion_metrics(db, shop["owner"], shop["workspace"].id)
    assert m.nested == {"contacts": 5, "reachable": 4, "touched": 4, "joined": 4, "bought": 2}
    assert m.outside == {"members_unreachable": 0, "buyers": 0}
    assert m.returned_later == 1
    # Telegram only: c4 is a member but not reachable on Telegram, so the nested steps leave them out and say so
    telegram = conversion_metrics(db, shop["owner"], shop["workspace"].id, Filters(channel="telegram_channel"))
    assert telegram.nested == {"contacts": 5, "reachable": 0, "touched": 0, "joined": 0, "bought": 0}
    assert telegram.outside == {"members_unreachable": 1, "buyers": 1}


def test_timeline_cohorts_and_sources(db, shop):
    m = conversion_metrics(db, shop["owner"], shop["workspace"].id)
    timeline = {(r["period"].isoformat(), r["channel"]): r["revenue_cents"] for r in m.timeline}
    assert timeline == {("2026-03-01", "public"): 4000, ("2026-03-01", "telegram_channel"): 8000,
                        ("2026-03-01", "whatsapp_group"): 10000, ("2026-04-01", "public"): 4000,
                        ("2026-04-01", "whatsapp_group"): 5000, ("2026-05-01", "public"): 2000}
    cohorts = {(r["cohort"].isoformat(), r["months_after"]): (r["buyers"], r["revenue_cents"]) for r in m.cohorts}
    assert cohorts == {("2026-03-01", 0): (3, 22000), ("2026-03-01", 1): (1, 5000),
                       ("2026-04-01", 0): (1, 4000), ("2026-05-01", 0): (1, 2000)}
    sources = {(s["kind"], s["label"]): (s["clicked"], s["orders"], s["revenue_cents"]) for s in m.sources}
    assert sources == {("promo_code", "promo_code"): (0, 2, 18000), ("contact", "contact"): (0, 1, 5000),
                       ("none", "none"): (0, 3, 10000), ("link", "Salon"): (5, 0, 0), ("link", "Caveau"): (2, 0, 0)}
    weekly = conversion_metrics(db, shop["owner"], shop["workspace"].id, Filters(grain="week"))
    assert sum(r["revenue_cents"] for r in weekly.timeline) == 33000
    assert all(r["period"].weekday() == 0 for r in weekly.timeline)  # weeks start on Monday


def test_orders_table_keeps_refunds_visible(db, shop):
    m = conversion_metrics(db, shop["owner"], shop["workspace"].id)
    by_number = {o["number"]: o for o in m.orders}
    assert len(by_number) == 8
    assert by_number["o3"]["is_sale"] is False and by_number["o7"]["is_sale"] is False
    assert by_number["o1"]["community"] == "Le Cercle"


def test_segment_funnel_and_segment_by_channel(db, shop):
    """The saved segment (reachable on WhatsApp: c1..c4) and what it bought per channel."""
    m = conversion_metrics(db, shop["owner"], shop["workspace"].id)
    (segment,) = m.segments
    assert (segment.contacts, segment.reachable, segment.invited, segment.joined, segment.bought) == (4, 4, 2, 4, 2)
    assert not m.segments_deferred
    skipped = conversion_metrics(db, shop["owner"], shop["workspace"].id, segment_detail=False)
    assert skipped.segments == [] and skipped.segments_deferred
    assert segment.revenue_by_channel == {"whatsapp_group": 15000, "telegram_channel": 8000}
    assert segment.buyers_by_channel == {"whatsapp_group": 1, "telegram_channel": 1}
    assert segment.community_revenue_cents == 23000


def test_filters_narrow_the_period_and_the_communities_but_keep_public_sales(db, shop):
    march = conversion_metrics(db, shop["owner"], shop["workspace"].id,
                               Filters(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)))
    assert (march.all.revenue_cents, march.public.revenue_cents, march.not_counted) == (22000, 4000, 2)
    assert {r["cohort"].isoformat() for r in march.cohorts} == {"2026-03-01"}
    only_k2 = conversion_metrics(db, shop["owner"], shop["workspace"].id, Filters(community_ids=(shop["k2"].id,)))
    assert [c.name for c in only_k2.communities] == ["Les Amis"]
    assert (only_k2.communities_total.revenue_cents, only_k2.public.revenue_cents) == (8000, 10000)
    assert only_k2.funnel["joined"] == 1 and only_k2.funnel["clicked"] == 2
    telegram = conversion_metrics(db, shop["owner"], shop["workspace"].id, Filters(channel="telegram_channel"))
    assert telegram.funnel["reachable"] == 0  # nobody is reachable on Telegram
    assert telegram.communities_total.revenue_cents == 8000
    with pytest.raises(ValueError):
        Filters(grain="year").params("x")


def test_another_workspace_never_enters_the_figures(db, shop):
    """A stranger's workspace with its own big sale: neither sees the other's orders, clicks or contacts."""
    stranger = make_user(db)
    other = ensure_workspace(db, stranger, unique_slug("other"), "Autre domaine")
    community = create_community(db, stranger, other.id, name="Le Cercle", channel="whatsapp_group")
    with db.tenant(stranger) as conn:
        conn.execute("insert into public.orders (workspace_id, source, number, created_at, currency, total_cents,"
                     " is_sale, amount_cents, community_id, method, confidence) values (%s, 'shopify', 'o1', %s,"
                     " 'EUR', 99900, true, 99900, %s, 'promo_code', 'certain')", (other.id, _at(3, 5), community.id))
    mine = conversion_metrics(db, shop["owner"], shop["workspace"].id)
    assert mine.all.revenue_cents == 33000
    theirs = conversion_metrics(db, stranger, other.id)
    assert (theirs.all.revenue_cents, theirs.funnel["contacts"], theirs.funnel["clicked"]) == (99900, 0, 0)
    # asking for someone else's workspace id shows nothing at all
    peek = conversion_metrics(db, stranger, shop["workspace"].id)
    assert (peek.all.revenue_cents, peek.not_counted, peek.funnel["contacts"], peek.orders, peek.communities,
            peek.segments) == (0, 0, 0, [], [], [])


def test_reachable_by_any_channel_days_in_paris_and_cohorts_of_repeat_buyers(db):
    """Another small workspace, counted by hand.

    contacts  p1 WhatsApp + e-mail, p2 SMS only, p3 e-mail only, p4 e-mail without consent, p5 Telegram without
              consent, p6 e-mail only but opted out: 5 contacts, reachable on some channel p1 p2 p3 = 3, WhatsApp 1,
              SMS 1, Telegram 0.
    orders    b1 (p1) 31 March 23:30 Paris (21:30 UTC: March), 1 April 00:30 Paris (still 31 March in UTC:
              April in Paris), 3 May, one undated sale; b2 (e-mail) 1 April 00:30 Paris; one voided order.
    """
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("reach"), "Domaine des Heures")
    people = (  # (phone, email, whatsapp, telegram, sms, e-mail consent, opted out)
        ("+33612340001", "p1@exemple.fr", (True, True), (False, False), (False, False), True, False),
        ("+33612340002", None, (False, False), (False, False), (True, True), False, False),
        (None, "p3@exemple.fr", (False, False), (False, False), (False, False), True, False),
        (None, "p4@exemple.fr", (False, False), (False, False), (False, False), False, False),
        ("+33612340005", None, (False, False), (True, False), (False, False), False, False),
        (None, "p6@exemple.fr", (False, False), (False, False), (False, False), True, True),
    )
    with db.tenant(owner) as conn:
        ids = [conn.execute(
            "insert into public.contacts (workspace_id, phone_e164, email, reach_whatsapp, consent_whatsapp,"
            " reach_telegram, consent_telegram, reach_sms, consent_sms, consent_email, opted_out_at)"
            " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) returning id",
            (workspace.id, phone, email, *wa, *tg, *sms, consent_email, _at(1, 1) if out else None)).fetchone()[0]
            for phone, email, wa, tg, sms, consent_email, out in people]
        late_march = dt.datetime(2026, 3, 31, 23, 30, tzinfo=PARIS)
        early_april = dt.datetime(2026, 4, 1, 0, 30, tzinfo=PARIS)
        for number, contact, email, at, amount, sale in (
                ("b1-1", ids[0], None, late_march, 1000, True), ("b1-2", ids[0], None, early_april, 2000, True),
                ("b1-3", ids[0], None, _at(5, 3), 3000, True), ("b1-4", ids[0], None, None, 4000, True),
                ("b2-1", None, "b2@exemple.fr", early_april, 5000, True),
                ("v-1", None, "v@exemple.fr", _at(4, 2), 0, False)):
            conn.execute(
                "insert into public.orders (workspace_id, source, number, created_at, currency, total_cents,"
                " is_sale, amount_cents, email, contact_id, method, confidence, financial_status) values (%s,"
                " 'shopify', %s, %s, 'EUR', %s, %s, %s, %s, %s, 'none', 'none', %s)",
                (workspace.id, number, at, amount or 900, sale, amount, email, contact,
                 "paid" if sale else "voided"))
    m = conversion_metrics(db, owner, workspace.id)
    assert {k: m.funnel[k] for k in ("contacts", "reachable")} == {"contacts": 5, "reachable": 3}
    telegram = conversion_metrics(db, owner, workspace.id, Filters(channel="telegram_channel"))
    assert telegram.funnel["reachable"] == 0  # p5 can take Telegram but did not consent
    assert (m.all.revenue_cents, m.all.orders, m.all.buyers, m.all.repeat_buyers, m.not_counted) == (
        15000, 5, 2, 1, 1)
    assert m.first_sale == late_march and m.last_sale == _at(5, 3)
    monthly = {(r["period"].isoformat(), r["channel"]): r["revenue_cents"] for r in m.timeline}
    assert monthly == {("2026-03-01", "public"): 1000, ("2026-04-01", "public"): 7000,
                       ("2026-05-01", "public"): 3000}  # the undated sale has no place in time
    cohorts = {(r["cohort"].isoformat(), r["months_after"]): (r["buyers"], r["revenue_cents"], r["orders"])
               for r in m.cohorts}
    assert cohorts == {("2026-03-01", 0): (1, 1000, 1), ("2026-03-01", 1): (1, 2000, 1),
                       ("2026-03-01", 2): (1, 3000, 1), ("2026-04-01", 0): (1, 5000, 1)}
    april = conversion_metrics(db, owner, workspace.id, Filters(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30)))
    assert (april.all.revenue_cents, april.all.buyers, april.not_counted) == (7000, 2, 1)
    assert {r["cohort"].isoformat() for r in april.cohorts} == {"2026-04-01"}
    assert {o["number"] for o in april.orders} == {"b1-2", "b2-1", "v-1"}
    # the Paris session time zone used for the days does not leak into the dates handed back
    _count, _first, last = order_span(db, owner, workspace.id)
    assert {o["created_at"].utcoffset() for o in m.orders if o["created_at"]} == {last.utcoffset()}


def test_a_community_aimed_at_a_segment_counts_its_reachable_in_that_segment(db):
    """« Joignables 332 » for a community aimed at a 39-person segment: its reachable people are the segment's."""
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("aimed"), "Domaine Visé")
    with db.tenant(owner) as conn:
        for n in range(1, 7):
            conn.execute(
                "insert into public.contacts (workspace_id, phone_e164, phone_type, first_name, country, postal_code,"
                " declared_adult, reach_whatsapp, consent_whatsapp) values (%s, %s, 'mobile', %s, 'FR', %s, true,"
                " true, %s)", (workspace.id, f"+3361234570{n}", f"C{n}", "69001" if n <= 3 else "33000", n != 3))
    segment = save_segment(db, owner, workspace.id, "Lyonnais",
                           {"all": [{"field": "department", "op": "in", "value": ["69"]}]})
    create_community(db, owner, workspace.id, name="Visée", channel="whatsapp_group", target_segment_id=segment.id)
    create_community(db, owner, workspace.id, name="Libre", channel="whatsapp_group")
    m = conversion_metrics(db, owner, workspace.id)
    by = {c.name: c for c in m.communities}
    assert (by["Visée"].contacts, by["Visée"].reachable) == (3, 2)  # the segment: 3 people, 2 who consented
    assert (by["Libre"].contacts, by["Libre"].reachable) == (6, 5)  # the workspace
