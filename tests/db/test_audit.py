"""The activity log (docs/promises.md 23): written by the work it describes, append-only, tenant-scoped, and free of the
contacts' personal data."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest
from psycopg.types.json import Jsonb

from lib import audit
from lib.cli import main as cli_main
from lib.contacts.importer import import_rows, undo_import
from lib.db import LOCAL_USER, get_database
from lib.i18n import set_language
from lib.links.communities import create_community, create_link
from lib.workspaces import ensure_workspace, update_workspace
from tests.support.db import make_user, unique_slug

COLUMNS = ["Prénom", "Nom", "Téléphone", "E-mail", "Ville"]
ROWS = [["Camille", "Durand", "06 12 34 56 78", "camille.durand@example.fr", "Lyon"],
        ["Hugo", "Martin", "+33 7 81 22 33 44", "hugo.martin@example.fr", "Pau"],
        ["Léa", "Petit", "0033 6 98 76 54 32", "", "Nantes"]]
# every way the import's personal data could show up in an entry
PERSONAL = ("Camille", "Durand", "Hugo", "Martin", "Petit", "camille.durand", "hugo.martin", "example.fr",
            "612345678", "781223344", "698765432", "06 12 34 56 78", "+33612345678", "+33781223344")
INVITE = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"


def _entries(db, principal, workspace_id, **kwargs) -> list[audit.AuditEntry]:
    return audit.entries(db, principal, workspace_id, **kwargs)


@pytest.fixture
def space(db):
    owner = make_user(db, f"owner-{unique_slug('a')}@cave.test")
    workspace = ensure_workspace(db, owner, unique_slug("audit"), "Domaine de l'Audit")
    return owner, workspace


def test_import_and_undo_are_logged_with_counts_and_file_number(db, space):
    """An import writes one entry with its counts and the import's number (never the file's name: it may name a
    person, and the log is never erased); undoing it writes another; the actor is the user."""
    owner, workspace = space
    report = import_rows(db, owner, workspace.id, COLUMNS, ROWS, file_name="salon-lyon.csv")
    undone = undo_import(db, owner, workspace.id, report.import_id)
    found = _entries(db, owner, workspace.id)
    assert [e.action for e in found] == ["import_undone", "import"]
    undo_entry, import_entry = found
    assert import_entry.details["file_number"] == 1 and "file_name" not in import_entry.details
    assert "salon-lyon" not in import_entry.describe() and "n°1" in import_entry.describe()
    assert {k: import_entry.details[k] for k in ("rows", "imported", "updated", "refused")} == {
        "rows": 3, "imported": report.imported, "updated": 0, "refused": report.refused}
    assert report.imported == 3
    assert undo_entry.details == {"import_id": report.import_id, "file_number": 1,
                                  "removed": undone["removed"], "restored": undone["restored"]}
    assert {e.actor_email for e in found} == {owner.email}
    with db.admin() as conn:
        actors = {r[0] for r in conn.execute("select actor::text from public.audit_log where workspace_id = %s",
                                             (workspace.id,))}
    assert actors == {owner.user_id}
    set_language("fr")
    assert "« n°1 »" in import_entry.describe() and "3 contacts ajoutés" in import_entry.describe()
    # a second undo does nothing, so it logs nothing
    undo_import(db, owner, workspace.id, report.import_id)
    assert len(_entries(db, owner, workspace.id)) == 2


def test_a_failed_import_logs_nothing(db, space, monkeypatch):
    """The entry belongs to the import's transaction: an import that rolls back leaves no entry."""
    owner, workspace = space
    from lib.contacts import importer

    def broken(*args, **kwargs):
        raise RuntimeError("crash half-way")

    monkeypatch.setattr(importer, "merge_contacts", broken)
    with pytest.raises(RuntimeError):
        import_rows(db, owner, workspace.id, COLUMNS, ROWS, file_name="crash.csv")
    assert _entries(db, owner, workspace.id) == []


def test_link_creation_is_logged_without_the_destination(db, space):
    """link_created names the community and source, not the destination's query string."""
    owner, workspace = space
    community = create_community(db, owner, workspace.id, name="Les Amis", channel="whatsapp_group",
                                 invite_url=INVITE)
    link = create_link(db, owner, workspace.id, community.id, source="Salon d'Angers",
                       destination="https://boutique.example/vins?ref=secret-token&x=1", base_url="https://c.example")
    [entry] = _entries(db, owner, workspace.id, action="link_created")
    assert entry.details == {"community": "Les Amis", "source": "Salon d'Angers", "code": link.code}
    text = json.dumps(entry.details)
    assert "secret-token" not in text and "boutique.example" not in text
    set_language("fr")
    assert entry.describe() == f"Lien {link.code} créé pour la communauté « Les Amis », diffusé via « Salon d'Angers »."


def test_settings_change_logs_the_names_of_changed_settings_not_their_values(db, space):
    """Only what changed is named; saving the same values again logs nothing; a viewer's refused save neither."""
    owner, workspace = space
    update_workspace(db, owner, workspace.id, name="Château Secret", default_region="FR", is_alcohol=True,
                     delivery_countries=["FR", "BE"])
    [entry] = _entries(db, owner, workspace.id)
    assert entry.action == "settings_changed"
    assert entry.details == {"settings": ["name", "delivery_countries"]}
    assert "Secret" not in json.dumps(entry.details) and "BE" not in json.dumps(entry.details)
    set_language("fr")
    assert entry.describe() == "Réglages modifiés : nom du domaine, pays de livraison."
    update_workspace(db, owner, workspace.id, name="Château Secret", default_region="FR", is_alcohol=True,
                     delivery_countries=["BE", "FR"])
    assert len(_entries(db, owner, workspace.id)) == 1
    viewer = make_user(db)
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace.id, viewer.user_id))
    update_workspace(db, viewer, workspace.id, name="Pirate", default_region="BE", is_alcohol=False)
    assert len(_entries(db, owner, workspace.id)) == 1


def test_cli_export_is_logged_with_its_row_count(app_environment, tmp_path):
    """export-contacts records how many rows left, and from which rules file, not who they were."""
    db = get_database()
    slug = unique_slug("auditcli")
    workspace = ensure_workspace(db, LOCAL_USER, slug)
    import_rows(db, LOCAL_USER, workspace.id, COLUMNS, ROWS, file_name="clients.csv")
    assert cli_main(["export-contacts", "--workspace", slug, "--out", str(tmp_path / "out.csv")]) == 0
    rules = tmp_path / "lyon.json"
    rules.write_text(json.dumps({"all": [{"field": "city", "op": "in", "value": ["Lyon"]}]}))
    assert cli_main(["export-contacts", "--workspace", slug, "--out", str(tmp_path / "lyon.csv"),
                     "--rules", str(rules)]) == 0
    found = _entries(get_database(), LOCAL_USER, workspace.id, action="export")
    assert [e.details for e in found] == [
        {"rows": 1, "segment": "lyon.json", "scope": "segment", "via": "cli"},
        {"rows": 3, "scope": "all", "via": "cli"},
    ]
    set_language("fr")
    assert found[1].describe() == "Export de tous les contacts : 3 contacts (en ligne de commande)."


def test_record_export_names_the_segment(db, space):
    """The pages record a segment's name or "all contacts" with the row count."""
    owner, workspace = space
    audit.record_export(db, owner, workspace.id, rows=12, segment="Amateurs de rouge")
    audit.record_export(db, owner, workspace.id, rows=40)
    set_language("fr")
    assert [e.describe() for e in _entries(db, owner, workspace.id)] == [
        "Export de tous les contacts : 40 contacts.", "Export du segment « Amateurs de rouge » : 12 contacts."]


def test_owner_cannot_edit_or_delete_entries(db, space):
    """Even the workspace's owner cannot change or remove an entry: the database refuses, the entry stays."""
    owner, workspace = space
    import_rows(db, owner, workspace.id, COLUMNS, ROWS, file_name="salon.csv")
    [before] = _entries(db, owner, workspace.id)
    attempts = ["update public.audit_log set details = '{}'::jsonb, actor_email = 'x@y.z' where workspace_id = %s",
                "delete from public.audit_log where workspace_id = %s",
                "update public.audit_log set workspace_id = workspace_id where workspace_id = %s"]
    for statement in attempts:
        try:
            with db.tenant(owner) as conn:
                assert conn.execute(statement, (workspace.id,)).rowcount == 0
        except psycopg.errors.InsufficientPrivilege:
            pass
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("truncate public.audit_log")
    assert _entries(db, owner, workspace.id) == [before]
    with db.admin() as conn:
        for role in ("authenticated", "anon", "service_role"):
            for privilege in ("update", "delete", "truncate"):
                assert not conn.execute("select has_table_privilege(%s, 'public.audit_log', %s)",
                                        (role, privilege)).fetchone()[0], (role, privilege)
        # not even a role holding the privilege can rewrite an entry: a trigger refuses updates
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("update public.audit_log set details = '{}'::jsonb where id = %s", (before.id,))


def test_direct_insert_is_refused_and_the_actor_cannot_be_forged(db, space):
    """authenticated cannot insert rows itself; cercle.audit takes the actor from the JWT, not from arguments."""
    owner, workspace = space
    other = make_user(db)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("insert into public.audit_log (workspace_id, actor, actor_email, action) "
                     "values (%s, %s, %s, 'sign_in')", (workspace.id, other.user_id, other.email))
    with db.tenant(owner) as conn:
        conn.execute("select cercle.audit(%s, 'sign_in', '{}'::jsonb)", (workspace.id,))
    with db.admin() as conn:
        rows = conn.execute("select actor::text, actor_email from public.audit_log where workspace_id = %s",
                            (workspace.id,)).fetchall()
    assert rows == [(owner.user_id, owner.email)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(None) as conn:
        conn.execute("select cercle.audit(%s, 'sign_in', '{}'::jsonb)", (workspace.id,))
    with db.admin() as conn:
        assert not conn.execute("select has_function_privilege('anon', 'cercle.audit(uuid, text, jsonb)', "
                                "'execute')").fetchone()[0]


def test_another_workspace_member_sees_and_writes_none(db, space):
    """A member of B reads none of A's entries and cannot write into A's log."""
    owner, workspace = space
    import_rows(db, owner, workspace.id, COLUMNS, ROWS, file_name="salon.csv")
    stranger = make_user(db)
    ensure_workspace(db, stranger, unique_slug("other"))
    assert _entries(db, stranger, workspace.id) == []
    with db.tenant(stranger) as conn:
        assert conn.execute("select count(*) from public.audit_log where workspace_id = %s",
                            (workspace.id,)).fetchone()[0] == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(stranger) as conn:
        audit.record(conn, workspace.id, "export", rows=1)
    assert len(_entries(db, owner, workspace.id)) == 1


def test_viewers_read_the_log(db, space):
    """Any member reads their workspace's log."""
    owner, workspace = space
    viewer = make_user(db)
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace.id, viewer.user_id))
    audit.record_export(db, viewer, workspace.id, rows=2)
    assert [e.actor_email for e in _entries(db, owner, workspace.id)] == [viewer.email]


@pytest.mark.parametrize("key", ["phone", "email", "first_name", "last_name", "name_of_contact", "name",
                                 "phone_e164", "contact_email", "customer_name", "telephone", "prenom"])
def test_record_refuses_personal_data_keys(db, space, key):
    """record refuses keys that would carry a contact's phone, email or name, and writes nothing."""
    owner, workspace = space
    with pytest.raises(audit.AuditError), db.tenant(owner) as conn:
        audit.record(conn, workspace.id, "export", rows=1, **{key: "x"})
    assert _entries(db, owner, workspace.id) == []


def test_the_database_refuses_personal_keys_and_oversized_details(db, space):
    """Even bypassing record, cercle.audit cannot store a phone key or 8 KB of details."""
    owner, workspace = space
    with pytest.raises((psycopg.errors.CheckViolation, psycopg.errors.InvalidParameterValue)), \
            db.tenant(owner) as conn:
        conn.execute("select cercle.audit(%s, 'export', %s)", (workspace.id, Jsonb({"phone": "+33612345678"})))
    with pytest.raises(psycopg.errors.CheckViolation), db.tenant(owner) as conn:
        conn.execute("select cercle.audit(%s, 'export', %s)",
                     (workspace.id, Jsonb({"blob": "".join(f"{i % 2}x" for i in range(20000))})))
    with pytest.raises(psycopg.errors.CheckViolation), db.tenant(owner) as conn:
        conn.execute("select cercle.audit(%s, 'hack', '{}'::jsonb)", (workspace.id,))


def test_no_contact_data_anywhere_in_the_log(db, space):
    """After imports (one named after a customer), an undo, a link, settings and exports, no entry of the workspace
    holds a phone, an email or a name from the contacts."""
    owner, workspace = space
    report = import_rows(db, owner, workspace.id, COLUMNS, ROWS, file_name="salon.csv")
    import_rows(db, owner, workspace.id, COLUMNS, ROWS[:1],
                file_name="camille.durand@example.fr 06 12 34 56 78 +33781223344.csv")
    undo_import(db, owner, workspace.id, report.import_id)
    community = create_community(db, owner, workspace.id, name="Cercle", channel="whatsapp_group", invite_url=INVITE)
    create_link(db, owner, workspace.id, community.id, source="Salon", base_url="https://c.example")
    update_workspace(db, owner, workspace.id, name="Nouveau nom", default_region="FR", is_alcohol=True)
    audit.record_export(db, owner, workspace.id, rows=3)
    with db.admin() as conn:
        stored = [r[0] for r in conn.execute("select details::text from public.audit_log where workspace_id = %s",
                                             (workspace.id,))]
    assert len(stored) == 6
    for text in stored:
        for value in PERSONAL:
            assert value.lower() not in text.lower(), (value, text)
        assert "@" not in text


@pytest.mark.parametrize("details", [
    {"file_name": "devis.csv"}, {"fichier": "devis.csv"}, {"segment": "Rappeler le 06 12 34 56 78"},
    {"community": "zoe.martin@example.fr"}, {"nested": {"list": ["+33612345678"]}}, {"nested": {"file": "x"}},
])
def test_the_database_refuses_personal_text_in_the_log(db, space, details):
    """Whoever writes (an owner calling cercle.audit by SQL), the log takes no file name, e-mail or phone number."""
    owner, workspace = space
    with pytest.raises(psycopg.errors.InvalidParameterValue), db.tenant(owner) as conn:
        conn.execute("select cercle.audit(%s, 'export', %s)", (workspace.id, Jsonb(details)))
    with db.tenant(owner) as conn:  # ids, dates and counts stay welcome
        conn.execute("select cercle.audit(%s, 'export', %s)",
                     (workspace.id, Jsonb({"rows": 3, "import_id": "01234567-8901-4234-8567-012345678901",
                                           "at": "2026-12-03T10:00:00+00:00", "segment": "Lyon 2026"})))


def test_mask_and_key_rules():
    """Emails and phone-shaped numbers are masked in values; dates and counts are not."""
    assert audit.mask("liste 06 12 34 56 78.csv") == "liste ….csv"
    assert audit.mask("a+b@c.fr et +33612345678") == "… et …"
    assert audit.mask("export 2024-11-29.csv") == "export 2024-11-29.csv"
    assert audit.mask("x" * 500) == "x" * 200
    assert audit.clean_details({"rows": 3, "segment": None, "settings": ["name"]}) == {"rows": 3,
                                                                                         "settings": ["name"]}
    with pytest.raises(audit.AuditError):
        audit.clean_details({"Bad Key": 1})
    with pytest.raises(audit.AuditError):
        audit.clean_details({"rows": object()})
    with pytest.raises(audit.AuditError):
        audit.clean_details({"counts": {"email": 1}})


def test_filters_by_action_and_period(db, space):
    """entries() filters by action and by date, newest first."""
    owner, workspace = space
    audit.record_export(db, owner, workspace.id, rows=1)
    with db.tenant(owner) as conn:
        audit.record(conn, workspace.id, "sign_in")
    assert [e.action for e in _entries(db, owner, workspace.id)] == ["sign_in", "export"]
    assert [e.action for e in _entries(db, owner, workspace.id, action="export")] == ["export"]
    future = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    assert _entries(db, owner, workspace.id, since=future) == []
    assert len(_entries(db, owner, workspace.id, limit=1)) == 1
