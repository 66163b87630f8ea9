"""People's rights against the real database (docs/promises.md 19–22): consent history, opt-out, erasure,
purge, roles."""

from __future__ import annotations

import psycopg
import pytest

from lib import clock
from lib.audit import entries
from lib.contacts.consent import ConsentError, consent_history, set_consent
from lib.contacts.importer import import_rows
from lib.contacts.queries import exportable_contacts
from lib.contacts.rights import (
    erase_contact,
    load_person,
    opt_out,
    person_csv,
    person_json,
    preview_purge,
    purge_prospects,
    retention_months,
    search_contacts,
    set_retention_months,
)
from lib.conversions.orders import Order
from lib.conversions.store import store_orders
from lib.links.communities import create_community, create_link
from lib.links.invitation_log import prepare_invitations
from lib.links.recipients import recipients
from lib.segments.rules import EVERYONE, count_members
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug

COLUMNS = ["Prénom", "Nom", "Téléphone", "Autre téléphone", "E-mail", "Ville", "Opt-in WhatsApp",
           "Accepts SMS Marketing"]
FIRST, LAST = "Zéphyrine", "Quetzalmarker"
PHONE, OTHER, EMAIL = "+33698765432", "+33687654321", "zephyrine.quetzal@example.test"
MARKER = [FIRST, LAST, "06 98 76 54 32", "06 87 65 43 21", "Zephyrine.Quetzal@Example.test", "Pau", "oui", "oui"]
NEIGHBOUR = ["Anatole", "Voisin", "06 11 22 33 44", "", "anatole@example.test", "Pau", "oui", "non"]


def _workspace(db, owner):
    return ensure_workspace(db, owner, unique_slug("rights"), "Droits")


def _import(db, owner, workspace, rows, name="clients.csv"):
    return import_rows(db, owner, workspace.id, COLUMNS, rows, file_name=name)


def _contact_id(db, owner, workspace, phone=PHONE):
    with db.tenant(owner) as conn:
        row = conn.execute("select id::text from public.contacts where workspace_id = %s and phone_e164 = %s",
                           (workspace.id, phone)).fetchone()
    return row[0] if row else None


def _add_viewer(db, workspace):
    viewer = make_user(db)
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace.id, viewer.user_id))
    return viewer


# --- consent with proof and history ---------------------------------------------------------------------------


def test_an_import_column_carries_consent_and_the_import_is_its_recorded_proof(db):
    """"Opt-in WhatsApp: oui" in a file gives the consent, with an event naming the file and the import."""
    owner = make_user(db)
    workspace = _workspace(db, owner)
    report = _import(db, owner, workspace, [MARKER], name="salon-2026.csv")
    contact = _contact_id(db, owner, workspace)
    with db.tenant(owner) as conn:
        history = consent_history(conn, workspace.id, contact)
        imported = conn.execute("select import_id::text from public.consent_events where contact_id = %s",
                                (contact,)).fetchall()
    assert sorted((e.channel, e.granted) for e in history) == [("sms", True), ("whatsapp", True)]
    assert {e.method for e in history} == {"import"} and {e.import_file for e in history} == {"salon-2026.csv"}
    assert {e.wording for e in history} == {"Opt-in WhatsApp", "Accepts SMS Marketing"}
    assert {row[0] for row in imported} == {report.import_id}
    assert all(e.by_email == owner.email for e in history)


def test_consent_is_given_and_withdrawn_with_proof_and_an_old_file_does_not_give_it_back(db):
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER])
    contact = _contact_id(db, owner, workspace)
    assert set_consent(db, owner, workspace.id, contact, "email", True, method="form",
                       source="Formulaire du site", wording="Newsletter v3 (mars 2026)")
    assert not set_consent(db, owner, workspace.id, contact, "email", True, method="form",
                           source="Formulaire du site", wording="Newsletter v3 (mars 2026)")
    assert set_consent(db, owner, workspace.id, contact, "sms", False, method="request", source="Appel au caveau")
    with db.tenant(owner) as conn:
        flags = conn.execute("select consent_email, consent_sms, consent_proof -> 'sms' ->> 'withdrawn'"
                             " from public.contacts where id = %s", (contact,)).fetchone()
    assert flags == (True, False, "true")
    # the same old file again: SMS stays withdrawn, no new event
    _import(db, owner, workspace, [MARKER], name="clients-encore.csv")
    with db.tenant(owner) as conn:
        assert conn.execute("select consent_sms from public.contacts where id = %s", (contact,)).fetchone()[0] is False
        history = consent_history(conn, workspace.id, contact)
    assert [(e.channel, e.granted, e.method) for e in history[:2]] == [("sms", False, "request"),
                                                                        ("email", True, "form")]
    assert history[1].wording == "Newsletter v3 (mars 2026)" and history[1].source == "Formulaire du site"
    assert len(history) == 4  # two from the import, the email grant, the SMS withdrawal
    # a fresh proof gives it again
    assert set_consent(db, owner, workspace.id, contact, "sms", True, method="paper", source="Salon de Pau",
                       wording="Bulletin papier 2026")
    logged = [e for e in entries(db, owner, workspace.id, action="consent_changed")]
    assert len(logged) == 3 and {e.details["change"] for e in logged} == {"granted", "withdrawn"}


def test_a_consent_without_proof_changes_nothing(db):
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [NEIGHBOUR])
    contact = _contact_id(db, owner, workspace, "+33611223344")
    for kwargs, code in [({"method": "form", "source": "Site", "wording": "  "}, "wording_required"),
                         ({"method": "form", "source": "", "wording": "v1"}, "source_required"),
                         ({"method": "telepathy", "source": "x", "wording": "v1"}, "bad_method")]:
        with pytest.raises(ConsentError) as refused:
            set_consent(db, owner, workspace.id, contact, "email", True, **kwargs)
        assert refused.value.code == code
    with pytest.raises(ConsentError):
        set_consent(db, owner, workspace.id, contact, "pigeon", True, method="form", source="x", wording="v1")
    with db.tenant(owner) as conn:
        flag = conn.execute("select consent_email from public.contacts where id = %s", (contact,)).fetchone()[0]
        assert flag is False
        assert len(consent_history(conn, workspace.id, contact)) == 1  # the import's WhatsApp only


def test_consent_events_are_append_only_even_for_an_owner(db):
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER])
    contact = _contact_id(db, owner, workspace)
    for statement, params in [
        ("update public.consent_events set granted = false where contact_id = %s", (contact,)),
        ("delete from public.consent_events where contact_id = %s", (contact,)),
        ("insert into public.consent_events (workspace_id, contact_id, channel, granted, given_at)"
         " values (%s, %s, 'sms', true, now())", (workspace.id, contact)),
    ]:
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
            conn.execute(statement, params)


# --- opt-out: the suppression list blocks segments, invitations, exports and re-import --------------------------


def test_opt_out_suppresses_every_number_and_the_email_everywhere(db):
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER, NEIGHBOUR])
    contact = _contact_id(db, owner, workspace)
    with db.admin() as conn:  # no alcohol rule: adulthood does not decide who may be invited here
        conn.execute("update public.workspaces set is_alcohol = false where id = %s", (workspace.id,))
    community = create_community(db, owner, workspace.id, name="Cercle des amis", channel="whatsapp_group",
                                 invite_url="https://chat.whatsapp.com/AbCdEfGhIjKlMnOp12")
    everyone_before = count_members(db, owner, workspace.id, EVERYONE.to_document())
    _, invitable = recipients(db, owner, workspace.id, community.channel, None, limit=50)
    assert contact in {str(p["id"]) for p in invitable}

    assert opt_out(db, owner, workspace.id, contact, "stop")
    assert not opt_out(db, owner, workspace.id, contact, "stop")  # twice changes nothing

    with db.tenant(owner) as conn:
        row = conn.execute("select opted_out_at is not null, opt_out_reason, consent_whatsapp, consent_sms"
                           " from public.contacts where id = %s", (contact,)).fetchone()
        keys = conn.execute("select kind, reason from public.suppressions where workspace_id = %s order by 1",
                            (workspace.id,)).fetchall()
        history = consent_history(conn, workspace.id, contact)
    assert row == (True, "stop", False, False)
    assert keys == [("email", "stop"), ("phone", "stop"), ("phone", "stop")]  # main and other number
    assert {(e.channel, e.granted, e.method) for e in history[:2]} == {("whatsapp", False, "stop"),
                                                                        ("sms", False, "stop")}
    # segments, invitations, exports
    assert count_members(db, owner, workspace.id, EVERYONE.to_document()) == everyone_before - 1
    _, invitable = recipients(db, owner, workspace.id, community.channel, None, limit=50)
    assert contact not in {str(p["id"]) for p in invitable}
    exported = exportable_contacts(db, owner, workspace.id, ("phone_e164", "email"))
    assert PHONE not in {r[0] for r in exported} and EMAIL not in {r[1] for r in exported}
    # a consent can no longer be given
    with pytest.raises(ConsentError) as refused:
        set_consent(db, owner, workspace.id, contact, "email", True, method="form", source="x", wording="v1")
    assert refused.value.code == "opted_out"
    # the suppression alone (without the opt-out flag) keeps the person out of segments and exports
    with db.admin() as conn:
        conn.execute("update public.contacts set opted_out_at = null where id = %s", (contact,))
    assert count_members(db, owner, workspace.id, EVERYONE.to_document()) == everyone_before - 1
    assert PHONE not in {r[0] for r in exportable_contacts(db, owner, workspace.id, ("phone_e164",))}
    (entry,) = entries(db, owner, workspace.id, action="opt_out")
    assert entry.details == {"count": 1, "reason": "stop", "withdrawn": 2, "keys": 3}


def test_a_suppressed_other_number_cannot_come_back_as_someone_s_main_number(db):
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER])
    opt_out(db, owner, workspace.id, _contact_id(db, owner, workspace), "objection")
    report = _import(db, owner, workspace, [["Autre", "Personne", "06 87 65 43 21", "", "", "", "oui", "oui"]])
    assert report.suppressed == 1 and report.imported == 0
    assert _contact_id(db, owner, workspace, OTHER) is None


# --- erasure ---------------------------------------------------------------------------------------------------


def _text_columns(conn) -> list[tuple[str, str, str]]:
    """(table, column, type) of every public table column that can hold a phone, an email, a name or an id."""
    return conn.execute(
        "select c.relname, a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a"
        " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped"
        " and a.atttypid in ('text'::regtype, 'varchar'::regtype, 'jsonb'::regtype, 'json'::regtype,"
        "   'text[]'::regtype, 'varchar[]'::regtype, 'uuid'::regtype, 'uuid[]'::regtype, 'bpchar'::regtype)"
        " order by 1, 2").fetchall()


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


def _where_found(db, workspace_id: str, needles: list[str]) -> set[tuple[str, str, str]]:
    """Every (table, column, needle) where a needle appears in the workspace's rows (the whole table when it has no
    workspace_id: the same marker lives in other tests' workspaces), read as the database owner."""
    found = set()
    with db.admin() as conn:
        columns = _text_columns(conn)
        assert len(columns) > 50
        scoped = {r[0] for r in conn.execute("select table_name from information_schema.columns"
                                             " where table_schema = 'public' and column_name = 'workspace_id'")}
        for table, column, data_type in columns:
            scope = psycopg.sql.SQL("workspace_id = %s" if table in scoped else "%s::uuid is not null")
            # a uuid column can only hold the person's id: a short needle such as « 3141 » would otherwise turn
            # up by chance in some random id (it did, once, in workspaces.created_by)
            for needle in (n for n in needles if data_type not in ("uuid", "uuid[]") or _is_uuid(n)):
                hit = conn.execute(
                    psycopg.sql.SQL("select exists (select 1 from public.{} where {} and {}::text ilike %s)").format(
                        psycopg.sql.Identifier(table), scope, psycopg.sql.Identifier(column)),
                    (workspace_id, f"%{needle}%")).fetchone()[0]
                if hit:
                    found.add((table, column, needle))
    return found


def test_erasure_leaves_nothing_of_the_person_in_any_table_but_the_suppression_key(db):
    owner = make_user(db)
    workspace = _workspace(db, owner)
    neighbour = NEIGHBOUR.copy()
    neighbour[3] = "06 87 65 43 21"  # the marker's other number also written on someone else's line
    marker = MARKER.copy()
    marker[5] = ""  # the city comes with the second file, which leaves undo data behind
    _import(db, owner, workspace, [marker, neighbour], name="salon.csv")
    _import(db, owner, workspace, [[FIRST, LAST, "06 98 76 54 32", "", "", "Pau", "", ""],
                                   ["Nouvelle", "Personne", "06 55 44 33 22", "", "", "Lyon", "", ""]], name="maj.csv")
    contact = _contact_id(db, owner, workspace)
    set_consent(db, owner, workspace.id, contact, "email", True, method="form", source="Site", wording="v2")
    community = create_community(db, owner, workspace.id, name="Cercle des amis", channel="whatsapp_group",
                                 invite_url="https://chat.whatsapp.com/AbCdEfGhIjKlMnOp12")
    link = create_link(db, owner, workspace.id, community.id, source="Salon")
    prepare_invitations(db, owner, workspace.id, link.id, "whatsapp", {contact: f"https://wa.me/{PHONE[1:]}?text=Hi"})
    with db.tenant(owner) as conn:
        conn.execute("insert into public.community_members (workspace_id, community_id, contact_id, source)"
                     " values (%s, %s, %s, 'liste')", (workspace.id, community.id, contact))
        conn.execute("insert into public.orders (workspace_id, source, number, created_at, currency, total_cents,"
                     " is_sale, amount_cents, phone_e164, email, contact_id) values"
                     " (%s, 'shopify', '#1001', now(), 'EUR', 4200, true, 4200, %s, %s, %s)",
                     (workspace.id, PHONE, EMAIL, contact))
        snapshot = conn.execute("insert into public.segment_snapshots (workspace_id, name, rules, member_count)"
                                " values (%s, 'Campagne', '{\"all\": []}', 1) returning id",
                                (workspace.id,)).fetchone()[0]
        conn.execute("insert into public.segment_snapshot_members (snapshot_id, workspace_id, contact_id)"
                     " values (%s, %s, %s)", (snapshot, workspace.id, contact))
        # an import report quoting them (as a repaired or refused line would)
        conn.execute("update public.imports set issues = issues || %s::jsonb where workspace_id = %s"
                     " and file_name = 'salon.csv'",
                     ('[{"row": 2, "column": "Téléphone", "value": "06 98 76 54 32", "code": "repaired"},'
                      ' {"row": 2, "column": "E-mail", "value": "ZEPHYRINE.QUETZAL@example.test", "code": "x"},'
                      ' {"row": 3, "column": "Nom", "value": "Quetzalmarker", "code": "x"},'
                      ' {"row": 9, "column": "Ville", "value": "Lyon", "code": "kept"}]', workspace.id))
    # a file named after her: her row has an e-mail typed wrong and an unreadable birth date (report lines that
    # quote nothing of hers but are hers all the same), and someone else's consent proof cites the file
    import_rows(db, owner, workspace.id, ["Prénom", "Nom", "Téléphone", "E-mail", "Date de naissance", "Budget",
                                          "Opt-in WhatsApp"],
                [[FIRST, LAST, "06 98 76 54 32", "zephyrine.quetzal@example", "31/02/1990", "env. 3141 euros", "oui"],
                 ["Berthe", "Tierce", "06 33 22 11 00", "", "", "", "oui"]], file_name=f"{LAST}-devis.csv")
    with db.tenant(owner) as conn:
        # a sale typed by hand that names her only by name and in its note
        conn.execute("insert into public.orders (workspace_id, source, number, created_at, currency, total_cents,"
                     " is_sale, amount_cents, buyer_name, note) values (%s, 'shopify', '#1002', now(), 'EUR', 1500,"
                     " true, 1500, %s, 'rappeler au 06 98 76 54 32')", (workspace.id, f"{FIRST} {LAST}"))
        conn.execute("update public.contacts set attributes = attributes || '{\"telegram_id\": \"987654321\"}'"
                     " where id = %s", (contact,))
    with db.admin() as conn:  # a Telegram join under her user id, as the bot records it
        conn.execute("insert into public.telegram_updates (workspace_id, bot_id, update_id, event)"
                     " values (%s, 42, 7, 'chat_member')", (workspace.id,))
        conn.execute("insert into public.telegram_joins (workspace_id, kind, chat_id, telegram_user_id, occurred_at,"
                     " bot_id, update_id) values (%s, 'join', -100123, 987654321, now(), 42, 7)", (workspace.id,))
    needles = [PHONE, OTHER, "698765432", "98 76 54 32", EMAIL, "zephyrine.quetzal@example", "31/02/1990", "3141 euros",
               "987654321", FIRST, LAST, contact]
    before = _where_found(db, workspace.id, needles)
    assert {t for t, _, _ in before} >= {"contacts", "consent_events", "import_changes", "imports",
                                         "community_members", "invitations", "orders", "segment_snapshot_members"}
    person = load_person(db, owner, workspace.id, contact)
    assert person.orders and person.communities and person.invitations and person.snapshots
    assert person.source_import["file_name"] == "salon.csv"

    assert erase_contact(db, owner, workspace.id, contact)

    assert _where_found(db, workspace.id, needles) == set()
    with db.tenant(owner) as conn:
        keys = conn.execute("select kind, reason from public.suppressions where workspace_id = %s order by 1",
                            (workspace.id,)).fetchall()
        order = conn.execute("select amount_cents, is_sale, phone_e164, email, contact_id from public.orders"
                             " where workspace_id = %s and number = '#1001'", (workspace.id,)).fetchone()
        others = conn.execute("select first_name, other_phones from public.contacts where workspace_id = %s"
                              " order by first_name", (workspace.id,)).fetchall()
        issues = conn.execute("select issues from public.imports where workspace_id = %s and file_name = 'salon.csv'",
                              (workspace.id,)).fetchone()[0]
    assert keys == [("email", "erasure"), ("phone", "erasure"), ("phone", "erasure")]
    assert order == (4200, True, None, None, None)  # the sale still counts, anonymously
    assert others == [("Anatole", []), ("Berthe", []), ("Nouvelle", [])]
    assert [i["value"] for i in issues] == ["Lyon"]
    with db.tenant(owner) as conn:
        label = conn.execute("select file_name from public.imports where workspace_id = %s and number = 3",
                             (workspace.id,)).fetchone()[0]
        berthe = conn.execute("select consent_proof -> 'whatsapp' ->> 'source' from public.contacts"
                              " where workspace_id = %s and first_name = 'Berthe'", (workspace.id,)).fetchone()[0]
        manual = conn.execute("select amount_cents, buyer_name, note from public.orders where workspace_id = %s"
                              " and number = '#1002'", (workspace.id,)).fetchone()
    assert label.startswith("import du ") and label.endswith("(fichier n°3)") and berthe == label
    assert manual == (1500, None, None)
    (entry,) = entries(db, owner, workspace.id, action="erasure")
    assert entry.details == {"count": 1, "scope": "person"}
    # the same file again: they do not come back
    report = _import(db, owner, workspace, [MARKER], name="salon.csv")
    assert report.suppressed == 1 and _contact_id(db, owner, workspace) is None
    assert not erase_contact(db, owner, workspace.id, contact)


def test_erasure_is_one_transaction(db, monkeypatch):
    """A failure half-way leaves the person, their data and the suppression list as they were."""
    from lib.contacts import rights

    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER])
    contact = _contact_id(db, owner, workspace)
    monkeypatch.setattr(rights, "_ERASE_STEPS", rights._ERASE_STEPS[:-1] + ("select 1/0",))
    with pytest.raises(psycopg.errors.DivisionByZero):
        erase_contact(db, owner, workspace.id, contact)
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.suppressions where workspace_id = %s",
                            (workspace.id,)).fetchone()[0] == 0
    assert _contact_id(db, owner, workspace) == contact


def test_a_viewer_sees_but_cannot_act_even_through_sql(db):
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER])
    contact = _contact_id(db, owner, workspace)
    viewer = _add_viewer(db, workspace)
    assert load_person(db, viewer, workspace.id, contact).fields["last_name"] == LAST
    for act in (lambda: erase_contact(db, viewer, workspace.id, contact),
                lambda: opt_out(db, viewer, workspace.id, contact, "stop"),
                lambda: set_consent(db, viewer, workspace.id, contact, "email", True, method="form", source="x",
                                    wording="v1"),
                lambda: purge_prospects(db, viewer, workspace.id)):
        with pytest.raises(ConsentError) as refused:
            act()
        assert refused.value.code == "read_only"
    with pytest.raises(ConsentError) as refused:
        set_retention_months(db, viewer, workspace.id, 24)
    assert refused.value.code == "owner_only"
    with db.tenant(viewer) as conn:
        assert conn.execute("delete from public.contacts where id = %s", (contact,)).rowcount == 0
        assert conn.execute("update public.contacts set consent_email = true where id = %s", (contact,)).rowcount == 0
        assert conn.execute("update public.workspaces set prospect_retention_months = 6 where id = %s",
                            (workspace.id,)).rowcount == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(viewer) as conn:
        conn.execute("insert into public.suppressions (workspace_id, kind, key_hash, reason)"
                     " values (%s, 'phone', repeat('a', 64), 'stop')", (workspace.id,))
    # the viewer calling the erasure's statements directly still erases nothing (row level security)
    from lib.contacts import rights

    with db.tenant(viewer) as conn:
        assert rights._erase(conn, workspace.id, viewer.user_id, [contact], "erasure") == 0
    assert _contact_id(db, owner, workspace) == contact
    assert retention_months(db, owner, workspace.id) == 36


def test_another_workspace_cannot_erase_or_read_my_contact(db):
    owner, stranger = make_user(db), make_user(db)
    workspace = _workspace(db, owner)
    theirs = _workspace(db, stranger)
    _import(db, owner, workspace, [MARKER])
    contact = _contact_id(db, owner, workspace)
    assert load_person(db, stranger, theirs.id, contact) is None
    assert load_person(db, stranger, workspace.id, contact) is None
    assert not erase_contact(db, stranger, theirs.id, contact)
    assert search_contacts(db, stranger, workspace.id, LAST) == []
    assert _contact_id(db, owner, workspace) == contact


# --- search and the access request ---------------------------------------------------------------------------


def test_search_finds_by_name_phone_and_email_and_survives_hostile_input(db):
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER, NEIGHBOUR])
    contact = _contact_id(db, owner, workspace)
    for text in (LAST.lower(), f"{FIRST} {LAST}", f"{LAST} {FIRST}", "06 98 76", "+33698765432", "0687654321",
                 "quetzal@example"):
        assert [f.id for f in search_contacts(db, owner, workspace.id, text)] == [contact], text
    for hostile in ("'; delete from public.contacts; --", "%", "_", "\\", "[clic](https://evil.test)",
                    "**gras** <script>alert(1)</script>", "é" * 200_000, "\x00\x01", "   "):
        assert search_contacts(db, owner, workspace.id, hostile) == [], hostile[:20]
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.contacts where workspace_id = %s",
                            (workspace.id,)).fetchone()[0] == 2


def test_the_access_request_holds_everything_and_is_logged_without_the_person(db):
    import json

    from lib.contacts.rights import record_person_export

    owner = make_user(db)
    workspace = _workspace(db, owner)
    row = MARKER.copy()
    row[5] = "=HYPERLINK(\"http://evil.test\")"
    _import(db, owner, workspace, [row])
    contact = _contact_id(db, owner, workspace)
    person = load_person(db, owner, workspace.id, contact)
    document = json.loads(person_json(person))
    assert document["contact"]["email"].lower() == EMAIL and document["contact"]["other_phones"] == [OTHER]
    assert {e["channel"] for e in document["consent_history"]} == {"whatsapp", "sms"}
    assert document["suppressed"] == {"phone": False, "email": False}
    text = person_csv(person).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and PHONE in text
    record_person_export(db, owner, workspace.id, "json")
    (entry,) = entries(db, owner, workspace.id, action="person_export")
    assert entry.details == {"count": 1, "format": "json"}


# --- purge of inactive prospects -----------------------------------------------------------------------------


def _age(db, workspace, phone, years):
    """Moves a contact and its consent events ``years`` back from the clock's instant (what the purge counts from)."""
    at = clock.now()
    with db.admin() as conn:
        conn.execute("update public.contacts set created_at = %s::timestamptz - make_interval(years => %s),"
                     " updated_at = %s::timestamptz - make_interval(years => %s)"
                     " where workspace_id = %s and phone_e164 = %s",
                     (at, years, at, years, workspace.id, phone))
        conn.execute("update public.consent_events e set recorded_at = %s::timestamptz - make_interval(years => %s),"
                     " given_at = %s::timestamptz - make_interval(years => %s) from public.contacts c"
                     " where c.id = e.contact_id and c.workspace_id = %s and c.phone_e164 = %s",
                     (at, years, at, years, workspace.id, phone))


def test_purge_previews_then_erases_inactive_prospects_without_suppressing_them(db):
    owner = make_user(db)
    workspace = _workspace(db, owner)
    customer = ["Client", "Fidèle", "06 22 33 44 55", "", "client@example.test", "Pau", "oui", "oui"]
    recent = ["Récente", "Prospecte", "06 33 44 55 66", "", "", "Pau", "", ""]
    _import(db, owner, workspace, [MARKER, customer, recent])
    _age(db, workspace, PHONE, 4)
    _age(db, workspace, "+33622334455", 4)
    with db.tenant(owner) as conn:
        conn.execute("insert into public.orders (workspace_id, source, number, created_at, is_sale, amount_cents,"
                     " phone_e164) values (%s, 'shopify', '#7', %s::timestamptz - interval '5 years', true, 1500, %s)",
                     (workspace.id, clock.now(), "+33622334455"))
    preview = preview_purge(db, owner, workspace.id)
    assert preview.months == 36 and preview.count == 1 and [f.last_name for f in preview.sample] == [LAST]
    assert preview_purge(db, owner, workspace.id, months=60).count == 0

    assert set_retention_months(db, owner, workspace.id, 60)
    assert preview_purge(db, owner, workspace.id).count == 0
    set_retention_months(db, owner, workspace.id, 36)
    for bad in (0, 5, 121, "36"):
        with pytest.raises(ConsentError):
            set_retention_months(db, owner, workspace.id, bad)

    with pytest.raises(ConsentError) as refused:
        purge_prospects(db, owner, workspace.id, expected=0)
    assert refused.value.code == "purge_changed"
    assert purge_prospects(db, owner, workspace.id, expected=1) == 1
    with db.tenant(owner) as conn:
        left = {r[0] for r in conn.execute("select last_name from public.contacts where workspace_id = %s",
                                           (workspace.id,))}
        suppressed = conn.execute("select count(*) from public.suppressions where workspace_id = %s",
                                  (workspace.id,)).fetchone()[0]
    assert left == {"Fidèle", "Prospecte"} and suppressed == 0
    (entry,) = entries(db, owner, workspace.id, action="purge")
    assert entry.details == {"count": 1, "months": 36}
    # they did not object: a later file may bring them back
    assert _import(db, owner, workspace, [MARKER]).imported == 1


# --- review of issue 7: what erasure and purge had left behind ---------------------------------------------------


def test_erasure_removes_the_buyer_s_name_and_note_from_their_orders(db):
    """An order imported from a shop carries the buyer's name and a note: erasure removes them with the phone."""
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER, NEIGHBOUR])
    contact = _contact_id(db, owner, workspace)
    with db.tenant(owner) as conn:
        conn.execute("insert into public.orders (workspace_id, source, number, created_at, is_sale, amount_cents,"
                     " phone_e164, buyer_name, note) values (%s, 'woocommerce', '#88', now(), true, 2500, %s, %s,"
                     " %s)", (workspace.id, OTHER, f"{FIRST} {LAST}", f"Livrer chez {FIRST}, code 1234"))
        conn.execute("insert into public.orders (workspace_id, source, number, created_at, is_sale, amount_cents,"
                     " phone_e164, buyer_name, note) values (%s, 'woocommerce', '#89', now(), true, 900,"
                     " '+33611223344', 'Anatole Voisin', 'Sonner deux fois')", (workspace.id,))
    person = load_person(db, owner, workspace.id, contact)
    # the access request shows the sale made under their other number, with its name and note
    assert [(o["number"], o["buyer_name"], o["note"]) for o in person.orders] == [
        ("#88", f"{FIRST} {LAST}", f"Livrer chez {FIRST}, code 1234")]

    assert erase_contact(db, owner, workspace.id, contact)

    assert _where_found(db, workspace.id, [FIRST, LAST, OTHER, PHONE]) == set()
    with db.tenant(owner) as conn:
        orders = conn.execute("select number, amount_cents, buyer_name, note from public.orders"
                              " where workspace_id = %s order by number", (workspace.id,)).fetchall()
    assert orders == [("#88", 2500, None, None), ("#89", 900, "Anatole Voisin", "Sonner deux fois")]


def test_an_erased_buyer_s_order_coming_back_brings_the_sale_not_the_person(db):
    """An old export re-imported (or a late webhook) after an erasure stores the sale without their details."""
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER, NEIGHBOUR])
    order = Order(source="shopify", number="#501", row=2, created_at="2026-10-02 09:58:00 +0200", currency="EUR",
                  total_cents=4500, refunded_cents=0, financial_status="paid", cancelled=False, email=EMAIL,
                  phone="06 98 76 54 32", discount_code=None, landing_site=None, buyer_name=f"{FIRST} {LAST}")
    neighbour = Order(source="shopify", number="#502", row=3, created_at="2026-10-03 09:58:00 +0200",
                      currency="EUR", total_cents=1200, refunded_cents=0, financial_status="paid", cancelled=False,
                      email=None, phone="06 11 22 33 44", discount_code=None, landing_site=None,
                      buyer_name="Anatole Voisin")
    assert erase_contact(db, owner, workspace.id, _contact_id(db, owner, workspace))
    with db.tenant(owner) as conn:
        store_orders(conn, workspace.id, [order, neighbour])
        rows = conn.execute("select number, amount_cents, phone_e164, email, buyer_name from public.orders"
                            " where workspace_id = %s order by number", (workspace.id,)).fetchall()
    assert rows == [("#501", 4500, None, None, None), ("#502", 1200, "+33611223344", None, "Anatole Voisin")]
    assert _where_found(db, workspace.id, [FIRST, LAST, PHONE, EMAIL]) == set()


def test_erasure_removes_every_report_line_of_their_row(db):
    """A report line about their birth date or budget names no phone, but sits on their row: it goes too."""
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER, NEIGHBOUR], name="salon.csv")
    contact = _contact_id(db, owner, workspace)
    with db.tenant(owner) as conn:
        conn.execute("update public.imports set issues = %s::jsonb where workspace_id = %s",
                     ('[{"row": 2, "column": "Téléphone", "value": "06 98 76 54 32", "code": "repaired"},'
                      ' {"row": 2, "column": "Naissance", "value": "31/02/1961", "code": "date_unreadable"},'
                      ' {"row": 2, "column": "Budget", "value": "beaucoup", "code": "budget_unreadable"},'
                      ' {"row": 3, "column": "Naissance", "value": "30/02/1970", "code": "date_unreadable"}]',
                      workspace.id))
    assert erase_contact(db, owner, workspace.id, contact)
    with db.tenant(owner) as conn:
        issues = conn.execute("select issues from public.imports where workspace_id = %s",
                              (workspace.id,)).fetchone()[0]
    assert [(i["row"], i["value"]) for i in issues] == [(3, "30/02/1970")]


def test_purge_keeps_a_buyer_whose_sale_bears_another_of_their_numbers(db):
    """Someone who bought under their second number is a customer, not a prospect: the purge keeps them."""
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER])
    _age(db, workspace, PHONE, 4)
    with db.tenant(owner) as conn:
        conn.execute("insert into public.orders (workspace_id, source, number, created_at, is_sale, amount_cents,"
                     " phone_e164) values (%s, 'shopify', '#8', now() - interval '5 years', true, 1500, %s)",
                     (workspace.id, OTHER))
    assert preview_purge(db, owner, workspace.id).count == 0
    assert purge_prospects(db, owner, workspace.id) == 0
    assert _contact_id(db, owner, workspace) is not None


@pytest.mark.parametrize("months", [-1200, -1, 1, 5, 121, 10**6])
def test_purge_refuses_a_period_outside_the_allowed_range(db, months):
    """The retention period is checked where it is used too: a negative one would make everyone "inactive"."""
    owner = make_user(db)
    workspace = _workspace(db, owner)
    _import(db, owner, workspace, [MARKER])
    for action in (preview_purge, purge_prospects):
        with pytest.raises(ConsentError) as refused:
            action(db, owner, workspace.id, months)
        assert refused.value.code == "bad_retention"
    assert _contact_id(db, owner, workspace) is not None
