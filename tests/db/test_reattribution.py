"""Issue #12 item 7: attribution follows changes. A community, promo code, link or member list that changes
re-attributes the workspace's orders by itself; a re-import says what moved; SQL and Python rules agree."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from lib.contacts.readers import read_contacts_file
from lib.conversions.attribution import AttributionContext, CommunityRef, attribute, utm_pair
from lib.conversions.store import import_orders
from lib.links import LinkError
from lib.links.communities import create_community, create_link, import_members, update_community
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug

HEADER = ("Name,Email,Financial Status,Currency,Total,Discount Code,Created at,Lineitem quantity,Lineitem name,"
          "Lineitem price,Refunded Amount,Cancelled at,Phone,Landing Site,How did you hear about us?")
WHEN = "2026-10-02 09:58:00 +0200"


def _csv(*rows: str) -> bytes:
    return ("\n".join((HEADER, *rows)) + "\n").encode("utf-8")


def _import(db, principal, workspace_id, data: bytes):
    table = read_contacts_file(data, "orders.csv")
    return import_orders(db, principal, workspace_id, table.columns, table.rows, table.row_numbers,
                         file_name="orders.csv")


def _attribution(db, principal, workspace_id) -> dict[str, tuple[str, str | None]]:
    with db.tenant(principal) as conn:
        return {number: (method, community) for number, method, community in conn.execute(
            "select number, method, community_id::text from public.orders where workspace_id = %s order by number",
            (workspace_id,))}


@pytest.fixture
def space(db):
    owner = make_user(db)
    return owner, ensure_workspace(db, owner, unique_slug("reattr"))


FILE = _csv(f"#1,a@example.fr,paid,EUR,50.00,ROUGE24,{WHEN},1,Vin,50.00,0,,,,",
            f"#2,b@example.fr,paid,EUR,40.00,,{WHEN},1,Vin,40.00,0,,06 11 11 11 11,,",
            f"#3,c@example.fr,paid,EUR,30.00,,{WHEN},1,Vin,30.00,0,,,,")


def test_a_community_created_after_its_orders_gets_them(db, space):
    owner, workspace = space
    _import(db, owner, workspace.id, FILE)
    assert _attribution(db, owner, workspace.id)["#1"] == ("none", None)
    rouge = create_community(db, owner, workspace.id, name="Amateurs de rouge", channel="whatsapp_group",
                             promo_code="rouge24")
    assert rouge.reattributed == 1
    assert _attribution(db, owner, workspace.id)["#1"] == ("promo_code", rouge.id)
    # a promo code changed on an existing community moves its orders too
    other = create_community(db, owner, workspace.id, name="Blancs", channel="sms_list")
    moved = update_community(db, owner, workspace.id, other.id, name="Blancs", channel="sms_list", promo_code="ROUGE24")
    assert moved.reattributed == 0  # the same code twice: the name sorting first keeps it (« Amateurs » < « Blancs »)
    assert _attribution(db, owner, workspace.id)["#1"] == ("promo_code", rouge.id)
    update_community(db, owner, workspace.id, rouge.id, name="Amateurs de rouge", channel="whatsapp_group",
                     promo_code=None)
    assert _attribution(db, owner, workspace.id)["#1"] == ("promo_code", other.id)


def test_a_member_list_and_a_link_reattribute(db, space):
    owner, workspace = space
    with db.tenant(owner) as conn:
        conn.execute("insert into public.contacts (workspace_id, phone_e164) values (%s, '+33611111111')",
                     (workspace.id,))
    _import(db, owner, workspace.id, FILE)
    cercle = create_community(db, owner, workspace.id, name="Le Cercle", channel="sms_list")
    report = import_members(db, owner, workspace.id, cercle.id, ["06 11 11 11 11"])
    assert report.added == 1
    # joined now, after the order: not evidence; nothing moves
    assert report.reattributed == 0 and _attribution(db, owner, workspace.id)["#2"] == ("none", None)
    link = create_link(db, owner, workspace.id, cercle.id, source="Salon", destination="https://shop.example/",
                       base_url="https://c.example")
    assert link.reattributed == 0
    again = _csv(f"#3,c@example.fr,paid,EUR,30.00,,{WHEN},1,Vin,30.00,0,,,/r/{link.code},")
    report = _import(db, owner, workspace.id, again)
    assert report.changed == 1 and report.reattributed == 1  # the landing site changed and brought the link


def test_reimporting_the_same_file_says_what_was_reattributed(db, space):
    """A community written without going through Cercle's screens (another tool, a restored backup): the same
    file imported again re-attributes and says so instead of « rien n'a changé »."""
    owner, workspace = space
    first = _import(db, owner, workspace.id, FILE)
    assert (first.changed, first.reattributed) == (3, 0)
    with db.tenant(owner) as conn:
        conn.execute("insert into public.communities (workspace_id, name, channel, promo_code) values "
                     "(%s, 'Rouge', 'sms_list', 'ROUGE24')", (workspace.id,))
    again = _import(db, owner, workspace.id, FILE)
    assert (again.changed, again.reattributed) == (0, 1)
    third = _import(db, owner, workspace.id, FILE)
    assert (third.changed, third.reattributed) == (0, 0)


def test_a_viewer_cannot_edit_a_community(db, space):
    owner, workspace = space
    community = create_community(db, owner, workspace.id, name="Le Cercle", channel="sms_list")
    viewer = make_user(db)
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace.id, viewer.user_id))
    with pytest.raises(LinkError) as info:
        update_community(db, viewer, workspace.id, community.id, name="Piraté", channel="sms_list",
                         promo_code="X")
    assert info.value.code == "read_only"
    renamed = update_community(db, owner, workspace.id, community.id, name="Le Grand Cercle", channel="sms_list",
                               invite_url=None, promo_code="CERCLE")
    assert (renamed.name, renamed.promo_code) == ("Le Grand Cercle", "CERCLE")


def test_sql_and_python_rules_agree_on_the_same_cases(db, space):
    """The same orders, communities, links and memberships: ``attribute_orders`` (SQL) and ``attribute``
    (Python) give each order the same method and community."""
    owner, workspace = space
    placed = dt.datetime(2026, 10, 2, 9, 58, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    cercle = create_community(db, owner, workspace.id, name="Le Cercle", channel="sms_list", promo_code="CERCLE10")
    amis = create_community(db, owner, workspace.id, name="Les Amis", channel="sms_list", promo_code="AMIS")
    salon = create_community(db, owner, workspace.id, name="Salon d'Angers", channel="sms_list")
    link = create_link(db, owner, workspace.id, salon.id, source="Salon", destination="https://shop.example/",
                       base_url="https://c.example")
    shop = create_link(db, owner, workspace.id, amis.id, source="Statut", destination="https://shop.example/cave",
                       base_url="https://c.example")
    with db.tenant(owner) as conn:
        ana, bea = (conn.execute("insert into public.contacts (workspace_id, phone_e164) values (%s, %s) "
                                 "returning id::text", (workspace.id, phone)).fetchone()[0]
                    for phone in ("+33611111111", "+33622222222"))
        for contact, community, joined in ((ana, amis.id, placed - dt.timedelta(days=5)),
                                           (ana, cercle.id, placed - dt.timedelta(days=1)),
                                           (bea, cercle.id, placed + dt.timedelta(days=1))):
            conn.execute("insert into public.community_members (workspace_id, community_id, contact_id, joined_at) "
                         "values (%s, %s, %s, %s)", (workspace.id, community, contact, joined))
        shop_utm = conn.execute("select destination from public.invite_links where id = %s",
                                (shop.id,)).fetchone()[0].split("?", 1)[1]
    rows = [("#1", " cercle10", "", "", "06 11 11 11 11"), ("#2", "NOPE", f"/r/{link.code}", "Les Amis", ""),
            ("#3", "", f"/?utm_content={link.code}&utm_campaign={shop.code}", "", ""),
            ("#4", "", f"/?{shop_utm}".replace(f"utm_content={shop.code}", "utm_content=x"), "", ""),
            ("#5", "", "", "", "06 11 11 11 11"), ("#6", "", "", "le cercle", "06 22 22 22 22"),
            ("#7", "", "/?utm_source=whatsapp", "salon d'angers ", ""), ("#8", "amis", "", "", ""),
            ("#9", "", "", "", "")]
    _import(db, owner, workspace.id, _csv(*(
        f"{n},,paid,EUR,10.00,{code},{WHEN},1,Vin,10.00,0,,{phone},{landing},\"{declared}\""
        for n, code, landing, declared, phone in rows)))
    in_sql = _attribution(db, owner, workspace.id)
    with db.tenant(owner) as conn:
        communities = [CommunityRef(*row) for row in conn.execute(
            "select id::text, name, promo_code from public.communities where workspace_id = %s", (workspace.id,))]
        links = dict(conn.execute("select code, community_id::text from public.invite_links where workspace_id = %s",
                                  (workspace.id,)).fetchall())
        destinations = conn.execute("select destination, community_id::text from public.invite_links "
                                    "where workspace_id = %s", (workspace.id,)).fetchall()
        stored = conn.execute("select number, discount_code, landing_site, declared_source, created_at, contact_id"
                              "::text from public.orders where workspace_id = %s", (workspace.id,)).fetchall()
        events = {}
        for contact, community, joined in conn.execute(
                "select contact_id::text, community_id::text, joined_at from public.community_members "
                "where workspace_id = %s", (workspace.id,)):
            events.setdefault(contact, []).append((community, joined))
    utms = {utm_pair(url): cid for url, cid in destinations if utm_pair(url)}
    in_python = {}
    for number, code, landing, declared, created, contact in stored:
        order = SimpleNamespace(discount_code=code, landing_site=landing, declared_source=declared,
                                created_at=created)
        method, _confidence, community = attribute(
            order, AttributionContext(communities, links, utms, events.get(contact, [])))
        in_python[number] = (method, community.id if community else None)
    assert in_sql == in_python
    # and the cases cover every rule
    assert {method for method, _ in in_sql.values()} == {"promo_code", "link", "contact", "declared", "none"}
