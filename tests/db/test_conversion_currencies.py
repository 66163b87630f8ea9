"""Review of issue 6's figures: amounts in different currencies are never added up, and the figures are written in
the workspace's own currency."""

from __future__ import annotations

import datetime as dt

from lib.conversions import report
from lib.conversions.metrics import conversion_metrics
from lib.i18n import set_language
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug


def _shop(db, orders: list[tuple[str, str | None, int]]):
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("currency"), "Domaine des Devises")
    with db.tenant(owner) as conn:
        for number, currency, cents in orders:
            conn.execute("insert into public.orders (workspace_id, source, number, created_at, currency, total_cents,"
                         " is_sale, amount_cents, email) values (%s, 'csv', %s, %s, %s, %s, true, %s, %s)",
                         (workspace.id, number, dt.datetime(2026, 10, 2, 12, tzinfo=dt.UTC), currency, cents, cents,
                          f"{number}@exemple.fr"))
    return owner, workspace


def test_orders_in_another_currency_are_left_out_and_counted(db):
    """100 € + 50 € + an order with no currency, and 1 000 000 JPY: the revenue was 10 015 000 (« 10 015 000,00 € »)."""
    owner, workspace = _shop(db, [("e1", "EUR", 10000), ("e2", "EUR", 5000), ("e3", None, 2500),
                                  ("y1", "JPY", 100_000_000)])
    metrics = conversion_metrics(db, owner, workspace.id)
    assert (metrics.currency, metrics.other_currency) == ("EUR", 1)
    assert (metrics.all.revenue_cents, metrics.all.orders, metrics.public.revenue_cents) == (17500, 3, 17500)
    assert sum(row["revenue_cents"] for row in metrics.timeline) == 17500


def test_a_swiss_producers_figures_are_written_in_francs(db):
    owner, workspace = _shop(db, [("c1", "CHF", 4990), ("c2", "CHF", 1000)])
    metrics = conversion_metrics(db, owner, workspace.id)
    set_language("fr")
    assert metrics.currency == "CHF" and metrics.other_currency == 0
    public_revenue = report.headline(metrics)[1][1]
    assert public_revenue == "59,90 CHF", public_revenue
    assert "€" not in report.headline_sentence(metrics)
