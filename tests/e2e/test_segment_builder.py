"""The segment builder in Chromium, the way issue #12 broke it: « Repartir de zéro » must clear what is on screen
(saving right after stored the old rules), and « Ouvrir dans le constructeur » must open a saved segment."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lib.db import LOCAL_USER, Database
from lib.segments.store import list_segments
from lib.workspaces import find_workspace
from tests.support.browser import settle, shoot


@pytest.fixture(scope="module")
def demo_db(server_with_demo, database_of_server):
    database = Database(database_of_server)
    yield database
    database.close()


def _stored(db: Database, name: str) -> dict | None:
    workspace = find_workspace(db, LOCAL_USER, "mon-domaine")
    found = [s for s in list_segments(db, LOCAL_USER, workspace.id, with_counts=False) if s.name == name]
    return found[0].rules.to_document() if found else None


def _pick(page, key: str, text: str) -> None:
    box = page.locator(f".st-key-{key} input")
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)


def _chips(page, key: str):
    return page.locator(f".st-key-{key} [data-tag]")


def test_start_over_clears_the_screen_and_saves_no_rule(server_with_demo, demo_db, page, tmp_path_factory):
    page.goto(f"{server_with_demo}/segments")
    count = page.get_by_test_id("stMetric").filter(has_text="personnes dans ce segment").get_by_test_id(
        "stMetricValue")
    expect(count).to_be_visible(timeout=60_000)
    everyone = count.inner_text()
    _pick(page, "segment_interests", "Vin rouge")
    _pick(page, "segment_channels", "WhatsApp")
    expect(_chips(page, "segment_interests")).to_have_count(1)
    expect(count).not_to_have_text(everyone)
    page.locator(".st-key-segment_reset button").click()
    settle(page)
    expect(count).to_have_text(everyone)
    expect(_chips(page, "segment_interests")).to_have_count(0)
    expect(_chips(page, "segment_channels")).to_have_count(0)
    shoot(page, tmp_path_factory.mktemp("segments"), "start-over")
    name = page.locator(".st-key-segment_name input")
    name.fill("Tout le monde, repartie de zéro")
    name.press("Enter")
    settle(page)
    page.locator(".st-key-segment_save button").click()
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_be_visible(timeout=30_000)
    assert _stored(demo_db, "Tout le monde, repartie de zéro") == {"all": []}


def test_a_saved_segment_opens_in_the_builder(server_with_demo, page, tmp_path_factory):
    page.goto(f"{server_with_demo}/segments")
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=60_000)
    page.get_by_role("tab", name="Mes segments").click()
    picker = page.locator(".st-key-segment_pick")
    picker.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Amateurs de rouge").click()
    settle(page)
    page.locator(".st-key-segment_open button").click()
    settle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("« Amateurs de rouge » est ouvert dans l'onglet « Construire »")).to_be_visible()
    page.get_by_role("tab", name="Construire").click()
    expect(_chips(page, "segment_interests")).to_have_count(4)
    expect(page.locator(".st-key-segment_name input")).to_have_value("Amateurs de rouge")
    expect(page.get_by_text("Vous modifiez « Amateurs de rouge ».")).to_be_visible()
    shoot(page, tmp_path_factory.mktemp("segments"), "opened")
