"""Communautés & liens: a community can be edited (promo code, invite link, target segment) by an editor, and the
orders it now explains are attributed to it at once (issue #12 item 7)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.contacts.readers import read_contacts_file
from lib.conversions.store import import_orders
from lib.db import LOCAL_USER, get_database
from lib.links.communities import create_community, list_communities
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, unique_slug

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


def test_invitations_ask_the_estate_name_once_then_list_a_page(app_environment):
    """A workspace still called « Mon domaine »: the invitations ask for the estate's name before any message;
    then 25 people a page, each message signed with it, through the « Invitation WhatsApp » link."""
    from lib.demo import load_demo

    db = get_database()
    slug = unique_slug("invname")
    workspace, _ = load_demo(db, LOCAL_USER, slug)
    with db.admin() as conn:
        conn.execute("update public.workspaces set name = 'Mon domaine' where id = %s", (workspace.id,))
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    app.session_state["workspace"] = slug
    app.session_state["language"] = "fr"
    app.run()
    app.switch_page("pages/communities.py").run()
    assert not app.exception, app.exception
    assert any("Quel nom signe vos invitations" in i.value for i in app.info)
    next(f for f in app.text_input if f.key == "invite_estate_input").input("Domaine des Essais")
    next(b for b in app.button if b.label == "Enregistrer" and "invite_estate_form" in str(b.form_id)).click()
    app.run()
    assert not app.exception, app.exception
    captions = " ".join(c.value for c in app.caption)
    assert "« Invitation WhatsApp »" in captions and "page 1 sur" in captions
    texts = [x.value for x in app.text]
    assert len(texts) == 25 and all("Domaine des Essais" in x for x in texts)
    assert not any("Mon domaine" in x for x in texts)
