"""The marketer's journey under AppTest: the workspace and language a session chose, and what a reload reads back
from the address (?ws=<slug>&lang=en)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.db import LOCAL_USER, get_database
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, unique_slug


def _app(**params: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app


def _param(app: AppTest, key: str) -> str | None:
    value = app.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def test_a_reload_reads_the_workspace_and_language_back_from_the_address(app_environment):
    slug = unique_slug("relu")
    ensure_workspace(get_database(), LOCAL_USER, unique_slug("autre"), "Un autre domaine")
    ensure_workspace(get_database(), LOCAL_USER, slug, "Domaine relu")
    app = _app(ws=slug, lang="en").run()
    assert not app.exception, app.exception
    assert app.session_state["workspace"] == slug and app.session_state["language"] == "en"
    assert app.title[0].value == "Home · Domaine relu"
    assert app.selectbox(key="workspace_picker").value == slug
    assert app.selectbox(key="language_picker").value == "en"
    app.switch_page("pages/segments.py").run()
    assert app.session_state["workspace"] == slug
    assert _param(app, "ws") == slug and _param(app, "lang") == "en"


def test_a_workspace_the_user_is_not_member_of_is_ignored_silently(app_environment, db):
    from tests.support.db import make_user

    stranger = make_user(db)
    theirs = unique_slug("pas-a-moi")
    ensure_workspace(db, stranger, theirs, "Pas à moi")
    app = _app(ws=theirs, lang="xx").run()
    assert not app.exception, app.exception
    assert not app.error
    assert app.session_state["workspace"] != theirs
    assert "Pas à moi" not in app.title[0].value
    assert app.session_state["language"] == "fr"
    assert _param(app, "ws") == app.session_state["workspace"]
    assert _param(app, "lang") is None  # French, the default, is not written


def test_the_sessions_choice_wins_over_the_address_and_survives_page_changes(app_environment):
    first, second = unique_slug("un"), unique_slug("deux")
    ensure_workspace(get_database(), LOCAL_USER, first, "Premier")
    ensure_workspace(get_database(), LOCAL_USER, second, "Second")
    app = _app(ws=first).run()
    app.selectbox(key="workspace_picker").set_value(second).run()
    assert app.title[0].value.endswith("Second")
    for page in ("pages/contacts.py", "pages/segments.py", "pages/home.py"):
        app.switch_page(page).run()
        assert not app.exception, app.exception
        assert app.session_state["workspace"] == second
        assert app.selectbox(key="workspace_picker").value == second
    assert app.title[0].value.endswith("Second")
    assert _param(app, "ws") == second


def _two_workspaces_with_people() -> tuple:
    from lib.contacts.importer import import_rows

    db = get_database()
    made = []
    for marker, phone in (("MARQUEURA", "06 11 22 33 44"), ("MARQUEURB", "06 55 66 77 88")):
        workspace = ensure_workspace(db, LOCAL_USER, unique_slug(marker.lower()), f"Domaine {marker[-1]}")
        import_rows(db, LOCAL_USER, workspace.id, ["Prénom", "Nom", "Téléphone"], [["Zoé", marker, phone]],
                    file_name="marqueur.csv")
        made.append(workspace)
    return tuple(made)


def test_a_prepared_export_is_never_offered_in_another_workspace(app_environment):
    """Contacts › Exporter prepared in A, then B chosen in the sidebar: no download of A's people under B's name;
    preparing in B holds B's people only (docs/promises.md 29)."""
    first, second = _two_workspaces_with_people()
    app = _app(ws=first.slug).run()
    app.switch_page("pages/contacts.py").run()
    app.button(key="contacts_prepare_export").click().run()
    assert not app.exception, app.exception
    assert len(app.get("download_button")) == 2
    kept = app.session_state["contacts_export"]
    assert kept[0] == first.id and "MARQUEURA" in str(kept[1])

    app.selectbox(key="workspace_picker").set_value(second.slug).run()
    assert not app.exception, app.exception
    assert app.session_state["workspace"] == second.slug
    assert not app.get("download_button"), "an export of the previous workspace is still offered"
    assert "contacts_export" not in app.session_state

    app.button(key="contacts_prepare_export").click().run()
    kept = app.session_state["contacts_export"]
    assert kept[0] == second.id and "MARQUEURB" in str(kept[1]) and "MARQUEURA" not in str(kept[1])


def test_a_prepared_export_kept_for_one_workspace_is_not_shown_in_another(app_environment):
    """Even if the switch were missed (a state restored by hand), a download kept for A is not drawn under B."""
    first, second = _two_workspaces_with_people()
    app = _app(ws=second.slug)
    app.session_state["contacts_export"] = (first.id, [["Zoé", "MARQUEURA"]])
    app.session_state["prepared_for_workspace"] = second.id
    app.run()
    app.switch_page("pages/contacts.py").run()
    assert not app.exception, app.exception
    assert not app.get("download_button")


def test_segment_export_and_builder_stay_with_their_workspace(app_environment):
    """A segment export prepared in A is gone in B, and B's builder starts blank."""
    from lib.segments.store import save_segment

    first, second = _two_workspaces_with_people()
    save_segment(get_database(), LOCAL_USER, first.id, "Tous ceux de A", {"all": []})
    app = _app(ws=first.slug).run()
    app.switch_page("pages/segments.py").run()
    app.button(key="segment_prepare_export").click().run()
    assert len(app.get("download_button")) == 2
    app.multiselect(key="segment_countries").select("FR").run()
    app.selectbox(key="workspace_picker").set_value(second.slug).run()
    assert not app.exception, app.exception
    assert not app.get("download_button")
    assert app.multiselect(key="segment_countries").value == []


def _workspace_with_a_link(public_base_url: str | None = None):
    from lib.links.communities import create_community, create_link
    from lib.workspaces import update_workspace

    db = get_database()
    workspace = ensure_workspace(db, LOCAL_USER, unique_slug("liens"), "Domaine aux liens")
    if public_base_url:
        update_workspace(db, LOCAL_USER, workspace.id, name=workspace.name, default_region="FR", is_alcohol=True,
                         public_base_url=public_base_url)
    community = create_community(db, LOCAL_USER, workspace.id, name="Le Cercle", channel="whatsapp_group",
                                 invite_url="https://chat.whatsapp.com/AbCdEfGhIjKlMnOp12")
    create_link(db, LOCAL_USER, workspace.id, community.id, source="Salon", base_url=public_base_url)
    return workspace


def _communities(slug: str) -> AppTest:
    app = _app(ws=slug).run()
    return app.switch_page("pages/communities.py").run()


def test_a_shared_instance_on_a_loopback_address_makes_no_link_qr_or_poster(app_environment, monkeypatch):
    """Sign-in configured and the public address still http://localhost:8501: the page says to set it first and
    offers no link form, QR code, poster or invitation (they would print an address nobody else can open)."""
    import lib.workspaces

    monkeypatch.setattr(lib.workspaces, "_shared_instance", lambda: True)
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://localhost:8501")
    app = _communities(_workspace_with_a_link().slug)
    assert not app.exception, app.exception
    warnings = [w.value.replace("\\", "").replace("\u2060", "") for w in app.warning]
    assert sum("adresse publique" in w and "http://localhost:8501" in w for w in warnings) == 2  # links, invitations
    assert not app.get("download_button")
    assert not [i for i in app.text_input if i.key == "link_source"]
    assert not app.get("imgs")


def test_a_shared_instance_with_its_public_address_makes_links(app_environment, monkeypatch):
    import lib.workspaces

    monkeypatch.setattr(lib.workspaces, "_shared_instance", lambda: True)
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://localhost:8501")
    app = _communities(_workspace_with_a_link("https://cercle.domaine.test").slug)
    assert not app.exception, app.exception
    assert len(app.get("download_button")) == 4
    assert not [w for w in app.warning if "adresse publique" in w.value]


def test_locally_a_loopback_address_is_fine(app_environment, monkeypatch):
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://localhost:8501")
    app = _communities(_workspace_with_a_link().slug)
    assert not app.exception, app.exception
    assert len(app.get("download_button")) == 4


def test_signing_out_forgets_the_workspace_in_the_address(monkeypatch, app_environment):
    """After « Se déconnecter » the address no longer names the workspace (the next person starts from theirs)."""
    from lib.auth.tokens import forget_key_sets
    from tests.support.auth_fake import FakeSupabaseAuth
    from tests.support.auth_fake import app_environment as auth_environment

    with FakeSupabaseAuth() as fake:
        for key, value in auth_environment(fake).items():
            monkeypatch.setenv(key, value)
        user_id = fake.create_user("alice-url@example.test", "mot-de-passe-url-1")
        from lib.auth.accounts import ensure_account
        from lib.auth.tokens import VerifiedUser
        from lib.db import Principal

        ensure_account(get_database(), VerifiedUser(user_id, "alice-url@example.test", {}))
        workspace = ensure_workspace(get_database(), Principal(user_id, "alice-url@example.test"),
                                     unique_slug("url"), "Domaine URL")
        app = _app(ws=workspace.slug, lang="en").run()
        app.text_input(key="auth_email").input("alice-url@example.test")
        app.text_input(key="auth_password").input("mot-de-passe-url-1")
        app.button(key="auth_sign_in").click().run()
        assert not app.exception, app.exception
        assert _param(app, "ws") == workspace.slug
        app.sidebar.button(key="auth_sign_out").click().run()
        assert not app.exception, app.exception
        assert _param(app, "ws") is None and _param(app, "lang") == "en"
    forget_key_sets()


def test_no_team_invitation_with_a_loopback_address_on_a_shared_instance(app_environment, db, monkeypatch):
    """Équipe, signed in on a shared instance still on http://localhost: no invitation is made, the page says to
    set the public address first; with an address set, the invitation form is there."""
    import streamlit as st

    import lib.ui.session as session
    import lib.workspaces
    from lib.workspaces import update_workspace
    from tests.support.db import make_user

    owner = make_user(db)
    monkeypatch.setattr(session, "current_principal", lambda: st.session_state.get("test_principal", owner))
    monkeypatch.setattr(lib.workspaces, "_shared_instance", lambda: True)
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://localhost:8501")
    workspace = ensure_workspace(db, owner, unique_slug("equipe"), "Domaine d'équipe")
    app = _app(ws=workspace.slug).run()
    app.switch_page("pages/team.py").run()
    assert not app.exception, app.exception
    assert any("adresse publique" in w.value for w in app.warning)
    assert not [i for i in app.text_input if i.key == "team_invite_email"]

    update_workspace(db, owner, workspace.id, name=workspace.name, default_region="FR", is_alcohol=True,
                     public_base_url="https://cercle.domaine.test")
    app.switch_page("pages/team.py").run()
    assert not [w for w in app.warning if "adresse publique" in w.value]
    assert [i for i in app.text_input if i.key == "team_invite_email"]
