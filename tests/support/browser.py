"""Playwright helpers for the marketer's journey tests: the sidebar, the navigation, screenshots to look at."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

SETTLE_MS = 1500


def settle(page) -> None:
    """Waits until Streamlit has finished the current run (no running indicator, network quiet)."""
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    page.wait_for_timeout(300)


def open_page(page, name: str) -> None:
    """Clicks ``name`` in the sidebar's navigation, as a marketer does."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    settle(page)


def sidebar_choice(page, key: str):
    """The sidebar selectbox whose key is ``key`` (its combobox's value is the option shown)."""
    return page.get_by_test_id("stSidebar").locator(f".st-key-{key}")


def expect_sidebar_choice(page, key: str, option: str, timeout: float = 30_000) -> None:
    expect(sidebar_choice(page, key).get_by_role("combobox")).to_have_value(option, timeout=timeout)


def pick_in_sidebar(page, key: str, option: str) -> None:
    sidebar_choice(page, key).get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=option).click()
    settle(page)


def shoot(page, folder: Path, name: str) -> Path:
    """A full-page PNG kept for a person to look at."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
