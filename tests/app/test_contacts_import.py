"""The import wizard under AppTest: upload a messy French CSV, see the cleaned preview, import, read the report."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.db import LOCAL_USER, get_database
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, unique_slug

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "import" / "salon-lyon.csv"


def _contacts_page(slug: str) -> AppTest:
    ensure_workspace(get_database(), LOCAL_USER, slug, "Essai import")
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = slug
    app.run()
    return app.switch_page("pages/contacts.py").run()


def _count(slug: str) -> int:
    db = get_database()
    workspace = ensure_workspace(db, LOCAL_USER, slug)
    with db.tenant(LOCAL_USER) as conn:
        return conn.execute("select count(*) from public.contacts where workspace_id = %s",
                            (workspace.id,)).fetchone()[0]


def test_upload_preview_import_and_report(app_environment):
    """A cp1252, semicolon, messy-phone file is read, previewed cleaned, imported, and reported in French."""
    slug = unique_slug("at")
    app = _contacts_page(slug)
    app.file_uploader(key="contacts_upload").upload("salon-lyon.csv", FIXTURE.read_bytes(), "text/csv")
    app.run()
    assert not app.exception, app.exception
    assert any("8 lignes" in c.value for c in app.caption)
    preview = next(d.value for d in app.dataframe if "phone_e164" in d.value.columns)
    assert "+33612345678" in set(preview["phone_e164"])
    assert "refused" not in set(preview["status"])  # statuses are shown translated
    assert "Refusé" in set(preview["status"])
    app.button(key="contacts_run_import").click().run(timeout=120)
    assert not app.exception, app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Personnes créées"] == "6"
    assert metrics["Non importées"] == "1"
    assert metrics["Lignes fusionnées"] == "1"  # Camille twice: her second row completes the first
    lost = next(d.value for d in app.table if "Que faire" in d.value.columns)
    # Léa's number in scientific notation (she is kept by her email); Zoé's « pas de numéro » (not imported)
    assert list(lost["Ligne"]) == [4, 6]
    assert "notation scientifique" in lost["Pourquoi"].iloc[0] and "e-mail" in lost["La personne"].iloc[0]
    shown = " ".join(str(v) for d in [*app.dataframe, *app.table] for v in d.value.astype(str).to_numpy().ravel())
    assert "scientific_notation" not in shown and "international_prefix_00" not in shown
    assert any("Numéros réparés" in e.label for e in app.expander)
    assert _count(slug) == 6

    # the same file again: nothing new, and the page says so
    app.button(key="contacts_run_import").click().run(timeout=120)
    assert any("rien de nouveau" in i.value for i in app.info)
    assert _count(slug) == 6


def test_a_hostile_file_is_refused_with_a_sentence_and_nothing_stored(app_environment):
    """A PDF renamed .csv gets a plain French refusal; the workspace stays empty."""
    slug = unique_slug("at")
    app = _contacts_page(slug)
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
    app.file_uploader(key="contacts_upload").upload("contacts.csv", pdf, "text/csv")
    app.run()
    assert not app.exception, app.exception
    assert app.error and app.error[0].value
    assert "Traceback" not in app.error[0].value
    assert _count(slug) == 0


def test_a_refused_file_leaves_the_list_and_history_tabs_working(app_environment):
    """#13 item 10: while a refused file sat in the uploader, « Liste » and « Historique » were empty."""
    slug = unique_slug("at")
    app = _contacts_page(slug)
    app.file_uploader(key="contacts_upload").upload("salon-lyon.csv", FIXTURE.read_bytes(), "text/csv")
    app.run()
    app.button(key="contacts_run_import").click().run(timeout=120)
    app.file_uploader(key="contacts_upload").upload("contacts.csv", b"%PDF-1.7\n1 0 obj\n", "text/csv")
    app.run()
    assert not app.exception, app.exception
    assert app.error and "Traceback" not in app.error[0].value
    assert any("camille.martin@orange.fr" in d.value.astype(str).to_numpy() for d in app.dataframe)  # the list
    history = next(d.value for d in app.dataframe if "Fichier" in d.value.columns)
    assert list(history["Fichier"]) == ["salon-lyon.csv"]


def test_history_dates_are_in_paris_time(app_environment):
    """#13: the history showed UTC, the audit page Paris time: one hour apart for the same import."""
    from lib.audit import local_time

    slug = unique_slug("at")
    app = _contacts_page(slug)
    app.file_uploader(key="contacts_upload").upload("salon-lyon.csv", FIXTURE.read_bytes(), "text/csv")
    app.run()
    app.button(key="contacts_run_import").click().run(timeout=120)
    db = get_database()
    workspace = ensure_workspace(db, LOCAL_USER, slug)
    with db.tenant(LOCAL_USER) as conn:
        created_at = conn.execute("select created_at from public.imports where workspace_id = %s",
                                  (workspace.id,)).fetchone()[0]
    history = next(d.value for d in app.dataframe if "Fichier" in d.value.columns)
    assert list(history["Date"]) == [local_time(created_at)]


def test_an_over_long_town_is_a_listed_remark_not_an_english_error_box(app_environment):
    """#13 item 10: a 9,000-character town broke the city index and showed Streamlit's English error box."""
    import random
    import string

    town = "".join(random.Random(9).choices(string.ascii_letters, k=9_000))  # does not compress
    data = f"Prénom;Portable;Ville\nAnne;06 12 34 56 78;Lyon\nLéo;07 81 22 33 44;{town}\n".encode()
    slug = unique_slug("at")
    app = _contacts_page(slug)
    app.file_uploader(key="contacts_upload").upload("ville.csv", data, "text/csv")
    app.run()
    app.button(key="contacts_run_import").click().run(timeout=120)
    assert not app.exception, app.exception
    assert {m.label: m.value for m in app.metric}["Personnes créées"] == "2"
    assert any("Autres remarques : 1" in i.value for i in app.info)
    notes = next(d.value for d in app.table if "Explication" in d.value.columns)
    assert list(notes["Ligne"]) == [3] and "trop longue" in notes["Explication"].iloc[0]
    assert _count(slug) == 2


def test_the_import_offered_for_undo_is_the_newest_after_another_import(app_environment):
    """« Import à annuler » kept pointing at the older import after a new one (the widget kept its choice)."""
    slug = unique_slug("undo")
    app = _contacts_page(slug)
    for name in ("premier.csv", "second.csv"):
        app.file_uploader(key="contacts_upload").upload(name, FIXTURE.read_bytes(), "text/csv")
        app.run()
        app.button(key="contacts_run_import").click().run(timeout=120)
        assert not app.exception, app.exception
        pick = app.selectbox(key="contacts_undo_pick")
        assert name in pick.format_func(pick.value)
