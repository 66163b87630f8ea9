"""The conversions page tells the demo's story, and an orders export can be dropped on it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.db import LOCAL_USER, get_database
from lib.demo import load_demo
from lib.workspaces import ensure_workspace
from tests.conftest import PROJECT_ROOT, unique_slug

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "orders" / "shopify_orders.csv"


def _page(slug: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = slug
    app.run()
    return app.switch_page("pages/conversions.py").run()


def test_demo_conversions_show_the_community_against_public_sales(app_environment):
    """After the demo: the community and public/unknown sales side by side, with a conversion interval."""
    slug = unique_slug("conv")
    load_demo(get_database(), LOCAL_USER, slug)
    app = _page(slug)
    assert not app.exception, app.exception
    table = next(d.value for d in app.dataframe if "Communauté" in d.value.columns and "Membres" in d.value.columns)
    assert {"Le Cercle des Coteaux", "Public / inconnu"} <= set(table["Communauté"])
    rate = table.set_index("Communauté").loc["Le Cercle des Coteaux", "Taux de conversion (intervalle à 95 %)"]
    assert "(" in rate and "–" in rate


def test_dropping_a_shopify_export_imports_it_and_says_what_it_found(app_environment):
    """Five orders, two sales, 189,90 € — said in French."""
    slug = unique_slug("conv")
    ensure_workspace(get_database(), LOCAL_USER, slug, "Essai commandes")
    app = _page(slug)
    assert any("Aucune commande" in i.value for i in app.info)
    app.file_uploader(key="orders_upload").upload("commandes.csv", FIXTURE.read_bytes(), "text/csv").run()
    app.button(key="orders_import").click().run()
    assert not app.exception, app.exception
    assert any("5 commandes lues, 2 ventes pour 189,90" in s.value for s in app.success)
