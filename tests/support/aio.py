"""Running a coroutine from a synchronous test, whatever else runs in the thread.

The browser tests' Playwright (sync API) keeps an event loop running in the main thread for the session, so
``asyncio.run`` there fails when the random order puts a unit test after them: the coroutine runs in a thread of
its own instead."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
