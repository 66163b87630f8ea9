"""What every signed HTTP route (shop and Telegram webhooks) answers and how it reads a body it cannot trust."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse


def answer(status: int, description: str) -> JSONResponse:
    """A short JSON answer the sender's logs can show; never cached."""
    return JSONResponse({"ok": status == 200, "description": description}, status_code=status,
                        headers={"Cache-Control": "no-store"})


async def bounded_body(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it passes ``limit`` bytes (whatever Content-Length claimed)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
