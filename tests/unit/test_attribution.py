"""Attribution rules in Python: precedence promo code > tracked link > membership > declared > none."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from lib.conversions.attribution import AttributionContext, CommunityRef, attribute, link_codes, reason

CERCLE = CommunityRef("c1", "Le Cercle", "CERCLE10")
AMIS = CommunityRef("c2", "Les Amis", "AMIS5")
SALON = CommunityRef("c3", "Salon d'Angers", None)
LINK = "AbCdEfGh23"
PLACED = dt.datetime(2026, 10, 2, 10, tzinfo=dt.UTC)
BEFORE, AFTER = PLACED - dt.timedelta(days=3), PLACED + dt.timedelta(days=1)


def order(code=None, landing=None, declared=None, placed=PLACED):
    return SimpleNamespace(discount_code=code, landing_site=landing, declared_source=declared, created_at=placed)


def context(events=()):
    return AttributionContext([CERCLE, AMIS, SALON], {LINK: "c3"}, {("salon", "les-amis"): "c2"}, list(events))


@pytest.mark.parametrize(("case", "events", "expected"), [
    (order("cercle10 ", f"/r/{LINK}", "Les Amis"), [("c2", BEFORE)], ("promo_code", "certain", "c1")),
    (order("INCONNU", f"/?utm_content={LINK}", "Les Amis"), [("c2", BEFORE)], ("link", "strong", "c3")),
    (order(None, f"https://shop.fr/r/{LINK}?x=1"), [], ("link", "strong", "c3")),
    (order(None, f"/?utm_source=wa&utm_campaign={LINK}"), [], ("link", "strong", "c3")),
    (order(None, "/?utm_campaign=AbCdEfGh99", "le cercle"), [("c2", BEFORE)], ("contact", "probable", "c2")),
    (order(None, None, "Le Cercle"), [("c2", AFTER)], ("declared", "declared", "c1")),  # joined after buying
    (order(None, None, " le cercle "), [], ("declared", "declared", "c1")),
    (order(None, "/?utm_source=whatsapp&utm_campaign=cercle"), [], ("none", "none", None)),
    (order(None, "/?utm_campaign=Les-Amis&utm_source=salon", "Le Cercle"), [("c1", BEFORE)], ("link", "strong", "c2")),
    (order(None, f"/?utm_campaign=les-amis&utm_source=salon&utm_content={LINK}"), [], ("link", "strong", "c3")),
    (order(None, "/?utm_campaign=les-amis"), [], ("none", "none", None)),  # the source is missing
    (order(), [], ("none", "none", None)),
])
def test_precedence_table(case, events, expected):
    """The first rule that applies wins: promo code, then link, then membership, then declared."""
    method, confidence, community = attribute(case, context(events))
    assert (method, confidence, community.id if community else None) == expected


def test_most_recent_membership_wins_and_ties_go_to_the_first_name():
    """Two communities the buyer belongs to: the latest event; the same instant: the name sorting first."""
    recent = BEFORE + dt.timedelta(hours=1)
    assert attribute(order(), context([("c1", BEFORE), ("c2", recent)]))[2] == AMIS
    assert attribute(order(), context([("c3", BEFORE), ("c2", BEFORE)]))[2] == AMIS  # "Les Amis" < "Salon…"
    assert attribute(order(placed=None), context([("c1", AFTER)]))[2] == CERCLE  # no date: any event counts


def test_link_codes_are_read_only_where_tracked_links_put_them():
    """/r/CODE, utm_content and utm_campaign; not a code glued to other text."""
    assert link_codes(f"/r/{LINK}/") == [LINK]
    assert link_codes(f"/p?utm_content={LINK}&utm_campaign=ZZZZZZZZ9") == [LINK, "ZZZZZZZZ9"]
    assert link_codes(f"/products/{LINK}") == []
    assert link_codes(f"/?utm_content={LINK}x-y") == []
    assert link_codes(None) == []


def test_utm_pair():
    """Both utm_source and utm_campaign, lower-cased; else nothing."""
    from lib.conversions.attribution import utm_pair

    assert utm_pair("https://shop.fr/vin?utm_source=Salon&utm_medium=sms&utm_campaign=les-amis#x") == (
        "salon", "les-amis")
    assert utm_pair("/?utm_source=&utm_campaign=x") is None and utm_pair(None) is None


def test_reason_is_a_french_sentence():
    """The stored explanation names the code and the community."""
    assert reason("promo_code", "Le Cercle", "CERCLE10") == "code promo CERCLE10 de la communauté Le Cercle"
