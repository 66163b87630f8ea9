"""Conversion rates with honest intervals for small groups."""

from __future__ import annotations

import pytest

from lib.conversions.metrics import wilson_interval


@pytest.mark.parametrize(("successes", "trials", "low", "high"), [
    (0, 10, 0.0, 0.2775),
    (2, 3, 0.2077, 0.9385),
    (10, 10, 0.7225, 1.0),
    (50, 100, 0.4038, 0.5962),
    (1, 1000, 0.0002, 0.0056),
])
def test_wilson_interval_matches_hand_computed_values(successes, trials, low, high):
    """Reference values computed by hand with the Wilson formula, z = 1.96."""
    got_low, got_high = wilson_interval(successes, trials)
    assert got_low == pytest.approx(low, abs=1e-4)
    assert got_high == pytest.approx(high, abs=1e-4)


def test_nothing_known_without_trials_and_nonsense_is_refused():
    """No one invited: the rate could be anything; more buyers than invited is an error."""
    assert wilson_interval(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson_interval(3, 2)
