"""Personal invitations: only people who may be invited are listed, and each opening is recorded once per click."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lib.db import LOCAL_USER, get_database
from lib.demo import load_demo
from lib.links.communities import create_community, create_link, invitation_source_link, list_links
from lib.links.invitation_log import invitation_stats, prepare_invitations
from lib.links.invitations import render_message
from lib.links.recipients import invitation_link, recipient_page, recipients
from lib.routes import ROUTES
from tests.support.db import unique_slug


@pytest.fixture(scope="module")
def setup(app_environment):
    db = get_database()
    workspace, _ = load_demo(db, LOCAL_USER, unique_slug("inv"))
    community = create_community(db, LOCAL_USER, workspace.id, name="Cercle rouge", channel="whatsapp_group",
                                 invite_url="https://chat.whatsapp.com/AbCdEfGhIjKlMnOp12")
    link = create_link(db, LOCAL_USER, workspace.id, community.id, source="Invitations")
    return db, workspace, community, link


def test_only_reachable_consenting_people_are_listed(setup):
    """Everyone offered has a mobile, WhatsApp consent, no opt-out, and is in the zone (an adult: alcohol)."""
    db, workspace, community, _ = setup
    total, people = recipients(db, LOCAL_USER, workspace.id, community.channel, None, limit=500)
    assert 0 < len(people) <= total
    ids = [str(p["id"]) for p in people]
    with db.tenant(LOCAL_USER) as conn:
        rows = conn.execute(
            "select reach_whatsapp, consent_whatsapp, opted_out_at is null, declared_adult, country"
            " from public.contacts where id = any(%s::uuid[])", (ids,)).fetchall()
    assert all(r[0] and r[1] and r[2] and r[3] is True and r[4] == "FR" for r in rows)


def test_opening_an_invitation_records_it_and_redirects_to_the_prefilled_message(setup):
    """/i/{token} counts the opening and sends the browser to wa.me with the message; unknown tokens get 404."""
    db, workspace, community, link = setup
    _, people = recipients(db, LOCAL_USER, workspace.id, community.channel, None, limit=2)
    person = people[0]
    text = render_message("Bonjour {prenom}, rejoignez-nous : {lien}", prenom=person["first_name"],
                          lien=link.short_url, domaine=workspace.name, alcohol=True, language="fr")
    url = invitation_link("whatsapp", person["phone_e164"], link.short_url, text)
    tokens = prepare_invitations(db, LOCAL_USER, workspace.id, link.id, "whatsapp", {str(person["id"]): url})
    again = prepare_invitations(db, LOCAL_USER, workspace.id, link.id, "whatsapp", {str(person["id"]): url})
    assert tokens == again  # the same person keeps one invitation per link and channel
    client = TestClient(Starlette(routes=ROUTES))
    response = client.get(f"/i/{tokens[str(person['id'])]}", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == url and url.startswith("https://wa.me/" + person["phone_e164"][1:] + "?")
    assert client.get("/i/" + "x" * 24, follow_redirects=False).status_code == 404
    assert client.get("/i/%2E%2E%2Fhealthz", follow_redirects=False).status_code == 404
    stats = {(s.community, s.channel): s for s in invitation_stats(db, LOCAL_USER, workspace.id)}
    assert stats[("Cercle rouge", "whatsapp")].opened == 1


def test_segment_on_community_membership(setup):
    """« Pas encore membres » of a community excludes the people its member list matched."""
    from lib.links.communities import import_members
    from lib.segments.rules import count_members

    db, workspace, community, _ = setup
    _, people = recipients(db, LOCAL_USER, workspace.id, community.channel, None, limit=3)
    report = import_members(db, LOCAL_USER, workspace.id, community.id, [p["phone_e164"] for p in people])
    assert report.added == 3
    members = {"all": [{"field": "community", "op": "in", "value": [community.id]}]}
    outsiders = {"all": [{"field": "community", "op": "not_in", "value": [community.id]}]}
    everyone = count_members(db, LOCAL_USER, workspace.id, {"all": []})
    assert count_members(db, LOCAL_USER, workspace.id, members) == 3
    assert count_members(db, LOCAL_USER, workspace.id, outsiders) == everyone - 3


def test_recipients_come_a_page_at_a_time_in_a_stable_order(setup):
    """25 a page, every person once across the pages, the same order on every call (names, then number, then the
    contact's unique id), and a page past the end gives the last one."""
    db, workspace, community, _ = setup
    first = recipient_page(db, LOCAL_USER, workspace.id, community.id, community.channel, None, page=1)
    assert first.total > 50 and len(first.people) == 25 and first.pages == -(-first.total // 25)
    assert recipient_page(db, LOCAL_USER, workspace.id, community.id, community.channel, None, page=1) == first
    seen = [p.id for n in range(1, first.pages + 1)
            for p in recipient_page(db, LOCAL_USER, workspace.id, community.id, community.channel, None,
                                    page=n).people]
    assert len(seen) == len(set(seen)) == first.total
    keys = [((p.last_name or "").lower(), (p.first_name or "").lower()) for p in first.people]
    assert keys == sorted(keys)
    last = recipient_page(db, LOCAL_USER, workspace.id, community.id, community.channel, None, page=10_000)
    assert last.page == first.pages and last.people


def test_an_invitation_counts_when_opened_not_when_the_page_draws(db, app_environment):
    """Preparing a page's buttons invites nobody; opening one marks that person « déjà invité » and only them."""
    workspace, _ = load_demo(db, LOCAL_USER, unique_slug("inv-count"))
    community = create_community(db, LOCAL_USER, workspace.id, name="Cercle blanc", channel="whatsapp_group",
                                 invite_url="https://chat.whatsapp.com/AbCdEfGhIjKlMnOp12")
    link = invitation_source_link(db, LOCAL_USER, workspace.id, community.id, "whatsapp")
    assert link.source == "Invitation WhatsApp"
    assert invitation_source_link(db, LOCAL_USER, workspace.id, community.id, "whatsapp").id == link.id
    assert [x.source for x in list_links(db, LOCAL_USER, workspace.id, community.id)] == ["Invitation WhatsApp"]
    page = recipient_page(db, LOCAL_USER, workspace.id, community.id, community.channel, None)
    urls = {p.id: invitation_link("whatsapp", p.phone_e164, link.short_url, "Bonjour") for p in page.people}
    tokens = prepare_invitations(db, LOCAL_USER, workspace.id, link.id, "whatsapp", urls)
    assert len(tokens) == 25
    def ours():
        return [x for x in invitation_stats(db, LOCAL_USER, workspace.id) if x.community == "Cercle blanc"]

    assert ours() == []  # 25 prepared, none invited (the demo's own communities have theirs)
    chosen = page.people[3]
    client = TestClient(Starlette(routes=ROUTES))
    assert client.get(f"/i/{tokens[chosen.id]}", follow_redirects=False).status_code == 302
    (stat,) = ours()
    assert (stat.community, stat.channel, stat.opened, stat.people) == ("Cercle blanc", "whatsapp", 1, 1)
    again = recipient_page(db, LOCAL_USER, workspace.id, community.id, community.channel, None)
    marked = {p.id: p.invited_at for p in again.people if p.invited_at is not None}
    assert list(marked) == [chosen.id] and again.invited == 1
    fresh = recipient_page(db, LOCAL_USER, workspace.id, community.id, community.channel, None,
                           not_invited_only=True)
    assert fresh.matching == fresh.total - 1 and chosen.id not in {p.id for p in fresh.people}
