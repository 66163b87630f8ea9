"""The French/English catalog is complete and consistent."""

from __future__ import annotations

import pytest

from lib.i18n import CATALOG, LANGUAGES, placeholders, set_language, t


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_message_has_french_and_english_with_the_same_placeholders(key):
    """No sentence is missing a language or a placeholder in one of them."""
    texts = CATALOG[key]
    assert set(texts) == set(LANGUAGES), key
    assert all(texts[lang].strip() for lang in LANGUAGES), key
    assert placeholders(texts["fr"]) == placeholders(texts["en"]), key


def test_french_is_the_default_and_english_is_available():
    """t() speaks French unless the session chose English."""
    set_language("fr")
    assert t("nav.settings") == "Réglages"
    set_language("en")
    assert t("nav.settings") == "Settings"
    set_language("xx")
    assert t("nav.settings") == "Réglages"


def test_unknown_key_shows_itself_instead_of_crashing():
    """A missing translation is visible, not fatal."""
    assert t("no.such.key") == "no.such.key"
