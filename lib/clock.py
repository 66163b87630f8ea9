"""The one clock: what "today" and "now" mean for every rule and figure that depends on the date.

RFM recency, « ajoutés depuis », the prospect purge, invitation and link expiry, conversions periods and cohorts
all take their reference day from here, and pass it into SQL as a bound parameter (never ``now()`` hidden inside
a rule). The app and the CLI use the real day in Paris. ``CERCLE_TODAY=YYYY-MM-DD`` moves the reference day for
a whole process (tests and the CI's « a year ahead / a year back » runs set it); ``pinned()`` moves it for one
block of code.

What stays on the real time, on purpose: timestamps *recorded* by the database when something happens
(``created_at default now()``, a consent's proof), which say when a row was written; and expiry *enforced* at access
time (a tracked
link's or a team invitation's ``expires_at`` compared with the database's ``now()`` inside its security-definer
function), because a caller must never be able to choose the instant an expiry is checked against.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
ENVIRONMENT_VARIABLE = "CERCLE_TODAY"

_pinned: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar("cercle_today", default=None)


def _from_environment() -> dt.date | None:
    raw = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise RuntimeError(f"{ENVIRONMENT_VARIABLE}={raw!r} n'est pas une date AAAA-MM-JJ") from exc


def shift() -> dt.timedelta:
    """How far the reference day is from the real Paris day (zero unless a test or CI moved it)."""
    reference = _pinned.get() or _from_environment()
    if reference is None:
        return dt.timedelta(0)
    return reference - dt.datetime.now(PARIS).date()


def now() -> dt.datetime:
    """The reference instant (aware, UTC): the real instant moved by whole days when the day is moved."""
    return dt.datetime.now(dt.UTC) + shift()


def today() -> dt.date:
    """The reference day in Paris (the day a French producer lives in)."""
    return now().astimezone(PARIS).date()


@contextmanager
def pinned(day: dt.date) -> Iterator[dt.date]:
    """Within the block, ``today()`` is ``day`` (and ``now()`` moves by the same number of days)."""
    token = _pinned.set(day)
    try:
        yield day
    finally:
        _pinned.reset(token)
