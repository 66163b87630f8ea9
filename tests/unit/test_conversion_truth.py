"""Issue #12 items 6: each sentence of the Conversions page and of the partner summary says what its chart shows,
computed from the chart's own figures, and the figures do not contradict each other."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from lib.conversions import report
from lib.conversions.metrics import ConversionMetrics, Figures, Filters, SegmentFunnel
from lib.i18n import set_language
from tests.support.conversions import sample_metrics


@pytest.fixture(autouse=True)
def french():
    set_language("fr")
    yield
    set_language("fr")


def _public_only() -> ConversionMetrics:
    """Sales, all public: the communities made 0 €."""
    m = ConversionMetrics(Filters())
    m.currency = "EUR"
    m.all = m.public = Figures(193_780, 12, 12, 0)
    m.funnel = {"contacts": 400, "reachable": 332, "invited": 2, "joined": 0, "clicked": 5, "bought": 0,
                "memberships": 0}
    m.timeline = [{"period": dt.date(2026, 4, 1), "channel": "public", "revenue_cents": 193_780, "orders": 12}]
    m.segments = [SegmentFunnel("s1", "Amateurs de rouge", 39, 30, 2, 0, 0, {"public": 205_100}, {"public": 3},
                                buyers=3)]
    return m


def _parts(m: ConversionMetrics) -> dict[str, report.ChartPart]:
    return {part.key: part for part in report.story(m)}


def test_no_community_revenue_gives_no_best_community_period():
    parts = _parts(_public_only())
    sentence = parts["timeline"].sentence
    assert "meilleure période" not in sentence and "Aucune vente rattachée à une communauté" in sentence
    assert "1\u202f937,80 €" in sentence  # the public total, named as such
    assert "Aucune vente rattachée" in report.headline_sentence(_public_only())
    assert "Aucune vente rattachée" in parts["sides"].sentence


def test_heatmap_never_calls_public_a_community_channel():
    sentence = _parts(_public_only())["heatmap"].sentence
    assert "Dans vos communautés, en tête" not in sentence and "sur Public / inconnu" not in sentence
    assert "« Amateurs de rouge » dépense le plus (2\u202f051,00 €)" in sentence


def test_segment_buyers_agree_with_the_heatmap():
    table = report.segments_table(_public_only())
    assert table.iloc[0]["Acheteurs (tous canaux)"] == 3  # the heatmap shows 2 051 € spent by this segment
    assert table.iloc[0]["dont par une communauté"] == 0


def test_funnel_is_nested_even_when_buyers_are_not_members():
    m = _public_only()
    m.communities_total = Figures(50_000, 12, 12, 0)  # 12 buyers through a shared promo code, no member
    frame = report.funnel_frame(m)
    people = frame[frame["kind"] == "personnes"]["count"].tolist()
    assert people == sorted(people, reverse=True)  # each step at most the one above
    assert people[-1] == 0
    sentence = _parts(m)["funnel"].sentence
    assert "12 autres acheteurs par une communauté ne sont pas dans ce parcours" in sentence
    assert "visites, pas des personnes" in sentence


def test_nested_figures_from_sql_are_shown_as_they_are():
    m = sample_metrics()
    m.nested = {"contacts": 2000, "reachable": 1400, "touched": 240, "joined": 200, "bought": 50}
    assert report.funnel_frame(m)["count"].tolist() == [2000, 1400, 240, 200, 50, 370]
    assert "50 de ces membres ont acheté" in _parts(m)["funnel"].sentence


def test_no_orders_at_all():
    m = ConversionMetrics(Filters())
    parts = _parts(m)
    assert parts["timeline"].sentence == "Aucune vente sur cette période." and parts["timeline"].chart is None
    assert report.headline_sentence(m) == "Aucune vente sur cette période."
    assert report.cohorts_sentence(m) == "Aucun client n'a encore acheté deux fois sur la période."
    assert report.funnel_frame(m)["count"].sum() == 0


def test_one_buyer_one_month():
    m = ConversionMetrics(Filters())
    m.currency = "EUR"
    m.all = m.communities_total = Figures(4_500, 1, 1, 0)
    m.timeline = [{"period": dt.date(2026, 5, 1), "channel": "whatsapp_group", "revenue_cents": 4_500, "orders": 1}]
    sentence = _parts(m)["timeline"].sentence
    assert sentence.startswith("Toutes les ventes de vos communautés tombent en mai 2026 (45,00 €)")


def test_best_period_is_the_communities_not_the_total():
    m = sample_metrics()
    m.timeline = [{"period": dt.date(2026, 3, 1), "channel": "public", "revenue_cents": 900_000, "orders": 9},
                  {"period": dt.date(2026, 3, 1), "channel": "whatsapp_group", "revenue_cents": 1_000, "orders": 1},
                  {"period": dt.date(2026, 4, 1), "channel": "whatsapp_group", "revenue_cents": 5_000, "orders": 1}]
    assert "Leur meilleure période : avril 2026 (50,00 € par les communautés)" in _parts(m)["timeline"].sentence


def test_repeat_buyers_are_read_against_the_cohort_table():
    m = sample_metrics()
    m.all = Figures(100_000, 60, 40, 15)
    m.returned_later = 0
    m.cohorts = []
    sentence = report.cohorts_sentence(m)
    assert sentence.startswith("15 clients sur 40 ont acheté au moins deux fois : 0 sont revenus un mois suivant")
    assert "15 ont racheté dans le même mois ou sans date" in sentence


def test_summary_caption_counts_the_charts_the_pdf_holds():
    for m in (sample_metrics(), _public_only(), replace(_public_only(), timeline=[])):
        pdf = report.summary_pdf(m, "Domaine")
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        held = len(page.images)
        assert held == len(report.summary_charts(m))
        caption = report.summary_caption(m)
        expected = {0: "aucun graphique", 1: "un graphique"}.get(held, f"{held} graphiques")
        assert expected in caption
    assert "3 graphiques" in report.summary_caption(sample_metrics())
    assert "2 graphiques" in report.summary_caption(_public_only())


def test_heatmap_channel_labels_fit_their_columns():
    """Issue #12 item 11: with six channels the labels were 140 px wide in ~80 px columns and overlapped."""
    from lib import charts

    frame = __import__("pandas").DataFrame([
        {"segment": "Amateurs de rouge", "channel": name, "revenue": 10.0, "buyers": 1}
        for name in ("Groupe WhatsApp", "Communauté WhatsApp", "Groupe Telegram", "Chaîne Telegram", "Liste SMS",
                     "Public / inconnu")])
    spec = charts.money_heatmap(frame, "channel", "segment", "revenue", "Canal", "Segment", "CA").to_dict()
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis["labelLimit"] <= charts.CHART_WIDTH / 6 - 4
    assert "split" in axis["labelExpr"]
    assert charts.chart_svg(spec).startswith("<svg")


def test_community_table_says_how_many_buyers_are_members():
    """« Acheteurs 12 » beside « Membres 0 »: the table says none of them is a member (a shared promo code)."""
    from lib.conversions.metrics import CommunityFunnel

    m = _public_only()
    m.communities = [CommunityFunnel("k", "Amateurs de rouge", "whatsapp_group", 39, 30, 2, 0, 5, 12, 0,
                                     Figures(50_000, 12, 12, 0))]
    row = report.communities_table(m).iloc[0]
    assert (row["Acheteurs"], row["dont membres"], row["Membres"]) == ("12", "0", "0")
