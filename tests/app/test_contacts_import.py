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
    assert metrics["Nouveaux"] == "6"
    assert metrics["Refusés"] == "1"
    issues = next(d.value for d in app.dataframe if "Code" in d.value.columns)
    assert "scientific_notation" in set(issues["Code"])
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
