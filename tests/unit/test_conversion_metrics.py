"""The conversions story without a database: intervals, period bounds, French formats, charts exported as
PNG/SVG/CSV offline, and the one-page partner summary."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from lib import charts
from lib.conversions import report
from lib.conversions.metrics import (
    PARIS,
    Filters,
    wilson_interval,
)
from lib.i18n import set_language
from tests.support.conversions import sample_metrics as _metrics


@pytest.fixture(autouse=True)
def french():
    set_language("fr")
    yield
    set_language("fr")


@pytest.mark.parametrize(("successes", "trials", "low", "high"), [
    (1, 3, 0.0615, 0.7923), (1, 1, 0.2065, 1.0), (2, 4, 0.1500, 0.8500), (36, 134, 0.2008, 0.3494),
])
def test_wilson_values_computed_by_hand(successes, trials, low, high):
    assert wilson_interval(successes, trials) == pytest.approx((low, high), abs=1e-4)


def test_period_is_whole_days_in_paris_time():
    params = Filters(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)).params("ws")
    assert params["start"] == dt.datetime(2026, 3, 1, tzinfo=PARIS)
    assert params["end"] == dt.datetime(2026, 4, 1, tzinfo=PARIS)  # the last day included
    assert Filters().params("ws")["start"] is None
    assert Filters(community_ids=()).params("ws")["communities"] is None


def test_figures_and_sentences_read_in_french():
    m = _metrics()
    assert report.percent(0.333) == "33\u202f%"
    assert report.day_label(dt.date(2026, 5, 1)) == "1er mai 2026"
    assert report.period_label(m) == "Du 1er mars 2026 au 31 mai 2026"
    headline = dict((label, value) for label, value, _ in report.headline(m))
    assert headline["CA des communautés"] == "11\u202f000,00 €"
    assert headline["Membres qui ont acheté"] == "24\u202f%"  # 55 / 230 memberships
    assert "33\u202f%" in report.headline_sentence(m) and "12 commandes remboursées" in report.headline_sentence(m)
    parts = {part.key: part for part in report.story(m)}
    assert list(parts) == ["sides", "timeline", "funnel", "rates", "heatmap"]
    assert "Le Cercle des Coteaux fait acheter 28\u202f%" in parts["rates"].sentence
    assert "visites, pas des personnes" in parts["funnel"].sentence
    assert "mai 2026" in parts["timeline"].sentence
    assert all(part.chart is not None for part in parts.values())
    set_language("en")
    assert report.headline(m)[0][0] == "Community revenue"


def test_tables_carry_the_why_and_mark_refunds():
    m = _metrics()
    orders = report.orders_table(m)
    row = orders.iloc[0]
    assert row["Statut"] == "remboursée (non comptée)" and row["Montant vendu"] == "0,00 €"
    assert row["Date"] == "06/03/2026"  # 23:30 UTC is already the 6th in Paris
    assert row["Pourquoi"] == "code promo CERCLE10"
    table = report.communities_table(m)
    assert table.iloc[-1]["Communauté"] == "Public / inconnu"
    assert "(" in table.iloc[0]["Taux de conversion (intervalle à 95 %)"]
    cohorts = report.cohorts_table(m)
    assert cohorts.iloc[0]["Nouveaux clients"] == 80 and cohorts.iloc[0]["Mois +2"].startswith("9 clients · ")
    assert cohorts.iloc[0]["Mois +1"] == ""
    assert report.sources_table(m).iloc[0]["Origine de la vente"] == "Lien suivi : Salon"


def test_charts_export_offline_with_french_euros():
    """PNG and SVG come from vl-convert in this process; amounts read « 2 000 € », months « mars 2026 »."""
    m = _metrics()
    part = next(p for p in report.story(m) if p.key == "timeline")
    chart = charts.localised(part.chart, "fr")
    png = charts.chart_png(chart, scale=1)
    assert png.startswith(b"\x89PNG")
    svg = charts.chart_svg(chart)
    texts = set(re.findall(r">([^<]+)<", svg))
    assert any(re.fullmatch(r"\d{1,3}(\u202f\d{3})*\u00a0€", text) and "\u202f" in text for text in texts), texts
    assert "mars 2026" in texts
    for key in ("sides", "funnel", "rates", "heatmap"):
        assert charts.chart_svg(charts.localised(next(p for p in report.story(m) if p.key == key).chart)).startswith(
            "<svg")


def test_chart_data_csv_neutralises_formulas():
    m = _metrics()
    heat = next(p for p in report.story(m) if p.key == "heatmap")
    text = report.figures_csv(heat.data).decode("utf-8-sig")
    assert "'=Amateurs de rouge" in text and "\n=Amateurs" not in text
    timeline = report.figures_csv(next(p for p in report.story(m) if p.key == "timeline").data).decode("utf-8-sig")
    assert "2026-03-01" in timeline


def test_partner_summary_is_one_page_with_the_figures():
    m = _metrics()
    pdf = report.summary_pdf(m, "Domaine des Coteaux")
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Domaine des Coteaux" in text and "11 000,00" in text.replace("\u00a0", " ")
    png = report.summary_png(pdf)
    assert png is None or png.startswith(b"\x89PNG")
