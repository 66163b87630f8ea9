"""The conversions page takes a WooCommerce export as it is, any other file through the column mapping, and
sales typed in at the cellar door (with French refusals and an undo for a sale typed by mistake)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tests.support.db import unique_slug
from tests.support.orders_page import FIXTURES, orders_page


def test_a_woocommerce_export_is_recognised_and_imported(app_environment):
    app = orders_page(unique_slug("woo"))
    app.file_uploader(key="orders_upload").upload("commandes.csv", (FIXTURES / "woocommerce_orders.csv").read_bytes(),
                                                  "text/csv").run()
    assert not app.exception, app.exception
    assert any("WooCommerce reconnu" in i.value for i in app.info)
    assert not [s for s in app.selectbox if s.key and s.key.startswith("orders_map_")]  # no wizard needed
    app.button(key="orders_import").click().run()
    assert not app.exception, app.exception
    assert any("7 commandes lues, 3 ventes pour 1\u202f424,40 €" in s.value for s in app.success)
    app.button(key="orders_import").click().run()  # the same file again
    assert any("rien n'a changé" in i.value for i in app.info)


def test_any_other_file_goes_through_the_mapping(app_environment):
    """The guess is shown; without an order number the import waits with a French sentence; once the user picks
    the column, the preview and the import follow."""
    app = orders_page(unique_slug("map"))
    data = (FIXTURES / "generic_orders.csv").read_bytes()
    app.file_uploader(key="orders_upload").upload("caisse.csv", data, "text/csv").run()
    assert not app.exception, app.exception
    assert app.selectbox(key="orders_map_number").value == "Ticket"
    assert app.selectbox(key="orders_map_total").value == "Montant TTC"
    assert app.multiselect(key="orders_map_buyer_name").value == ["Client"]
    app.selectbox(key="orders_map_number").select_index(0).run()
    assert any("numéro de commande" in w.value for w in app.warning)
    assert not [b for b in app.button if b.key == "orders_import"]
    app.selectbox(key="orders_map_number").set_value("Ticket").run()
    preview = next(d.value for d in app.dataframe if "Acheteur" in d.value.columns)
    assert list(preview["Commande"]) == ["C-101", "C-102", "C-103"]
    assert "<script>alert(1)</script>" in list(preview["Acheteur"])
    app.button(key="orders_import").click().run()
    assert not app.exception, app.exception
    assert any("3 commandes lues, 3 ventes pour 1\u202f298,00" in s.value for s in app.success)
    orders = next(d.value for d in app.dataframe if "Pourquoi" in d.value.columns)
    assert {"C-101", "C-102", "C-103"} <= set(orders["Commande"])


def test_a_cellar_door_sale_is_recorded_refused_when_wrong_and_deleted_on_request(app_environment):
    app = orders_page(unique_slug("cave"), community="Le Cercle des Coteaux")
    today = dt.datetime.now(ZoneInfo("Europe/Paris")).date()
    app.text_input(key="orders_m_amount").input("quarante")
    app.button(key="orders_m_submit").click().run()
    assert not app.exception, app.exception
    assert any("Montant illisible" in e.value for e in app.error)
    assert any("Aucune commande" in i.value for i in app.info)  # nothing stored
    app.text_input(key="orders_m_amount").input("127,50")
    app.text_input(key="orders_m_name").input("Jean <b>Dupont</b>")
    app.selectbox(key="orders_m_community").set_value("Le Cercle des Coteaux")
    app.button(key="orders_m_submit").click().run()
    assert not app.exception, app.exception
    number = f"CAVE-{today.year}-0001"
    assert any(f"Vente {number} enregistrée : 127,50 €" in s.value for s in app.success)
    assert any("Rattachée à « Le Cercle des Coteaux »" in c.value.replace("\\", "") for c in app.caption)
    assert app.text_input(key="orders_m_amount").value == ""  # an empty form for the next sale
    listed = next(d.value for d in app.dataframe if "Connu par" in d.value.columns)
    assert list(listed["Commande"]) == [number] and list(listed["Acheteur"]) == ["Jean <b>Dupont</b>"]
    assert list(listed["Communauté"]) == ["Le Cercle des Coteaux"]
    app.text_input(key="orders_m_amount").input("1e9")
    app.button(key="orders_m_submit").click().run()
    assert any("Montant illisible" in e.value for e in app.error)
    app.text_input(key="orders_m_amount").input("2000000")
    app.button(key="orders_m_submit").click().run()
    assert any("trop élevé" in e.value for e in app.error)
    assert len(next(d.value for d in app.dataframe if "Connu par" in d.value.columns)) == 1  # still one sale
    assert app.button(key="orders_m_delete").disabled
    app.checkbox(key="orders_m_delete_confirm").check().run()
    app.button(key="orders_m_delete").click().run()
    assert not app.exception, app.exception
    assert any(f"Vente {number} supprimée" in s.value for s in app.success)
    assert not [d for d in app.dataframe if "Connu par" in d.value.columns]
