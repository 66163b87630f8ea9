"""A marketer builds « amateurs de rouge, budget ≥ 30 €, joignables sur WhatsApp » in Chromium."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def _pick(page, key: str, text: str) -> None:
    box = page.locator(f".st-key-{key} input")
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def test_build_a_segment_by_clicking(server_with_demo, page, tmp_path_factory):
    """Interests, budget and channel chosen with the mouse and keyboard; the count and sentence follow."""
    page.goto(f"{server_with_demo}/segments")
    expect(page.locator("h1").first).to_contain_text("Segments", timeout=30_000)
    count = page.get_by_test_id("stMetric").filter(has_text="personnes dans ce segment")
    expect(count).to_be_visible(timeout=30_000)
    everyone = count.inner_text()
    _pick(page, "segment_interests", "Vin rouge")
    budget = page.locator(".st-key-segment_budget_min input")
    budget.fill("30")
    budget.press("Enter")
    _pick(page, "segment_channels", "WhatsApp")
    sentence = page.locator(".st-key-segment_sentence")
    expect(sentence).to_contain_text("intéressés par « Vin rouge », budget déclaré allant jusqu'à 30 € ou plus, "
                                     "joignables sur WhatsApp", timeout=30_000)
    expect(count).not_to_have_text(everyone)
    assert re.search(r"\d", count.inner_text())
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_timeout(1500)
    shot = tmp_path_factory.mktemp("shots") / "segment-builder.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
