"""Join pages /j/{code} against a real PostgreSQL: sign-up with consent and proof, every refusal, tokens, rate
limits, honeypot, suppressed numbers, row level security, preview bots, 404s, and the CLI contract."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import time
import uuid

import psycopg
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lib.contacts.rights import erase_contact, opt_out
from lib.links import join_page as join_page_module
from lib.links.communities import create_community
from lib.links.join import check_token, create_join_page, disable_join_page, form_key, join_stats, make_token
from lib.routes import ROUTES
from lib.segments.rules import count_members
from tests.support.db import PROJECT_ROOT, make_user, unique_slug
from tests.support.join import BROWSER, INVITE, good_fields, join_space, post_form, token_of


@pytest.fixture
def space(db):
    return join_space(db)


def _client(ip: str | None = None) -> TestClient:
    address = ip or f"203.0.113.{uuid.uuid4().int % 250 + 1}"
    return TestClient(Starlette(routes=ROUTES), follow_redirects=False, client=(address, 40000))


@pytest.fixture
def client(app_environment, monkeypatch):
    monkeypatch.setitem(join_page_module.LIMITS, "per_visitor", 100)
    monkeypatch.setitem(join_page_module.LIMITS, "per_page", 6000)
    with _client() as test_client:
        yield test_client


def contact_by_phone(db, workspace_id: str, e164: str) -> dict | None:
    with db.admin() as conn:
        cursor = conn.execute("select * from public.contacts where workspace_id = %s and phone_e164 = %s",
                              (workspace_id, e164))
        row = cursor.fetchone()
        return dict(zip([d.name for d in cursor.description], row, strict=True)) if row else None


def e164(national: str) -> str:
    return "+33" + national[1:]


def count(db, sql: str, *params) -> int:
    with db.admin() as conn:
        return conn.execute(sql, params).fetchone()[0]


def stats(db, space) -> dict:
    return {s.code: s for s in join_stats(db, space.owner, space.workspace.id)}[space.page.code]


# --- the page and a valid sign-up ---------------------------------------------------------------------------------


def test_page_is_small_french_html_with_the_contract_fields(space, client):
    response = client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    text = html.unescape(response.text)
    assert f'<form method="post" action="/j/{space.page.code}"' in text and "<script" not in text
    for name in ("first_name", "phone", "email", "consent_whatsapp", "consent_email", "adult", "token", "website"):
        assert f'name="{name}"' in text
    assert 'name="consent_sms"' not in text  # a WhatsApp community asks for WhatsApp (and e-mail) only
    assert "checked" not in text.split('name="consent_whatsapp"')[1].split(">")[0]  # never pre-ticked
    assert "J'ai 18 ans ou plus" in text
    assert "L'abus d'alcool est dangereux pour la santé, à consommer avec modération." in text
    assert "Domaine des Essais" in text and "STOP" in text and "trois ans" in text
    assert len(response.content) < 12_000 and "no-store" in response.headers["cache-control"]


def test_english_when_the_browser_prefers_it(space, client):
    english = client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER,
                                                            "Accept-Language": "en-GB,en;q=0.9,fr;q=0.5"})
    assert "I am 18 or older" in html.unescape(english.text) and '<html lang="en">' in english.text
    french = client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER, "Accept-Language": "fr-FR,en;q=0.8"})
    assert "J'ai 18 ans ou plus" in html.unescape(french.text)


def test_valid_sign_up_creates_the_contact_with_consent_and_proof(db, space, client):
    fields = good_fields(email="Camille@Example.FR")
    response = post_form(client, space.page.code, fields)
    assert response.status_code == 303 and response.headers["location"] == INVITE
    contact = contact_by_phone(db, space.workspace.id, e164(fields["phone"]))
    with db.admin() as conn:
        seen = conn.execute("select phone_e164 from public.contacts where workspace_id = %s",
                            (space.workspace.id,)).fetchall()
        asked = conn.execute("select phone_e164 from public.join_resubscriptions where workspace_id = %s",
                             (space.workspace.id,)).fetchall()
    assert contact is not None, (fields, seen, asked)
    assert contact["first_name"] == "Camille" and contact["email"] == "camille@example.fr"
    assert contact["consent_whatsapp"] and not contact["consent_email"] and not contact["consent_sms"]
    assert contact["declared_adult"] is True and contact["reach_whatsapp"]
    assert sorted(contact["interests"]) == ["Bulles", "Rouge"]
    assert (contact["budget_min_eur"], contact["budget_max_eur"]) == (15, 30)
    proof = contact["consent_proof"]["whatsapp"]
    assert proof["method"] == "form" and proof["method_label"] == "formulaire en ligne"
    assert proof["page"] == space.page.code and "Salon de Lyon" in proof["source"]
    assert proof["wording"].startswith("J'accepte que Domaine des Essais m'invite") and proof["wording_version"]
    assert len(proof["visitor"]) == 64 and proof["at"]
    with db.admin() as conn:
        origin = conn.execute("select file_name, source from public.imports where id = %s",
                              (contact["source_import_id"],)).fetchone()
        events = conn.execute("select channel, granted, method, wording from public.consent_events"
                              " where contact_id = %s", (contact["id"],)).fetchall()
        signups = conn.execute("select outcome from public.join_signups where contact_id = %s",
                               (contact["id"],)).fetchall()
        everything = conn.execute(
            "select coalesce(string_agg(t::text, ' '), '') from (select to_jsonb(a)::text t from public.join_attempts a"
            " union all select to_jsonb(v)::text from public.join_page_views v"
            " union all select to_jsonb(c)::text from public.contacts c where c.id = %s) x",
            (contact["id"],)).fetchone()[0]
    assert origin == ("Page d'inscription : Salon de Lyon", "join_page")
    assert events == [("whatsapp", True, "form", proof["wording"])]
    assert signups == [("created",)]
    assert client.app and "203.0.113." not in everything  # never the IP
    stat = stats(db, space)
    assert (stat.views, stat.signups) == (1, 1)


def test_sign_ups_are_selected_by_the_origin_condition(db, space, client):
    for _ in range(2):
        assert post_form(client, space.page.code, good_fields()).status_code == 303
    with db.admin() as conn:
        import_id = conn.execute("select import_id::text from public.join_pages where id = %s",
                                 (space.page.id,)).fetchone()[0]
    rules = {"all": [{"field": "import_source", "op": "in", "value": [import_id]}]}
    assert count_members(db, space.owner, space.workspace.id, rules) == 2


def test_undoing_a_pages_origin_is_refused(db, space, client):
    from lib.contacts.importer import undo_import

    post_form(client, space.page.code, good_fields())
    with db.admin() as conn:
        import_id = conn.execute("select import_id::text from public.join_pages where id = %s",
                                 (space.page.id,)).fetchone()[0]
    assert undo_import(db, space.owner, space.workspace.id, import_id) == {"removed": 0, "restored": 0}
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.tenant(space.owner) as conn:
            conn.execute("update public.imports set status = 'undone' where id = %s", (import_id,))
    assert stats(db, space).signups == 1


def test_existing_contact_is_completed_never_overwritten_nor_a_consent_removed(db, space, client):
    from lib.contacts.importer import import_rows

    number = f"076{uuid.uuid4().int % 10**7:07d}"
    import_rows(db, space.owner, space.workspace.id, ["Téléphone", "Prénom", "Opt-in SMS"],
                [[number, "Dominique", "oui"]], file_name="salon.csv")
    before = contact_by_phone(db, space.workspace.id, e164(number))
    assert before["consent_sms"] and not before["consent_whatsapp"]
    response = post_form(client, space.page.code, good_fields(phone=number, first_name="Autre", email="d@example.fr"))
    assert response.status_code == 303
    after = contact_by_phone(db, space.workspace.id, e164(number))
    assert after["id"] == before["id"] and after["first_name"] == "Dominique"
    assert after["email"] == "d@example.fr" and after["consent_sms"] and after["consent_whatsapp"]
    assert after["consent_proof"]["sms"] == before["consent_proof"]["sms"]
    assert after["consent_proof"]["whatsapp"]["method"] == "form"
    assert count(db, "select count(*) from public.join_signups where contact_id = %s and outcome = 'completed'",
                 after["id"]) == 1


def test_match_by_email_when_the_phone_is_new(db, space, client):
    first = good_fields(email=f"{uuid.uuid4().hex[:8]}@example.fr")
    post_form(client, space.page.code, first)
    second = good_fields(email=first["email"].upper())
    assert post_form(client, space.page.code, second).status_code == 303
    contact = contact_by_phone(db, space.workspace.id, e164(first["phone"]))
    assert contact["other_phones"] == [e164(second["phone"])]
    assert count(db, "select count(*) from public.contacts where workspace_id = %s", space.workspace.id) == 1


def test_no_consent_ticked_is_allowed_and_gives_none(db, space, client):
    fields = good_fields(consent_whatsapp=None)
    assert post_form(client, space.page.code, fields).status_code == 303
    contact = contact_by_phone(db, space.workspace.id, e164(fields["phone"]))
    assert not any(contact[f"consent_{c}"] for c in ("whatsapp", "sms", "telegram", "email"))
    assert contact["consent_proof"] == {}


def test_consent_for_a_channel_the_page_does_not_offer_is_ignored(db, space, client):
    fields = good_fields(consent_sms="yes", consent_telegram="yes")
    assert post_form(client, space.page.code, fields).status_code == 303
    contact = contact_by_phone(db, space.workspace.id, e164(fields["phone"]))
    assert not contact["consent_sms"] and not contact["consent_telegram"]


def test_international_number_is_accepted(db, space, client):
    assert post_form(client, space.page.code, good_fields(phone="+32 470 12 34 56")).status_code == 303
    assert contact_by_phone(db, space.workspace.id, "+32470123456")["phone_region"] == "BE"


# --- refusals -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "sentence"), [
    ({"phone": "06 12 34"}, "Ce numéro de téléphone n'est pas valide"),
    ({"phone": "pas un numéro"}, "Ce numéro de téléphone n'est pas valide"),
    ({"phone": ""}, "Indiquez votre numéro de mobile."),
    ({"phone": "01 42 68 53 00"}, "Ce numéro n'est pas un mobile"),
    ({"first_name": "   "}, "Indiquez votre prénom."),
    ({"adult": None}, "cochez « J'ai 18 ans ou plus »"),
    ({"email": "pas-une-adresse"}, "Cette adresse e-mail n'est pas valide"),
    ({"consent_email": "yes", "email": ""}, "indiquez votre adresse e-mail"),
    ({"budget": "1000000"}, "Choisissez un budget"),
    ({"first_name": "C" * 81}, "Un des champs est trop long"),
    ({"phone": "0" * 41}, "Un des champs est trop long"),
    ({"email": "a" * 250 + "@x.fr"}, "Un des champs est trop long"),
    ({"interests": ["x" * 201]}, "Un des champs est trop long"),
])
def test_each_wrong_field_answers_the_form_again_in_french(db, space, client, changes, sentence):
    fields = good_fields(**changes)
    response = post_form(client, space.page.code, fields)
    assert response.status_code == 400
    assert sentence in html.unescape(response.text)
    assert 'role="alert"' in response.text and token_of(response.text)
    assert count(db, "select count(*) from public.contacts where workspace_id = %s", space.workspace.id) == 0


def test_fields_come_back_as_typed_and_escaped(db, space, client):
    response = post_form(client, space.page.code, good_fields(first_name='<script>alert("x")</script>',
                                                              phone="06 12 <b>"))
    assert response.status_code == 400
    assert "<script>" not in response.text and "<b>" not in response.text
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in response.text
    assert 'value="06 12 &lt;b&gt;"' in response.text


def test_adult_box_is_not_asked_outside_alcohol(db, client):
    space = join_space(db, alcohol=False)
    page = html.unescape(client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER}).text)
    assert 'name="adult"' not in page and "L'abus d'alcool" not in page
    fields = good_fields(adult=None)
    assert post_form(client, space.page.code, fields).status_code == 303
    assert contact_by_phone(db, space.workspace.id, e164(fields["phone"]))["declared_adult"] is None


def test_body_too_big_or_not_a_form_is_refused(db, space, client):
    token = token_of(client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER}).text)
    big = client.post(f"/j/{space.page.code}", content=b"first_name=" + b"a" * 20_000 + b"&token=" + token.encode(),
                      headers={"Content-Type": "application/x-www-form-urlencoded", "User-Agent": BROWSER})
    assert big.status_code == 400 and "n'a pas pu être lu" in html.unescape(big.text)
    as_json = client.post(f"/j/{space.page.code}", json={"first_name": "x"}, headers={"User-Agent": BROWSER})
    assert as_json.status_code == 400
    bad_utf8 = client.post(f"/j/{space.page.code}", content=b"first_name=%ff%fe\xff",
                           headers={"Content-Type": "application/x-www-form-urlencoded", "User-Agent": BROWSER})
    assert bad_utf8.status_code == 400
    assert count(db, "select count(*) from public.contacts where workspace_id = %s", space.workspace.id) == 0


# --- tokens -------------------------------------------------------------------------------------------------------


def test_a_token_is_used_once(db, space, client):
    token = token_of(client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER}).text)
    assert post_form(client, space.page.code, good_fields(), token=token).status_code == 303
    again = post_form(client, space.page.code, good_fields(), token=token)
    assert again.status_code == 400 and "déjà été envoyé" in again.text
    assert stats(db, space).signups == 1


def test_expired_and_forged_tokens_are_refused(db, space, client):
    key = form_key(db)
    code = space.page.code
    expired = make_token(key, code, now=time.time() - 3 * 3600)
    response = post_form(client, code, good_fields(), token=expired)
    assert response.status_code == 400 and "a expiré" in response.text
    future = make_token(key, code, now=time.time() + 3600)
    assert post_form(client, code, good_fields(), token=future).status_code == 400
    other_page = make_token(key, "ZZZZZZZZZZ")
    issued, nonce, signature = make_token(key, code).split(".")
    for forged in (other_page, f"{issued}.{nonce}.{signature[:-2]}AA", f"{int(issued) + 1}.{nonce}.{signature}",
                   make_token("not-the-key", code), "", "1.2.3", "x" * 300):
        refused = post_form(client, code, good_fields(), token=forged)
        assert refused.status_code == 400 and "n'est pas valide" in html.unescape(refused.text), forged
    assert stats(db, space).signups == 0
    assert check_token(key, code, make_token(key, code))[0] == "ok"


# --- abuse --------------------------------------------------------------------------------------------------------


def test_rate_limit_per_visitor_in_the_database(db, space, app_environment, monkeypatch):
    monkeypatch.setitem(join_page_module.LIMITS, "per_visitor", 3)
    monkeypatch.setitem(join_page_module.LIMITS, "per_page", 6000)
    ip = f"198.51.100.{uuid.uuid4().int % 250 + 1}"
    with _client(ip) as first:
        answers = [post_form(first, space.page.code, good_fields()).status_code for _ in range(4)]
    assert answers == [303, 303, 303, 400]
    with _client(ip) as same_visitor_new_connection:
        refused = post_form(same_visitor_new_connection, space.page.code, good_fields())
    assert refused.status_code == 400 and "Trop d'envois" in html.unescape(refused.text)
    assert refused.headers["retry-after"]
    with _client() as someone_else:
        assert post_form(someone_else, space.page.code, good_fields()).status_code == 303
    assert stats(db, space).signups == 4


def test_rate_limit_per_page(db, space, app_environment, monkeypatch):
    monkeypatch.setitem(join_page_module.LIMITS, "per_visitor", 100)
    monkeypatch.setitem(join_page_module.LIMITS, "per_page", 2)
    answers = []
    for n in range(3):
        with _client(f"192.0.2.{n + 10}") as visitor:
            answers.append(post_form(visitor, space.page.code, good_fields()).status_code)
    assert answers == [303, 303, 400]
    other = join_space(db)
    with _client() as visitor:
        assert post_form(visitor, other.page.code, good_fields()).status_code == 303


def test_honeypot_pretends_success_and_stores_nothing(db, space, client):
    response = post_form(client, space.page.code, good_fields(website="http://spam.example"))
    assert response.status_code == 303 and response.headers["location"] == INVITE
    for table in ("contacts", "join_signups", "join_attempts", "join_form_tokens", "join_resubscriptions"):
        assert count(db, f"select count(*) from public.{table} where workspace_id = %s", space.workspace.id) == 0


def test_suppressed_number_is_never_revived_but_asks_to_resubscribe(db, space, client):
    fields = good_fields(email=f"{uuid.uuid4().hex[:8]}@example.fr")
    post_form(client, space.page.code, fields)
    contact = contact_by_phone(db, space.workspace.id, e164(fields["phone"]))
    assert opt_out(db, space.owner, space.workspace.id, contact["id"])
    again = post_form(client, space.page.code, good_fields(phone=fields["phone"], first_name="Revenu"))
    assert again.status_code == 303 and again.headers["location"] == INVITE
    after = contact_by_phone(db, space.workspace.id, e164(fields["phone"]))
    assert after["opted_out_at"] is not None and not after["consent_whatsapp"] and after["first_name"] == "Camille"
    # erased: the suppression key alone stays, and the form does not bring the person back
    assert erase_contact(db, space.owner, space.workspace.id, contact["id"])
    by_email = post_form(client, space.page.code, good_fields(email=fields["email"]))
    assert by_email.status_code == 303
    assert contact_by_phone(db, space.workspace.id, e164(fields["phone"])) is None
    with db.admin() as conn:
        requests = conn.execute("select first_name, phone_e164, consents, status, proof ? 'whatsapp'"
                                " from public.join_resubscriptions where workspace_id = %s order by created_at",
                                (space.workspace.id,)).fetchall()
    assert requests[0] == ("Revenu", e164(fields["phone"]), ["whatsapp"], "pending", True)
    assert len(requests) == 2 and requests[1][2] == ["whatsapp"]
    assert count(db, "select count(*) from public.contacts where workspace_id = %s", space.workspace.id) == 0


# --- no invite link, bots, 404s -----------------------------------------------------------------------------------


def test_community_without_invite_link_ends_on_a_thank_you_page(db, client):
    space = join_space(db, invite=None, channel="sms_list")
    page = client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER}).text
    assert 'name="consent_sms"' in page and 'name="consent_whatsapp"' not in page
    response = post_form(client, space.page.code, good_fields(consent_whatsapp=None, consent_sms="yes"))
    assert response.status_code == 303 and response.headers["location"] == f"/j/{space.page.code}/merci"
    thanks = client.get(response.headers["location"], headers={"User-Agent": BROWSER})
    assert thanks.status_code == 200 and "Merci" in thanks.text


@pytest.mark.parametrize("agent", ["WhatsApp/2.23.20.0 A", "TelegramBot (like TwitterBot)", "facebookexternalhit/1.1",
                                   "Slackbot-LinkExpanding 1.0", ""])
def test_preview_bots_get_a_preview_and_are_not_counted(db, space, client, agent):
    response = client.get(f"/j/{space.page.code}", headers={"User-Agent": agent})
    assert response.status_code == 200 and 'property="og:title" content="Le Cercle des Amis"' in response.text
    assert "<form" not in response.text
    head = client.head(f"/j/{space.page.code}", headers={"User-Agent": BROWSER})
    assert head.status_code == 200
    assert stats(db, space).views == 0


def test_a_visitor_counts_once_per_hour(db, space, client):
    for _ in range(3):
        client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER})
    client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER + " autre"})
    assert stats(db, space).views == 2


def test_unknown_disabled_and_malformed_codes_are_404(db, space, client):
    disabled = create_join_page(db, space.owner, space.workspace.id, space.community.id, source="vieux")
    disable_join_page(db, space.owner, space.workspace.id, disabled.id)
    for path in ("/j/ZZZZZZZZZZ", f"/j/{disabled.code}", "/j/short", "/j/%3Cb%3E", f"/j/{space.page.code}/x",
                 f"/j/{space.page.code}/../x", f"/j/{disabled.code}/merci"):
        response = client.get(path, headers={"User-Agent": BROWSER})
        assert response.status_code == 404 and "Page introuvable" in response.text, path
    posted = client.post(f"/j/{disabled.code}", data=good_fields(), headers={"User-Agent": BROWSER})
    assert posted.status_code == 404
    assert client.post("/j/ZZZZZZZZZZ", data=good_fields()).status_code == 404


def test_community_name_is_escaped_everywhere(db, client):
    owner = make_user(db)
    from lib.workspaces import ensure_workspace

    workspace = ensure_workspace(db, owner, unique_slug("xss"), '<img src=x onerror="alert(1)">')
    community = create_community(db, owner, workspace.id, name="<script>alert(1)</script>", channel="whatsapp_group",
                                 invite_url=INVITE)
    page = create_join_page(db, owner, workspace.id, community.id, source="s", interests=["<i>Rouge</i>"])
    for agent in (BROWSER, "WhatsApp/2"):
        text = client.get(f"/j/{page.code}", headers={"User-Agent": agent}).text
        assert "<script>" not in text and "<img" not in text and "<i>" not in text


# --- row level security -------------------------------------------------------------------------------------------


def test_anonymous_path_writes_only_into_its_pages_workspace(db, space, client):
    other = join_space(db)
    fields = good_fields()
    assert post_form(client, space.page.code, fields).status_code == 303
    assert contact_by_phone(db, space.workspace.id, e164(fields["phone"])) is not None
    assert contact_by_phone(db, other.workspace.id, e164(fields["phone"])) is None
    with db.admin() as conn:
        conn.execute("set local role anon")
        for table in ("join_pages", "join_signups", "join_page_views", "join_attempts", "join_form_tokens",
                      "join_resubscriptions", "contacts"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                with conn.transaction():
                    conn.execute(f"select count(*) from public.{table}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with conn.transaction():
                conn.execute("insert into public.join_signups (workspace_id, page_id, contact_id, outcome)"
                             " values (%s, %s, gen_random_uuid(), 'created')", (other.workspace.id, other.page.id))
        sign_up_unknown = ("select cercle_join.sign_up('ZZZZZZZZZZ', 'n' || md5('x'), 'A', '+33612345678', 'mobile',"
                           " 'FR', array[true, true, true], null, '{}', null, null, null, true, '{}', '{}')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # anon, the public key's role, calls nothing
            with conn.transaction():
                conn.execute(sign_up_unknown)
        conn.execute("set local role service_role")  # what the route acts as
        assert conn.execute(sign_up_unknown).fetchone()[0] == "not_found"


def test_members_of_another_workspace_see_nothing(db, space, client):
    post_form(client, space.page.code, good_fields())
    client.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER + " x"})
    stranger = join_space(db)
    with db.tenant(stranger.owner) as conn:
        for table in ("join_pages", "join_signups", "join_page_views", "join_attempts", "join_form_tokens",
                      "join_resubscriptions"):
            seen = conn.execute(f"select count(*) from public.{table} where workspace_id = %s",
                                (space.workspace.id,)).fetchone()[0]
            assert seen == 0, table
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with conn.transaction():
                conn.execute("insert into public.join_signups (workspace_id, page_id, contact_id, outcome)"
                             " values (%s, %s, gen_random_uuid(), 'created')", (space.workspace.id, space.page.id))
        with pytest.raises(psycopg.Error):
            with conn.transaction():
                conn.execute("insert into public.join_pages (workspace_id, community_id, source, code, import_id)"
                             " values (%s, %s, 's', 'QQQQQQQQQQ', gen_random_uuid())",
                             (space.workspace.id, space.community.id))
    assert join_stats(db, stranger.owner, space.workspace.id) == []
    with db.admin() as conn:
        forced = conn.execute("select bool_and(relrowsecurity and relforcerowsecurity) from pg_class"
                              " where relname like 'join\\_%' and relkind = 'r'"
                              " and relnamespace = 'public'::regnamespace").fetchone()[0]
    assert forced


# --- the CLI contract ---------------------------------------------------------------------------------------------


@pytest.fixture
def cli(database_url):
    env = dict(os.environ, DATABASE_URL=database_url, PUBLIC_BASE_URL="https://vins.example/")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=180)

    return run


def test_cli_create_join_page_and_join_stats(db, cli, client):
    slug = unique_slug("jcli")
    made = cli("create-link", "--workspace", slug, "--community", "Amis du Chenin", "--source", "salon",
               "--destination", INVITE, "--json")
    assert made.returncode == 0, made.stderr
    page = cli("create-join-page", "--workspace", slug, "--community", "amis du chenin", "--source", "QR collerette",
               "--interests", "Rouge, Blanc", "--json")
    assert page.returncode == 0, page.stderr
    created = json.loads(page.stdout)
    assert set(created) == {"code", "url"} and created["url"] == f"https://vins.example/j/{created['code']}"
    form = client.get(f"/j/{created['code']}", headers={"User-Agent": BROWSER}).text
    assert 'value="Rouge"' in form and 'name="consent_whatsapp"' in form
    assert post_form(client, created["code"], good_fields(interests=["Blanc"])).status_code == 303
    listed = cli("join-stats", "--workspace", slug, "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [{"code": created["code"], "community": "Amis du Chenin",
                                          "source": "QR collerette", "views": 1, "signups": 1}]
    plain = cli("create-join-page", "--workspace", slug, "--community", "Amis du Chenin", "--source", "stand")
    assert plain.returncode == 0 and "https://vins.example/j/" in plain.stdout


def test_cli_refuses_in_one_french_line(db, cli):
    slug = unique_slug("jcli")
    for args in (("--community", "Inconnue", "--source", "salon"),
                 ("--community", "Inconnue", "--source", "salon", "--channels", "pigeon")):
        refused = cli("create-join-page", "--workspace", slug, *args, "--json")
        assert refused.returncode == 2 and refused.stdout == ""
        assert len(refused.stderr.strip().splitlines()) == 1
    assert "n'existe pas" in cli("create-join-page", "--workspace", slug, "--community", "Inconnue", "--source",
                                 "s").stderr
    cli("create-link", "--workspace", slug, "--community", "C", "--source", "s", "--destination", INVITE)
    empty_source = cli("create-join-page", "--workspace", slug, "--community", "C", "--source", "  ")
    assert empty_source.returncode == 2 and "120 caractères" in empty_source.stderr
    bad_slug = cli("join-stats", "--workspace", "Pas Un Slug!", "--json")
    assert bad_slug.returncode == 2


def test_page_loads_are_flood_guarded_and_concurrency_capped(db, space, app_environment, monkeypatch):
    from lib.links.redirects import RateLimiter

    monkeypatch.setattr(join_page_module, "PAGE_RATE_LIMITER", RateLimiter(limit=2))
    with _client() as visitor:
        answers = [visitor.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER}) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429] and answers[2].headers["retry-after"]
    monkeypatch.setattr(join_page_module, "MAX_CONCURRENT", 0)
    with _client() as visitor:
        busy = visitor.get(f"/j/{space.page.code}", headers={"User-Agent": BROWSER})
    assert busy.status_code == 503 and "Réessayez" in busy.text


def test_the_same_person_signing_up_at_once_from_many_phones_is_one_contact(db, space, client):
    from concurrent.futures import ThreadPoolExecutor

    key = form_key(db)
    fields = good_fields(email=f"{uuid.uuid4().hex[:8]}@example.fr")
    tokens = [make_token(key, space.page.code) for _ in range(8)]

    def send(token: str) -> int:
        with _client() as visitor:
            return post_form(visitor, space.page.code, fields, token=token).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(send, tokens))
    assert answers == [303] * 8
    assert count(db, "select count(*) from public.contacts where workspace_id = %s", space.workspace.id) == 1
    with db.admin() as conn:
        outcomes = sorted(row[0] for row in conn.execute(
            "select outcome from public.join_signups where page_id = %s", (space.page.id,)).fetchall())
    assert outcomes == ["completed"] * 7 + ["created"]


def test_sign_ups_and_an_import_at_once_end_with_one_contact_per_number(db, space, client):
    from concurrent.futures import ThreadPoolExecutor

    from lib.contacts.importer import import_rows

    key = form_key(db)
    numbers = [f"061{uuid.uuid4().int % 10**7:07d}" for _ in range(6)]

    def send(number: str) -> int:
        with _client() as visitor:
            return post_form(visitor, space.page.code, good_fields(phone=number),
                             token=make_token(key, space.page.code)).status_code

    def load() -> int:
        return import_rows(db, space.owner, space.workspace.id, ["Téléphone", "Prénom"],
                           [[n, "Import"] for n in numbers], file_name="fichier.csv").imported

    with ThreadPoolExecutor(max_workers=7) as pool:
        imported = pool.submit(load)
        answers = list(pool.map(send, numbers))
    assert answers == [303] * 6 and 0 <= imported.result() <= 6
    with db.admin() as conn:
        rows = conn.execute("select phone_e164, consent_whatsapp from public.contacts where workspace_id = %s",
                            (space.workspace.id,)).fetchall()
    assert sorted(phone for phone, _ in rows) == sorted(e164(n) for n in numbers)
    assert all(consent for _, consent in rows)  # whoever came first, the form's consent is there


def test_calling_the_function_directly_gets_no_more_room_than_the_form(db, space):
    with db.admin() as conn:
        conn.execute("set local role service_role")
        outcome = conn.execute(
            "select cercle_join.sign_up(%s, %s, %s, '+33612340001', 'mobile', 'FR', array[true, true, true], null,"
            " array['Rouge', 'Pas offert'], %s, null, null, true, array['whatsapp', 'sms'], %s::jsonb)",
            (space.page.code, "n" * 20, "X" * 5000, "B" * 500, '{"whatsapp": {"at": "2026-12-03T10:00:00+00:00"}}'),
        ).fetchone()[0]
        huge = conn.execute(
            "select cercle_join.sign_up(%s, %s, 'A', '+33612340002', 'mobile', 'FR', null, null, null, null, null,"
            " null, true, null, %s::jsonb)", (space.page.code, "m" * 20, json.dumps({"whatsapp": "x" * 20000})),
        ).fetchone()[0]
    assert (outcome, huge) == ("created", "not_found")
    contact = contact_by_phone(db, space.workspace.id, "+33612340001")
    assert len(contact["first_name"]) == 80 and len(contact["budget_raw"]) == 40
    assert contact["interests"] == ["Rouge"] and contact["consent_whatsapp"] and not contact["consent_sms"]
