"""The contact page (Fiche contact) under AppTest: find a demo contact, give a consent with its proof, export their
data, erase them with a confirmation; viewers see but cannot act; hostile searches are shown as plain text."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.audit import entries
from lib.db import LOCAL_USER, get_database
from lib.demo import load_demo
from lib.ui.text import plain
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, make_user, unique_slug


def _page(slug: str, **state) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = slug
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    return app.switch_page("pages/contact.py").run()


def _demo_person(db, workspace_id: str) -> tuple[str, str, str, str]:
    """(id, first name, last name, phone) of a demo contact with a name, a mobile and no opt-out."""
    with db.tenant(LOCAL_USER) as conn:
        return conn.execute(
            "select id::text, first_name, last_name, phone_e164 from public.contacts where workspace_id = %s"
            " and first_name is not null and last_name is not null and phone_e164 is not null"
            " and opted_out_at is null and not consent_email order by phone_e164 limit 1",
            (workspace_id,)).fetchone()


def _button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def test_search_grant_export_and_erase_a_demo_contact(app_environment):
    db = get_database()
    workspace, _ = load_demo(db, LOCAL_USER, unique_slug("fiche"))
    contact, first, last, phone = _demo_person(db, workspace.id)
    app = _page(workspace.slug)
    assert not app.exception, app.exception
    assert app.title[0].value == "Fiche contact"

    app.text_input(key="rights_search").input(phone).run()
    assert not app.exception, app.exception
    assert app.selectbox(key="rights_contact").value == contact
    assert app.header[0].value == plain(f"{first} {last}")

    # a consent without its wording is refused, nothing changes
    app.selectbox(key="rights_consent_channel").set_value("email")
    app.text_input(key="rights_consent_source").input("Salon des vins de Pau")
    _button(app, "Enregistrer").click().run()
    assert [e.value for e in app.error] == [
        "Indiquez le texte (ou sa version) que la personne a accepté : c'est la preuve de son consentement."]
    # with its proof, it is given and appears in the history
    app.text_input(key="rights_consent_wording").input("Bulletin salon v2")
    _button(app, "Enregistrer").click().run()
    assert not app.exception, app.exception
    assert "Consentement enregistré, avec sa preuve." in [s.value for s in app.success]
    with db.tenant(LOCAL_USER) as conn:
        flag, proof = conn.execute("select consent_email, consent_proof -> 'email' from public.contacts"
                                   " where id = %s", (contact,)).fetchone()
    assert flag is True and proof["wording"] == "Bulletin salon v2" and proof["source"] == "Salon des vins de Pau"
    history = next(d.value for d in app.dataframe if "Enregistré le" in d.value.columns)
    assert "Bulletin salon v2" in set(history["Texte présenté (version)"])

    # access request: prepared once, logged without the person
    app.button(key="rights_export_prepare").click().run()
    assert not app.exception, app.exception
    downloads = [e for e in app.get("download_button")]
    assert len(downloads) == 3
    (logged,) = entries(db, LOCAL_USER, workspace.id, action="person_export")
    assert last not in str(logged.details) and phone not in str(logged.details)

    # erasure: disabled until ticked, refused when the typed name does not match, then done
    assert app.button(key="rights_erase").disabled
    app.checkbox(key=f"rights_erase_sure_{contact}").check().run()
    app.text_input(key=f"rights_erase_typed_{contact}").input("quelqu'un d'autre").run()
    app.button(key="rights_erase").click().run()
    assert "Le texte tapé ne correspond pas : rien n'a été effacé." in [e.value for e in app.error]
    with db.tenant(LOCAL_USER) as conn:
        assert conn.execute("select count(*) from public.contacts where id = %s", (contact,)).fetchone()[0] == 1
    app.text_input(key=f"rights_erase_typed_{contact}").input(f"{first.upper()}  {last}").run()
    app.button(key="rights_erase").click().run()
    assert not app.exception, app.exception
    assert "La personne a été effacée. Seule l'empreinte d'exclusion reste." in [s.value for s in app.success]
    assert not app.header
    with db.tenant(LOCAL_USER) as conn:
        assert conn.execute("select count(*) from public.contacts where id = %s", (contact,)).fetchone()[0] == 0
        assert conn.execute("select count(*) from public.suppressions where workspace_id = %s and reason = 'erasure'",
                            (workspace.id,)).fetchone()[0] >= 1
    (erased,) = entries(db, LOCAL_USER, workspace.id, action="erasure")
    assert erased.details == {"count": 1, "scope": "person"}
    # searching again finds nobody
    app.text_input(key="rights_search").input(phone).run()
    assert not app.header and not app.exception


def test_opt_out_button_and_purge_preview(app_environment):
    db = get_database()
    workspace, _ = load_demo(db, LOCAL_USER, unique_slug("stop"))
    contact, _first, _last, phone = _demo_person(db, workspace.id)
    app = _page(workspace.slug, rights_search=phone)
    app.selectbox(key="rights_optout_reason").set_value("stop")
    app.button(key="rights_optout").click().run()
    assert not app.exception, app.exception
    assert "Opposition enregistrée." in [s.value for s in app.success]
    with db.tenant(LOCAL_USER) as conn:
        reason = conn.execute("select opt_out_reason from public.contacts where id = %s", (contact,)).fetchone()[0]
    assert reason == "stop"
    assert any("Opposition enregistrée le" in w.value for w in app.warning)
    # the purge previews first: the demo is recent, nobody is inactive
    app.button(key="rights_purge_preview_button").click().run()
    assert "Aucun prospect inactif depuis plus de 36 mois : rien à purger." in [i.value for i in app.info]


def test_a_viewer_sees_the_record_but_every_action_is_disabled(app_environment):
    db = get_database()
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("lecture"), "Lecture seule")
    from lib.contacts.importer import import_rows

    import_rows(db, owner, workspace.id, ["Prénom", "Nom", "Téléphone"], [["Iris", "Lecture", "06 12 12 12 12"]],
                file_name="a.csv")
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace.id, LOCAL_USER.user_id))
    app = _page(workspace.slug, rights_search="Lecture")
    assert not app.exception, app.exception
    assert app.header[0].value == "Iris Lecture"
    assert any("lecture seule" in i.value for i in app.info)
    for key in ("rights_export_prepare", "rights_optout", "rights_erase", "rights_purge_save"):
        assert app.button(key=key).disabled, key
    assert _button(app, "Enregistrer").disabled


def test_hostile_searches_are_plain_text(app_environment):
    db = get_database()
    workspace = ensure_workspace(db, LOCAL_USER, unique_slug("hostile"), "Hostile")
    with db.admin() as conn:
        before = conn.execute("select count(*) from public.contacts").fetchone()[0]
    app = _page(workspace.slug)
    for hostile in ("[clic](https://evil.test) **gras**", "'; drop table public.contacts; --", "%_%", "é" * 100):
        app.text_input(key="rights_search").input(hostile).run()
        assert not app.exception, app.exception
        (shown,) = [i.value for i in app.info if "Personne ne correspond" in i.value]
        assert "](https" not in shown and "**" not in shown.replace("\\*", "")
    with db.admin() as conn:
        assert conn.execute("select count(*) from public.contacts").fetchone()[0] == before


def test_the_contacts_page_opens_the_record_of_the_person_searched(app_environment):
    db = get_database()
    workspace = ensure_workspace(db, LOCAL_USER, unique_slug("ouvrir"), "Ouvrir")
    from lib.contacts.importer import import_rows

    import_rows(db, LOCAL_USER, workspace.id, ["Prénom", "Nom", "Téléphone"], [["Léon", "Ouvert", "06 45 45 45 45"]],
                file_name="a.csv")
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = workspace.slug
    app.run()
    app = app.switch_page("pages/contacts.py").run()
    app.text_input(key="contacts_search").input("Ouvert").run()
    app.button(key="contacts_open_record").click().run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Fiche contact"
    assert app.text_input(key="rights_search").value == "Ouvert"
    assert app.header[0].value == "Léon Ouvert"


def test_purge_previews_then_erases_after_confirmation(app_environment):
    db = get_database()
    workspace = ensure_workspace(db, LOCAL_USER, unique_slug("purge"), "Purge")
    from lib.contacts.importer import import_rows

    import_rows(db, LOCAL_USER, workspace.id, ["Prénom", "Nom", "Téléphone"],
                [["Ancien", "Prospect", "06 71 71 71 71"], ["Récent", "Prospect", "06 72 72 72 72"]], file_name="a.csv")
    with db.admin() as conn:
        conn.execute("update public.contacts set created_at = now() - interval '4 years',"
                     " updated_at = now() - interval '4 years' where workspace_id = %s and first_name = 'Ancien'",
                     (workspace.id,))
    app = _page(workspace.slug)
    app.button(key="rights_purge_preview_button").click().run()
    assert not app.exception, app.exception
    assert "1 prospect(s) inactif(s) depuis plus de 36 mois." in [m.value for m in app.markdown]
    sample = next(d.value for d in app.dataframe if "Nom" in d.value.columns)
    assert list(sample["Nom"]) == ["Ancien Prospect"]
    assert app.button(key="rights_purge").disabled
    app.checkbox(key="rights_purge_sure").check().run()
    app.button(key="rights_purge").click().run()
    assert not app.exception, app.exception
    assert "1 prospect(s) effacé(s)." in [s.value for s in app.success]
    with db.tenant(LOCAL_USER) as conn:
        left = [r[0] for r in conn.execute("select first_name from public.contacts where workspace_id = %s",
                                           (workspace.id,))]
        suppressed = conn.execute("select count(*) from public.suppressions where workspace_id = %s",
                                  (workspace.id,)).fetchone()[0]
    assert left == ["Récent"] and suppressed == 0
    (logged,) = entries(db, LOCAL_USER, workspace.id, action="purge")
    assert logged.details == {"count": 1, "months": 36}


def test_a_purge_preview_stays_with_its_workspace(app_environment):
    """Previewed in one workspace, then the sidebar switched to another: the other workspace shows none of the
    first one's people, and its purge button does not act on the first preview's confirmation."""
    db = get_database()
    first = ensure_workspace(db, LOCAL_USER, unique_slug("purge-a"), "Purge A")
    second = ensure_workspace(db, LOCAL_USER, unique_slug("purge-b"), "Purge B")
    from lib.contacts.importer import import_rows

    import_rows(db, LOCAL_USER, first.id, ["Prénom", "Nom", "Téléphone"], [["Ancienne", "Dupremier", "06 73 73 73 73"]],
                file_name="a.csv")
    import_rows(db, LOCAL_USER, second.id, ["Prénom", "Nom", "Téléphone"],
                [["Vieux", "Dusecond", "06 74 74 74 74"]], file_name="b.csv")
    with db.admin() as conn:
        conn.execute("update public.contacts set created_at = now() - interval '4 years',"
                     " updated_at = now() - interval '4 years' where workspace_id in (%s, %s)", (first.id, second.id))
    app = _page(first.slug)
    app.button(key="rights_purge_preview_button").click().run()
    assert any("Dupremier" in str(d.value) for d in app.dataframe)
    app.session_state["workspace"] = second.slug
    app.run()
    assert not app.exception, app.exception
    assert not any("Dupremier" in str(d.value) for d in app.dataframe)
    assert not any(getattr(b, "key", None) == "rights_purge" for b in app.button)
    with db.tenant(LOCAL_USER) as conn:
        left = conn.execute("select count(*) from public.contacts where workspace_id in (%s, %s)",
                            (first.id, second.id)).fetchone()[0]
    assert left == 2
