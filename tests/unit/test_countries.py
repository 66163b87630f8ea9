"""Country cells read as ISO codes, and codes shown as names in the reader's language."""

from __future__ import annotations

import pytest

from lib.contacts.countries import country_code, country_name


@pytest.mark.parametrize(("text", "expected"), [
    ("France", "FR"), ("france ", "FR"), ("FR", "FR"), ("fr", "FR"), ("Belgique", "BE"), ("Belgium", "BE"),
    ("Suisse", "CH"), ("Royaume-Uni", "GB"), ("États-Unis", "US"), ("Guadeloupe", "GP"), ("", None),
    (None, None), ("Atlantide", None), ("ZZ", None),
])
def test_country_code(text, expected):
    """French and English names and ISO codes are understood; unknown names are not guessed."""
    assert country_code(text) == expected


@pytest.mark.parametrize(("code", "french", "english"), [
    ("FR", "France", "France"), ("YT", "Mayotte", "Mayotte"), ("GB", "Royaume-Uni", "United Kingdom"),
    ("BE", "Belgique", "Belgium"), ("US", "États-Unis", "United States"), ("?", "inconnu", "unknown"),
    (None, "inconnu", "unknown"), ("", "inconnu", "unknown"), ("ZZ", "ZZ", "ZZ"),
])
def test_countries_are_named_in_the_readers_language_never_shown_as_codes(code, french, english):
    assert (country_name(code, "fr"), country_name(code, "en")) == (french, english)


def test_pickers_show_the_name_and_keep_the_code_visible():
    from lib.i18n import set_language
    from lib.ui.text import named_country

    set_language("fr")
    assert named_country("GB") == "Royaume-Uni (GB)" and named_country("Lyon") == "Lyon"
    set_language("en")
    try:
        assert named_country("DE") == "Germany (DE)"
    finally:
        set_language("fr")


def test_region_pickers_are_in_the_order_of_their_names():
    from lib.contacts.countries import regions_by_name

    french = regions_by_name("fr")
    assert french.index("DE") < french.index("AD") < french.index("AE") < french.index("ES") < french.index("FR")
    english = regions_by_name("en")
    assert english.index("AD") < english.index("FR") < english.index("DE") < english.index("ES")
