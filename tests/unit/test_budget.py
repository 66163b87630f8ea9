"""Declared budgets as people write them."""

from __future__ import annotations

import pytest

from lib.segments.budget import parse_budget


@pytest.mark.parametrize(("text", "expected"), [
    ("< 15 €", (None, 15.0)),
    ("moins de 10", (None, 10.0)),
    ("15-30", (15.0, 30.0)),
    ("15 - 30 €", (15.0, 30.0)),
    ("entre 20 et 40 euros", (20.0, 40.0)),
    ("80", (80.0, 80.0)),
    ("12,50 €", (12.5, 12.5)),
    ("30€ et plus", (30.0, None)),
    ("50+", (50.0, None)),
    ("au moins 30 €", (30.0, None)),
    ("40-20", (20.0, 40.0)),
    ("Pas de budget", None),
    ("", None),
    (None, None),
    ("0", None),
])
def test_parse_budget(text, expected):
    """Each way of writing a budget per bottle reads as the right range in euros."""
    assert parse_budget(text) == expected
