"""Communautés & liens: a community can be edited (promo code, invite link, target segment) by an editor, and the
orders it now explains are attributed to it at once (issue #12 item 7)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.contacts.readers import read_contacts_file
from lib.conversions.store import import_orders
from lib.db import LOCAL_USER, get_database
from lib.links.communities import create_community, list_communities
from lib.workspaces import ensure_workspace
from tests.conftest import PROJECT_ROOT, unique_slug

ORDERS = ("Name,Email,Financial Status,Currency,Total,Discount Code,Created at,Lineitem quantity,Lineitem name,"
          "Lineitem price\n#1,a@example.fr,paid,EUR,50.00,ROUGE24,2026-10-02 09:58:00 +0200,1,Vin,50.00\n")


def test_editing_the_promo_code_attributes_the_orders_it_explains(app_environment):
    db = get_database()
    slug = unique_slug("edit")
    workspace = ensure_workspace(db, LOCAL_USER, slug, "Domaine Édité")
    community = create_community(db, LOCAL_USER, workspace.id, name="Amateurs de rouge", channel="whatsapp_group")
    table = read_contacts_file(ORDERS.encode(), "orders.csv")
    import_orders(db, LOCAL_USER, workspace.id, table.columns, table.rows, table.row_numbers, file_name="orders.csv")
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = slug
    app.session_state["language"] = "fr"
    app.run()
    app.switch_page("pages/communities.py").run()
    assert not app.exception, app.exception
    promo = next(field for field in app.text_input if field.label == "Code promo de la communauté"
                 and field.key != "community_promo")
    promo.input("rouge24")
    next(b for b in app.button if b.label == "Enregistrer").click()
    app.run()
    assert not app.exception, app.exception
    assert any("rattachées autrement après ce changement : 1" in s.value for s in app.success)
    (saved,) = list_communities(db, LOCAL_USER, workspace.id)
    assert saved.id == community.id and saved.promo_code == "rouge24"
    with db.tenant(LOCAL_USER) as conn:
        assert conn.execute("select community_id::text, method from public.orders where workspace_id = %s",
                            (workspace.id,)).fetchone() == (community.id, "promo_code")
