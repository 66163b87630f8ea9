"""Workspaces and roles (issue 7, item 2): creation, invitations, role changes, leaving, transfer, audit."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest

from lib import team
from lib.audit import entries
from lib.db import LOCAL_USER
from lib.i18n import set_language
from lib.workspaces import (
    WorkspaceError,
    check_public_base_url,
    create_workspace,
    find_workspace,
    list_workspaces,
    public_base_url,
    slug_for,
    update_workspace,
)
from tests.support.db import make_user


@pytest.fixture(autouse=True)
def _french():
    set_language("fr")


def _refused(code: str):
    class _Check:
        def __enter__(self):
            self.raises = pytest.raises(WorkspaceError)
            self.info = self.raises.__enter__()
            return self.info

        def __exit__(self, *exc):
            handled = self.raises.__exit__(*exc)
            assert self.info.value.code == code, self.info.value.code
            return handled

    return _Check()


def _team(db):
    """A workspace with an owner, and an editor and a viewer who joined by invitation."""
    owner = make_user(db)
    workspace = create_workspace(db, owner, "Domaine de l'Équipe")
    editor, viewer = make_user(db), make_user(db)
    for person, role in ((editor, "editor"), (viewer, "viewer")):
        issued = team.invite(db, owner, workspace.id, person.email.upper(), role)
        team.accept(db, person, issued.token)
    return workspace, owner, editor, viewer


def _roles(db, principal, workspace_id) -> dict[str, str]:
    return {m.user_id: m.role for m in team.members(db, principal, workspace_id)}


def test_create_workspace_makes_a_unique_slug_and_an_owner(db):
    """Any signed-in user creates a workspace from a name; a taken slug gets a suffix; the creation is logged."""
    alice, bob = make_user(db), make_user(db)
    first = create_workspace(db, alice, "  Château   Mouton-Côte  ")
    assert first.name == "Château Mouton-Côte" and first.role == "owner"
    assert first.slug.startswith("chateau-mouton-cote")
    second = create_workspace(db, bob, "Château Mouton-Côte")
    assert second.slug != first.slug and second.slug.startswith("chateau-mouton-cote")
    assert [w.id for w in list_workspaces(db, bob)].count(second.id) == 1
    assert find_workspace(db, bob, first.slug) is None  # bob cannot see alice's
    assert slug_for("É") == "espace-e" and slug_for("!!!") == "espace"
    log = entries(db, alice, first.id)
    assert [(e.action, e.details) for e in log] == [("workspace_created", {"workspace": "Château Mouton-Côte"})]
    with _refused("name_required"):
        create_workspace(db, alice, "   ")
    with _refused("name_too_long"):
        create_workspace(db, alice, "x" * 121)


def test_invitation_stores_only_a_hash_and_is_accepted_once_by_the_invited_email(db):
    """The token is not in the database; the invited user (any case) joins with the role; a second use is refused."""
    owner = make_user(db)
    workspace = create_workspace(db, owner, "Invitations")
    invitee = make_user(db, email="Camille.Martin@Example.test")
    issued = team.invite(db, owner, workspace.id, " camille.martin@EXAMPLE.test ", "editor")
    assert issued.email == "camille.martin@example.test"
    assert dt.timedelta(days=6, hours=23) < issued.expires_at - dt.datetime.now(dt.UTC) <= dt.timedelta(days=7)
    with db.admin() as conn:
        stored = conn.execute("select row_to_json(i)::text from public.workspace_invitations i where id = %s",
                              (issued.id,)).fetchone()[0]
    assert issued.token not in stored and team.token_hash(issued.token) in stored
    link = team.invitation_link("https://cercle.example.fr/", issued.token)
    assert link == f"https://cercle.example.fr/equipe?invitation={issued.token}"
    mail = team.mailto_link(issued.email, link, "Invitations", "editor")
    assert mail.startswith("mailto:camille.martin@example.test?subject=") and issued.token in mail

    shown = team.preview(db, invitee, issued.token)
    assert (shown.workspace_name, shown.role, shown.status) == ("Invitations", "editor", "pending")
    stranger = make_user(db)
    with _refused("wrong_email"):
        team.accept(db, stranger, issued.token)
    assert team.accept(db, invitee, issued.token) == workspace.id
    assert _roles(db, owner, workspace.id)[invitee.user_id] == "editor"
    assert team.preview(db, invitee, issued.token).status == "used"
    with _refused("invitation_used"):
        team.accept(db, invitee, issued.token)
    with _refused("unknown_invitation"):
        team.accept(db, invitee, issued.token[:-2] + "xx")
    with _refused("unknown_invitation"):
        team.accept(db, invitee, "")
    with _refused("already_member"):
        team.invite(db, owner, workspace.id, "CAMILLE.martin@example.test", "viewer")
    set_language("fr")
    assert [i.status for i in team.invitations(db, owner, workspace.id)] == ["used"]


def test_expired_revoked_and_local_user_invitations_are_refused(db):
    """Past its expiry, revoked, or for the local (not signed-in) user: refused with a French sentence."""
    owner, invitee = make_user(db), make_user(db)
    workspace = create_workspace(db, owner, "Expirations")
    late = team.invite(db, owner, workspace.id, invitee.email, "viewer")
    with db.admin() as conn:
        conn.execute("update public.workspace_invitations set created_at = now() - interval '8 days', "
                     "expires_at = now() - interval '1 day' where id = %s", (late.id,))
    with _refused("invitation_expired") as refused:
        team.accept(db, invitee, late.token)
    assert refused.value.message == "Cette invitation a expiré : demandez-en une nouvelle."
    assert team.preview(db, invitee, late.token).status == "expired"

    revoked = team.invite(db, owner, workspace.id, invitee.email, "viewer")
    team.revoke(db, owner, revoked.id)
    with _refused("invitation_revoked"):
        team.accept(db, invitee, revoked.token)
    # a new invitation to the same address replaces the pending one
    first = team.invite(db, owner, workspace.id, invitee.email, "viewer")
    second = team.invite(db, owner, workspace.id, invitee.email, "editor")
    with _refused("invitation_revoked"):
        team.accept(db, invitee, first.token)
    with _refused("sign_in_required"):
        team.accept(db, LOCAL_USER, second.token)
    team.accept(db, invitee, second.token)
    assert _roles(db, invitee, workspace.id)[invitee.user_id] == "editor"
    with _refused("invitation_used"):
        team.revoke(db, owner, second.id)
    assert {i.status for i in team.invitations(db, owner, workspace.id)} == {"expired", "revoked", "used"}
    with _refused("bad_role"):
        team.invite(db, owner, workspace.id, "x@example.test", "owner")
    with _refused("bad_email"):
        team.invite(db, owner, workspace.id, "pas une adresse", "viewer")
    with _refused("bad_validity"):
        team.invite(db, owner, workspace.id, "x@example.test", "viewer", valid_for=dt.timedelta(days=90))


def test_only_owners_invite_change_roles_remove_and_transfer(db):
    """An editor or a viewer is refused every team action, through lib/team and in plain SQL."""
    workspace, owner, editor, viewer = _team(db)
    outsider = make_user(db)
    pending = team.invite(db, owner, workspace.id, outsider.email, "viewer")
    for person in (editor, viewer):
        with _refused("owner_only"):
            team.invite(db, person, workspace.id, "y@example.test", "viewer")
        with _refused("owner_only"):
            team.change_role(db, person, workspace.id, viewer.user_id, "editor")
        with _refused("owner_only"):
            team.remove_member(db, person, workspace.id, owner.user_id)
        with _refused("owner_only"):
            team.transfer_ownership(db, person, workspace.id, person.user_id)
        with _refused("owner_only"):
            team.revoke(db, person, pending.id)
        assert team.invitations(db, person, workspace.id) == []  # invitees' addresses are for owners
        for statement, params in (
            ("select cercle.invite_member(%s, 'z@example.test', 'editor', repeat('a', 64))", (workspace.id,)),
            ("select cercle.set_member_role(%s, %s, 'editor')", (workspace.id, person.user_id)),
            ("select cercle.remove_member(%s, %s)", (workspace.id, owner.user_id)),
            ("select cercle.transfer_ownership(%s, %s)", (workspace.id, person.user_id)),
            ("select cercle.revoke_invitation(%s)", (pending.id,)),
            ("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
             (workspace.id, outsider.user_id)),
            ("insert into public.workspace_invitations (workspace_id, email, role, token_hash, expires_at) "
             "values (%s, 'q@example.test', 'editor', repeat('b', 64), now() + interval '1 day')", (workspace.id,)),
            ("update public.workspace_invitations set revoked_at = now() where id = %s", (pending.id,)),
            ("delete from public.workspace_invitations where id = %s", (pending.id,)),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(person) as conn:
                conn.execute(statement, params)
        with db.tenant(person) as conn:
            # row level security leaves them nothing to change: not a role, not another member, not a setting
            assert conn.execute("update public.workspace_members set role = 'owner' where workspace_id = %s",
                                (workspace.id,)).rowcount == 0
            assert conn.execute("delete from public.workspace_members where workspace_id = %s and user_id <> %s",
                                (workspace.id, person.user_id)).rowcount == 0
            assert conn.execute("update public.workspaces set name = 'Pirate' where id = %s",
                                (workspace.id,)).rowcount == 0
    assert _roles(db, owner, workspace.id) == {owner.user_id: "owner", editor.user_id: "editor",
                                               viewer.user_id: "viewer"}
    assert team.preview(db, outsider, pending.token).status == "pending"
    assert update_workspace(db, editor, workspace.id, name="Pirate", default_region="FR", is_alcohol=True) is False
    assert find_workspace(db, owner, workspace.slug).name == "Domaine de l'Équipe"


def test_owner_changes_roles_removes_and_nobody_becomes_owner_but_by_transfer(db):
    """Role changes and removals by the owner, logged without any email; direct SQL cannot make an owner."""
    workspace, owner, editor, viewer = _team(db)
    team.change_role(db, owner, workspace.id, viewer.user_id, "editor")
    team.change_role(db, owner, workspace.id, editor.user_id, "viewer")
    assert _roles(db, owner, workspace.id) == {owner.user_id: "owner", editor.user_id: "viewer",
                                               viewer.user_id: "editor"}
    with _refused("bad_role"):
        team.change_role(db, owner, workspace.id, editor.user_id, "owner")
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("update public.workspace_members set role = 'owner' where workspace_id = %s and user_id = %s",
                     (workspace.id, editor.user_id))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("update public.workspace_members set user_id = %s where workspace_id = %s and user_id = %s",
                     (make_user(db).user_id, workspace.id, editor.user_id))
    with _refused("remove_self"):
        team.remove_member(db, owner, workspace.id, owner.user_id)
    team.remove_member(db, owner, workspace.id, editor.user_id)
    assert editor.user_id not in _roles(db, owner, workspace.id)
    assert find_workspace(db, editor, workspace.slug) is None
    with _refused("unknown_member"):
        team.remove_member(db, owner, workspace.id, editor.user_id)

    log = entries(db, owner, workspace.id)
    actions = [e.action for e in reversed(log)]
    assert actions == ["workspace_created", "member_invited", "invitation_accepted", "member_invited",
                       "invitation_accepted", "role_changed", "role_changed", "member_removed"]
    shown = json.dumps([e.details for e in log])
    assert "@" not in shown and editor.email not in shown and viewer.email not in shown
    assert log[0].describe() == "Un membre (lecteur) a été retiré de l'espace."
    assert {e.describe() for e in log if e.action == "role_changed"} <= {"Rôle d'un membre changé en éditeur.",
                                                                          "Rôle d'un membre changé en lecteur."}


def test_last_owner_cannot_leave_or_be_demoted_until_ownership_is_transferred(db):
    """Leaving is for everyone but the last owner; a transfer makes the old owner an editor."""
    workspace, owner, editor, viewer = _team(db)
    with _refused("last_owner") as refused:
        team.leave(db, owner, workspace.id)
    assert refused.value.message.startswith("Un espace garde toujours un propriétaire")
    for statement in ("delete from public.workspace_members where workspace_id = %s and user_id = %s",
                      "update public.workspace_members set role = 'editor' where workspace_id = %s and user_id = %s"):
        with pytest.raises(psycopg.errors.RaiseException, match="last_owner"), db.tenant(owner) as conn:
            conn.execute(statement, (workspace.id, owner.user_id))
    with _refused("transfer_self"):
        team.transfer_ownership(db, owner, workspace.id, owner.user_id)
    with _refused("unknown_member"):
        team.transfer_ownership(db, owner, workspace.id, make_user(db).user_id)

    team.leave(db, viewer, workspace.id)
    assert find_workspace(db, viewer, workspace.slug) is None
    with _refused("unknown_member"):
        team.leave(db, viewer, workspace.id)

    team.transfer_ownership(db, owner, workspace.id, editor.user_id)
    assert _roles(db, editor, workspace.id) == {editor.user_id: "owner", owner.user_id: "editor"}
    with _refused("owner_only"):
        team.change_role(db, owner, workspace.id, editor.user_id, "viewer")
    team.leave(db, owner, workspace.id)
    assert _roles(db, editor, workspace.id) == {editor.user_id: "owner"}
    log = [(e.action, e.details) for e in entries(db, editor, workspace.id)][:3]
    assert log == [("member_left", {"role": "editor"}), ("ownership_transferred", {}),
                   ("member_left", {"role": "viewer"})]
    # the workspace itself is never deleted from the app, not even by its owner (issue #13 finding 12: it holds
    # the suppression list and the activity log); an operator's deletion is not blocked by the last-owner rule
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(editor) as conn:
        conn.execute("delete from public.workspaces where id = %s", (workspace.id,))
    with db.admin() as conn:
        assert conn.execute("delete from public.workspaces where id = %s", (workspace.id,)).rowcount == 1
    with db.admin() as conn:
        assert conn.execute("select count(*) from public.workspace_members where workspace_id = %s",
                            (workspace.id,)).fetchone()[0] == 0


def test_members_list_shows_addresses_to_members_only(db):
    """The team's addresses are readable by its members, not by anyone else."""
    workspace, owner, editor, viewer = _team(db)
    seen = team.members(db, viewer, workspace.id)
    assert [m.role for m in seen] == ["owner", "editor", "viewer"]
    assert {m.email for m in seen} == {owner.email, editor.email, viewer.email}
    assert team.members(db, make_user(db), workspace.id) == []


def test_public_base_url_setting(db, monkeypatch):
    """The workspace's public address replaces PUBLIC_BASE_URL for links; only http(s) URLs are accepted."""
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://serveur.local:8501")
    owner = make_user(db)
    workspace = create_workspace(db, owner, "Adresse")
    assert public_base_url(workspace) == "http://serveur.local:8501"
    assert public_base_url(None) == "http://serveur.local:8501"
    for good, stored in (("https://cercle.domaine.fr/", "https://cercle.domaine.fr"),
                         ("http://192.168.1.10:8501/cercle", "http://192.168.1.10:8501/cercle"),
                         ("  ", None)):
        assert check_public_base_url(good) == stored
    for bad in ("ftp://x.fr", "javascript:alert(1)", "cercle.fr", "https://x.fr/?a=1", "https://x.fr/#top",
                "https://user:pw@x.fr", "https://x.fr:99999", "https://<x>.fr", "https:// x.fr", "https://"):
        with _refused("bad_base_url"):
            check_public_base_url(bad)
    assert update_workspace(db, owner, workspace.id, name="Adresse", default_region="FR", is_alcohol=True,
                            public_base_url="https://cercle.domaine.fr/")
    saved = find_workspace(db, owner, workspace.slug)
    assert saved.public_base_url == "https://cercle.domaine.fr"
    assert public_base_url(saved) == "https://cercle.domaine.fr"
    # leaving it out keeps it; the change is logged by name only
    assert update_workspace(db, owner, workspace.id, name="Adresse 2", default_region="FR", is_alcohol=True)
    assert find_workspace(db, owner, workspace.slug).public_base_url == "https://cercle.domaine.fr"
    changes = [e.details for e in entries(db, owner, workspace.id, action="settings_changed")]
    assert changes == [{"settings": ["name"]}, {"settings": ["public_base_url"]}]
    with _refused("bad_base_url"):
        update_workspace(db, owner, workspace.id, name="Adresse", default_region="FR", is_alcohol=True,
                         public_base_url="javascript:alert(1)")
    assert find_workspace(db, owner, workspace.slug).public_base_url == "https://cercle.domaine.fr"
    with pytest.raises(psycopg.errors.CheckViolation), db.tenant(owner) as conn:
        conn.execute("update public.workspaces set public_base_url = 'javascript:alert(1)' where id = %s",
                     (workspace.id,))
    assert update_workspace(db, owner, workspace.id, name="Adresse", default_region="FR", is_alcohol=True,
                            public_base_url="")
    assert public_base_url(find_workspace(db, owner, workspace.slug)) == "http://serveur.local:8501"


def test_unconfirmed_address_cannot_accept_on_supabase(fresh_database_url):
    """Where auth.users records confirmations (Supabase), an unconfirmed address is refused until confirmed."""
    from lib.db import Database

    own = Database(fresh_database_url, max_size=2)
    try:
        own.prepare()
        with own.admin() as conn:  # the column Supabase's auth.users has
            conn.execute("alter table auth.users add column email_confirmed_at timestamptz default now()")
        owner, invitee = make_user(own), make_user(own)
        workspace = create_workspace(own, owner, "Confirmations")
        issued = team.invite(own, owner, workspace.id, invitee.email, "viewer")
        with own.admin() as conn:
            conn.execute("update auth.users set email_confirmed_at = null where id = %s", (invitee.user_id,))
        with _refused("email_unconfirmed"):
            team.accept(own, invitee, issued.token)
        with own.admin() as conn:
            conn.execute("update auth.users set email_confirmed_at = now() where id = %s", (invitee.user_id,))
        assert team.accept(own, invitee, issued.token) == workspace.id
    finally:
        own.close()


def test_a_viewer_cannot_write_made_up_entries_in_the_activity_log(db):
    """A viewer's own sign-ins, exports and leaving are logged; an "erasure", an "import" or a role change written
    in their name by direct SQL is refused by the database (the log would otherwise tell what never happened)."""
    workspace, owner, editor, viewer = _team(db)
    for action in ("erasure", "import", "role_changed", "settings_changed", "purge", "opt_out", "link_created"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(viewer) as conn:
            conn.execute("select cercle.audit(%s, %s, '{\"count\": 500}'::jsonb)", (workspace.id, action))
    from lib import audit

    audit.record_export(db, viewer, workspace.id, rows=3)
    with db.tenant(viewer) as conn:
        audit.record(conn, workspace.id, "sign_in", method="password")
        audit.record(conn, workspace.id, "sign_out")
    with db.tenant(editor) as conn:
        audit.record(conn, workspace.id, "consent_changed", count=1, channel="sms", change="granted")
    logged = [(e.actor_email, e.action) for e in entries(db, owner, workspace.id)]
    assert (viewer.email, "export") in logged and (viewer.email, "sign_in") in logged
    assert not [a for who, a in logged if who == viewer.email and a not in ("export", "sign_in", "sign_out",
                                                                            "invitation_accepted")]
    team.leave(db, viewer, workspace.id)
    assert (viewer.email, "member_left") in [(e.actor_email, e.action) for e in entries(db, owner, workspace.id)]


def test_an_address_that_only_lower_cases_to_the_invited_one_cannot_accept(db):
    """Case does not matter, but look-alike letters that lower-case into ASCII do: the Kelvin sign (U+212A) lowers
    to "k" and the dotted capital I (U+0130) to "i", yet those addresses are another mailbox than the invited one."""
    owner = make_user(db)
    workspace = create_workspace(db, owner, "Sosies")
    tag = make_user(db).user_id[:6]
    for invited, impostor_email in ((f"kim-{tag}@example.test", f"\u212aim-{tag}@example.test"),
                                    (f"ines-{tag}@example.test", f"\u0130nes-{tag}@example.test")):
        issued = team.invite(db, owner, workspace.id, invited, "editor")
        impostor = make_user(db, email=impostor_email)
        with _refused("wrong_email"):
            team.accept(db, impostor, issued.token)
        genuine = make_user(db, email=invited.upper())
        assert team.accept(db, genuine, issued.token) == workspace.id
    assert len(team.members(db, owner, workspace.id)) == 3
