"""Country cells read as ISO codes."""

from __future__ import annotations

import pytest

from lib.contacts.countries import country_code


@pytest.mark.parametrize(("text", "expected"), [
    ("France", "FR"), ("france ", "FR"), ("FR", "FR"), ("fr", "FR"), ("Belgique", "BE"), ("Belgium", "BE"),
    ("Suisse", "CH"), ("Royaume-Uni", "GB"), ("États-Unis", "US"), ("Guadeloupe", "GP"), ("", None),
    (None, None), ("Atlantide", None), ("ZZ", None),
])
def test_country_code(text, expected):
    """French and English names and ISO codes are understood; unknown names are not guessed."""
    assert country_code(text) == expected
