"""A marketer uploads a messy French CSV in Chromium and reads the import report."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.db import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "import" / "salon-lyon.csv"


def test_upload_and_import_a_messy_csv(server, page, tmp_path_factory):
    """Upload, see the cleaned preview, import, and see the counts and the issues list."""
    page.goto(f"{server}/contacts")
    expect(page.locator("h1").first).to_contain_text("Contacts", timeout=30_000)
    # opened first on a fresh server: still inside the app's navigation, not Streamlit's legacy auto-pages
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Accueil")).to_be_visible()
    page.locator(".st-key-contacts_upload input[type=file]").set_input_files(str(FIXTURE))
    run = page.locator(".st-key-contacts_run_import button")
    expect(run).to_contain_text("Importer 8 lignes", timeout=60_000)
    run.click()
    expect(page.get_by_text("Rapport d'import")).to_be_visible(timeout=120_000)
    expect(page.get_by_test_id("stMetric").filter(has_text="Non importées")).to_contain_text("1")
    expect(page.get_by_test_id("stMetric").filter(has_text="Lignes fusionnées")).to_contain_text("1")
    expect(page.get_by_text("Numéros perdus : 2")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    shot = tmp_path_factory.mktemp("shots") / "import-report.png"  # kept at /tmp for the report
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # the report itself, scrolled into view (Streamlit scrolls inside its own container)
    page.get_by_text("Numéros perdus : 2").scroll_into_view_if_needed()
    report_shot = shot.with_name("import-report-sections.png")
    page.screenshot(path=str(report_shot))
    assert report_shot.stat().st_size > 10_000
