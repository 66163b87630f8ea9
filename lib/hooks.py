"""What every signed HTTP route (shop and Telegram webhooks) answers, and the one way it reads a body it cannot trust.

``read_body`` is the only body reader of the unauthenticated routes: a declared ``Content-Length`` over the limit is
refused before reading (413), the body is cut off as soon as it passes the limit whatever was declared (413), and the
whole body must arrive within ``BODY_DEADLINE`` seconds (408): a client sending one byte every few seconds holds
its socket for that long at most. Each refusal closes the connection, so an unread remainder is never waited for.
How many such requests may be in flight at once is capped by lib/edge.EdgeGuard.
"""

from __future__ import annotations

import asyncio

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse


def _deadline_setting() -> float:
    from lib.settings import setting

    try:
        return max(0.1, float(setting("CERCLE_BODY_DEADLINE", "10") or 10))
    except ValueError:
        return 10.0


# Seconds a whole request body may take to arrive (CERCLE_BODY_DEADLINE); a shop sends 1 MB in well under one.
BODY_DEADLINE = _deadline_setting()


def answer(status: int, description: str, *, close: bool = False) -> JSONResponse:
    """A short JSON answer the sender's logs can show; never cached. ``close`` ends the connection after it."""
    headers = {"Cache-Control": "no-store"}
    if close:
        headers["Connection"] = "close"
    return JSONResponse({"ok": status == 200, "description": description}, status_code=status, headers=headers)


class BodyRefused(Exception):
    """The body was not read: ``response`` says why (413 too large, 408 too slow, 400 incomplete)."""

    def __init__(self, response: JSONResponse) -> None:
        super().__init__(response.status_code)
        self.response = response


async def read_body(request: Request, limit: int, deadline: float | None = None) -> bytes:
    """The whole body, at most ``limit`` bytes, arrived within ``deadline`` seconds (default ``BODY_DEADLINE``).
    Raises BodyRefused with the answer to give otherwise."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyRefused(answer(413, "too large", close=True))
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(BODY_DEADLINE if deadline is None else deadline):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise BodyRefused(answer(413, "too large", close=True))
                chunks.append(chunk)
    except TimeoutError:
        raise BodyRefused(answer(408, "body too slow", close=True)) from None
    except ClientDisconnect:
        raise BodyRefused(answer(400, "incomplete body", close=True)) from None
    return b"".join(chunks)
