"""The conversions page tells the demo's story, guides an empty workspace, and takes an orders export."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.db import LOCAL_USER, get_database
from lib.demo import load_demo
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, unique_slug

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "orders" / "shopify_orders.csv"


def _page(slug: str, language: str = "fr") -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = slug
    app.session_state["language"] = language
    app.run()
    return app.switch_page("pages/conversions.py").run()


def _frame(app: AppTest, column: str):
    """The first table showing ``column`` (AppTest does not expose dataframe keys)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_demo_conversions_tell_the_story(app_environment):
    """After the demo: headline figures, every chart with its sentence, both communities against public sales,
    a conversion interval, segments, cohorts and the orders with their reasons."""
    slug = unique_slug("conv")
    load_demo(get_database(), LOCAL_USER, slug)
    app = _page(slug)
    assert not app.exception, app.exception
    labels = [m.label for m in app.metric]
    assert labels == ["CA des communautés", "CA public / inconnu", "Membres qui ont acheté", "Panier moyen",
                      "Clients revenus", "CA par contact"]
    assert all(m.value.endswith("€") for m in app.metric if m.label.startswith("CA"))
    headings = [s.value for s in app.subheader]
    for heading in ("Communautés privées ou ventes publiques", "Chiffre d'affaires par mois et par canal",
                    "Du contact à l'achat", "Quelle communauté fait acheter ses membres",
                    "Ce que vos segments achètent, par canal", "Les clients reviennent-ils ?",
                    "Dernières commandes et leur rattachement"):
        assert heading in headings
    text = " ".join(m.value for m in app.markdown)
    assert "visites, pas des personnes" in text and "Vos communautés ont rapporté" in text
    table = _frame(app, "Taux de conversion (intervalle à 95 %)")
    assert {"Le Cercle des Coteaux", "Les Amis du Chai", "Public / inconnu"} <= set(table["Communauté"])
    rate = table.set_index("Communauté").loc["Le Cercle des Coteaux", "Taux de conversion (intervalle à 95 %)"]
    assert "(" in rate and "–" in rate
    orders = _frame(app, "Pourquoi")
    assert {"vente", "remboursée (non comptée)", "annulée (non comptée)"} <= set(orders["Statut"])
    assert orders["Pourquoi"].str.len().min() > 0
    assert not _frame(app, "Segment").empty
    assert not _frame(app, "Nouveaux clients").empty


def test_filters_narrow_the_figures(app_environment):
    slug = unique_slug("conv")
    load_demo(get_database(), LOCAL_USER, slug)
    app = _page(slug)
    before = next(m.value for m in app.metric if m.label == "CA des communautés")
    app.selectbox(key="conv_channel").select("telegram_channel").run()
    assert not app.exception, app.exception
    after = next(m.value for m in app.metric if m.label == "CA des communautés")
    assert after != before
    shown = set(_frame(app, "Taux de conversion (intervalle à 95 %)")["Communauté"])
    assert shown == {"Les Amis du Chai", "Public / inconnu"}
    app.radio(key="conv_grain").set_value("week").run()
    assert "Chiffre d'affaires par semaine et par canal" in [s.value for s in app.subheader]
    english = _page(slug, language="en")
    assert not english.exception, english.exception
    assert "Community revenue" in [m.label for m in english.metric]
    assert "Revenue per month and channel" in [s.value for s in english.subheader]


def test_empty_workspace_guides_then_an_export_brings_the_funnel(app_environment):
    """No orders: how to export them from Shopify. Five orders, two sales, 189,90 € — then the figures."""
    slug = unique_slug("conv")
    ensure_workspace(get_database(), LOCAL_USER, slug, "Essai commandes")
    app = _page(slug)
    assert not app.exception, app.exception
    assert any("Aucune commande" in i.value for i in app.info)
    assert any("Commandes › Exporter" in m.value for m in app.markdown)
    assert not app.metric
    app.file_uploader(key="orders_upload").upload("commandes.csv", FIXTURE.read_bytes(), "text/csv").run()
    app.button(key="orders_import").click().run()
    assert not app.exception, app.exception
    assert any("5 commandes lues, 2 ventes pour 189,90" in s.value for s in app.success)
    app.run()
    assert "Du contact à l'achat" in [s.value for s in app.subheader]


def test_downloads_carry_their_bytes_and_come_once(app_environment):
    """Issue #12 item 11: a chart's PNG/SVG and the summary are prepared on demand and then offered as bytes
    (never a deferred file that may be gone when clicked); one row of buttons per chart, none disabled."""
    slug = unique_slug("conv")
    load_demo(get_database(), LOCAL_USER, slug)
    app = _page(slug)
    downloads = app.get("download_button")
    assert len({d.proto.id for d in downloads}) == len(downloads)
    assert not any(d.proto.disabled for d in downloads)
    assert all(not d.proto.deferred_file_id for d in downloads)
    app.button(key="conv_prepare_funnel").click().run()
    assert not app.exception, app.exception
    labels = [d.proto.label for d in app.get("download_button")]
    assert labels.count("PNG") == 1 and labels.count("SVG") == 1
    app.button(key="conv_summary_prepare").click().run()
    assert not app.exception, app.exception
    labels = [d.proto.label for d in app.get("download_button")]
    assert "Résumé d'une page (PDF)" in labels or any("PDF" in label for label in labels)
    assert all(not d.proto.deferred_file_id for d in app.get("download_button"))
