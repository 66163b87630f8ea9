"""The activity log in Réglages under AppTest: shown after an import, filtered, empty state, exports recorded."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.audit import entries
from lib.contacts.importer import import_rows
from lib.db import LOCAL_USER, get_database
from lib.segments.store import save_segment
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, unique_slug

COLUMNS = ["Prénom", "Téléphone", "E-mail", "Ville"]
ROWS = [["Camille", "06 12 34 56 78", "camille@example.fr", "Lyon"],
        ["Hugo", "07 81 22 33 44", "hugo@example.fr", "Pau"]]


def _page(page: str, slug: str, **state) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = slug
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    return app.switch_page(page).run()


def _workspace(with_import: bool = True):
    db = get_database()
    workspace = ensure_workspace(db, LOCAL_USER, unique_slug("journal"), "Journal")
    if with_import:
        import_rows(db, LOCAL_USER, workspace.id, COLUMNS, ROWS, file_name="salon-lyon.csv")
    return workspace


def _journal(app: AppTest):
    return next(d.value for d in app.dataframe if "Quoi" in d.value.columns)


def test_settings_page_shows_the_journal_after_an_import(app_environment):
    """Réglages lists the import in French, with who did it; nothing of the contacts is shown."""
    workspace = _workspace()
    app = _page("pages/settings.py", workspace.slug)
    assert not app.exception, app.exception
    assert "Journal d'activité" in [h.value for h in app.subheader]
    journal = _journal(app)
    assert list(journal.columns) == ["Quand", "Qui", "Action", "Quoi"]
    assert len(journal) == 1
    row = journal.iloc[0]
    assert row["Qui"] == LOCAL_USER.email
    assert row["Action"] == "Import"
    assert row["Quoi"] == ("Import du fichier « n°1 » : 2 lignes, 2 contacts ajoutés, 0 mis à jour, "
                           "0 lignes refusées.")
    shown = journal.to_csv()
    assert "Camille" not in shown and "example.fr" not in shown and "12 34" not in shown


def test_saving_settings_then_filtering_by_action(app_environment):
    """A saved setting appears in the journal; filtering on « Réglages modifiés » hides the import."""
    workspace = _workspace()
    app = _page("pages/settings.py", workspace.slug)
    app.text_input(key="settings_name").set_value("Château Neuf")
    app.button[0].click().run()
    assert not app.exception, app.exception
    assert len(_journal(app)) == 2
    app.selectbox(key="audit_action").set_value("settings_changed").run()
    journal = _journal(app)
    assert list(journal["Quoi"]) == ["Réglages modifiés : nom du domaine."]
    app.selectbox(key="audit_action").set_value("export").run()
    assert not [d for d in app.dataframe if "Quoi" in d.value.columns]
    assert any("Rien dans le journal" in i.value for i in app.info)


def test_empty_journal_says_so(app_environment):
    """A workspace where nothing happened yet shows the empty state, in English too."""
    workspace = _workspace(with_import=False)
    app = _page("pages/settings.py", workspace.slug)
    assert not app.exception, app.exception
    assert any("Rien dans le journal" in i.value for i in app.info)
    english = _page("pages/settings.py", workspace.slug, language="en")
    assert not english.exception, english.exception
    assert "Activity log" in [h.value for h in english.subheader]


def test_preparing_exports_is_recorded(app_environment):
    """The contacts page's export (all contacts) and a segment's export are both in the log with their counts."""
    workspace = _workspace()
    db = get_database()
    save_segment(db, LOCAL_USER, workspace.id, "Lyonnais", {"all": [{"field": "city", "op": "in", "value": ["Lyon"]}]})
    contacts = _page("pages/contacts.py", workspace.slug)
    contacts.button(key="contacts_prepare_export").click().run()
    assert not contacts.exception, contacts.exception
    segments = _page("pages/segments.py", workspace.slug)
    segments.button(key="segment_prepare_export").click().run()
    assert not segments.exception, segments.exception
    found = entries(db, LOCAL_USER, workspace.id, action="export")
    assert [e.details for e in found] == [
        {"rows": 1, "segment": "Lyonnais", "scope": "segment", "via": "app"},
        {"rows": 2, "scope": "all", "via": "app"},
    ]
    journal = _journal(_page("pages/settings.py", workspace.slug))
    assert "Export du segment « Lyonnais » : 1 contacts." in set(journal["Quoi"])
