"""Équipe under AppTest: the local user creates and switches workspaces; signed-in users invite, join by the
link, change roles; the last owner cannot leave; the public address setting is used for the link."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib import team
from lib.db import LOCAL_USER, get_database
from lib.workspaces import create_workspace, ensure_workspace, list_workspaces, update_workspace
from tests.support.db import PROJECT_ROOT, make_user, unique_slug


@pytest.fixture
def as_principal(app_environment, monkeypatch):
    """Lets each AppTest run as the principal in its session state (what a verified sign-in gives a session):
    two AppTests are two browser sessions of two users."""
    import lib.ui.session as session

    monkeypatch.setattr(session, "current_principal", lambda: st.session_state.get("test_principal", LOCAL_USER))


def _page(page: str = "pages/team.py", **state) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    query = state.pop("query", None)
    if query:
        app.query_params.update(query)
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    app = app.switch_page(page)
    if query:
        app.query_params.update(query)
    return app.run()


def _shown(elements) -> list[str]:
    """The texts of alerts or markdown as the reader sees them (without plain()'s backslashes)."""
    return [e.value.replace("\\", "").replace("\u2060", "") for e in elements]


def _table(app: AppTest, column: str):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_local_user_creates_and_switches_workspaces(app_environment):
    """In local mode the page explains invitations need sign-in, and still creates and switches workspaces."""
    slug = unique_slug("local")
    ensure_workspace(get_database(), LOCAL_USER, slug, "Cave Locale")
    app = _page(workspace=slug)
    assert not app.exception, app.exception
    assert app.title[0].value == "Équipe et espaces"
    assert any("mode local" in text and "Supabase" in text for text in _shown(app.info))
    assert not [f for f in app.text_input if f.key == "team_invite_email"]

    name = f"Cave Nouvelle {slug[-4:]}"
    app.text_input(key="team_create_name").set_value(name)
    app.button[[b.label for b in app.button].index("Créer l'espace")].click().run()
    assert not app.exception, app.exception
    assert any(f"Espace « {name} » créé" in text for text in _shown(app.success))
    created = next(w for w in list_workspaces(get_database(), LOCAL_USER) if w.name == name)
    assert app.session_state["workspace"] == created.slug and created.role == "owner"
    yours = _table(app, "Espace")
    assert list(yours.loc[yours["Espace"] == name, "Rôle"]) == ["propriétaire"]
    assert list(yours.loc[yours["Espace"] == name, "Ouvert"]) == ["✓"]

    app.selectbox(key="team_switch_target").set_value(slug).run()
    app.button(key="team_switch").click().run()
    assert not app.exception, app.exception
    assert app.session_state["workspace"] == slug
    assert "Membres de « Cave Locale »" in [h.value for h in app.subheader]


def test_invite_join_by_link_then_change_role(as_principal):
    """The owner invites, the link (on the workspace's public address) is shown; the invitee opens it in their
    own session and joins; the owner makes them a viewer; the viewer sees no team controls."""
    db = get_database()
    owner = make_user(db)
    workspace = create_workspace(db, owner, f"Domaine Partagé {unique_slug()[-6:]}")
    update_workspace(db, owner, workspace.id, name=workspace.name, default_region="FR", is_alcohol=True,
                     public_base_url="https://cercle.domaine-partage.fr")
    invitee = make_user(db, email=f"camille-{unique_slug()[-6:]}@example.test")

    app = _page(workspace=workspace.slug, test_principal=owner)
    assert not app.exception, app.exception
    assert not [i for i in app.info if "mode local" in i.value]
    app.text_input(key="team_invite_email").set_value(invitee.email.upper())
    app.selectbox(key="team_invite_role").set_value("editor")
    app.button[[b.label for b in app.button].index("Créer l'invitation")].click().run()
    assert not app.exception, app.exception
    assert any(f"Invitation créée pour {invitee.email} (éditeur)" in text for text in _shown(app.success))
    link = app.code[0].value
    assert link.startswith("https://cercle.domaine-partage.fr/equipe?invitation=")
    token = link.split("invitation=", 1)[1]
    mail = app.get("link_button")[0]
    assert mail.proto.url.startswith(f"mailto:{invitee.email}?subject=") and token in mail.proto.url
    assert list(_table(app, "État")["État"]) == ["en attente"]

    # a stranger holding the link is refused
    stranger = make_user(db)
    refused = _page(query={"invitation": token}, test_principal=stranger)
    assert not refused.exception, refused.exception
    refused.button(key="team_join").click().run()
    assert any("une autre adresse e-mail" in text for text in _shown(refused.error))

    joining = _page(query={"invitation": token}, test_principal=invitee)
    assert not joining.exception, joining.exception
    assert any(f"rejoindre « {workspace.name} » comme éditeur" in text for text in _shown(joining.markdown))
    joining.button(key="team_join").click().run()
    assert not joining.exception, joining.exception
    assert joining.session_state["workspace"] == workspace.slug
    assert any(f"Bienvenue dans « {workspace.name} »" in text for text in _shown(joining.success))
    assert set(_table(joining, "E-mail")["E-mail"]) == {owner.email, invitee.email}

    app = _page(workspace=workspace.slug, test_principal=owner)
    app.selectbox(key="team_role_member").set_value(invitee.user_id)
    app.selectbox(key="team_role_value").set_value("viewer")
    app.button[[b.label for b in app.button].index("Changer le rôle")].click().run()
    assert not app.exception, app.exception
    assert any(f"{invitee.email} est maintenant lecteur" in text for text in _shown(app.success))
    members = _table(app, "E-mail")
    assert list(members.loc[members["E-mail"] == invitee.email, "Rôle"]) == ["lecteur"]
    assert list(_table(app, "État")["État"]) == ["acceptée"]

    viewer = _page(workspace=workspace.slug, test_principal=invitee)
    assert not viewer.exception, viewer.exception
    assert any("Seul un propriétaire" in text for text in _shown(viewer.caption))
    assert not [s for s in viewer.selectbox if s.key in ("team_role_member", "team_invite_role")]
    assert team.members(db, owner, workspace.id)[1].role == "viewer"


def test_last_owner_cannot_leave_but_a_member_can(as_principal):
    """Leaving as the only owner is refused with the French reason; an editor leaves and loses access."""
    db = get_database()
    owner, editor = make_user(db), make_user(db)
    workspace = create_workspace(db, owner, f"Quitter {unique_slug()[-6:]}")
    team.accept(db, editor, team.invite(db, owner, workspace.id, editor.email, "editor").token)

    app = _page(workspace=workspace.slug, test_principal=owner)
    app.checkbox(key="team_leave_sure").check().run()
    app.button(key="team_leave").click().run()
    assert not app.exception, app.exception
    assert any("Un espace garde toujours un propriétaire" in text for text in _shown(app.error))
    assert [w.slug for w in list_workspaces(db, owner)] == [workspace.slug]

    other = create_workspace(db, editor, f"Chez moi {unique_slug()[-6:]}")
    leaving = _page(workspace=workspace.slug, test_principal=editor)
    leaving.checkbox(key="team_leave_sure").check().run()
    leaving.button(key="team_leave").click().run()
    assert not leaving.exception, leaving.exception
    assert any(f"Vous avez quitté « {workspace.name} »" in text for text in _shown(leaving.success))
    assert [w.slug for w in list_workspaces(db, editor)] == [other.slug]
    assert leaving.session_state["workspace"] == other.slug


def test_settings_public_address_and_owner_only(as_principal):
    """Réglages checks the public address (French message, nothing saved) and is read-only for an editor."""
    db = get_database()
    owner, editor = make_user(db), make_user(db)
    workspace = create_workspace(db, owner, f"Réglages {unique_slug()[-6:]}")
    team.accept(db, editor, team.invite(db, owner, workspace.id, editor.email, "editor").token)

    app = _page("pages/settings.py", workspace=workspace.slug, test_principal=owner)
    assert not app.exception, app.exception
    app.text_input(key="settings_base_url").set_value("ftp://cercle.fr")
    app.button[0].click().run()
    assert any("http:// ou https://" in text for text in _shown(app.error))
    assert list_workspaces(db, owner)[0].public_base_url is None
    app.text_input(key="settings_base_url").set_value("https://cercle.mon-domaine.fr/")
    app.button[0].click().run()
    assert any("Réglages enregistrés" in text for text in _shown(app.success))
    assert list_workspaces(db, owner)[0].public_base_url == "https://cercle.mon-domaine.fr"

    as_editor = _page("pages/settings.py", workspace=workspace.slug, test_principal=editor)
    assert not as_editor.exception, as_editor.exception
    assert any("Seul un propriétaire" in text for text in _shown(as_editor.info))
    assert as_editor.button[0].disabled


def test_team_page_in_english(app_environment):
    """The language switch reaches the team page."""
    slug = unique_slug("english")
    ensure_workspace(get_database(), LOCAL_USER, slug, "English Estate")
    app = _page(workspace=slug, language="en")
    assert not app.exception, app.exception
    assert app.title[0].value == "Team and workspaces"
    assert "Members of “English Estate”" in [h.value for h in app.subheader]


def test_an_issued_invitation_is_shown_only_in_its_workspace(as_principal):
    """The link just created for workspace A is not offered again, under B's name and address, once the owner
    has switched to workspace B."""
    db = get_database()
    owner = make_user(db)
    first = create_workspace(db, owner, f"Domaine Premier {unique_slug()[-6:]}")
    second = create_workspace(db, owner, f"Domaine Second {unique_slug()[-6:]}")
    app = _page(workspace=first.slug, test_principal=owner)
    app.text_input(key="team_invite_email").set_value(f"invite-{unique_slug()[-6:]}@example.test")
    app.button[[b.label for b in app.button].index("Créer l'invitation")].click().run()
    assert not app.exception, app.exception
    token = app.code[0].value.split("invitation=", 1)[1]
    app.session_state["workspace"] = second.slug
    app.run()
    assert not app.exception, app.exception
    assert "Membres de « " + second.name + " »" in _shown(app.subheader)
    assert not app.code and not any(token in b.proto.url for b in app.get("link_button"))
    assert not any("Invitation créée" in text for text in _shown(app.success))


def test_the_invitation_leaves_the_address_bar_once_used_or_dead(as_principal):
    """After joining, and when the link can no longer be used (already used, revoked, expired, unknown), the token
    is taken out of the page's address: it is not left in the browser's history or in a copied address."""
    db = get_database()
    owner = make_user(db)
    workspace = create_workspace(db, owner, f"Domaine Lien {unique_slug()[-6:]}")
    invitee = make_user(db, email=f"lien-{unique_slug()[-6:]}@example.test")
    issued = team.invite(db, owner, workspace.id, invitee.email, "viewer")
    joining = _page(query={"invitation": issued.token}, test_principal=invitee)
    joining.button(key="team_join").click().run()
    assert not joining.exception, joining.exception
    assert "invitation" not in joining.query_params
    again = _page(query={"invitation": issued.token}, test_principal=invitee)
    assert not again.exception, again.exception
    assert any("déjà servi" in text for text in _shown(again.error)), _shown(again.error)
    assert "invitation" not in again.query_params
    unknown = _page(query={"invitation": "x" * 43}, test_principal=invitee)
    assert unknown.error and "invitation" not in unknown.query_params
