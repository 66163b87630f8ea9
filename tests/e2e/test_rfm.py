"""A marketer picks observed buyer groups (RFM from the demo's orders) in Chromium and reads the sentence."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import expect


def test_pick_loyal_and_top_customers_in_the_browser(server_with_demo, page, tmp_path_factory):
    """The buyer groups are offered with their sizes and definitions; picking two changes the count and sentence."""
    page.goto(f"{server_with_demo}/segments")
    count = page.get_by_test_id("stMetric").filter(has_text="personnes dans ce segment")
    expect(count).to_be_visible(timeout=30_000)
    everyone = count.inner_text()
    box = page.locator(".st-key-segment_rfm_box")
    expect(box).to_contain_text("acheteurs parmi vos contacts", timeout=30_000)
    tiers = page.locator(".st-key-segment_rfm_tiers input")
    for name in ("client fidèle", "grand client"):
        tiers.click()
        tiers.fill(name)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
    box.get_by_text("Comment ces groupes sont définis").click()
    expect(box).to_contain_text("à réveiller")
    sentence = page.locator(".st-key-segment_sentence")
    expect(sentence).to_contain_text("achats observés : client fidèle ou grand client", timeout=30_000)
    expect(count).not_to_have_text(everyone)
    assert re.search(r"\d", count.inner_text())
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_timeout(1500)
    folder = Path(os.environ.get("CERCLE_SHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "segment-rfm.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    sentence.scroll_into_view_if_needed()
    page.screenshot(path=str(folder / "segment-rfm-count.png"))
