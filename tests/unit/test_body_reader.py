"""lib/hooks.read_body, the one body reader of the unauthenticated routes: size and time bounded."""

from __future__ import annotations

import asyncio

import pytest
from starlette.requests import Request

from lib.hooks import BodyRefused, read_body
from tests.support.aio import run as run_coroutine


def _request(chunks: list[bytes], *, gap: float = 0.0, declared: int | None = None) -> Request:
    queue = list(chunks)

    async def receive():
        if gap:
            await asyncio.sleep(gap)
        body = queue.pop(0) if queue else b""
        return {"type": "http.request", "body": body, "more_body": bool(queue)}

    headers = [(b"content-length", str(declared).encode())] if declared is not None else []
    return Request({"type": "http", "method": "POST", "path": "/hooks/shopify", "headers": headers}, receive)


def _refusal(coroutine) -> tuple[int, str | None]:
    with pytest.raises(BodyRefused) as refused:
        run_coroutine(coroutine)
    return refused.value.response.status_code, refused.value.response.headers.get("connection")


def test_a_body_within_its_limits_is_read_whole():
    assert run_coroutine(read_body(_request([b"ab", b"cd"]), 10, deadline=5)) == b"abcd"


def test_a_body_trickling_in_is_cut_at_the_deadline_with_408_and_the_connection_closed():
    # one byte every 0.05 s of a 1,000-byte body: the deadline (0.3 s) comes long before the end
    assert _refusal(read_body(_request([b"x"] * 1000, gap=0.05), 2000, deadline=0.3)) == (408, "close")


def test_a_body_over_the_limit_is_refused_declared_or_not():
    assert _refusal(read_body(_request([b"x"], declared=11), 10, deadline=5)) == (413, "close")
    assert _refusal(read_body(_request([b"x" * 6, b"x" * 6]), 10, deadline=5)) == (413, "close")
