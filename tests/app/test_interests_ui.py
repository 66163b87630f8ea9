"""The interests vocabulary section under AppTest: counts shown, rename and merge clicked through, in French."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.contacts.importer import import_rows
from lib.db import LOCAL_USER, get_database
from lib.segments.interests import interest_counts
from lib.workspaces import ensure_workspace
from tests.support.db import unique_slug

# The segments page will show the section in a tab; this page holds only the section.
SCRIPT = """
from lib.ui.interests import render_vocabulary
from lib.ui.session import apply_language, context

apply_language()
render_vocabulary(context())
"""
COLUMNS = ["Prénom", "Téléphone", "Goûts"]
ROWS = [["Camille", "06 12 34 56 78", "Vins rouges, bulles"],
        ["Hugo", "07 81 22 33 44", "rouge, Saint-Émilion"]]


def _workspace(with_contacts: bool = True):
    db = get_database()
    workspace = ensure_workspace(db, LOCAL_USER, unique_slug("vocab"), "Vocabulaire")
    if with_contacts:
        import_rows(db, LOCAL_USER, workspace.id, COLUMNS, ROWS, file_name="salon.csv")
    return workspace


def _section(slug: str, **state) -> AppTest:
    app = AppTest.from_string(SCRIPT, default_timeout=60)
    app.session_state["workspace"] = slug
    for key, value in state.items():
        app.session_state[key] = value
    return app.run()


def _counts(workspace_id: str) -> dict[str, int]:
    return {c.label: c.contacts for c in interest_counts(get_database(), LOCAL_USER, workspace_id)}


def _table(app: AppTest):
    return next(d.value for d in app.dataframe if "Centre d'intérêt" in d.value.columns)


def test_section_shows_counts_in_french(app_environment):
    """The table lists each interest with its contacts and spellings; the chart is drawn."""
    workspace = _workspace()
    app = _section(workspace.slug)
    assert not app.exception, app.exception
    table = _table(app).set_index("Centre d'intérêt")
    assert table.loc["Vin rouge", "Contacts"] == 2
    assert table.loc["Saint-Émilion", "Origine"] == "Nouveau, venu d'un fichier"
    assert "bulles" in table.loc["Champagne & crémants", "Autres façons de l'écrire"]
    assert len(app.get("vega_lite_chart")) == 1


def test_rename_from_the_form_relabels_contacts(app_environment):
    """Renaming through the form updates the table, the contacts, and says so in a sentence."""
    workspace = _workspace()
    app = _section(workspace.slug)
    app.selectbox(key="interests_rename_source").set_value("Vin rouge")
    app.text_input(key="interests_rename_label").input("Rouges de garde")
    app.button(key="interests_rename_submit").click().run()
    assert not app.exception, app.exception
    assert any("s'appelle désormais « Rouges de garde »" in s.value for s in app.success)
    assert _table(app).set_index("Centre d'intérêt").loc["Rouges de garde", "Contacts"] == 2
    assert _counts(workspace.id).get("Vin rouge") is None
    assert app.selectbox(key="interests_rename_source").value == "Rouges de garde"


def test_an_empty_name_is_refused_with_a_sentence(app_environment):
    """An empty new name shows a French error and renames nothing."""
    workspace = _workspace()
    app = _section(workspace.slug)
    app.selectbox(key="interests_rename_source").set_value("Vin rouge")
    app.text_input(key="interests_rename_label").input("   ")
    app.button(key="interests_rename_submit").click().run()
    assert any("ne peut pas être vide" in e.value for e in app.error)
    assert _counts(workspace.id)["Vin rouge"] == 2


def test_merge_needs_confirmation_then_rewrites_contacts(app_environment):
    """Without the box ticked nothing changes; ticked, the source joins the target."""
    workspace = _workspace()
    app = _section(workspace.slug)
    app.selectbox(key="interests_merge_source").set_value("Saint-Émilion")
    app.selectbox(key="interests_merge_target").set_value("Bordeaux")
    app.button(key="interests_merge_submit").click().run()
    assert any("Cochez la confirmation" in w.value for w in app.warning)
    assert _counts(workspace.id)["Saint-Émilion"] == 1
    app.selectbox(key="interests_merge_source").set_value("Saint-Émilion")
    app.selectbox(key="interests_merge_target").set_value("Bordeaux")
    app.checkbox(key="interests_merge_confirm").check()
    app.button(key="interests_merge_submit").click().run()
    assert not app.exception, app.exception
    assert any("a rejoint « Bordeaux »" in s.value for s in app.success)
    counts = _counts(workspace.id)
    assert "Saint-Émilion" not in counts and counts["Bordeaux"] == 1


def test_synonym_added_from_the_form(app_environment):
    """A spelling added in the synonyms tab shows up beside its interest."""
    workspace = _workspace()
    app = _section(workspace.slug)
    app.selectbox(key="interests_synonym_interest").set_value("Champagne & crémants")
    app.text_input(key="interests_synonym_new").input("pet nat")
    app.button(key="interests_synonym_add").click().run()
    assert not app.exception, app.exception
    assert "pet nat" in _table(app).set_index("Centre d'intérêt").loc["Champagne & crémants",
                                                                       "Autres façons de l'écrire"]


def test_contacts_from_before_the_vocabulary_are_filed_with_one_click(app_environment):
    """Raw labels stored earlier are pointed out, and the remap button files them under the vocabulary."""
    workspace = _workspace(with_contacts=False)
    with get_database().tenant(LOCAL_USER) as conn:
        conn.execute("insert into public.contacts (workspace_id, phone_e164, interests) "
                     "values (%s, '+33612345678', array['vins rouges', 'bulles'])", (workspace.id,))
    app = _section(workspace.slug)
    assert any("antérieurs) : 2." in w.value.replace("\\", "") for w in app.warning)
    app.button(key="interests_remap").click().run()
    assert not app.exception, app.exception
    assert any("rangés dans le vocabulaire : 1." in s.value.replace("\\", "") for s in app.success)
    assert not app.warning
    counts = _counts(workspace.id)
    assert counts["Vin rouge"] == 1 and counts["Champagne & crémants"] == 1


def test_empty_workspace_guides_towards_an_import_and_speaks_english(app_environment):
    """With no contact yet the section says how to fill it, in English when chosen."""
    workspace = _workspace(with_contacts=False)
    app = _section(workspace.slug, language="en")
    assert not app.exception, app.exception
    assert any("Import a file" in i.value for i in app.info)
    assert app.button(key="interests_rename_submit").label == "Rename"
