"""Declared purchasing ability: a budget per bottle as people write it, read as a range in euros."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\d+(?:[.,]\d{1,2})?")
_BELOW = re.compile(r"(^|\s)(<|<=|≤|moins de|max(imum)?|jusqu'?[àa]|under|below|up to|less than)", re.I)
_ABOVE = re.compile(r"(^|\s)(>|>=|≥|plus de|au moins|min(imum)?|[àa] partir de|over|above|more than|at least)", re.I)
_ABOVE_SUFFIX = re.compile(r"(\+|et plus|ou plus|and more|or more)\s*$", re.I)
MAX_PLAUSIBLE_EUR = 100_000


def parse_budget(text: str | None) -> tuple[float | None, float | None] | None:
    """``(min, max)`` in euros from ``"< 15 €"``, ``"15-30"``, ``"80"``, ``"entre 20 et 40 euros"``...

    An open side is ``None``. Returns ``None`` when the text holds no usable amount.
    """
    if not text:
        return None
    cleaned = text.strip().replace("\u00a0", " ").replace("€", " ").lower()
    amounts = [float(n.replace(",", ".")) for n in _NUMBER.findall(cleaned)]
    amounts = [a for a in amounts if 0 < a <= MAX_PLAUSIBLE_EUR]
    if not amounts:
        return None
    if len(amounts) >= 2:
        low, high = sorted(amounts[:2])
        return (low, high)
    amount = amounts[0]
    if _BELOW.search(cleaned):
        return (None, amount)
    if _ABOVE.search(cleaned) or _ABOVE_SUFFIX.search(cleaned):
        return (amount, None)
    return (amount, amount)
