"""In Chromium: a producer drops a French WooCommerce export on the conversions page, then records a sale made at
the cellar door, and sees both in the latest orders."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.db import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "orders" / "woocommerce_orders_fr.csv"
GENERIC = PROJECT_ROOT / "tests" / "fixtures" / "orders" / "generic_orders.csv"


def test_upload_a_woocommerce_export_and_record_a_cellar_door_sale(server, page, tmp_path_factory):
    shots = tmp_path_factory.mktemp("shots")
    page.goto(f"{server}/conversions")
    expect(page.locator("h1").first).to_contain_text("Conversions", timeout=30_000)
    page.get_by_text("Importer les commandes").first.click()
    page.locator(".st-key-orders_upload input[type=file]").set_input_files(str(FIXTURE))
    expect(page.get_by_text("Export de commandes WooCommerce reconnu")).to_be_visible(timeout=60_000)
    page.locator(".st-key-orders_import button").click()
    expect(page.get_by_text("5 commandes lues, 2 ventes pour 1\u202f324,50 €")).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / "orders-woocommerce.png"), full_page=True)

    page.get_by_text("Saisir une vente (caveau, salon)").first.click()
    page.locator(".st-key-orders_m_amount input").fill("86,40")
    page.locator(".st-key-orders_m_name input").fill("Visiteur du salon")
    page.locator(".st-key-orders_m_declared input").fill("Salon des vins de Loire")
    page.locator(".st-key-orders_m_submit button").click()
    expect(page.get_by_text("enregistrée : 86,40 €")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / "orders-manual.png"), full_page=True)
    assert (shots / "orders-manual.png").stat().st_size > 10_000

    # any other file: the columns are guessed, the user checks them, then imports
    page.locator(".st-key-orders_upload input[type=file]").set_input_files(str(GENERIC))
    expect(page.get_by_text("Quelle colonne contient quoi ?")).to_be_visible(timeout=60_000)
    expect(page.locator(".st-key-orders_map_number input")).to_have_value("Ticket (ex. C-101)")
    page.locator(".st-key-orders_map_number").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / "orders-mapping.png"), full_page=True)
    page.locator(".st-key-orders_import button").click()
    expect(page.get_by_text("3 commandes lues, 3 ventes pour 1\u202f298,00 €")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
