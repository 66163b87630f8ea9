"""In Chromium, on the demo: the conversions page tells its story (figures, charts drawn in French), a Shopify
export dropped on it is imported, and the funnel is there."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.support.db import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "orders" / "shopify_orders.csv"


def test_demo_story_then_upload_a_shopify_export_and_see_the_funnel(server_with_demo, page, tmp_path_factory):
    shots = tmp_path_factory.mktemp("shots")
    started = time.perf_counter()
    page.goto(f"{server_with_demo}/conversions")
    expect(page.locator("h1").first).to_contain_text("Conversions", timeout=30_000)
    expect(page.get_by_test_id("stMetric").first).to_contain_text("CA des communautés", timeout=60_000)
    expect(page.get_by_text("Du contact à l'achat", exact=True)).to_be_visible(timeout=60_000)
    charts = page.locator(".vega-embed")
    expect(charts).to_have_count(5, timeout=60_000)
    rendered = time.perf_counter() - started
    page.get_by_role("button", name="Préparer le résumé (PDF, PNG)").click()
    expect(page.get_by_role("button", name="Résumé d'une page pour un partenaire (PDF)")).to_be_visible(
        timeout=60_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / "conversions-demo.png"), full_page=True)
    print(f"conversions page with the demo rendered in {rendered:.1f} s; screenshots in {shots}")

    page.get_by_text("Importer les commandes").first.click()
    page.locator(".st-key-orders_upload input[type=file]").set_input_files(str(FIXTURE))
    page.locator(".st-key-orders_import button").click()
    expect(page.get_by_text(re.compile(r"5 commandes lues, 2 ventes pour 189,90"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Du contact à l'achat", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"Sur [\d\u202f]+ contacts, [\d\u202f]+ sont joignables"))).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / "conversions-after-upload.png"), full_page=True)
    assert (shots / "conversions-after-upload.png").stat().st_size > 50_000
