"""Review of issue 6's mapping wizard: a column chosen for two fields stops the import until it is fixed."""

from __future__ import annotations

from tests.support.db import unique_slug
from tests.support.orders_page import FIXTURES, orders_page


def test_a_column_chosen_for_two_fields_stops_the_import(app_environment):
    """The same "Montant TTC" as the total and as the refund used to import every sale as refunded in full (the
    last choice won, silently but for a warning); now the import waits with a French sentence."""
    app = orders_page(unique_slug("twice"))
    app.file_uploader(key="orders_upload").upload("caisse.csv", (FIXTURES / "generic_orders.csv").read_bytes(),
                                                  "text/csv").run()
    assert app.selectbox(key="orders_map_total").value == "Montant TTC"
    assert [b for b in app.button if b.key == "orders_import"]
    app.selectbox(key="orders_map_refunded").set_value("Montant TTC").run()
    assert not app.exception, app.exception
    assert any("« Montant TTC » est choisie pour plusieurs champs" in w.value for w in app.warning)
    assert not [b for b in app.button if b.key == "orders_import"]
    app.selectbox(key="orders_map_refunded").set_value(None).run()
    assert [b for b in app.button if b.key == "orders_import"]
