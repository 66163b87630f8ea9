"""Figures shared by the conversions tests (a test module never imports another)."""

from __future__ import annotations

import datetime as dt

from lib.conversions.metrics import CommunityFunnel, ConversionMetrics, Figures, Filters, SegmentFunnel


def sample_metrics() -> ConversionMetrics:
    """Figures shaped like the demo's, small enough to check by eye."""
    m = ConversionMetrics(Filters(start=dt.date(2026, 3, 1), end=dt.date(2026, 5, 31)))
    m.currency = "EUR"
    m.all = Figures(3_300_000, 300, 200, 40)
    m.communities_total = Figures(1_100_000, 90, 60, 18)
    m.public = Figures(2_200_000, 210, 140, 22)
    m.not_counted = 12
    m.funnel = {"contacts": 2000, "reachable": 1400, "invited": 60, "joined": 220, "clicked": 370, "bought": 60,
                "memberships": 230}
    m.member_buyers = 55
    m.communities = [
        CommunityFunnel("k1", "Le Cercle des Coteaux", "whatsapp_group", 2000, 900, 60, 130, 300, 40, 36,
                        Figures(800_000, 60, 40, 12)),
        CommunityFunnel("k2", "Les Amis du Chai", "telegram_channel", 2000, 200, 0, 100, 70, 20, 19,
                        Figures(300_000, 30, 20, 6)),
    ]
    m.segments = [SegmentFunnel("s1", "=Amateurs de rouge", 500, 400, 20, 80, 25,
                                {"whatsapp_group": 300_000, "public": 500_000}, {"whatsapp_group": 12, "public": 30})]
    m.timeline = [{"period": dt.date(2026, month, 1), "channel": channel, "revenue_cents": cents, "orders": 10,
                   "buyers": 8}
                  for month in (3, 4, 5) for channel, cents in (("whatsapp_group", 250_000 + month * 1000),
                                                                ("telegram_channel", 100_000), ("public", 700_000))]
    m.cohorts = [{"cohort": dt.date(2026, 3, 1), "months_after": 0, "buyers": 80, "revenue_cents": 900_000,
                  "orders": 85},
                 {"cohort": dt.date(2026, 3, 1), "months_after": 2, "buyers": 9, "revenue_cents": 120_000, "orders": 9}]
    m.sources = [{"kind": "link", "label": "Salon", "clicked": 140, "orders": 6, "revenue_cents": 90_000, "buyers": 6},
                 {"kind": "utm", "label": "instagram", "clicked": 0, "orders": 5, "revenue_cents": 70_000, "buyers": 5},
                 {"kind": "none", "label": "none", "clicked": 0, "orders": 9, "revenue_cents": 99_000, "buyers": 9}]
    m.orders = [{"number": "#1001", "created_at": dt.datetime(2026, 3, 5, 23, 30, tzinfo=dt.UTC), "currency": "EUR",
                 "total_cents": 4500, "amount_cents": 0, "is_sale": False, "financial_status": "refunded",
                 "cancelled": False, "method": "promo_code", "confidence": "certain",
                 "reason": "code promo CERCLE10", "community": "Le Cercle des Coteaux", "channel": "whatsapp_group",
                 "discount_code": "CERCLE10"}]
    return m
